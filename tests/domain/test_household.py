"""What children's ages imply for childcare and school."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchmaker.domain.household import ChildStage, child_stage, children_needs


@pytest.mark.parametrize(
    ("age", "stage"),
    [
        (0, ChildStage.CHILDCARE),
        (3, ChildStage.CHILDCARE),
        (4, ChildStage.PRIMARY),
        (11, ChildStage.PRIMARY),
        (12, ChildStage.SECONDARY),
        (17, ChildStage.SECONDARY),
        (18, ChildStage.ADULT),
    ],
)
def test_child_stage_boundaries(age: int, stage: ChildStage) -> None:
    """Dutch school ages: childcare until 4, primary until 12, secondary until 18."""
    assert child_stage(2026 - age, 2026) == stage


def test_children_needs_counts_per_stage() -> None:
    """A family with a toddler and two school children."""
    assert children_needs([2024, 2018, 2016], 2026) == {
        ChildStage.CHILDCARE: 1,
        ChildStage.PRIMARY: 2,
    }
    assert children_needs([], 2026) == {}


@given(st.lists(st.integers(1990, 2026), max_size=12))
def test_children_needs_accounts_for_every_child(years: list[int]) -> None:
    """Every child lands in exactly one stage."""
    assert sum(children_needs(years, 2026).values()) == len(years)
