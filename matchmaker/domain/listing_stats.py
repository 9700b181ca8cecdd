"""A holder's statistics per listing: weekly counts that never point at a person."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEKS = 12  # a quarter: long enough to see a trend, short enough to stay about this listing
# Below three a count could point at one person the holder knows (the candidate they spoke
# to last week); statistics offices suppress small cells for the same reason.
MIN_SHOWN = 3


def monday(day: date) -> date:
    """The Monday of ``day``'s week (ISO weeks, as Dutch calendars count them)."""
    return day - timedelta(days=day.weekday())


def weeks_back(today: date, n: int = WEEKS) -> list[date]:
    """The Mondays of the last ``n`` weeks, oldest first, this week last."""
    this = monday(today)
    return [this - timedelta(weeks=k) for k in range(n - 1, -1, -1)]


def shown(count: int) -> int | None:
    """The count as a holder may see it: None ("< 3") below ``MIN_SHOWN``."""
    return count if count >= MIN_SHOWN else None


def median_score(scores: Sequence[float]) -> float | None:
    """The median match score of the viewers, only when at least ``MIN_SHOWN`` scored."""
    return statistics.median(scores) if len(scores) >= MIN_SHOWN else None


@dataclass(frozen=True)
class Week:
    """One week of a listing: views (distinct candidates), stars and requests."""

    start: date
    views: int | None  # None: fewer than MIN_SHOWN
    shortlists: int | None
    requests: int
