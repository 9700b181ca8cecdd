"""Regional GP-shortage level from open CBS indicators (first version of the index).

GP counts per municipality are not openly available (see data/PROVENANCE.md), so this
index combines proxies, each scaled 0–1 across all municipalities (min–max) and weighted:

- access (weight 0.5): CBS average road distance to the nearest GP practice; farther = worse;
- demand (weight 0.3): share of inhabitants aged 65+; older = more care needed;
- rurality (weight 0.2): inverse of population density (log scale); sparser = harder to staff.

A municipality missing an indicator gets the weighted mean of the indicators it has.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

SHORTAGE_WEIGHTS: Mapping[str, float] = {"access": 0.5, "demand": 0.3, "rurality": 0.2}


@dataclass(frozen=True, slots=True)
class ShortageInputs:
    """Raw indicators of one municipality (None = not available)."""

    gp_distance_km: float | None
    pct_65plus: float | None
    density_per_km2: float | None


def _scaled(values: dict[str, float | None]) -> dict[str, float | None]:
    known = [v for v in values.values() if v is not None]
    if not known:
        return dict.fromkeys(values)
    low, high = min(known), max(known)
    span = high - low or 1.0
    return {k: None if v is None else (v - low) / span for k, v in values.items()}


def shortage_levels(inputs: Mapping[str, ShortageInputs]) -> dict[str, float | None]:
    """Shortage level 0–1 per municipality code (higher = more shortage).

    Parameters
    ----------
    inputs
        Raw indicators per CBS municipality code.

    Returns
    -------
    dict
        Level per code; None only when a municipality has no indicator at all.
    """
    parts = {
        "access": _scaled({c: i.gp_distance_km for c, i in inputs.items()}),
        "demand": _scaled({c: i.pct_65plus for c, i in inputs.items()}),
        "rurality": _scaled(
            {
                c: -math.log10(i.density_per_km2) if i.density_per_km2 else None
                for c, i in inputs.items()
            }
        ),
    }
    levels: dict[str, float | None] = {}
    for code in inputs:
        weighted = [(SHORTAGE_WEIGHTS[k], parts[k][code]) for k in SHORTAGE_WEIGHTS]
        have = [(w, v) for w, v in weighted if v is not None]
        total_w = sum(w for w, _ in have)
        levels[code] = sum(w * v for w, v in have) / total_w if have else None
    return levels
