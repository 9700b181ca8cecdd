"""The shortage index of every municipality, recomputed when listings or introductions change."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from sqlalchemy import and_, bindparam, case, exists, func
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from matchmaker.db import bind_key
from matchmaker.domain.household import PartnerSector
from matchmaker.domain.introductions import REVEALED
from matchmaker.domain.practice import ListingStatus
from matchmaker.domain.scoring import SECTORS
from matchmaker.domain.shortage import (
    CATCHMENT_KM,
    PATIENT_STOP_LEVEL,
    Dimension,
    RegionShortage,
    rescored,
    shortage_index,
)
from matchmaker.models import (
    Introduction,
    Practice,
    StopPlan,
    User,
    data_version,
)
from matchmaker.models import ShortageSnapshot as DailyIndex
from matchmaker.models._common import utcnow
from matchmaker.services.geodata import indicators, kwb2021
from matchmaker.services.regions import region_table

SUCCESSION_HORIZON = timedelta(days=5 * 365)


@dataclass(frozen=True)
class ShortageSnapshot:
    """The index for all municipalities at one state of the data."""

    version: tuple[Any, ...]
    by_code: dict[str, RegionShortage]
    platform: Mapping[str, Mapping[str, float | None]] = field(default_factory=dict)
    # what the platform's reports gave each municipality (see ``platform_inputs``)

    @cached_property
    def table_levels(self) -> Any:
        """Combined scores / 100 aligned with the region table's codes (NaN where unknown),
        worked out once per snapshot."""
        scores = (self.by_code[c].score for c in region_table().codes)
        levels = np.array([np.nan if x is None else x / 100.0 for x in scores])
        levels.flags.writeable = False  # shared by every request until the index changes
        return levels


def _opt(value: str | float | None) -> float | None:
    return float(value) if value not in ("", None) else None


def _finite(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


@lru_cache(maxsize=1)
def _static_inputs() -> dict[str, dict[str, float | None]]:
    """The open-data components of every municipality (CBS; see data/PROVENANCE.md)."""
    table = region_table()
    kwb = kwb2021()
    every = SECTORS.index(PartnerSector.OTHER)
    out = {}
    for code, row in indicators().items():
        i = table.index[code]
        now, then = _opt(row["inwoners_2024"]), kwb[code]["inwoners"]
        out[code] = {
            "ageing": _opt(row["pct_65plus_2024"]),
            "gp_distance": _opt(row["afstand_huisartsenpraktijk_km_wbk2023"]),
            "remoteness": _opt(row["bevolkingsdichtheid_2024"]),
            "partner_jobs": _finite(table.labour[i, every]),
            "housing": _finite(table.pct_rent[i]),
            "childcare": _finite(table.childcare_km[i]),
            "school": _finite(table.school_km[i]),
            "growth": round((now / then - 1.0) * 100.0, 2) if now and then else None,
            "new_build": kwb[code]["pct_bouwjaar_vanaf_2000"],
            "young_families": _opt(row["pct_0_14_2024"]),
            "urban_pressure": _opt(row["omgevingsadressendichtheid_2024"]),
        }
    return out


@lru_cache(maxsize=1)
def _catchments() -> tuple[Any, Any]:
    """Which municipalities each one's patients live in, and those catchments' inhabitants."""
    table = region_table()
    near = table.travel_km <= CATCHMENT_KM
    return near, near.astype(np.float64) @ np.nan_to_num(table.population)


@dataclass(frozen=True)
class Report:
    """What one real practice or stop plan tells the index (demo rows never do)."""

    gemeentecode: str
    patients: float
    at_risk: bool  # hands over within five years and nobody has been introduced
    patient_stop: str | None


def reports(session: Session, today: date | None = None) -> list[Report]:
    """Listings and stop plans of real holders; a stop plan counts only without a listing."""
    today = today or date.today()
    horizon = today + SUCCESSION_HORIZON
    introduced = set(
        session.exec(select(Introduction.practice_id).where(col(Introduction.status).in_(REVEALED)))
    )
    out = []
    listed = set()
    listings = sa_select(
        col(Practice.id),
        col(Practice.owner_id),
        col(Practice.gemeentecode),
        col(Practice.patients),
        col(Practice.handover_from),
        col(Practice.patient_stop),
    ).where(col(Practice.is_demo).is_(False), col(Practice.status) != ListingStatus.HANDED_OVER)
    for p in session.connection().execute(listings):  # four columns, not whole rows
        listed.add(p.owner_id)
        soon = p.handover_from <= horizon and p.id not in introduced
        out.append(Report(p.gemeentecode, float(p.patients), soon, p.patient_stop))
    plans = session.exec(
        select(StopPlan)
        .join(User, col(User.id) == StopPlan.owner_id)
        .where(col(User.is_demo).is_(False))
    )
    for plan in plans:
        if plan.owner_id not in listed:
            at_risk = plan.planned_stop <= horizon
            out.append(Report(plan.gemeentecode, float(plan.patients), at_risk, plan.patient_stop))
    return out


def _real_listing() -> Any:
    return and_(col(Practice.is_demo).is_(False), col(Practice.status) != ListingStatus.HANDED_OVER)


def _report_statements() -> tuple[Any, Any]:
    """What ``report_totals`` asks (built once: every save that moves the index asks it)."""
    introduced = exists().where(
        col(Introduction.practice_id) == Practice.id, col(Introduction.status).in_(REVEALED)
    )
    risky = and_(col(Practice.handover_from) <= bindparam("horizon"), ~introduced)
    at_risk = case((risky, 1), else_=0)
    listings = (
        sa_select(
            col(Practice.gemeentecode),
            at_risk.label("at_risk"),
            col(Practice.patient_stop),
            func.sum(Practice.patients).label("patients"),
        )
        .where(_real_listing())
        .group_by(col(Practice.gemeentecode), at_risk, col(Practice.patient_stop))
    )
    listed = exists().where(col(Practice.owner_id) == StopPlan.owner_id, _real_listing())
    plans = sa_select(
        col(StopPlan.gemeentecode),
        col(StopPlan.patients),
        col(StopPlan.planned_stop),
        col(StopPlan.patient_stop),
    ).where(
        col(StopPlan.owner_id).in_(sa_select(col(User.id)).where(col(User.is_demo).is_(False))),
        ~listed,
    )
    return listings, plans


_LISTING_TOTALS, _UNLISTED_PLANS = _report_statements()


def report_totals(session: Session, today: date | None = None) -> list[Report]:
    """``reports`` summed by municipality, succession risk and patient stop in the database:
    what ``platform_inputs`` reads of them, in one row per group instead of one per listing."""
    horizon = (today or date.today()) + SUCCESSION_HORIZON
    connection = session.connection()
    out = [
        Report(r.gemeentecode, float(r.patients), bool(r.at_risk), r.patient_stop)
        for r in connection.execute(_LISTING_TOTALS, {"horizon": horizon})
    ]
    for plan in connection.execute(_UNLISTED_PLANS):
        at_risk_now = plan.planned_stop <= horizon
        out.append(Report(plan.gemeentecode, float(plan.patients), at_risk_now, plan.patient_stop))
    return out


def platform_inputs(found: list[Report]) -> dict[str, dict[str, float | None]]:
    """Per municipality: patients at risk per 1,000 catchment inhabitants, and the share of
    patients whose practice reports a stop (None where no report reaches it).

    A practice's patients are spread over its catchment in proportion to the inhabitants, so
    one practice adds ``1,000 × patients / catchment inhabitants`` to each municipality of its
    catchment: a single listing can no longer saturate a small municipality. The reports are
    summed per municipality first and then spread over the catchments in one product.
    """
    table = region_table()
    near, catchment_pop = _catchments()
    n = len(table.codes)
    where = np.array([table.index[r.gemeentecode] for r in found], dtype=np.int64)
    patients = np.array([r.patients for r in found], dtype=np.float64)
    risky = np.array([r.at_risk for r in found], dtype=bool)
    level = np.array(
        [PATIENT_STOP_LEVEL.get(r.patient_stop or "", np.nan) for r in found], dtype=np.float64
    )
    told = ~np.isnan(level)
    per_1000 = 1000.0 * patients / np.fmax(catchment_pop[where], 1.0)
    spread = near.astype(np.float64)

    def over_catchments(at: Any, weights: Any) -> Any:
        return np.bincount(at, weights=weights, minlength=n) @ spread

    reached = over_catchments(where, None) > 0
    at_risk = over_catchments(where[risky], per_1000[risky])
    stop_sum = over_catchments(where[told], patients[told] * level[told])
    stop_weight = over_catchments(where[told], patients[told])
    return {
        code: {
            "succession": round(float(at_risk[i]), 2) if reached[i] else None,
            "patient_stops": round(float(stop_sum[i] / stop_weight[i]), 3)
            if stop_weight[i]
            else None,
        }
        for i, code in enumerate(table.codes)
    }


def _version(tokens: Mapping[str, int]) -> tuple[Any, ...]:
    """What the index reads of listings, stop plans and introductions moves it (the
    ``succession`` stamp), and so does the date (the horizon moves)."""
    return (tokens.get(data_version.SUCCESSION), date.today())


def _inputs(
    platform: Mapping[str, Mapping[str, float | None]],
) -> dict[str, dict[str, float | None]]:
    return {code: {**values, **platform[code]} for code, values in _static_inputs().items()}


def from_scratch(session: Session) -> dict[str, RegionShortage]:
    """The index computed anew from every input (what ``current`` keeps up to date)."""
    return shortage_index(_inputs(platform_inputs(reports(session))))  # one report a row


_lock = threading.Lock()
_cache: dict[str, ShortageSnapshot] = {}


def current(session: Session, tokens: Mapping[str, int] | None = None) -> ShortageSnapshot:
    """The index for the data as they are now (cached until listings or introductions change).

    ``tokens`` are the change stamps the caller read already (``data_version.read``).
    """
    key = bind_key(session)
    version = _version(tokens if tokens is not None else data_version.read(session))
    cached = _cache.get(key)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        platform = platform_inputs(report_totals(session))
        before = _cache.get(key)
        if before is None:
            by_code = shortage_index(_inputs(platform))
        else:  # the open data stay as they are: score again where the reports moved
            moved = [code for code, values in platform.items() if before.platform[code] != values]
            by_code = rescored(before.by_code, _inputs(platform), moved)
        snapshot = ShortageSnapshot(version, by_code, platform)
        _cache[key] = snapshot
        return snapshot


def clear_cache() -> None:
    """Forget computed indexes (tests)."""
    _cache.clear()


def levels_for_table(
    session: Session, tokens: Mapping[str, int] | None = None
) -> tuple[tuple[Any, ...], Any]:
    """The index version and levels (0–1) aligned with the region table's codes."""
    snap = current(session, tokens)
    return snap.version, snap.table_levels


def record_snapshot(*, session: Session, day: date | None = None) -> int:
    """Keep today's index for every municipality (once a day; returns rows written)."""
    day = day or utcnow().date()
    if session.exec(select(DailyIndex.id).where(DailyIndex.day == day)).first():
        return 0
    index = current(session).by_code
    for code, region in index.items():
        session.add(
            DailyIndex(
                day=day,
                gemeentecode=code,
                recruitment=region.scores.get(Dimension.RECRUITMENT),
                access=region.scores.get(Dimension.ACCESS),
                score=region.score,
            )
        )
    try:
        session.commit()
    except IntegrityError:  # another worker wrote today's rows first
        session.rollback()
        return 0
    return len(index)
