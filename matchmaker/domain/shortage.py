"""The GP-shortage index: two dimensions per municipality, each 0–100 with its components.

GP shortage comes in two kinds, and published reports name different places for each:

- **recruitment** ("opvolging en werving"): how hard it is to find and keep a GP here — an
  ageing population, holders stopping without a successor, far to a practice, remote, and
  the household factors research names (partner's work, housing, childcare, school). The
  regions named for successor problems (Zeeland, Achterhoek, Kop van Noord-Holland,
  Oost-Groningen, Noordoostpolder) score high here.
- **access** ("toegang voor patiënten"): pressure on the practices that exist — a growing
  population, dense urban areas, new-build neighbourhoods, young families, and patient stops
  reported by holders.
  The places where patients cannot register (Rekenkamer 2025: Haaglanden, Zuid-Holland-Zuid,
  Gooi en Vechtstreek, Amersfoort) score high here.

Each open-data component becomes its **percentile rank** among the municipalities (0 = the
lowest, 1 = the highest, ties share their mean rank), turned round where a low value means
shortage. Ranks are robust to outliers (one fast-growing new town no longer squeezes the rest
to zero) and read plainly: 0.8 = more pressing than four in five municipalities. Platform data
(holders' stop plans, listings and patient stops) keep a fixed scale, because their meaning
does not depend on the other municipalities.

    dimension = 100 × Σ wᵢ × normalisedᵢ / Σ wᵢ   over the components *with data*

and then succession raises it: ``dimension += w × level × (100 − dimension)``. The platform
sees only the holders who tell it they stop, so a report is evidence of shortage while no
report is no evidence of the opposite: succession can only raise the score. A component
without data is unknown: left out, its weight shared by the others, never 0.
``score`` (used by matching) is the higher of the known dimensions: a municipality needs GPs
when either kind of shortage is severe, and the two run opposite ways (rural against urban),
so their mean would flatten both. Every weight's reason is in
docs/shortage-index.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np


class Dimension(StrEnum):
    """The two kinds of GP shortage."""

    RECRUITMENT = "recruitment"
    ACCESS = "access"


@dataclass(frozen=True, slots=True)
class Spec:
    """How one component is measured and counted."""

    name: str
    dimension: Dimension
    weight: float
    unit: str
    worse_when_high: bool = True  # False: a low raw value means more shortage
    ranked: bool = True  # False: a fixed scale, raw / full capped at 1 (platform data)
    full: float = 1.0
    # True: the component only raises its dimension (see ``_dimension``), because the platform
    # sees some of the practices that stop and never all of them: no report is no evidence.
    raises: bool = False


# Patients of practices handing over within five years without a successor, per 1,000
# inhabitants of their catchment, that count as full succession pressure: a tenth of the
# population's GP care at stake (judgement; see docs/shortage-index.md).
SUCCESSION_FULL = 100.0

SPECS: tuple[Spec, ...] = (
    Spec(
        "succession",
        Dimension.RECRUITMENT,
        0.25,
        "per 1,000",
        ranked=False,
        full=SUCCESSION_FULL,
        raises=True,
    ),
    Spec("ageing", Dimension.RECRUITMENT, 0.15, "% 65+"),
    Spec("gp_distance", Dimension.RECRUITMENT, 0.15, "km"),
    Spec("remoteness", Dimension.RECRUITMENT, 0.10, "per km²", worse_when_high=False),
    Spec("partner_jobs", Dimension.RECRUITMENT, 0.15, "businesses", worse_when_high=False),
    Spec("housing", Dimension.RECRUITMENT, 0.05, "%", worse_when_high=False),
    Spec("childcare", Dimension.RECRUITMENT, 0.075, "km"),
    Spec("school", Dimension.RECRUITMENT, 0.075, "km"),
    Spec("patient_stops", Dimension.ACCESS, 0.35, "share", ranked=False),
    Spec("growth", Dimension.ACCESS, 0.20, "%"),
    Spec("urban_pressure", Dimension.ACCESS, 0.20, "addresses per km²"),
    Spec("new_build", Dimension.ACCESS, 0.15, "%"),
    Spec("young_families", Dimension.ACCESS, 0.10, "% 0–14"),
)
SPEC = {s.name: s for s in SPECS}
WEIGHTS: Mapping[str, float] = {s.name: s.weight for s in SPECS}
UNITS: Mapping[str, str] = {s.name: s.unit for s in SPECS}

# A shortage region scores 70 or more on one kind: about a third of the municipalities,
# fewer than the 60% of practices that had a patient stop in 2024 (Algemene Rekenkamer 2025).
SHORTAGE_REGION = 70.0
# A practice's patients live in its municipality and those within this travel distance; the
# succession and patient-stop figures are spread over that catchment (judgement: most Dutch
# patients live within a few km of their GP, rural ones up to about 15 km).
CATCHMENT_KM = 15.0
PATIENT_STOP_LEVEL: Mapping[str, float] = {"yes": 1.0, "partly": 0.5, "no": 0.0}


@dataclass(frozen=True, slots=True)
class Component:
    """One component: what was measured, how it scaled, and how much it counts."""

    name: str
    raw: float | None
    normalised: float | None
    weight: float
    dimension: Dimension = Dimension.RECRUITMENT


@dataclass(frozen=True, slots=True)
class RegionShortage:
    """A municipality's dimensions (None = no component known), the higher one, the parts."""

    score: float | None
    components: tuple[Component, ...]
    scores: Mapping[Dimension, float | None] = field(default_factory=dict)

    def missing(self, dimension: Dimension | None = None) -> list[str]:
        """Names of the components without data (of one dimension, or all)."""
        return [
            c.name
            for c in self.components
            if c.normalised is None and (dimension is None or c.dimension == dimension)
        ]


def ranks(values: Sequence[float | None]) -> list[float | None]:
    """Percentile ranks 0–1 of the known values (ties share their mean rank); None stays."""
    known = [(v, i) for i, v in enumerate(values) if v is not None and not np.isnan(v)]
    out: list[float | None] = [None] * len(values)
    if not known:
        return out
    if len(known) == 1:
        out[known[0][1]] = 0.5
        return out
    known.sort()
    span = len(known) - 1
    start = 0
    while start < len(known):
        end = start
        while end + 1 < len(known) and known[end + 1][0] == known[start][0]:
            end += 1
        rank = (start + end) / 2 / span
        for _, i in known[start : end + 1]:
            out[i] = rank
        start = end + 1
    return out


def _dimension(parts: Sequence[Component], dimension: Dimension) -> float | None:
    """The weighted mean of the components with data, then raised by the raising ones:
    each closes ``weight × its level`` of the distance to 100."""
    mine = [p for p in parts if p.dimension == dimension and p.normalised is not None]
    scored = [(p.weight, p.normalised or 0.0) for p in mine if not SPEC[p.name].raises]
    total = sum(w for w, _ in scored)
    if not total:
        return None
    score = 100.0 * sum(w * v for w, v in scored) / total
    for p in mine:
        if SPEC[p.name].raises:
            score += p.weight * (p.normalised or 0.0) * (100.0 - score)
    return round(score, 1)


def _fixed(spec: Spec, value: float | None) -> float | None:
    """A component on a fixed scale: its raw value over ``full``, capped to 0–1."""
    return None if value is None else min(1.0, max(0.0, value / spec.full))


def _region(
    row: Mapping[str, float | None], normalised: Mapping[str, float | None]
) -> RegionShortage:
    """One municipality from its raw values and its components' normalised values."""
    parts = tuple(
        Component(
            s.name,
            row.get(s.name),
            None if normalised[s.name] is None else round(normalised[s.name] or 0.0, 4),
            s.weight,
            s.dimension,
        )
        for s in SPECS
    )
    scores = {d: _dimension(parts, d) for d in Dimension}
    known = [v for v in scores.values() if v is not None]
    return RegionShortage(max(known) if known else None, parts, scores)


def shortage_index(
    raw: Mapping[str, Mapping[str, float | None]],
) -> dict[str, RegionShortage]:
    """Score every municipality from its raw component values.

    Parameters
    ----------
    raw
        Per CBS municipality code, per component name (``SPECS``), the measured value or None.
        Ranked components are ranked over all the municipalities given.

    Returns
    -------
    dict
        Per code both dimensions 0–100 (rounded to 0.1), the higher one and every component.
    """
    codes = list(raw)
    normalised: dict[str, list[float | None]] = {}
    for spec in SPECS:
        values = [raw[c].get(spec.name) for c in codes]
        if not spec.ranked:
            normalised[spec.name] = [_fixed(spec, v) for v in values]
            continue
        r = ranks(values)
        normalised[spec.name] = [
            None if x is None else (x if spec.worse_when_high else 1.0 - x) for x in r
        ]
    return {
        code: _region(raw[code], {name: column[i] for name, column in normalised.items()})
        for i, code in enumerate(codes)
    }


def rescored(
    previous: Mapping[str, RegionShortage],
    raw: Mapping[str, Mapping[str, float | None]],
    codes: Iterable[str],
) -> dict[str, RegionShortage]:
    """``previous`` with the municipalities in ``codes`` scored again from ``raw``, when only
    components on a fixed scale changed since ``previous`` was computed.

    A ranked component's value depends on every municipality, a fixed-scale one (the platform's
    succession and patient stops) on its own only; so when the ranked inputs are as before,
    their normalised values are taken from ``previous`` and the result equals
    ``shortage_index(raw)`` at the cost of the municipalities that changed.
    """
    out = dict(previous)
    for code in codes:
        before = {c.name: c.normalised for c in previous[code].components}
        normalised = {
            s.name: before[s.name] if s.ranked else _fixed(s, raw[code].get(s.name)) for s in SPECS
        }
        out[code] = _region(raw[code], normalised)
    return out
