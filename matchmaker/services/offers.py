"""Regional offers: recruiters publish them for their municipalities; matching counts them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from matchmaker.db import bind_key
from matchmaker.domain.errors import Code, DomainError, Issue, NotFound, raise_if
from matchmaker.domain.incentives import Household, Incentive, IncentiveSummary, value_for
from matchmaker.domain.offers import OfferKind, check_offer
from matchmaker.domain.roles import Role
from matchmaker.domain.scoring import SECTORS
from matchmaker.models import Offer, User, data_version
from matchmaker.models._common import utcnow
from matchmaker.models.offer import OfferInput
from matchmaker.services import accounts
from matchmaker.services.geodata import gazetteer
from matchmaker.services.households import household_of
from matchmaker.services.regions import region_table


def editable_regions(*, session: Session, user: User) -> list[str]:
    """Municipalities whose offers ``user`` may manage (all for admins)."""
    if user.role == Role.ADMIN:
        return sorted(gazetteer().municipalities)
    if user.role == Role.RECRUITER:
        return accounts.recruiter_regions(session=session, user=user)
    return []


def _values(data: OfferInput) -> dict[str, Any]:
    """Check the offer for its kind and locate its postcode."""
    raise_if(check_offer(data.kind, data.model_dump()))
    values = data.model_dump()
    values["lat"] = values["lon"] = None
    if data.postcode:
        place = gazetteer().place(data.postcode)
        values.update(postcode=place.pc4, lat=place.lat, lon=place.lon)
    return values


def create_offer(*, session: Session, user: User, data: OfferInput) -> Offer:
    """Publish an offer in one of the user's municipalities (NotFound elsewhere)."""
    if data.gemeentecode not in editable_regions(session=session, user=user):
        raise NotFound(data.gemeentecode)
    offer = Offer(created_by=user.id, **_values(data))
    session.add(offer)
    session.commit()
    return offer


def get_editable(*, session: Session, user: User, offer_id: int) -> Offer:
    """An offer in the user's municipalities; NotFound for anyone else's."""
    offer = session.get(Offer, offer_id)
    if offer is None or offer.gemeentecode not in editable_regions(session=session, user=user):
        raise NotFound(offer_id)
    return offer


def update_offer(*, session: Session, user: User, offer_id: int, data: OfferInput) -> Offer:
    """Change an offer; it cannot move to a municipality the user does not work for."""
    offer = get_editable(session=session, user=user, offer_id=offer_id)
    if data.gemeentecode not in editable_regions(session=session, user=user):
        raise NotFound(data.gemeentecode)
    if data.kind != offer.kind:
        raise DomainError([Issue("kind", Code.KIND_CHANGED, "the kind of an offer cannot change")])
    old_link = offer.link
    for key, value in _values(data).items():
        setattr(offer, key, value)
    if offer.link != old_link:  # a new link has not been checked
        offer.link_status, offer.link_checked_at = None, None
    offer.updated_at = utcnow()
    session.add(offer)
    session.commit()
    return offer


def delete_offer(*, session: Session, user: User, offer_id: int) -> None:
    """Withdraw an offer."""
    session.delete(get_editable(session=session, user=user, offer_id=offer_id))
    session.commit()


def for_regions(*, session: Session, codes: list[str]) -> dict[str, list[Offer]]:
    """Offers in the given municipalities, grouped by kind, newest first."""
    grouped: dict[str, list[Offer]] = {k.value: [] for k in OfferKind}
    if not codes:
        return grouped
    stmt = select(Offer).where(col(Offer.gemeentecode).in_(codes)).order_by(col(Offer.id).desc())
    for offer in session.exec(stmt):
        grouped.setdefault(offer.kind, []).append(offer)
    return grouped


@dataclass(frozen=True)
class OfferArrays:
    """Per-municipality counts aligned with the region table, for matching."""

    version: tuple[Any, ...]
    housing: Any  # (n_municipalities,)
    job_leads: Any  # (n_municipalities, n_sectors)
    childcare_places: Any  # (n_municipalities,)
    incentives: dict[str, list[Incentive]]  # each municipality's incentives, in id order


_arrays_cache: dict[str, OfferArrays] = {}


def arrays(session: Session, tokens: Mapping[str, int] | None = None) -> OfferArrays:
    """Offers counted per municipality (and per sector for job leads), kept until offers
    change; ``tokens`` are change stamps the caller read already."""
    token = (tokens if tokens is not None else data_version.read(session)).get("offers")
    key = bind_key(session)
    cached = _arrays_cache.get(key)
    if cached is not None and cached.version == (token,):
        return cached
    _arrays_cache[key] = built = _count(session, (token,))
    return built


def clear_cache() -> None:
    """Forget counted offers (tests)."""
    _arrays_cache.clear()


def _count(session: Session, version: tuple[Any, ...]) -> OfferArrays:
    table = region_table()
    n = len(table.codes)
    housing, childcare = np.zeros(n), np.zeros(n)
    jobs = np.zeros((n, len(SECTORS)))
    sectors = {s.value: i for i, s in enumerate(SECTORS)}
    counts: dict[tuple[str, str, str | None], float] = defaultdict(float)
    incentives: dict[str, list[Incentive]] = {}
    rows = session.execute(
        sa_select(
            col(Offer.kind),
            col(Offer.gemeentecode),
            col(Offer.sector),
            col(Offer.places),
            col(Offer.title),
            col(Offer.incentive_type),
            col(Offer.amount),
        ).order_by(col(Offer.id))
    )
    for kind, code, sector, places, title, incentive_type, amount in rows:
        counts[(kind, code, sector)] += float(places or 1) if kind == OfferKind.CHILDCARE else 1.0
        if kind == OfferKind.INCENTIVE:
            incentives.setdefault(code, []).append(
                Incentive(title, incentive_type or "", amount, code)
            )
    for (kind, code, sector), value in counts.items():
        i = table.index.get(code)
        if i is None:
            continue
        if kind == OfferKind.HOUSING:
            housing[i] += value
        elif kind == OfferKind.CHILDCARE:
            childcare[i] += value
        elif kind == OfferKind.JOB_LEAD and sector in sectors:
            jobs[i, sectors[sector]] += value
    return OfferArrays(version, housing, jobs, childcare, incentives)


def incentives_for(*, session: Session, gemeentecode: str, profile: Any | None) -> IncentiveSummary:
    """A municipality's incentives, valued for the candidate's household when one is given."""
    package = incentives_by_municipality(session=session, codes=[gemeentecode]).get(
        gemeentecode, []
    )
    household = household_of(profile) if profile is not None else Household(True, 1)
    return value_for(package, household)


def incentives_by_municipality(
    *, session: Session, codes: list[str], tokens: Mapping[str, int] | None = None
) -> dict[str, list[Incentive]]:
    """The incentives published for each of the given municipalities (from the cache kept
    with the offer counts; ``tokens`` are change stamps the caller read already)."""
    if not codes:
        return {}
    published = arrays(session, tokens).incentives
    return {code: published[code] for code in codes if code in published}
