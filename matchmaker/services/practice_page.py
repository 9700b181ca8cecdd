"""One published listing as a visitor sees it, with incentives valued for a candidate."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from matchmaker.domain.incentives import IncentiveSummary
from matchmaker.domain.roles import Role
from matchmaker.domain.shortlist import Mark
from matchmaker.models import ListingPhoto, User
from matchmaker.schemas import PracticePublic
from matchmaker.services import candidates, matching, offers, photos, practices
from matchmaker.services.matching import RankedItem
from matchmaker.services.money import guidance
from matchmaker.services.money.guidance import Guidance
from matchmaker.services.shortlist import marks


@dataclass(frozen=True)
class PracticePage:
    """A public listing and what the region offers."""

    practice: PracticePublic
    incentives: IncentiveSummary
    valued: bool  # the incentives are valued for the viewer's own household
    role: str | None = None  # the viewer's role; None for visitors
    has_profile: bool = False  # a candidate with a saved profile
    match: RankedItem | None = None  # the candidate's match with this practice
    outside_area: bool = False  # the practice lies outside the candidate's search area
    saved: bool = False  # on the candidate's shortlist
    goodwill: Guidance | None = None  # what an asked goodwill means (None: none asked)
    photos: list[ListingPhoto] = field(default_factory=list)  # those the viewer may see


def page(*, session: Session, practice_id: int, viewer: User | None) -> PracticePage:
    """The listing (NotFound unless published); a candidate sees incentives for their household."""
    practice = practices.get_public(session=session, practice_id=practice_id)
    profile = (
        candidates.get_profile(session=session, user=viewer)
        if viewer is not None and viewer.role == Role.CANDIDATE
        else None
    )
    incentives = offers.incentives_for(
        session=session, gemeentecode=practice.gemeentecode, profile=profile
    )
    scored = (
        matching.for_practice(session=session, profile=profile, practice_id=practice_id)
        if profile is not None
        else None
    )
    return PracticePage(
        practice,
        incentives,
        valued=profile is not None,
        role=str(viewer.role) if viewer is not None else None,
        has_profile=profile is not None,
        match=scored[0] if scored else None,
        outside_area=bool(scored and scored[1]),
        photos=photos.shown(
            session=session,
            practice=practices.get_row(session=session, practice_id=practice_id),
            viewer=viewer,
        ),
        goodwill=guidance.for_listing(
            low=practice.goodwill_min,
            high=practice.goodwill_max,
            patients=practice.patients,
            fte=practice.fte,
            budget=profile.goodwill_budget if profile is not None else None,
        ),
        saved=viewer is not None
        and viewer.role == Role.CANDIDATE
        and marks.has(session, viewer.id or 0, practice_id, Mark.SAVED),
    )
