"""Explainable, household-aware match scores, vectorised with numpy.

Every component is a number in [0, 1] with a status: *scored*, *neutral* (the household
has no such need, e.g. no children) or *unknown* (no data). The total is the weighted mean
of the scored components only, so neutral and unknown components never raise or lower it.
Hard constraints (outside the search area, an unacceptable practice form, start windows
more than two years apart) exclude a pair.

All functions broadcast: pass one candidate (scalars) with all practices (arrays), or one
practice with all candidates. No per-pair Python loop.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from matchmaker.domain.geo import UnitVectors, chord_km, unit_vectors
from matchmaker.domain.household import PartnerSector
from matchmaker.domain.practice import (
    NORMPRAKTIJK_PATIENTS,
    Building,
    PracticeForm,
)

Array = npt.NDArray[Any]

COMPONENTS = (
    "location",
    "housing",
    "partner_work",
    "childcare",
    "practice_fit",
    "timing",
    "shortage",
)
# Default weights (0–5, as on the sliders): the practice and the place first, then the household.
DEFAULT_WEIGHTS: Mapping[str, int] = {
    "location": 3,
    "practice_fit": 3,
    "timing": 2,
    "housing": 2,
    "partner_work": 2,
    "childcare": 2,
    "shortage": 1,
}
MAX_WEIGHT = 5

SCORED, NEUTRAL, UNKNOWN = 0, 1, 2
STATUS_NAMES = ("scored", "neutral", "unknown")

FORMS = tuple(PracticeForm)
BUILDINGS = tuple(Building)
SECTORS = tuple(PartnerSector)
HOUSING_NONE, HOUSING_BUY, HOUSING_RENT, HOUSING_EITHER = 0, 1, 2, 3

# location: score falls linearly from 1 at home to LOCATION_AT_EDGE at the maximum distance;
# candidates who chose regions without a distance are measured against REGION_REFERENCE_KM.
LOCATION_AT_EDGE = 0.2
REGION_REFERENCE_KM = 150.0
# housing: budget / average WOZ value; 0.6 or less scores 0, 1.2 or more scores 1.
AFFORD_LOW, AFFORD_HIGH = 0.6, 1.2
# Renting counts only dwellings a GP household can get: rentals outside social housing (CBS
# 2021, % of the stock; median 9%, 90th percentile 16%). Renting scores 1 from 15%, about one
# dwelling in seven (judgement: from there a free-sector rental comes up within months).
RENTAL_SHARE_FULL = 15.0
# partner_work: the partner's own labour market — business establishments of their sector
# (CBS, SBI groups) within PARTNER_COMMUTE_KM of travel (domain.travel: the sea and the
# IJsselmeer are not crossed). Half of the score is the market's size: a log ramp from
# LABOUR_LOW (0) to LABOUR_FULL (1), the 10th and 75th percentiles over all 342 municipalities
# of the establishments within reach (CBS 85039NED, 2021); half is its concentration: the
# location quotient (the sector's share within reach against its national share), 0 at
# LQ_LOW, 1 at LQ_HIGH. Size alone would call Amsterdam a farming region (4,200 farms within
# reach, as many as around Emmeloord); the quotient sees that farms are 1 in 100 businesses
# there and 1 in 10 in the Noordoostpolder.
PARTNER_COMMUTE_KM = 30.0
LABOUR_SIZE_WEIGHT = 0.5
LQ_LOW, LQ_HIGH = 0.5, 1.5
LABOUR_LOW: Mapping[PartnerSector, float] = {
    PartnerSector.EDUCATION: 5_600,  # education, healthcare and government: SBI O–Q together
    PartnerSector.HEALTHCARE: 5_600,
    PartnerSector.GOVERNMENT: 5_600,
    PartnerSector.ICT: 2_100,  # SBI H+J
    PartnerSector.AGRICULTURE: 2_000,  # SBI A
    PartnerSector.BUSINESS: 9_800,  # SBI K–N
    PartnerSector.ENGINEERING: 5_800,  # SBI B–F
    PartnerSector.CULTURE: 4_000,  # SBI R–U
    PartnerSector.OTHER: 38_000,  # all establishments
}
LABOUR_FULL: Mapping[PartnerSector, float] = {
    PartnerSector.EDUCATION: 39_000,
    PartnerSector.HEALTHCARE: 39_000,
    PartnerSector.GOVERNMENT: 39_000,
    PartnerSector.ICT: 21_000,
    PartnerSector.AGRICULTURE: 5_700,
    PartnerSector.BUSINESS: 80_000,
    PartnerSector.ENGINEERING: 30_500,
    PartnerSector.CULTURE: 26_000,
    PartnerSector.OTHER: 244_000,
}
JOB_LEAD_BONUS = 0.5  # a recruiter's job lead in the partner's sector lifts the score this much
OFFER_SCORE = 0.9  # a recruiter's housing offer or childcare place scores at least this
# childcare and school: average distance 0.3 km or less scores 1, 2 km or more scores 0.
FACILITY_NEAR_KM, FACILITY_FAR_KM = 0.3, 2.0
# practice_fit
DAYS_SPAN = 4.0
LOAD_TOLERANCE = 0.1  # up to 10% above the normpraktijk per FTE is fine
LOAD_SPAN = 0.6
BUILDING_NOT_WISHED = 0.3
GOODWILL_IN_RANGE = 0.7
GOODWILL_ABOVE_BUDGET = 0.6
# timing: one year between the windows scores 0; more than two years excludes.
TIMING_ZERO_DAYS = 365.0
TIMING_MAX_GAP_DAYS = 730.0


@dataclass(frozen=True)
class PracticeFeatures:
    """Per-practice numbers (arrays of equal length, or length-1 arrays for one practice)."""

    ids: Array
    lat: Array
    lon: Array
    province: Array  # index into the sorted province list
    form: Array  # index into FORMS
    building: Array  # index into BUILDINGS
    dispensing: Array
    patients: Array
    fte: Array
    days: Array
    goodwill_min: Array  # NaN when no goodwill is asked
    goodwill_max: Array
    start: Array  # handover window, days since 1970-01-01
    end: Array
    woz: Array  # average house value in the municipality, × €1,000 (NaN unknown)
    pct_rent: Array
    childcare_km: Array
    school_km: Array
    labour: Array  # (n, len(SECTORS)) establishments of each sector within commuting reach
    labour_lq: Array  # (n, len(SECTORS)) their location quotients
    shortage: Array  # 0–1, NaN unknown
    job_leads: Array | None = None  # (n, len(SECTORS)) counts of recruiters' leads
    housing_offers: Array | None = None  # recruiters' housing offers near the practice
    childcare_places: Array | None = None  # childcare places offered to doctors' families
    municipality: Array | None = None  # index into the municipality table (for filters)

    def __len__(self) -> int:
        """Number of practices."""
        return int(np.asarray(self.ids).shape[0])

    @cached_property
    def unit_vectors(self) -> UnitVectors:
        """The practices' positions as unit vectors, computed once per feature set."""
        return unit_vectors(self.lat, self.lon)

    @cached_property
    def labour_markets(self) -> Array:
        """(n, len(SECTORS)): each sector's labour market score, computed once per feature set."""
        sectors = np.arange(len(SECTORS))
        return labour_market(np.asarray(self.labour), np.asarray(self.labour_lq), sectors)


@dataclass(frozen=True)
class CandidateFeatures:
    """Per-candidate numbers: scalars for one candidate, arrays for many."""

    lat: Any
    lon: Any
    partner_lat: Any = np.nan  # the duo partner's home; NaN when applying alone
    partner_lon: Any = np.nan
    max_km: Any = np.nan
    region_mask: Any = 0  # bit i = province i chosen
    forms_mask: Any = 0  # 0 = any form
    building_mask: Any = 0  # 0 = no wish
    dispensing_ok: Any = True
    goodwill_budget: Any = np.nan
    days: Any = np.nan
    start: Any = np.nan  # earliest start, days since epoch
    end: Any = np.nan  # latest start
    partner_needs_job: Any = False
    partner_sector: Any = -1  # index into SECTORS, -1 unknown
    n_childcare: Any = 0
    n_primary: Any = 0
    n_secondary: Any = 0
    housing: Any = HOUSING_NONE
    housing_budget: Any = np.nan


@dataclass
class Scores:
    """Scores of every pair: totals, components with their status, exclusions."""

    total: Array
    values: dict[str, Array]
    status: dict[str, Array]
    excluded: Array
    distance_km: Array
    weights: dict[str, int] = field(default_factory=dict)


def _f(x: Any) -> Array:
    return np.asarray(x, dtype=np.float64)


def _ramp(x: Array, zero_at: float | Array, one_at: float | Array) -> Array:
    """Linear 0→1 between ``zero_at`` and ``one_at`` (either order), clipped; NaN stays NaN."""
    return np.clip((x - zero_at) / (one_at - zero_at), 0.0, 1.0)


def _nanmean(parts: tuple[Array, ...]) -> Array:
    """Mean of broadcastable arrays, ignoring NaN, without stacking copies of the grid."""
    total: Array = np.zeros(np.broadcast_shapes(*(np.shape(x) for x in parts)))
    count: Any = 0.0  # stays a number while no part has a gap, else broadcasts as needed
    for part in parts:
        missing = np.isnan(part)
        if missing.any():
            total += np.where(missing, 0.0, part)
            count = count + ~missing
        else:
            total += part
            count = count + 1.0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean: Array = total / count
    return mean


def _status(value: Array, applicable: Array) -> Array:
    known = np.where(np.isnan(value), np.int8(UNKNOWN), np.int8(SCORED))
    status: Array = np.where(applicable, known, np.int8(NEUTRAL))
    return status


def _bit(mask: Any, index: Array) -> Array:
    bits: Array = (np.asarray(mask, dtype=np.int64) >> np.asarray(index, dtype=np.int64)) & 1 == 1
    return bits


def _duo_distance(distance: Array, c: CandidateFeatures, p: PracticeFeatures) -> Array:
    """For duos the farther of the two homes counts; computed only for the duos' rows."""
    plat, plon = _f(c.partner_lat), _f(c.partner_lon)
    duo = ~np.isnan(plat)
    if not duo.any():
        return distance
    if duo.all():
        return np.fmax(distance, chord_km(unit_vectors(plat, plon), p.unit_vectors))
    rows = duo.reshape(duo.shape[0], -1)[:, 0]  # along the candidates' axis
    out = distance.copy()
    partner = unit_vectors(plat[rows], plon[rows])
    out[rows] = np.fmax(distance[rows], chord_km(partner, p.unit_vectors))
    return out


def location(c: CandidateFeatures, p: PracticeFeatures) -> tuple[Array, Array, Array]:
    """Location score, hard exclusion and distance (the farther home of a duo counts)."""
    distance = _duo_distance(chord_km(unit_vectors(c.lat, c.lon), p.unit_vectors), c, p)
    max_km = _f(c.max_km)
    has_max = ~np.isnan(max_km)
    regions = np.asarray(c.region_mask, dtype=np.int64)
    in_region = (regions != 0) & _bit(regions, p.province)
    within = has_max & (distance <= np.where(has_max, max_km, 0.0))
    excluded = ~(within | in_region) & (has_max | (regions != 0))
    reference = np.where(has_max, max_km, REGION_REFERENCE_KM)
    score = np.clip(1.0 - (1.0 - LOCATION_AT_EDGE) * distance / reference, LOCATION_AT_EDGE, 1.0)
    return score, excluded, distance


def housing(c: CandidateFeatures, p: PracticeFeatures) -> tuple[Array, Array]:
    """Housing near the practice against the household's need and budget."""
    need = np.asarray(c.housing)
    wants_buy = (need == HOUSING_BUY) | (need == HOUSING_EITHER)
    wants_rent = (need == HOUSING_RENT) | (need == HOUSING_EITHER)
    buy = _ramp(_f(c.housing_budget) / (p.woz * 1000.0), AFFORD_LOW, AFFORD_HIGH)
    rent = _ramp(p.pct_rent, 0.0, RENTAL_SHARE_FULL)
    value = np.where(wants_buy & wants_rent, np.fmax(buy, rent), np.where(wants_buy, buy, rent))
    if p.housing_offers is not None:
        value = np.where(p.housing_offers > 0, np.fmax(value, OFFER_SCORE), value)
    with_house = p.building == BUILDINGS.index(Building.WITH_HOUSE)
    value = np.where(with_house, 1.0, value)
    applicable = np.broadcast_to(need != HOUSING_NONE, value.shape)
    return np.where(applicable, value, np.nan), _status(value, applicable)


def _by_sector(table: Array, sector: Array, shape: tuple[int, ...]) -> Array:
    """Per pair, the value of ``table`` (practices × SECTORS) for the candidate's sector.

    One gather, broadcasting practices against candidates: rows (n,) with sectors (b, 1) give
    (b, n); a scalar sector gives (n,).
    """
    table = np.asarray(table)
    rows = np.arange(table.shape[0]) if table.ndim == 2 else 0
    return np.broadcast_to(table[rows, sector], shape)


def labour_market(size: Array, lq: Array, sector: Array) -> Array:
    """0–1: how good a partner's labour market is, from its size and its concentration."""
    low = np.array([LABOUR_LOW[x] for x in SECTORS])[sector]
    high = np.array([LABOUR_FULL[x] for x in SECTORS])[sector]
    big = _ramp(np.log(np.fmax(size, 1.0)), np.log(low), np.log(high))
    dense = _ramp(lq, LQ_LOW, LQ_HIGH)
    return LABOUR_SIZE_WEIGHT * big + (1.0 - LABOUR_SIZE_WEIGHT) * dense


def partner_work(c: CandidateFeatures, p: PracticeFeatures) -> tuple[Array, Array]:
    """Chance the partner finds work in their sector within commuting reach."""
    other = SECTORS.index(PartnerSector.OTHER)
    sector = np.asarray(c.partner_sector)
    sector = np.where(sector < 0, other, sector)
    shape = np.broadcast_shapes(np.shape(p.lat), np.shape(sector))
    value = _by_sector(p.labour_markets, sector, shape)
    if p.job_leads is not None:
        leads = _by_sector(p.job_leads, sector, shape)
        value = np.where(leads > 0, np.minimum(1.0, value + JOB_LEAD_BONUS), value)
    applicable = np.broadcast_to(np.asarray(c.partner_needs_job, dtype=bool), value.shape)
    return np.where(applicable, value, np.nan), _status(value, applicable)


def childcare(c: CandidateFeatures, p: PracticeFeatures) -> tuple[Array, Array]:
    """Childcare and primary-school access for the children's ages."""
    care = _ramp(p.childcare_km, FACILITY_FAR_KM, FACILITY_NEAR_KM)
    school = _ramp(p.school_km, FACILITY_FAR_KM, FACILITY_NEAR_KM)
    has_cc, has_prim = np.asarray(c.n_childcare) > 0, np.asarray(c.n_primary) > 0
    value = _nanmean((np.where(has_cc, care, np.nan), np.where(has_prim, school, np.nan)))
    if p.childcare_places is not None:
        offered = has_cc & (p.childcare_places > 0)
        value = np.where(offered, np.fmax(value, OFFER_SCORE), value)
    children = has_cc | has_prim | (np.asarray(c.n_secondary) > 0)
    applicable = np.broadcast_to(children, value.shape)
    return value, _status(value, applicable)


def practice_fit(c: CandidateFeatures, p: PracticeFeatures) -> tuple[Array, Array, Array]:
    """Fit of the practice itself, and exclusion for an unacceptable form."""
    forms = np.asarray(c.forms_mask, dtype=np.int64)
    excluded = (forms != 0) & ~_bit(forms, p.form)
    ratio = p.patients / np.fmax(p.fte, 1e-9) / NORMPRAKTIJK_PATIENTS
    budget = _f(c.goodwill_budget)
    asked = ~np.isnan(p.goodwill_min)
    goodwill = np.where(
        ~asked,
        1.0,
        np.where(
            budget >= p.goodwill_max,
            1.0,
            np.where(
                budget >= p.goodwill_min,
                GOODWILL_IN_RANGE,
                GOODWILL_ABOVE_BUDGET * np.clip(budget / np.fmax(p.goodwill_min, 1.0), 0, 1),
            ),
        ),
    )
    goodwill = np.where(asked & np.isnan(budget), np.nan, goodwill)
    wishes = np.asarray(c.building_mask, dtype=np.int64)
    subs = (
        np.where(np.asarray(p.dispensing) & ~np.asarray(c.dispensing_ok, dtype=bool), 0.0, 1.0),
        np.clip(1.0 - np.maximum(0.0, ratio - 1.0 - LOAD_TOLERANCE) / LOAD_SPAN, 0.0, 1.0),
        1.0 - np.abs(_f(c.days) - p.days) / DAYS_SPAN,
        np.where(wishes == 0, np.nan, np.where(_bit(wishes, p.building), 1.0, BUILDING_NOT_WISHED)),
        goodwill,
    )
    value = _nanmean(subs)
    return (
        value,
        np.full(value.shape, SCORED, dtype=np.int8),
        np.broadcast_to(excluded, value.shape),
    )


def timing(c: CandidateFeatures, p: PracticeFeatures) -> tuple[Array, Array, Array]:
    """Overlap of the handover window with the start window; far apart excludes."""
    start = np.where(np.isnan(_f(c.start)), -np.inf, _f(c.start))
    end = np.where(np.isnan(_f(c.end)), np.inf, _f(c.end))
    gap = np.maximum(np.maximum(p.start - end, start - p.end), 0.0)
    known = ~(np.isnan(_f(c.start)) & np.isnan(_f(c.end)))
    value = np.where(known, np.clip(1.0 - gap / TIMING_ZERO_DAYS, 0.0, 1.0), np.nan)
    excluded = known & (gap > TIMING_MAX_GAP_DAYS)
    applicable = np.ones(np.shape(value), dtype=bool)
    return value, _status(value, applicable), excluded


def shortage(p: PracticeFeatures) -> tuple[Array, Array]:
    """The municipality's shortage level, so matches in shortage regions rise."""
    value = np.asarray(p.shortage, dtype=np.float64)
    return value, _status(value, np.ones(value.shape, dtype=bool))


def merged_weights(custom: Mapping[str, int] | None) -> dict[str, int]:
    """Default weights overridden by a candidate's own, clipped to 0–MAX_WEIGHT."""
    weights = dict(DEFAULT_WEIGHTS)
    for name, value in (custom or {}).items():
        if name in weights:
            weights[name] = max(0, min(MAX_WEIGHT, int(value)))
    return weights


def score(
    c: CandidateFeatures, p: PracticeFeatures, weights: Mapping[str, int] | None = None
) -> Scores:
    """Score every candidate–practice pair given (broadcast) and combine the components.

    Parameters
    ----------
    c, p
        Candidate and practice features; one side scalar or length-1, the other arrays.
    weights
        Per-component weights 0–5; missing names take DEFAULT_WEIGHTS.

    Returns
    -------
    Scores
        Totals in [0, 1], each component's value and status, exclusions and distances.
    """
    w = merged_weights(weights)
    loc, loc_out, distance = location(c, p)
    fit, fit_status, fit_out = practice_fit(c, p)
    tim, tim_status, tim_out = timing(c, p)
    values = {"location": loc, "practice_fit": fit, "timing": tim}
    status = {
        "location": np.full(loc.shape, SCORED, dtype=np.int8),
        "practice_fit": fit_status,
        "timing": tim_status,
    }
    values["housing"], status["housing"] = housing(c, p)
    values["partner_work"], status["partner_work"] = partner_work(c, p)
    values["childcare"], status["childcare"] = childcare(c, p)
    values["shortage"], status["shortage"] = shortage(p)
    shape = np.broadcast_shapes(*(v.shape for v in values.values()))
    numerator = np.zeros(shape)
    denominator = np.zeros(shape)
    for name in COMPONENTS:
        weight = float(w[name])
        if weight == 0.0:
            continue
        scored = status[name] == SCORED  # a scored value is never NaN
        numerator += np.where(scored, weight * values[name], 0.0)
        denominator += np.where(scored, weight, 0.0)
    total = np.where(denominator > 0, numerator / np.maximum(denominator, 1e-12), 0.0)
    excluded = np.broadcast_to(loc_out | fit_out | tim_out, shape)
    return Scores(
        total=total,
        values={k: np.broadcast_to(v, shape) for k, v in values.items()},
        status={k: np.broadcast_to(s, shape) for k, s in status.items()},
        excluded=excluded,
        distance_km=np.broadcast_to(distance, shape),
        weights=w,
    )


def rank(scores: Scores, limit: int) -> Array:
    """Indices of the best non-excluded pairs, highest total first, nearer first on ties."""
    candidates = np.flatnonzero(~np.ravel(scores.excluded))
    total = np.ravel(scores.total)[candidates]
    if 0 < limit < len(candidates) // 4:
        # Only pairs at least as good as the limit-th best can make the list (ties with it
        # are settled by distance below), so sorting them alone gives the same order.
        kth = np.partition(-total, limit - 1)[limit - 1]
        if not np.isnan(kth):
            keep = -total <= kth
            candidates, total = candidates[keep], total[keep]
    order = np.lexsort((np.ravel(scores.distance_km)[candidates], -total))
    return candidates[order[:limit]]


def best_per_candidate(
    pool: CandidateFeatures,
    p: PracticeFeatures,
    weights: Mapping[str, int] | None = None,
    *,
    block: int = 8,
    workers: int = 2,
) -> tuple[Array, Array]:
    """Score every candidate of ``pool`` (arrays) against every practice: the whole matrix.

    The pool is cut into blocks of ``block`` candidates, each scored as a (block × practices)
    grid small enough to stay in the processor's cache; numpy releases the GIL, so ``workers``
    threads score blocks side by side.

    Returns
    -------
    tuple of numpy.ndarray
        Per candidate: the index of its best practice that is not excluded (-1 if none) and
        that pair's total (NaN if none).
    """
    n = len(np.atleast_1d(pool.lat))
    names = CandidateFeatures.__dataclass_fields__

    def one(start: int) -> tuple[int, Array, Array]:
        part = CandidateFeatures(
            **{k: np.asarray(getattr(pool, k))[start : start + block, None] for k in names}
        )
        scores = score(part, p, weights)
        total = np.where(scores.excluded, -np.inf, scores.total)
        best = np.argmax(total, axis=1)
        value = total[np.arange(len(best)), best]
        return (
            start,
            np.where(np.isfinite(value), best, -1),
            np.where(np.isfinite(value), value, np.nan),
        )

    best_index = np.full(n, -1, dtype=np.int64)
    best_total = np.full(n, np.nan)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool_of_threads:
        for start, index, value in pool_of_threads.map(one, range(0, n, block)):
            best_index[start : start + len(index)] = index
            best_total[start : start + len(value)] = value
    return best_index, best_total


def take(p: PracticeFeatures, index: Any) -> PracticeFeatures:
    """The practices at ``index`` (an int array or slice) as their own feature set."""
    values: dict[str, Any] = {
        name: None if getattr(p, name) is None else np.asarray(getattr(p, name))[index]
        for name in PracticeFeatures.__dataclass_fields__
    }
    return PracticeFeatures(**values)
