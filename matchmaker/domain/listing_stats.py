"""A holder's statistics per listing: counts that never point at a person.

Three rules (``docs/architecture.md``, "A holder's statistics"):

- A count is published once, when its period has closed, and never changes afterwards: a
  count that grows while the week runs, or shrinks when someone takes back a star, turns into
  the one person who just acted when two readings are compared.
- Weekly counts below ``MIN_SHOWN`` show as "< 3".
- The number of distinct viewers and their median score are published per fixed block of
  ``BLOCK_WEEKS`` weeks, counted from ``BLOCK_EPOCH``: blocks do not overlap, so two readings
  never differ by the candidates of one week (a sliding twelve-week window would). The median
  needs ``MIN_MEDIAN`` viewers.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEKS = 12  # closed weeks shown: a quarter, long enough to see a trend
# Below three a count could point at one person the holder knows (the candidate they spoke
# to last week); statistics offices suppress small cells for the same reason.
MIN_SHOWN = 3
# A median of fewer viewers says too much about each: with three, it is one of them; with
# two sock-puppet accounts beside one real viewer, it is that viewer's score (issue 30).
MIN_MEDIAN = 10
BLOCK_WEEKS = 12  # distinct viewers and the median, per fixed block of weeks
BLOCK_EPOCH = date(2024, 1, 1)  # a Monday: blocks start every BLOCK_WEEKS weeks from here


def monday(day: date) -> date:
    """The Monday of ``day``'s week (ISO weeks, as Dutch calendars count them)."""
    return day - timedelta(days=day.weekday())


def weeks_back(today: date, n: int = WEEKS) -> list[date]:
    """The Mondays of the last ``n`` weeks, oldest first, this week last."""
    this = monday(today)
    return [this - timedelta(weeks=k) for k in range(n - 1, -1, -1)]


def closed_weeks(today: date, n: int = WEEKS) -> list[date]:
    """The Mondays of the last ``n`` weeks that have ended, oldest first."""
    return weeks_back(monday(today) - timedelta(weeks=1), n)


def last_block(today: date) -> date | None:
    """The first Monday of the last block of ``BLOCK_WEEKS`` weeks that has ended."""
    weeks = (monday(today) - BLOCK_EPOCH).days // 7
    ended = weeks // BLOCK_WEEKS - 1
    return BLOCK_EPOCH + timedelta(weeks=ended * BLOCK_WEEKS) if ended >= 0 else None


def closed_periods(today: date) -> list[tuple[date, int]]:
    """(first Monday, length in weeks) of what is published as of ``today``: each of the last
    ``WEEKS`` closed weeks, oldest first, then the last closed block (when there is one)."""
    periods = [(start, 1) for start in closed_weeks(today)]
    block = last_block(today)
    return periods + ([(block, BLOCK_WEEKS)] if block is not None else [])


def shown(count: int | None) -> int | None:
    """The count as a holder may see it: None ("< 3") below ``MIN_SHOWN``."""
    return count if count is not None and count >= MIN_SHOWN else None


def median_score(scores: Sequence[float]) -> float | None:
    """The median match score of the viewers, only when at least ``MIN_MEDIAN`` scored."""
    return statistics.median(scores) if len(scores) >= MIN_MEDIAN else None


@dataclass(frozen=True)
class Week:
    """One closed week of a listing: views (distinct candidates), stars and requests."""

    start: date
    views: int | None  # None: fewer than MIN_SHOWN, or not counted
    shortlists: int | None
    requests: int | None  # None: not counted (the listing was not published then)
    counted: bool = True  # False: no count was kept for this week
