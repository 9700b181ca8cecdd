"""Short, structured reasons behind a score; the web layer words them in Dutch or English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matchmaker.domain import scoring as s
from matchmaker.domain.household import PartnerSector
from matchmaker.domain.practice import NORMPRAKTIJK_PATIENTS, Building
from matchmaker.domain.shortage import SHORTAGE_REGION

GOOD, BAD = 0.6, 0.35  # component values above/below which a reason reads as plus/minus
DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class Reason:
    """One explanation: a message key, its parameters, the component and its tone."""

    key: str
    component: str
    tone: str  # "plus", "minus" or "info"
    params: dict[str, Any] = field(default_factory=dict)


def _tone(value: float) -> str:
    return "plus" if value >= GOOD else "minus" if value <= BAD else "info"


def _picked(value: Any, shape: tuple[int, ...], order: Any) -> list[Any]:
    """Elements ``order`` of ``value`` broadcast to ``shape``, as plain Python scalars."""
    array = np.asarray(value)
    if array.ndim == 0 or array.size == 1:
        return [array.reshape(-1)[0].item()] * len(order)
    if array.shape != shape:
        array = np.broadcast_to(array, shape)
    return array[order].tolist()  # type: ignore[no-any-return]


def pairs(
    c: s.CandidateFeatures, p: s.PracticeFeatures, scores: s.Scores, order: Any
) -> list[dict[str, Any]]:
    """Every feature of each pair in ``order`` as plain scalars (whichever side was the
    array), read column by column: one indexing per feature, not one per pair and feature."""
    shape = scores.total.shape
    order = np.asarray(order, dtype=np.intp)
    columns: dict[str, list[Any]] = {}
    for prefix, obj in (("c_", c), ("p_", p)):
        for name in obj.__dataclass_fields__:
            value = getattr(obj, name)
            if value is None or name in ("job_leads", "municipality", "labour", "labour_lq"):
                continue
            columns[prefix + name] = _picked(value, shape, order)
    sectors = columns["c_partner_sector"]
    other = s.SECTORS.index(PartnerSector.OTHER)

    def by_sector(table: Any, sector: int) -> Any:
        return np.broadcast_to(table[..., sector], shape)

    n = len(order)
    leads = [
        float(by_sector(p.job_leads, sector)[order[k]])
        if p.job_leads is not None and sector >= 0
        else 0.0
        for k, sector in enumerate(sectors)
    ]
    markets = [sector if sector >= 0 else other for sector in sectors]
    columns["p_sector_leads"] = leads
    columns["p_labour"] = [float(by_sector(p.labour, m)[order[k]]) for k, m in enumerate(markets)]
    columns["p_labour_lq"] = [
        float(by_sector(p.labour_lq, m)[order[k]]) for k, m in enumerate(markets)
    ]
    columns.setdefault("p_housing_offers", [0.0] * n)
    columns.setdefault("p_childcare_places", [0.0] * n)
    columns["distance_km"] = np.asarray(scores.distance_km)[order].astype(float).tolist()
    for name in s.COMPONENTS:
        columns[name] = np.asarray(scores.values[name])[order].astype(float).tolist()
        columns[name + "_status"] = np.asarray(scores.status[name])[order].astype(int).tolist()
    return [{key: values[k] for key, values in columns.items()} for k in range(n)]


def pair(c: s.CandidateFeatures, p: s.PracticeFeatures, scores: s.Scores, i: int) -> dict[str, Any]:
    """Every feature of pair ``i`` as a plain scalar (whichever side was the array)."""
    return pairs(c, p, scores, [i])[0]


def _location(v: dict[str, Any]) -> list[Reason]:
    key = "distance_duo" if not np.isnan(v["c_partner_lat"]) else "distance"
    return [Reason(key, "location", _tone(v["location"]), {"km": round(v["distance_km"])})]


def _practice(v: dict[str, Any]) -> list[Reason]:
    out = []
    if v["p_building"] == s.BUILDINGS.index(Building.WITH_HOUSE):
        out.append(Reason("praktijkwoning", "practice_fit", "plus"))
    if v["p_dispensing"] and not v["c_dispensing_ok"]:
        out.append(Reason("dispensing_not_wanted", "practice_fit", "minus"))
    if np.isnan(v["p_goodwill_min"]):
        out.append(Reason("goodwill_none", "practice_fit", "plus"))
    elif not np.isnan(v["c_goodwill_budget"]) and v["c_goodwill_budget"] < v["p_goodwill_min"]:
        out.append(
            Reason(
                "goodwill_over_budget",
                "practice_fit",
                "minus",
                {"amount": int(v["p_goodwill_min"]), "budget": int(v["c_goodwill_budget"])},
            )
        )
    ratio = v["p_patients"] / max(v["p_fte"], 1e-9) / NORMPRAKTIJK_PATIENTS
    if ratio > 1 + s.LOAD_TOLERANCE:
        out.append(Reason("list_large", "practice_fit", "minus", {"ratio": round(ratio, 1)}))
    return out


def _timing(v: dict[str, Any]) -> list[Reason]:
    if v["timing_status"] != s.SCORED:
        return [Reason("timing_unknown", "timing", "info")]
    if v["timing"] >= 1.0:
        return [Reason("timing_overlap", "timing", "plus")]
    months = round((1.0 - v["timing"]) * s.TIMING_ZERO_DAYS / DAYS_PER_MONTH)
    return [Reason("timing_gap", "timing", "minus", {"months": max(months, 1)})]


def _housing(v: dict[str, Any]) -> list[Reason]:
    status = v["housing_status"]
    if status == s.NEUTRAL or v["p_building"] == s.BUILDINGS.index(Building.WITH_HOUSE):
        return []
    if v["p_housing_offers"] > 0:
        return [Reason("housing_offers", "housing", "plus", {"n": int(v["p_housing_offers"])})]
    if status == s.UNKNOWN:
        return [Reason("housing_unknown", "housing", "info")]
    if v["c_housing"] in (s.HOUSING_BUY, s.HOUSING_EITHER) and not np.isnan(v["c_housing_budget"]):
        return [
            Reason(
                "house_value",
                "housing",
                _tone(v["housing"]),
                {"woz": int(v["p_woz"] * 1000), "budget": int(v["c_housing_budget"])},
            )
        ]
    return [Reason("rental_share", "housing", _tone(v["housing"]), {"pct": int(v["p_pct_rent"])})]


def _partner(v: dict[str, Any]) -> list[Reason]:
    if v["partner_work_status"] != s.SCORED:
        return []
    sector = s.SECTORS[v["c_partner_sector"]] if v["c_partner_sector"] >= 0 else None
    if v["p_sector_leads"] > 0:
        return [
            Reason(
                "job_leads",
                "partner_work",
                "plus",
                {"sector": sector, "n": int(v["p_sector_leads"])},
            )
        ]
    params: dict[str, Any] = {"n": int(round(v["p_labour"], -1)), "km": int(s.PARTNER_COMMUTE_KM)}
    if sector in (None, PartnerSector.OTHER):
        return [Reason("partner_labour_all", "partner_work", _tone(v["partner_work"]), params)]
    params |= {"sector": sector, "times": round(v["p_labour_lq"], 1)}
    return [Reason("partner_labour", "partner_work", _tone(v["partner_work"]), params)]


def _children(v: dict[str, Any]) -> list[Reason]:
    status = v["childcare_status"]
    if status == s.NEUTRAL:
        return []
    out = []
    if v["c_n_childcare"] > 0 and v["p_childcare_places"] > 0:
        out.append(
            Reason("childcare_places", "childcare", "plus", {"n": int(v["p_childcare_places"])})
        )
    if status == s.UNKNOWN:
        return out or [Reason("childcare_unknown", "childcare", "info")]
    if v["c_n_childcare"] > 0 and not np.isnan(v["p_childcare_km"]):
        out.append(
            Reason(
                "childcare_near", "childcare", _tone(v["childcare"]), {"km": v["p_childcare_km"]}
            )
        )
    if v["c_n_primary"] > 0 and not np.isnan(v["p_school_km"]):
        out.append(
            Reason("school_near", "childcare", _tone(v["childcare"]), {"km": v["p_school_km"]})
        )
    return out


def _shortage(v: dict[str, Any]) -> list[Reason]:
    if v["shortage_status"] == s.SCORED and v["shortage"] >= SHORTAGE_REGION / 100:
        return [Reason("shortage_high", "shortage", "plus")]
    return []


def reasons(v: dict[str, Any]) -> list[Reason]:
    """All reasons for one pair, in a fixed order: place, practice, time, household, region."""
    return [
        *_location(v),
        *_practice(v),
        *_timing(v),
        *_housing(v),
        *_partner(v),
        *_children(v),
        *_shortage(v),
    ]
