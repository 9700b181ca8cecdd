"""What a region's incentives are worth to one household, and the rule behind each amount."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from matchmaker.domain.offers import IncentiveType


@dataclass(frozen=True, slots=True)
class Incentive:
    """One incentive a region offers."""

    title: str
    kind: str  # an IncentiveType value
    amount: int | None  # euros; None when the value is not expressed in money


@dataclass(frozen=True, slots=True)
class Household:
    """The facts the rules look at."""

    needs_housing: bool
    children_under_four: int


@dataclass(frozen=True, slots=True)
class IncentiveLine:
    """How one incentive counts for this household."""

    title: str
    kind: str
    applies: bool
    counted: int  # euros added to the total
    rule: str  # key of the rule that decided it


@dataclass(frozen=True, slots=True)
class IncentiveSummary:
    """The total and every line that made it."""

    total: int
    lines: tuple[IncentiveLine, ...]


def _rule(incentive: Incentive, household: Household) -> tuple[bool, str]:
    kind = incentive.kind
    if kind == IncentiveType.HOUSING_GUARANTEE:
        return (
            household.needs_housing,
            "needs_housing" if household.needs_housing else "no_housing_need",
        )
    if kind == IncentiveType.CHILDCARE_PRIORITY:
        young = household.children_under_four > 0
        return young, "young_children" if young else "no_young_children"
    if kind == IncentiveType.PRACTICE_SUPPORT:
        return True, "takeover"
    return True, "everyone"


def value_for(incentives: Iterable[Incentive], household: Household) -> IncentiveSummary:
    """Sum what applies to the household.

    Parameters
    ----------
    incentives
        The incentives of the practice's municipality.
    household
        Whether the household needs a home and how many children need childcare.

    Returns
    -------
    IncentiveSummary
        Total euros and one line per incentive with the rule that decided it. Incentives
        without an amount (a priority, for instance) are listed but add nothing.
    """
    lines = []
    for incentive in incentives:
        applies, rule = _rule(incentive, household)
        counted = (incentive.amount or 0) if applies else 0
        lines.append(IncentiveLine(incentive.title, incentive.kind, applies, counted, rule))
    return IncentiveSummary(sum(line.counted for line in lines), tuple(lines))
