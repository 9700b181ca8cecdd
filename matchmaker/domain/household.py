"""Candidate households: stages, partner work and what children's ages imply."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum

from matchmaker.domain.errors import Issue, check_choice

# Dutch school system: childcare (kinderopvang) 0–3, primary school 4–11, secondary 12–17.
PRIMARY_SCHOOL_AGE = 4
SECONDARY_SCHOOL_AGE = 12
ADULT_AGE = 18


class Stage(StrEnum):
    """Career stage of a candidate."""

    HAIO_1 = "haio_1"
    HAIO_2 = "haio_2"
    HAIO_3 = "haio_3"
    RECENTLY_REGISTERED = "recently_registered"
    LOCUM = "locum"
    ESTABLISHED = "established"


class PartnerSector(StrEnum):
    """Sector the candidate's partner works in."""

    EDUCATION = "education"
    HEALTHCARE = "healthcare"
    ICT = "ict"
    AGRICULTURE = "agriculture"
    GOVERNMENT = "government"
    BUSINESS = "business"
    ENGINEERING = "engineering"
    CULTURE = "culture"
    OTHER = "other"


class PartnerWork(StrEnum):
    """What the partner needs from the new region."""

    NEEDS_JOB = "needs_job"
    REMOTE = "remote"
    FLEXIBLE = "flexible"
    NOT_WORKING = "not_working"
    NO_PARTNER = "no_partner"


class HousingNeed(StrEnum):
    """What the household is looking for to live in."""

    BUY = "buy"
    RENT = "rent"
    EITHER = "either"
    NONE = "none"


class ChildStage(StrEnum):
    """Which facility a child needs."""

    CHILDCARE = "childcare"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    ADULT = "adult"


def child_stage(birth_year: int, year: int) -> ChildStage:
    """The facility a child born in ``birth_year`` needs in ``year``."""
    age = year - birth_year
    if age < PRIMARY_SCHOOL_AGE:
        return ChildStage.CHILDCARE
    if age < SECONDARY_SCHOOL_AGE:
        return ChildStage.PRIMARY
    if age < ADULT_AGE:
        return ChildStage.SECONDARY
    return ChildStage.ADULT


def children_needs(birth_years: list[int], year: int) -> dict[ChildStage, int]:
    """Count the children per facility they need in ``year``."""
    counts = Counter(child_stage(b, year) for b in birth_years)
    return {stage: counts[stage] for stage in ChildStage if counts[stage]}


def check_codes(
    *, stage: str, partner_work: str | None, partner_sector: str | None, housing_need: str | None
) -> list[Issue]:
    """Issues for household codes that are not in the vocabulary."""
    return [
        *check_choice("stage", stage, Stage),
        *check_choice("partner_work", partner_work, PartnerWork, optional=True),
        *check_choice("partner_sector", partner_sector, PartnerSector, optional=True),
        *check_choice("housing_need", housing_need, HousingNeed, optional=True),
    ]


class Shared(StrEnum):
    """What a candidate may let practice holders see before an introduction is accepted.

    Career stage, municipality, duo or not and the BIG check are always visible; a name and
    contact details never are, before acceptance. The match score a holder sees is computed
    from these items only (``domain.sharing`` says which item drives which part of it).
    """

    AREA = "area"  # the search area: the maximum distance and the chosen provinces
    AVAILABILITY = "availability"  # earliest and latest start, days per week
    WISHES = "wishes"  # acceptable practice forms, dispensing, the kind of building
    BUDGET = "budget"  # the goodwill budget and the housing budget
    HOUSEHOLD = "household"  # the partner's sector and whether they look for work
    CHILDREN = "children"  # how many children, and whether childcare or a school is needed
    HOUSING = "housing"  # whether the household looks for a house to rent or buy
    ABOUT = "about"  # the "Over mij" text
