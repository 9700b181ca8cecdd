"""The GP-shortage index: a transparent 0–100 score per municipality from open data.

GP counts per municipality are not openly available (see data/PROVENANCE.md), so the
index combines proxies. Each component is normalised to 0–1 (1 = more shortage):

    score = 100 × Σ weight_i × normalised_i / Σ weight_i   (over components with data)

- access (0.35): CBS average road distance to the nearest GP practice, km; min–max scaled.
- demand (0.15): share of inhabitants aged 65+, % (CBS 2024); min–max scaled.
- ageing_areas (0.10): share of inhabitants living in PC4 areas whose 65+ share is above the
  national share (CBS PC4 2021); already 0–1.
- rurality (0.15): inhabitants per km² (CBS 2024); min–max of −log10(density).
- succession (0.25): patients of listed practices handing over within five years without an
  accepted introduction, per 1,000 inhabitants; divided by SUCCESSION_FULL, capped at 1.
- patient_stops (0): not recorded yet, always unknown.

A component without data is *unknown*: left out of the sum, never counted as zero.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

WEIGHTS: Mapping[str, float] = {
    "access": 0.35,
    "demand": 0.15,
    "ageing_areas": 0.10,
    "rurality": 0.15,
    "succession": 0.25,
    "patient_stops": 0.0,
}
SUCCESSION_FULL = 100.0  # patients at risk per 1,000 inhabitants that count as full shortage
SHORTAGE_REGION = 50.0  # a score from which a municipality is called a shortage region
UNITS: Mapping[str, str] = {
    "access": "km",
    "demand": "%",
    "ageing_areas": "share",
    "rurality": "per km²",
    "succession": "per 1,000",
    "patient_stops": "",
}


@dataclass(frozen=True, slots=True)
class RegionIndicators:
    """Raw inputs of one municipality (None = not available)."""

    gp_distance_km: float | None
    pct_65plus: float | None
    ageing_area_share: float | None
    density_per_km2: float | None
    inhabitants: float | None
    succession_patients: float = 0.0


@dataclass(frozen=True, slots=True)
class Component:
    """One component: what was measured, how it scaled, and how much it counts."""

    name: str
    raw: float | None
    normalised: float | None
    weight: float


@dataclass(frozen=True, slots=True)
class RegionShortage:
    """A municipality's score (None when no component has data) and its components."""

    score: float | None
    components: tuple[Component, ...]


def _minmax(values: Mapping[str, float | None]) -> dict[str, float | None]:
    known = [v for v in values.values() if v is not None]
    if not known:
        return dict.fromkeys(values)
    low, span = min(known), (max(known) - min(known)) or 1.0
    return {k: None if v is None else (v - low) / span for k, v in values.items()}


def _per_thousand(ind: RegionIndicators) -> float | None:
    if not ind.inhabitants:
        return None
    return ind.succession_patients / ind.inhabitants * 1000.0


def shortage_index(inputs: Mapping[str, RegionIndicators]) -> dict[str, RegionShortage]:
    """Score every municipality.

    Parameters
    ----------
    inputs
        Raw indicators per CBS municipality code; min–max scaling runs over all of them.

    Returns
    -------
    dict
        Per code the score 0–100 (rounded to 0.1) and every component.
    """
    raw = {
        "access": {c: i.gp_distance_km for c, i in inputs.items()},
        "demand": {c: i.pct_65plus for c, i in inputs.items()},
        "ageing_areas": {c: i.ageing_area_share for c, i in inputs.items()},
        "rurality": {c: i.density_per_km2 for c, i in inputs.items()},
        "succession": {c: _per_thousand(i) for c, i in inputs.items()},
        "patient_stops": dict.fromkeys(inputs),
    }
    norm = {
        "access": _minmax(raw["access"]),
        "demand": _minmax(raw["demand"]),
        "ageing_areas": raw["ageing_areas"],
        "rurality": _minmax({c: -math.log10(v) if v else None for c, v in raw["rurality"].items()}),
        "succession": {
            c: None if v is None else min(1.0, v / SUCCESSION_FULL)
            for c, v in raw["succession"].items()
        },
        "patient_stops": dict.fromkeys(inputs),
    }
    result = {}
    for code in inputs:
        parts = tuple(Component(n, raw[n][code], norm[n][code], WEIGHTS[n]) for n in WEIGHTS)
        scored = [
            (p.weight, p.normalised) for p in parts if p.normalised is not None and p.weight > 0
        ]
        total = sum(w for w, _ in scored)
        score = round(100.0 * sum(w * v for w, v in scored) / total, 1) if total else None
        result[code] = RegionShortage(score, parts)
    return result
