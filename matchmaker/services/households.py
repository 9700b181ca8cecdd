"""A candidate's household as the incentive rules see it."""

from __future__ import annotations

from datetime import date

from matchmaker.domain import scoring as s
from matchmaker.domain.household import ChildStage, children_needs
from matchmaker.domain.incentives import Household
from matchmaker.models import CandidateProfile

# A profile's housing need, as the scoring constants name it.
HOUSING_CODES = {"buy": s.HOUSING_BUY, "rent": s.HOUSING_RENT, "either": s.HOUSING_EITHER}


def household_of(profile: CandidateProfile) -> Household:
    """The facts the incentive rules look at."""
    year = (profile.earliest_start or date.today()).year
    young = children_needs(profile.children_birth_years, year).get(ChildStage.CHILDCARE, 0)
    needs = profile.housing_need in HOUSING_CODES
    return Household(
        needs_housing=needs, children_under_four=young, home_municipality=profile.gemeentecode
    )
