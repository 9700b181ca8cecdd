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
    amount: int | None  # euros (per child for childcare priority); None: given in kind
    municipality: str = ""  # the CBS code of the region that offers it


@dataclass(frozen=True, slots=True)
class Household:
    """The facts the rules look at."""

    needs_housing: bool
    children_under_four: int
    home_municipality: str = ""  # where the household lives now (CBS code)


@dataclass(frozen=True, slots=True)
class IncentiveLine:
    """How one incentive counts for this household."""

    title: str
    kind: str
    applies: bool
    counted: int  # euros added to the total
    rule: str  # key of the rule that decided it
    quantity: int = 1  # how many times it counts (children for childcare priority)
    in_kind: bool = False  # applies, but is worth something other than money


@dataclass(frozen=True, slots=True)
class IncentiveSummary:
    """The total and every line that made it."""

    total: int
    lines: tuple[IncentiveLine, ...]


def _rule(incentive: Incentive, household: Household) -> tuple[bool, str, int]:
    """Whether an incentive applies to the household, the rule that says so, and how often."""
    kind = incentive.kind
    if kind == IncentiveType.HOUSING_GUARANTEE:
        needs = household.needs_housing
        return needs, "needs_housing" if needs else "no_housing_need", 1
    if kind == IncentiveType.CHILDCARE_PRIORITY:
        young = household.children_under_four
        return young > 0, "young_children" if young else "no_young_children", max(young, 1)
    if kind == IncentiveType.RELOCATION:
        here = (
            bool(incentive.municipality) and household.home_municipality == incentive.municipality
        )
        return not here, "already_here" if here else "moving_here", 1
    if kind == IncentiveType.PRACTICE_SUPPORT:
        return True, "takeover", 1
    return True, "everyone", 1


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
        Total euros and one line per incentive with the rule that decided it: a housing
        guarantee if the household needs a home, relocation costs unless it lives in the
        region already, childcare priority once per child under four, a starter bonus,
        practice support and others for everyone. Incentives without an amount (a priority,
        a guaranteed home) apply in kind and add nothing to the total.
    """
    lines = []
    for incentive in incentives:
        applies, rule, times = _rule(incentive, household)
        counted = (incentive.amount or 0) * times if applies else 0
        in_kind = applies and incentive.amount is None
        lines.append(
            IncentiveLine(incentive.title, incentive.kind, applies, counted, rule, times, in_kind)
        )
    return IncentiveSummary(sum(line.counted for line in lines), tuple(lines))
