"""The campaign funnel: how far candidates got, conversion per stage, and time in stage."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

STAGES = (
    "invited",
    "viewed",
    "interested",
    "introduced",
    "meeting",
    "trial_day",
    "negotiation",
    "agreement",
    "settled",
)
SETTLED = "settled"
# Introduction statuses as funnel stages ('requested' = interest expressed).
FROM_INTRODUCTION = {
    "requested": "interested",
    "introduced": "introduced",
    "meeting": "meeting",
    "trial_day": "trial_day",
    "negotiation": "negotiation",
    "agreement": "agreement",
    "settled": "settled",
}
SECONDS_PER_DAY = 86_400


@dataclass(frozen=True, slots=True)
class Journey:
    """One campaign candidate: when each stage was first reached, and whether they dropped out."""

    reached: dict[str, datetime]
    withdrawn: bool = False


@dataclass(frozen=True, slots=True)
class StageStat:
    """One row of the funnel."""

    stage: str
    count: int
    conversion: float | None  # share of the previous stage that got here
    median_days: float | None  # median time spent in this stage by those who moved on


@dataclass(frozen=True, slots=True)
class FunnelReport:
    """The whole funnel of a campaign."""

    stages: tuple[StageStat, ...]
    settled: int
    goal: int
    withdrawn: int

    @property
    def goal_share(self) -> float | None:
        """Settlements as a share of the goal."""
        return self.settled / self.goal if self.goal else None


def _furthest(journey: Journey) -> int:
    return max((STAGES.index(s) for s in journey.reached if s in STAGES), default=-1)


def furthest_stage(journey: Journey) -> str | None:
    """The furthest stage a candidate reached."""
    index = _furthest(journey)
    return STAGES[index] if index >= 0 else None


def _days_in_stage(journeys: list[Journey], i: int) -> float | None:
    spans = []
    for j in journeys:
        start = j.reached.get(STAGES[i])
        later = [j.reached[s] for s in STAGES[i + 1 :] if s in j.reached]
        if start and later:
            spans.append((min(later) - start).total_seconds() / SECONDS_PER_DAY)
    if not spans:
        return None
    return round(statistics.median(spans), 1) + 0.0  # + 0.0: never a "-0"


def funnel(journeys: Iterable[Journey], goal: int) -> FunnelReport:
    """Count, for every stage, the candidates who got at least that far.

    Parameters
    ----------
    journeys
        One per campaign candidate; a later stage implies the earlier ones.
    goal
        The number of settlements the campaign aims for.

    Returns
    -------
    FunnelReport
        Stage counts with conversion and median days in stage, settlements and withdrawals.
    """
    journeys = list(journeys)
    furthest = [_furthest(j) for j in journeys]
    counts = [sum(1 for f in furthest if f >= i) for i in range(len(STAGES))]
    stats = tuple(
        StageStat(
            stage,
            counts[i],
            None if i == 0 or not counts[i - 1] else round(counts[i] / counts[i - 1], 3),
            _days_in_stage(journeys, i),
        )
        for i, stage in enumerate(STAGES)
    )
    return FunnelReport(
        stats, counts[STAGES.index(SETTLED)], goal, sum(j.withdrawn for j in journeys)
    )
