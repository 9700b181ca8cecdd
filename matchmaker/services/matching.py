"""Rank practices for a candidate, and candidates for a practice."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from matchmaker.db import bind_key
from matchmaker.domain import explain
from matchmaker.domain import scoring as s
from matchmaker.domain.explain import Reason
from matchmaker.domain.geo import distance_band
from matchmaker.domain.household import ChildStage, PartnerWork, children_needs
from matchmaker.domain.incentives import IncentiveSummary, value_for
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.shortage import SHORTAGE_REGION
from matchmaker.models import CandidateProfile, Practice, User
from matchmaker.services import offers, shortage
from matchmaker.services.households import HOUSING_CODES, household_of
from matchmaker.services.practices import PracticeFilters
from matchmaker.services.regions import region_table

EPOCH = date(1970, 1, 1)
NO_FILTERS = PracticeFilters()
RENT_BUDGET_MAX = 10_000  # a housing budget above this is a purchase price, below a monthly rent


@dataclass(frozen=True)
class Match:
    """One ranked pair: who, the total, each component with its status, and why."""

    practice_id: int
    candidate_id: int
    score: float
    values: dict[str, float | None]
    status: dict[str, str]
    distance_km: float | None  # None where the viewer may only see the band
    reasons: list[Reason]
    distance_band: str = ""


def _days(d: date | None) -> float:
    return float((d - EPOCH).days) if d else np.nan


# --- practices ---------------------------------------------------------------------------

_PRACTICE_COLUMNS: tuple[Any, ...] = (
    Practice.id,
    Practice.lat,
    Practice.lon,
    Practice.province,
    Practice.gemeentecode,
    Practice.form,
    Practice.building,
    Practice.dispensing,
    Practice.patients,
    Practice.fte,
    Practice.days_per_week,
    Practice.goodwill_min,
    Practice.goodwill_max,
    Practice.handover_from,
    Practice.handover_until,
)


def practice_features(
    rows: list[Any], shortage_levels: Any, regional: offers.OfferArrays | None = None
) -> s.PracticeFeatures:
    """Features of practice rows (columns as in ``_PRACTICE_COLUMNS``).

    ``shortage_levels`` are the index levels (0–1) aligned with the region table, and
    ``regional`` the recruiters' offers counted per municipality.
    """
    table = region_table()
    forms = {f.value: i for i, f in enumerate(s.FORMS)}
    buildings = {b.value: i for i, b in enumerate(s.BUILDINGS)}
    muni = np.array([table.index[r.gemeentecode] for r in rows], dtype=np.int64)

    def arr(values: list[Any], dtype: Any = np.float64) -> Any:
        return np.array(values, dtype=dtype)

    return s.PracticeFeatures(
        ids=arr([r.id for r in rows], np.int64),
        lat=arr([r.lat for r in rows]),
        lon=arr([r.lon for r in rows]),
        province=arr([table.province_index[r.province] for r in rows], np.int64),
        form=arr([forms.get(r.form, 0) for r in rows], np.int64),
        building=arr([buildings.get(r.building, 0) for r in rows], np.int64),
        dispensing=arr([r.dispensing for r in rows], bool),
        patients=arr([r.patients for r in rows]),
        fte=arr([r.fte for r in rows]),
        days=arr([r.days_per_week for r in rows]),
        goodwill_min=arr([np.nan if r.goodwill_min is None else r.goodwill_min for r in rows]),
        goodwill_max=arr([np.nan if r.goodwill_max is None else r.goodwill_max for r in rows]),
        start=arr([_days(r.handover_from) for r in rows]),
        end=arr([_days(r.handover_until) for r in rows]),
        woz=table.woz[muni],
        pct_rent=table.pct_rent[muni],
        childcare_km=table.childcare_km[muni],
        school_km=table.school_km[muni],
        labour_pop=table.labour_pop[muni],
        shortage=shortage_levels[muni],
        municipality=muni,
        housing_offers=regional.housing[muni] if regional else None,
        job_leads=regional.job_leads[muni] if regional else None,
        childcare_places=regional.childcare_places[muni] if regional else None,
    )


class _Cache:
    """Features of all public practices (or all candidates), rebuilt when the data change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], tuple[Any, Any]] = {}

    def get(self, key: tuple[str, str], stamp: Any, build: Any) -> Any:
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp:
            return entry[1]
        with self._lock:
            value = build()
            self._entries[key] = (stamp, value)
            return value

    def clear(self) -> None:
        self._entries.clear()


_cache = _Cache()


def clear_cache() -> None:
    """Forget cached features (tests; after bulk loads in the same process)."""
    _cache.clear()


def _stamp(session: Session, model: Any, where: Any = True) -> tuple[Any, ...]:
    stmt = select(func.count(), func.max(model.updated_at), func.max(model.id)).where(where)
    return tuple(session.exec(stmt).one())


def public_practices(session: Session) -> s.PracticeFeatures:
    """Cached features of every published listing."""
    public = col(Practice.status).in_(PUBLIC_STATUSES)

    version, levels = shortage.levels_for_table(session)
    regional = offers.arrays(session)

    def build() -> s.PracticeFeatures:
        stmt = sa_select(*_PRACTICE_COLUMNS).where(public).order_by(col(Practice.id))
        rows = session.execute(stmt).all()
        return practice_features(list(rows), levels, regional)

    stamp = (_stamp(session, Practice, public), version, regional.version)
    return _cache.get((bind_key(session), "practices"), stamp, build)  # type: ignore[no-any-return]


# --- candidates --------------------------------------------------------------------------


def _mask(names: list[str], index: Mapping[str, int]) -> int:
    return sum(1 << index[n] for n in set(names) if n in index)


def candidate_features(
    profile: CandidateProfile, partner: CandidateProfile | None
) -> s.CandidateFeatures:
    """Scalar features of one candidate (with the duo partner's home, if any)."""
    table = region_table()
    year = (profile.earliest_start or date.today()).year
    needs = children_needs(profile.children_birth_years, year)
    need = HOUSING_CODES.get(profile.housing_need or "", s.HOUSING_NONE)
    budget = profile.housing_budget
    purchase = budget if budget and (need == s.HOUSING_BUY or budget > RENT_BUDGET_MAX) else None
    sectors = [x.value for x in s.SECTORS]
    return s.CandidateFeatures(
        lat=profile.home_lat,
        lon=profile.home_lon,
        partner_lat=partner.home_lat if partner else np.nan,
        partner_lon=partner.home_lon if partner else np.nan,
        max_km=float(profile.max_distance_km) if profile.max_distance_km else np.nan,
        region_mask=_mask(profile.search_regions, table.province_index),
        forms_mask=_mask(profile.forms_acceptable, {f.value: i for i, f in enumerate(s.FORMS)}),
        building_mask=_mask(
            profile.building_wishes, {b.value: i for i, b in enumerate(s.BUILDINGS)}
        ),
        dispensing_ok=profile.dispensing_ok,
        goodwill_budget=np.nan
        if profile.goodwill_budget is None
        else float(profile.goodwill_budget),
        days=np.nan if profile.days_per_week is None else float(profile.days_per_week),
        start=_days(profile.earliest_start),
        end=_days(profile.latest_start),
        partner_needs_job=profile.partner_work == PartnerWork.NEEDS_JOB,
        partner_sector=sectors.index(profile.partner_sector)
        if profile.partner_sector in sectors
        else -1,
        n_childcare=needs.get(ChildStage.CHILDCARE, 0),
        n_primary=needs.get(ChildStage.PRIMARY, 0),
        n_secondary=needs.get(ChildStage.SECONDARY, 0),
        housing=need,
        housing_budget=np.nan if purchase is None else float(purchase),
    )


def _stack(features: list[s.CandidateFeatures]) -> s.CandidateFeatures:
    names = s.CandidateFeatures.__dataclass_fields__
    return s.CandidateFeatures(**{n: np.array([getattr(f, n) for f in features]) for n in names})


@dataclass(frozen=True)
class CandidatePool:
    """Features of all candidates as arrays, with their profile ids."""

    ids: Any
    features: s.CandidateFeatures


def candidate_pool(session: Session) -> CandidatePool:
    """Cached features of every candidate profile."""

    def build() -> CandidatePool:
        profiles = list(
            session.exec(
                select(CandidateProfile)
                .where(col(CandidateProfile.consent))
                .order_by(col(CandidateProfile.id))
            )
        )
        by_id = {p.id: p for p in profiles}
        feats = [candidate_features(p, by_id.get(p.duo_partner_id)) for p in profiles]
        return CandidatePool(np.array([p.id for p in profiles], dtype=np.int64), _stack(feats))

    return _cache.get((bind_key(session), "candidates"), _stamp(session, CandidateProfile), build)  # type: ignore[no-any-return]


# --- ranking ------------------------------------------------------------------------------


def _filter_mask(p: s.PracticeFeatures, filters: PracticeFilters) -> Any:
    keep = np.ones(len(p), dtype=bool)
    table = region_table()
    if filters.gemeentecode in table.index and p.municipality is not None:
        keep &= p.municipality == table.index[filters.gemeentecode]  # type: ignore[index]
    if filters.dispensing is not None:
        keep &= p.dispensing == filters.dispensing
    if filters.province in table.province_index:
        keep &= p.province == table.province_index[filters.province]  # type: ignore[index]
    forms = [f.value for f in s.FORMS]
    if filters.form in forms:
        keep &= p.form == forms.index(filters.form)  # type: ignore[arg-type]
    if filters.shortage_only:
        keep &= np.nan_to_num(p.shortage) >= SHORTAGE_REGION / 100
    if filters.window_until:
        keep &= p.start <= _days(filters.window_until)
    if filters.window_from:
        keep &= p.end >= _days(filters.window_from)
    return keep


def _matches(
    c: s.CandidateFeatures,
    p: s.PracticeFeatures,
    scores: s.Scores,
    order: Any,
    practice_ids: Any,
    candidate_ids: Any,
) -> list[Match]:
    out = []
    for i in order:
        view = explain.pair(c, p, scores, int(i))
        values = {
            n: None
            if scores.status[n][i] == s.UNKNOWN or scores.status[n][i] == s.NEUTRAL
            else round(float(scores.values[n][i]), 3)
            for n in s.COMPONENTS
        }
        out.append(
            Match(
                practice_id=int(np.broadcast_to(practice_ids, scores.total.shape)[i]),
                candidate_id=int(np.broadcast_to(candidate_ids, scores.total.shape)[i]),
                score=round(float(scores.total[i]), 3),
                values=values,
                status={n: s.STATUS_NAMES[int(scores.status[n][i])] for n in s.COMPONENTS},
                distance_km=round(float(scores.distance_km[i]), 1),
                reasons=explain.reasons(view),
                distance_band=distance_band(float(scores.distance_km[i])),
            )
        )
    return out


def rank_for_candidate(
    *,
    session: Session,
    profile: CandidateProfile,
    limit: int,
    filters: PracticeFilters = NO_FILTERS,
    weights: Mapping[str, int] | None = None,
) -> list[Match]:
    """The best published practices for a candidate, with reasons."""
    partner = (
        session.get(CandidateProfile, profile.duo_partner_id) if profile.duo_partner_id else None
    )
    c = candidate_features(profile, partner)
    p = public_practices(session)
    if len(p) == 0:
        return []
    scores = s.score(c, p, weights if weights is not None else profile.match_weights)
    scores.excluded = scores.excluded | ~_filter_mask(p, filters)
    return _matches(c, p, scores, s.rank(scores, limit), p.ids, profile.id)


def rank_for_practices(
    *, session: Session, practices: list[Practice], limit: int
) -> dict[int, list[Match]]:
    """The best candidates for each practice (default weights), with reasons.

    The candidate pool, shortage levels and offer counts are read once for all practices.
    """
    pool = candidate_pool(session)
    if len(pool.ids) == 0 or not practices:
        return {p.id or 0: [] for p in practices}
    levels, regional = shortage.levels_for_table(session)[1], offers.arrays(session)
    out = {}
    for practice in practices:
        p = practice_features([practice], levels, regional)
        scores = s.score(pool.features, p)
        order = s.rank(scores, limit)
        out[practice.id or 0] = _matches(pool.features, p, scores, order, practice.id, pool.ids)
    return out


# --- what a user sees ---------------------------------------------------------------------


@dataclass(frozen=True)
class RankedItem:
    """A match with the public practice and, for holders, the anonymous candidate."""

    match: Match
    practice: Any  # schemas.PracticePublic
    candidate: Any | None  # schemas.MatchCandidate
    introduction: str | None = None  # status of an introduction for this pair, if any
    incentives: IncentiveSummary | None = None  # what the region's incentives are worth


@dataclass(frozen=True)
class MatchPage:
    """A user's ranked matches and the weights used."""

    items: list[RankedItem]
    weights: dict[str, int]
    has_profile: bool = True


def _candidate_summary(profile: CandidateProfile, *, big_verified: bool = False) -> Any:
    from matchmaker.schemas import MatchCandidate
    from matchmaker.services.geodata import gazetteer

    muni = gazetteer().municipality(profile.gemeentecode)
    return MatchCandidate(
        ref=profile.id or 0,
        stage=profile.stage,
        municipality=muni.name if muni else "",
        province=profile.province,
        duo=profile.duo_partner_id is not None,
        partner_sector=profile.partner_sector,
        partner_needs_job=profile.partner_work == PartnerWork.NEEDS_JOB,
        children=len(profile.children_birth_years),
        housing_need=profile.housing_need,
        earliest_start=profile.earliest_start,
        is_demo=profile.is_demo,
        big_verified=big_verified,
    )


def for_candidate(
    *,
    session: Session,
    profile: CandidateProfile | None,
    limit: int,
    filters: PracticeFilters = NO_FILTERS,
    weights: Mapping[str, int] | None = None,
) -> MatchPage:
    """Ranked practices for a candidate's profile."""
    from matchmaker.services.practices import to_public

    if profile is None:
        return MatchPage([], s.merged_weights(weights), has_profile=False)
    chosen = s.merged_weights(weights if weights is not None else profile.match_weights)
    matches = rank_for_candidate(
        session=session, profile=profile, limit=limit, filters=filters, weights=chosen
    )
    rows = session.exec(
        select(Practice).where(col(Practice.id).in_([m.practice_id for m in matches]))
    )
    by_id = {p.id: to_public(p) for p in rows}
    status = _intro_statuses(session, [(m.practice_id, m.candidate_id) for m in matches])
    household = household_of(profile)
    packages = offers.incentives_by_municipality(
        session=session, codes=sorted({p.gemeentecode for p in by_id.values()})
    )
    items = [
        RankedItem(
            m,
            by_id[m.practice_id],
            None,
            status.get((m.practice_id, m.candidate_id)),
            value_for(packages.get(by_id[m.practice_id].gemeentecode, []), household),
        )
        for m in matches
    ]
    return MatchPage(items, chosen)


def _intro_statuses(session: Session, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Introduction status per (practice, candidate) pair, in one query."""
    from matchmaker.models import Introduction

    if not pairs:
        return {}
    practice_ids = {p for p, _ in pairs}
    candidate_ids = {c for _, c in pairs}
    rows = session.exec(
        select(Introduction.practice_id, Introduction.candidate_id, Introduction.status).where(
            col(Introduction.practice_id).in_(practice_ids),
            col(Introduction.candidate_id).in_(candidate_ids),
        )
    )
    return {(p, c): st for p, c, st in rows}


def _banded(match: Match) -> Match:
    """The match as a holder sees it: distance only as a band, in the reasons too."""
    reasons = [
        replace(r, params={**r.params, "km": match.distance_band})
        if r.component == "location" and "km" in r.params
        else r  # other distances describe the practice's area, not the candidate's home
        for r in match.reasons
    ]
    return replace(match, distance_km=None, reasons=reasons)


def for_holder(*, session: Session, practices: list[Practice], limit: int) -> MatchPage:
    """Ranked candidates for a holder's published listings, best pairs first.

    Drafts are not ranked, and distances are shown only in bands, so that a holder
    cannot locate a candidate's home from a few (draft) listings.
    """
    from matchmaker.services.practices import to_public

    practices = [p for p in practices if p.status in PUBLIC_STATUSES]
    per_practice = rank_for_practices(session=session, practices=practices, limit=limit)
    ranked = [(m, practice) for practice in practices for m in per_practice[practice.id or 0]]
    ranked.sort(key=lambda pair: (-pair[0].score, pair[0].distance_km or 0.0))
    ranked = ranked[:limit]
    profiles = session.exec(
        select(CandidateProfile).where(
            col(CandidateProfile.id).in_([m.candidate_id for m, _ in ranked])
        )
    ).all()
    verified = set(
        session.exec(
            select(User.id).where(
                col(User.id).in_([p.user_id for p in profiles]),
                col(User.big_verified_at).is_not(None),
            )
        )
    )
    summaries = {p.id: _candidate_summary(p, big_verified=p.user_id in verified) for p in profiles}
    status = _intro_statuses(session, [(m.practice_id, m.candidate_id) for m, _ in ranked])
    items = [
        RankedItem(
            _banded(m),
            to_public(pr),
            summaries[m.candidate_id],
            status.get((m.practice_id, m.candidate_id)),
        )
        for m, pr in ranked
    ]
    return MatchPage(items, dict(s.DEFAULT_WEIGHTS))


def save_weights(
    *, session: Session, profile: CandidateProfile, weights: Mapping[str, int]
) -> None:
    """Remember a candidate's own weights."""
    profile.match_weights = s.merged_weights(weights)
    session.add(profile)
    session.commit()
