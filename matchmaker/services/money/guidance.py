"""What a listing's asking goodwill means, with the sources, for its page and its printout."""

from __future__ import annotations

from dataclasses import dataclass

from matchmaker.domain import goodwill
from matchmaker.services.money import advisers


@dataclass(frozen=True)
class Guidance:
    """The readings of the asking range, the reference, the advisers, and the viewer's budget."""

    readings: tuple[goodwill.Reading, ...]
    reference_per_fte: int
    price_level: int
    lhv_since: int
    lhv_reaffirmed: int
    ban_ended: int
    advisers: list[advisers.Adviser]
    budget: int | None  # the candidate's goodwill budget (None: not a candidate, or not given)


def for_listing(
    *, low: int | None, high: int | None, patients: int, fte: float, budget: int | None = None
) -> Guidance | None:
    """Guidance for a listing that asks goodwill (None when it asks none)."""
    found = goodwill.readings(low, high, patients=patients, fte=fte)
    if not found:
        return None
    return Guidance(
        found,
        goodwill.NZA_LABOUR_COST_PER_FTE,
        goodwill.NZA_PRICE_LEVEL,
        goodwill.LHV_POSITION_SINCE,
        goodwill.LHV_REAFFIRMED,
        goodwill.BAN_ENDED,
        advisers.current(),
        budget,
    )
