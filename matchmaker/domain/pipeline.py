"""The succession pipeline: who stops when, what is at stake, and which need attention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from matchmaker.domain.introductions import PROGRESS

HORIZON_MONTHS = 60  # practices stopping within five years are in the pipeline
ALERT_MONTHS = 24  # within two years without an introduction: the recruiter is alerted


@dataclass(frozen=True, slots=True)
class PipelineItem:
    """A listing or a holder's stop plan."""

    key: str  # "practice:12" or "plan:3"
    gemeentecode: str
    patients: int
    stop: date
    furthest_introduction: str | None  # the furthest status any introduction reached


@dataclass(frozen=True, slots=True)
class PipelineRow:
    """An item with what follows from its dates and introductions."""

    item: PipelineItem
    months_left: int
    introduced: bool
    at_risk: bool


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def _introduced(status: str | None) -> bool:
    return status in PROGRESS[1:]


def pipeline(items: list[PipelineItem], today: date) -> list[PipelineRow]:
    """Items stopping within the horizon, soonest first, with at-risk flags.

    Parameters
    ----------
    items
        Listings and stop plans of a region.
    today
        The date the pipeline is drawn up on.

    Returns
    -------
    list
        Rows within HORIZON_MONTHS; ``at_risk`` when the stop is within ALERT_MONTHS and no
        introduction has been accepted.
    """
    rows = []
    for item in items:
        left = months_between(today, item.stop)
        if left > HORIZON_MONTHS:
            continue
        introduced = _introduced(item.furthest_introduction)
        rows.append(PipelineRow(item, left, introduced, left <= ALERT_MONTHS and not introduced))
    return sorted(rows, key=lambda r: (r.item.stop, r.item.key))


def furthest(statuses: list[str]) -> str | None:
    """The furthest status along the funnel (withdrawn and declined count as nothing)."""
    along = [s for s in statuses if s in PROGRESS]
    return max(along, key=PROGRESS.index) if along else None
