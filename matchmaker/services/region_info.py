"""What the region pages, the map and the regions API show about a municipality."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from matchmaker.db import bind_key
from matchmaker.domain import validation
from matchmaker.domain.errors import NotFound
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.scoring import PARTNER_COMMUTE_KM
from matchmaker.domain.shortage import (
    CATCHMENT_KM,
    SHORTAGE_REGION,
    SPECS,
    SUCCESSION_FULL,
    UNITS,
    Dimension,
    RegionShortage,
    Spec,
)
from matchmaker.domain.travel import FERRIES, FIXED, Crossing
from matchmaker.domain.validation import Row, Source
from matchmaker.models import Practice, RecruiterRegion, User
from matchmaker.schemas import (
    RecruiterContact,
    RegionComponent,
    RegionDetail,
    RegionItem,
    RegionList,
    RegionScores,
)
from matchmaker.services import shortage
from matchmaker.services.geodata import gazetteer, indicators
from matchmaker.services.practices import to_public

# A region page shows the listings handing over first; the full list is one click away
# (/practices?gemeente=…). A handful of municipalities have hundreds of listings.
REGION_LISTINGS = 24

INDICATOR_COLUMNS = {
    "inhabitants": "inwoners_2024",
    "pct_65plus": "pct_65plus_2024",
    "gp_distance_km": "afstand_huisartsenpraktijk_km_wbk2023",
    "average_house_value_keur": "gem_woz_waarde_x1000eur_wbk2023",
    "pct_rented_homes": "pct_huurwoningen_wbk2023",
    "childcare_distance_km": "afstand_kinderdagverblijf_km_kwb2021",
    "school_distance_km": "afstand_school_km_kwb2021",
    "schools_within_3km": "scholen_binnen_3km_kwb2021",
    "urbanisation_level": "stedelijkheid_2024",
}


def _published_counts(session: Session) -> dict[str, int]:
    stmt = (
        select(Practice.gemeentecode, func.count())
        .where(col(Practice.status).in_(PUBLIC_STATUSES))
        .group_by(Practice.gemeentecode)
    )
    return dict(session.exec(stmt).all())


def _item(code: str, result: RegionShortage, practices: int) -> RegionItem:
    muni = gazetteer().municipalities[code]
    population = indicators()[code]["inwoners_2024"]
    return RegionItem(
        code=code,
        name=muni.name,
        province=muni.province,
        shortage_score=result.score,
        shortage_region=result.score is not None and result.score >= SHORTAGE_REGION,
        scores=RegionScores(
            recruitment=result.scores.get(Dimension.RECRUITMENT),
            access=result.scores.get(Dimension.ACCESS),
        ),
        components={
            c.name: RegionComponent(
                dimension=c.dimension,
                raw=c.raw,
                normalised=c.normalised,
                weight=c.weight,
                unit=UNITS[c.name],
            )
            for c in result.components
        },
        missing=result.missing(),
        population=int(population) if population else None,
        practices=practices,
        lat=muni.label_lat,
        lon=muni.label_lon,
    )


_lists: dict[str, tuple[shortage.ShortageSnapshot, RegionList]] = {}


def all_regions(*, session: Session) -> RegionList:
    """Every municipality, highest shortage first.

    Built once per index snapshot: a new snapshot comes with every change of listings or
    introductions, which are also what the listing counts depend on.
    """
    snap = shortage.current(session)
    key = bind_key(session)
    hit = _lists.get(key)
    if hit is not None and hit[0] is snap:
        return hit[1]
    counts = _published_counts(session)
    items = [_item(code, res, counts.get(code, 0)) for code, res in snap.by_code.items()]
    items.sort(key=lambda i: (-(i.shortage_score or -1), i.name))
    result = RegionList(items=items)
    _lists[key] = (snap, result)
    return result


def region(*, session: Session, code: str) -> RegionDetail:
    """One municipality with its indicators, listings and recruiters; NotFound if unknown."""
    code = code.upper()
    snap = shortage.current(session)
    if code not in snap.by_code:
        raise NotFound(code)
    public = (Practice.gemeentecode == code, col(Practice.status).in_(PUBLIC_STATUSES))
    listings = session.exec(
        select(Practice)
        .where(*public)
        .order_by(col(Practice.handover_from), col(Practice.id))
        .limit(REGION_LISTINGS)
    ).all()
    total = session.exec(select(func.count()).select_from(Practice).where(*public)).one()
    recruiters = session.exec(
        select(User)
        .join(RecruiterRegion, col(RecruiterRegion.user_id) == User.id)
        .where(RecruiterRegion.gemeentecode == code, col(User.is_active))
    ).all()
    row = indicators()[code]
    base = _item(code, snap.by_code[code], total)
    return RegionDetail(
        **base.model_dump(),
        indicators={k: float(row[c]) if row[c] else None for k, c in INDICATOR_COLUMNS.items()},
        listings=[to_public(p) for p in listings],
        recruiters=[RecruiterContact(name=u.display_name, email=u.email) for u in recruiters],
    )


@dataclass(frozen=True)
class MethodPage:
    """What /methode shows: the formula's parts and how it ranks the places reports name."""

    specs: tuple[Spec, ...]
    validation: list[Row]
    sources: list[Source]
    shortage_region: float
    succession_full: float
    catchment_km: float
    commute_km: float
    ferries: tuple[Crossing, ...]
    fixed: tuple[Crossing, ...]


def method(*, session: Session) -> MethodPage:
    """The methodology page, with the validation table computed on the index as it stands."""
    rows = validation.table(shortage.current(session).by_code)
    sources = list(dict.fromkeys(s for g in validation.GROUPS for s in g.sources))
    return MethodPage(
        SPECS,
        rows,
        sources,
        SHORTAGE_REGION,
        SUCCESSION_FULL,
        CATCHMENT_KM,
        PARTNER_COMMUTE_KM,
        FERRIES,
        FIXED,
    )
