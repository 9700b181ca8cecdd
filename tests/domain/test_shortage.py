"""The two-dimensional shortage index on hand-computed cases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchmaker.domain.shortage import (
    SPEC,
    SPECS,
    SUCCESSION_FULL,
    Dimension,
    ranks,
    rescored,
    shortage_index,
)

R, A = Dimension.RECRUITMENT, Dimension.ACCESS


def _row(**values: float | None) -> dict[str, float | None]:
    return {s.name: values.get(s.name) for s in SPECS}


def test_ranks_share_ties_and_skip_unknowns() -> None:
    """Lowest 0, highest 1, ties their mean rank; None stays None."""
    assert ranks([3.0, None, 1.0, 3.0, 2.0]) == [5 / 6, None, 0.0, 5 / 6, 1 / 3]
    assert ranks([None, 7.0]) == [None, 0.5]
    assert ranks([]) == []


def test_dimensions_by_hand() -> None:
    """Three municipalities, a few components each; every other component unknown.

    Recruitment of B: ageing rank 1 (w .15), remoteness 1 (low density; w .10), succession
    2,000/1,000 inh. → capped 1 (w .25): 100 × (.15 + .10 + .25) / .50 = 100.
    Recruitment of A: ageing 0, remoteness 0, succession 0/… = 0 → 0.
    C: ageing .5 (w .15), remoteness .5 (w .10), succession unknown (left out):
    100 × (.075 + .05) / .25 = 50.
    Access of A: growth rank 1 (w .20), no other access data → 100; of B: 0; of C: 50.
    """
    inputs = {
        "A": _row(ageing=10, remoteness=1000, succession=0.0, growth=5.0),
        "B": _row(ageing=30, remoteness=10, succession=SUCCESSION_FULL * 20, growth=-1.0),
        "C": _row(ageing=20, remoteness=100, succession=None, growth=1.0),
    }
    result = shortage_index(inputs)
    assert {c: r.scores[R] for c, r in result.items()} == {"A": 0.0, "B": 100.0, "C": 50.0}
    assert {c: r.scores[A] for c, r in result.items()} == {"A": 100.0, "B": 0.0, "C": 50.0}
    assert {c: r.score for c, r in result.items()} == {"A": 100.0, "B": 100.0, "C": 50.0}
    assert "succession" in result["C"].missing(R) and "succession" not in result["A"].missing()
    assert result["C"].missing(A) == [
        s.name for s in SPECS if s.dimension == A and s.name != "growth"
    ]


def test_succession_reports_only_raise_the_score() -> None:
    """No practice reported at risk leaves the score; full pressure closes a quarter of the gap.

    Two municipalities; X ranks 1 on ageing (.15) and distance (.15), 0 on remoteness (.10, X
    is the denser one): 100 × .30 / .40 = 75.
    With succession at the full 100 per 1,000: 75 + .25 × 1 × (100 − 75) = 81.25 → 81.2.
    With 0 at risk: 75, not lower.
    """
    base = {"ageing": 30, "gp_distance": 3.0, "remoteness": 900}
    low = {"ageing": 10, "gp_distance": 1.0, "remoteness": 50}
    for succession, expected in ((None, 75.0), (0.0, 75.0), (SUCCESSION_FULL, 81.2)):
        result = shortage_index({"X": _row(**base, succession=succession), "Y": _row(**low)})
        assert result["X"].scores[R] == expected


def test_unknown_is_never_zero() -> None:
    """A municipality with only one known component scores on that one, not diluted by zeros."""
    result = shortage_index({"X": _row(ageing=30), "Y": _row(ageing=10)})
    assert result["X"].scores[R] == 100.0
    assert result["X"].scores[A] is None and result["X"].score == 100.0
    assert shortage_index({"Z": _row()})["Z"].score is None


def test_low_values_mean_shortage_where_the_spec_says_so() -> None:
    """Fewer businesses within reach and fewer free rentals mean more recruitment shortage."""
    result = shortage_index(
        {
            "rich": _row(partner_jobs=400_000, housing=25),
            "poor": _row(partner_jobs=5_000, housing=4),
        }
    )
    assert result["poor"].scores[R] == 100.0 and result["rich"].scores[R] == 0.0
    assert not SPEC["partner_jobs"].worse_when_high and SPEC["gp_distance"].worse_when_high


def test_weights_sum_to_one_per_dimension() -> None:
    """Each dimension's weights are a whole, so a full set of data needs no rescaling."""
    for d in Dimension:
        assert sum(s.weight for s in SPECS if s.dimension == d) == pytest.approx(1.0)


values = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))


@given(
    st.dictionaries(
        st.sampled_from("ABCDEFGH"),
        st.fixed_dictionaries({s.name: values for s in SPECS}),
        min_size=1,
    )
)
def test_scores_are_bounded_and_known_when_anything_is(
    inputs: dict[str, dict[str, float | None]],
) -> None:
    """Every dimension is None or within 0–100; None only when its weighed parts all are."""
    for code, result in shortage_index(inputs).items():
        for d in Dimension:
            score = result.scores[d]
            has_data = any(
                inputs[code][s.name] is not None for s in SPECS if s.dimension == d and not s.raises
            )
            assert (score is not None) == has_data
            assert score is None or 0.0 <= score <= 100.0


FIXED = [s.name for s in SPECS if not s.ranked]


@given(
    st.dictionaries(
        st.sampled_from("ABCDEFGH"),
        st.fixed_dictionaries({s.name: values for s in SPECS}),
        min_size=1,
    ),
    st.data(),
)
def test_rescoring_the_changed_municipalities_equals_scoring_all(
    inputs: dict[str, dict[str, float | None]], data: st.DataObject
) -> None:
    """When only the platform's fixed-scale components change, scoring the municipalities
    whose values changed again gives exactly the index computed from scratch."""
    before = shortage_index(inputs)
    changed = data.draw(st.sets(st.sampled_from(sorted(inputs))))
    after = {
        code: {**row, **({n: data.draw(values) for n in FIXED} if code in changed else {})}
        for code, row in inputs.items()
    }
    assert rescored(before, after, changed) == shortage_index(after)
