"""The shortage index on hand-computed cases."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchmaker.domain.shortage import SUCCESSION_FULL, WEIGHTS, RegionIndicators, shortage_index


def _three() -> dict[str, RegionIndicators]:
    return {
        "A": RegionIndicators(
            gp_distance_km=0.5,
            pct_65plus=10,
            ageing_area_share=0.0,
            density_per_km2=1000,
            inhabitants=100_000,
            succession_patients=0,
        ),
        "B": RegionIndicators(
            gp_distance_km=2.5,
            pct_65plus=30,
            ageing_area_share=1.0,
            density_per_km2=10,
            inhabitants=10_000,
            succession_patients=2000,
        ),
        "C": RegionIndicators(
            gp_distance_km=1.5,
            pct_65plus=20,
            ageing_area_share=0.5,
            density_per_km2=100,
            inhabitants=50_000,
            succession_patients=2500,
        ),
    }


def test_extremes_score_0_and_100() -> None:
    """A is best on every component (0), B worst (100: succession 200 per 1,000 is capped)."""
    result = shortage_index(_three())
    assert result["A"].score == 0.0
    assert result["B"].score == 100.0


def test_middle_case_by_hand() -> None:
    """C: access 0.5, demand 0.5, ageing 0.5, rurality 0.5 (log scale), succession 50/100 = 0.5."""
    c = shortage_index(_three())["C"]
    parts = {p.name: p for p in c.components}
    assert parts["access"].normalised == pytest.approx(0.5)
    assert parts["rurality"].normalised == pytest.approx(0.5)  # log10: 3, 1, 2
    assert parts["succession"].raw == pytest.approx(50.0)
    assert parts["succession"].normalised == pytest.approx(50.0 / SUCCESSION_FULL)
    assert c.score == 50.0
    assert parts["patient_stops"].normalised is None and parts["patient_stops"].weight == 0


def test_missing_values_are_unknown_not_zero() -> None:
    """Without access data the score is the weighted mean of the other components only."""
    rows = _three()
    rows["C"] = RegionIndicators(
        gp_distance_km=None,
        pct_65plus=30,
        ageing_area_share=1.0,
        density_per_km2=10,
        inhabitants=50_000,
        succession_patients=5000,
    )
    c = shortage_index(rows)["C"]
    access = next(p for p in c.components if p.name == "access")
    assert access.raw is None and access.normalised is None
    assert c.score == 100.0  # all known components at their worst: not pulled down by a zero


def test_no_data_at_all_has_no_score() -> None:
    """A municipality without any indicator gets no score."""
    empty = RegionIndicators(None, None, None, None, None)
    assert shortage_index({"X": empty})["X"].score is None


@given(
    st.lists(
        st.tuples(
            st.floats(0.3, 3),
            st.floats(5, 40),
            st.floats(0, 1),
            st.floats(20, 7000),
            st.floats(1000, 900_000),
            st.floats(0, 50_000),
        ),
        min_size=2,
        max_size=30,
    )
)
def test_scores_are_bounded_and_weights_sum_to_one(rows: list[tuple[float, ...]]) -> None:
    """Every score lies in 0–100; the documented weights add up to 1."""
    result = shortage_index({str(i): RegionIndicators(*r) for i, r in enumerate(rows)})
    assert all(0 <= r.score <= 100 for r in result.values() if r.score is not None)
    assert math.isclose(sum(WEIGHTS.values()), 1.0)
