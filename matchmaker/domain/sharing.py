"""A candidate as a holder's ranking may see them: only the items the candidate shares.

A holder controls half of every pair (their listing's goodwill, handover dates, place), so
anything computed from a candidate's unshared data and shown to the holder can be read back
by moving those inputs. The holder's side is therefore computed from a projection of the
candidate's features in which every field a candidate did not share holds the value of "not
known" (the field's default), and the home is the municipality's label point, which a holder
sees anyway. What the holder sees - scores, reasons, whether a candidate is in the list at
all, and the order - is then a function of the shared items and the holder's own inputs, and
of nothing else (non-interference; ``docs/scoring.md``, "What a holder's score is made of").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import MISSING, fields, replace
from typing import Any

import numpy as np

from matchmaker.domain.household import Shared
from matchmaker.domain.scoring import CandidateFeatures

ITEMS = tuple(Shared)  # bit i of a share mask = ITEMS[i] shared

# Which share item lets which features into a holder's view.
DRIVES: Mapping[Shared, tuple[str, ...]] = {
    Shared.AREA: ("max_km", "region_mask"),
    Shared.AVAILABILITY: ("start", "end", "days"),
    Shared.WISHES: ("forms_mask", "building_mask", "dispensing_ok"),
    Shared.BUDGET: ("goodwill_budget", "housing_budget"),
    Shared.HOUSEHOLD: ("partner_needs_job", "partner_sector"),
    Shared.CHILDREN: ("n_childcare", "n_primary", "n_secondary"),
    Shared.HOUSING: ("housing",),
    Shared.ABOUT: (),
}
# Always in the view: the position, which the caller sets to the municipality's label point.
PUBLIC = ("lat", "lon")
# Never in the view: a duo partner's home is the partner's, not this candidate's, to share.
NEVER = ("partner_lat", "partner_lon")

# A component a holder sees as "private" (no value, no reasons) while its item is unshared;
# the others always hold something public (the place, the practice's own load, the region).
PRIVATE_WITHOUT: Mapping[str, Shared] = {
    "timing": Shared.AVAILABILITY,
    "housing": Shared.HOUSING,
    "partner_work": Shared.HOUSEHOLD,
    "childcare": Shared.CHILDREN,
}


def mask(shared: Iterable[str]) -> int:
    """The share mask of these item names (unknown names are ignored)."""
    names = {str(x) for x in shared}
    return sum(1 << i for i, item in enumerate(ITEMS) if str(item) in names)


def hidden_components(shared: Iterable[str]) -> set[str]:
    """The components a holder sees as private for a candidate sharing ``shared``."""
    names = {str(x) for x in shared}
    return {c for c, item in PRIVATE_WITHOUT.items() if str(item) not in names}


def _default(name: str) -> Any:
    field = CandidateFeatures.__dataclass_fields__[name]
    assert field.default is not MISSING, name
    return field.default


def shared_only(c: CandidateFeatures, shared: Any, lat: Any, lon: Any) -> CandidateFeatures:
    """``c`` with every field its candidate does not share set to "not known".

    Parameters
    ----------
    c
        A candidate's features (scalars) or many candidates' (arrays).
    shared
        The share mask (``mask``) of each candidate, aligned with ``c``.
    lat, lon
        The position a holder may know: the municipality's label point.

    Returns
    -------
    CandidateFeatures
        Features that depend on the shared items, ``lat`` and ``lon`` only.
    """
    bits = np.asarray(shared, dtype=np.int64)
    values: dict[str, Any] = {"lat": lat, "lon": lon}
    for name in NEVER:
        values[name] = np.full(bits.shape, _default(name))
    for i, item in enumerate(ITEMS):
        on = (bits >> i) & 1 == 1
        for name in DRIVES[item]:
            values[name] = np.where(on, getattr(c, name), _default(name))
    assert set(values) == {f.name for f in fields(CandidateFeatures)}
    return replace(c, **values)
