"""The incentive calculator on worked examples."""

from __future__ import annotations

from matchmaker.domain.incentives import Household, Incentive, value_for

PACKAGE = [
    Incentive("Startpremie", "starter_bonus", 10_000),
    Incentive("Woongarantie", "housing_guarantee", 5_000),
    Incentive("Voorrang kinderopvang", "childcare_priority", None),
    Incentive("ICT-hulp", "practice_support", 2_500),
]


def test_family_needing_a_home_gets_everything() -> None:
    """A family with a toddler that needs a house: 10,000 + 5,000 + 2,500; priority listed."""
    summary = value_for(PACKAGE, Household(needs_housing=True, children_under_four=1))
    assert summary.total == 17_500
    priority = next(line for line in summary.lines if line.kind == "childcare_priority")
    assert priority.applies and priority.counted == 0 and priority.rule == "young_children"


def test_rules_exclude_what_does_not_apply() -> None:
    """No housing need and no young children: the guarantee and priority do not count."""
    summary = value_for(PACKAGE, Household(needs_housing=False, children_under_four=0))
    assert summary.total == 12_500
    assert {line.kind: line.applies for line in summary.lines} == {
        "starter_bonus": True,
        "housing_guarantee": False,
        "childcare_priority": False,
        "practice_support": True,
    }


def test_no_incentives_is_zero() -> None:
    """A region without incentives is worth nothing extra."""
    assert value_for([], Household(True, 2)).total == 0
