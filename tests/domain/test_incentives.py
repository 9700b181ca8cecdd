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


def test_every_kind_has_a_rule_and_a_value() -> None:
    """Relocation unless already living there; childcare priority per child under four (in
    money when the region puts an amount on a place, in kind otherwise); others for all."""
    region = "GM0171"
    package = [
        Incentive("Verhuiskosten", "relocation_costs", 3_000, region),
        Incentive("Kinderopvangplaats", "childcare_priority", 1_200, region),
        Incentive("Voorrang opvang", "childcare_priority", None, region),
        Incentive("Woning", "housing_guarantee", None, region),
        Incentive("Fietsplan", "other", 500, region),
    ]
    moving = value_for(package, Household(True, 2, home_municipality="GM0363"))
    by_title = {line.title: line for line in moving.lines}
    assert (
        by_title["Verhuiskosten"].counted == 3_000
        and by_title["Verhuiskosten"].rule == "moving_here"
    )
    assert (
        by_title["Kinderopvangplaats"].counted == 2_400
        and by_title["Kinderopvangplaats"].quantity == 2
    )
    assert by_title["Voorrang opvang"].in_kind and by_title["Woning"].in_kind
    assert moving.total == 3_000 + 2_400 + 500
    local = value_for(package, Household(False, 0, home_municipality=region))
    by_title = {line.title: line for line in local.lines}
    assert (
        not by_title["Verhuiskosten"].applies and by_title["Verhuiskosten"].rule == "already_here"
    )
    assert not by_title["Woning"].in_kind and local.total == 500
