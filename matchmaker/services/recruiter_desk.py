"""The regional recruiter's start page: their municipalities, pipeline, offers and campaigns."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from matchmaker.domain.geo import Municipality
from matchmaker.domain.roles import Role
from matchmaker.models import Campaign, Offer, User
from matchmaker.services import campaigns, offers, pipeline
from matchmaker.services.csvfile import Table
from matchmaker.services.geodata import gazetteer


@dataclass(frozen=True)
class RecruiterHome:
    """What a recruiter (or an admin, who has no municipalities) sees first."""

    regions: list[Municipality]
    entries: list[pipeline.PipelineEntry]
    offers: dict[str, list[Offer]]
    campaigns: list[Campaign]


def pipeline_table(*, session: Session, user: User) -> Table:
    """The succession pipeline of the user's municipalities, for a spreadsheet."""
    codes = offers.editable_regions(session=session, user=user)
    return pipeline.table(pipeline.for_regions(session=session, codes=codes))


def home(*, session: Session, user: User) -> RecruiterHome:
    """Listings, offers and campaigns in the recruiter's own municipalities."""
    codes = offers.editable_regions(session=session, user=user)
    mine = codes if user.role == Role.RECRUITER else []
    gaz = gazetteer()
    return RecruiterHome(
        regions=[m for c in mine if (m := gaz.municipality(c))],
        entries=pipeline.for_regions(session=session, codes=mine),
        offers=offers.for_regions(session=session, codes=mine),
        campaigns=campaigns.owned(session=session, user=user),
    )
