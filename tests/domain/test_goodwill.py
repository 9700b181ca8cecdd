"""Reading an asking goodwill through the per-patient and excess-profit methods."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from matchmaker.domain import goodwill


def test_worked_example() -> None:
    """€60,000 for 2,000 patients at 1.0 FTE: €30 a patient; over 3 years €20,000 a year
    above the NZa reference of €202,476."""
    r = goodwill.read(60_000, patients=2_000, fte=1.0)
    assert r.per_patient == 30 and r.reference == 202_476
    three = next(h for h in r.horizons if h.years == 3)
    assert three.excess_per_year == 20_000 and three.profit_per_year == 222_476
    assert three.profit_per_fte == 222_476


def test_duo_practice_shares_the_reference() -> None:
    """Two FTE double the reference; per FTE the profit is halved."""
    r = goodwill.read(100_000, patients=4_200, fte=2.0)
    assert r.reference == 404_952
    one = r.horizons[0]
    assert one.profit_per_year == 504_952 and one.profit_per_fte == 252_476


def test_no_goodwill_no_reading() -> None:
    """Nothing asked, nothing to read."""
    assert goodwill.readings(None, None, patients=2_000, fte=1.0) == ()
    assert len(goodwill.readings(50_000, 80_000, patients=2_000, fte=1.0)) == 2
    assert len(goodwill.readings(50_000, 50_000, patients=2_000, fte=1.0)) == 1


@given(st.integers(1, 2_000_000), st.integers(1, 20_000), st.floats(0.2, 10.0, allow_nan=False))
def test_longer_horizons_ask_less_each_year(amount: int, patients: int, fte: float) -> None:
    """Spreading the price over more years never asks more excess profit per year."""
    r = goodwill.read(amount, patients=patients, fte=fte)
    excess = [h.excess_per_year for h in r.horizons]
    assert excess == sorted(excess, reverse=True)
    assert all(h.profit_per_year >= r.reference for h in r.horizons)
