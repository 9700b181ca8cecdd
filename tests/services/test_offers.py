"""Regional offers: only in one's own municipalities; counted for matching."""

from __future__ import annotations

import numpy as np
import pytest
from sqlmodel import Session, select

from matchmaker.domain.errors import DomainError, NotFound
from matchmaker.domain.roles import Role
from matchmaker.domain.scoring import JOB_LEAD_BONUS
from matchmaker.models import Offer
from matchmaker.services import matching, offers
from matchmaker.services.regions import region_table
from tests.factories import (
    create_candidate,
    create_incentive,
    create_practice,
    create_recruiter,
    create_user,
    offer_input,
)


def test_recruiter_publishes_in_own_region_only(session: Session) -> None:
    """Own municipality: stored with its location; another: NotFound and nothing stored."""
    recruiter = create_recruiter(session)
    offer = offers.create_offer(session=session, user=recruiter, data=offer_input())
    assert (offer.gemeentecode, offer.postcode) == ("GM0171", "8302") and offer.lat
    with pytest.raises(NotFound):
        offers.create_offer(
            session=session, user=recruiter, data=offer_input(gemeentecode="GM0363")
        )
    with pytest.raises(NotFound):
        offers.create_offer(
            session=session, user=create_user(session, Role.HOLDER), data=offer_input()
        )
    assert len(session.exec(select(Offer)).all()) == 1


def test_incomplete_offer_is_refused(session: Session) -> None:
    """A housing offer without price is a field error; nothing stored."""
    recruiter = create_recruiter(session)
    with pytest.raises(DomainError) as exc:
        offers.create_offer(session=session, user=recruiter, data=offer_input(price=None))
    assert exc.value.issues[0].field == "price"
    assert session.exec(select(Offer)).all() == []


def test_other_recruiters_cannot_edit_or_delete(session: Session) -> None:
    """An offer in someone else's region is NotFound for editing and deleting."""
    offer = offers.create_offer(session=session, user=create_recruiter(session), data=offer_input())
    other = create_recruiter(session, regions=("GM0363",))
    with pytest.raises(NotFound):
        offers.update_offer(
            session=session, user=other, offer_id=offer.id, data=offer_input(title="Gekaapt")
        )
    with pytest.raises(NotFound):
        offers.delete_offer(session=session, user=other, offer_id=offer.id)
    session.refresh(offer)
    assert offer.title == "Gezinswoning Emmeloord"


def test_counts_per_municipality_and_sector(session: Session) -> None:
    """Housing offers, job leads per sector and childcare places are counted for matching."""
    r = create_recruiter(session)
    offers.create_offer(session=session, user=r, data=offer_input())
    offers.create_offer(
        session=session,
        user=r,
        data=offer_input(
            kind="job_lead", sector="education", employer="CSG Emmeloord", tenure=None, price=None
        ),
    )
    offers.create_offer(
        session=session,
        user=r,
        data=offer_input(kind="childcare", places=4, tenure=None, price=None),
    )
    a = offers.arrays(session)
    i = region_table().index["GM0171"]
    assert a.housing[i] == 1 and a.childcare_places[i] == 4
    assert a.job_leads[i].tolist().count(1.0) == 1 and np.sum(a.job_leads) == 1


def test_offers_show_in_match_reasons(session: Session) -> None:
    """A job lead in the partner's sector and a home offered appear as reasons of the match."""
    r = create_recruiter(session)
    cand = create_candidate(session, max_distance_km=200, search_regions=[], housing_need="rent")
    create_practice(session)  # Emmeloord
    offers.create_offer(session=session, user=r, data=offer_input())
    offers.create_offer(
        session=session,
        user=r,
        data=offer_input(
            kind="job_lead", sector="education", employer="CSG", tenure=None, price=None
        ),
    )
    (item,) = matching.for_candidate(session=session, profile=cand, limit=5).items
    keys = {reason.key: reason.params for reason in item.match.reasons}
    assert keys["housing_offers"] == {"n": 1}
    assert keys["job_leads"] == {"sector": "education", "n": 1}
    assert item.match.values["partner_work"] >= JOB_LEAD_BONUS  # the market alone scores less


def test_incentives_are_valued_for_the_household(session: Session) -> None:
    """A family needing a home gets the starter bonus and the housing guarantee counted."""
    r = create_recruiter(session)
    for kind, amount in (
        ("starter_bonus", 10_000),
        ("housing_guarantee", 5_000),
        ("childcare_priority", None),
    ):
        create_incentive(session, r, kind, amount)
    family = create_candidate(
        session,
        max_distance_km=200,
        search_regions=[],
        housing_need="buy",
        children_birth_years=[2025],
    )
    create_practice(session)
    (item,) = matching.for_candidate(session=session, profile=family, limit=5).items
    assert item.incentives is not None and item.incentives.total == 15_000
    assert {line.rule for line in item.incentives.lines} == {
        "everyone",
        "needs_housing",
        "young_children",
    }
