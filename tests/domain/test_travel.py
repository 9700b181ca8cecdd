"""Travel reach: land borders, fixed crossings and ferries, never straight across the water."""

from __future__ import annotations

import numpy as np
import pytest

from matchmaker.domain.geo import haversine_km
from matchmaker.domain.travel import Crossing, travel_km, within

# Points on a meridian 0.1° apart (≈ 11.1 km): A–B–C on land, I an island off C; D lies
# south of A across water, joined only by a dam.
CODES = ["A", "B", "C", "I", "D"]
LAT = np.array([52.0, 52.1, 52.2, 52.3, 51.9])
LON = np.zeros(5) + 5.0
STEP = float(haversine_km(52.0, 5.0, 52.1, 5.0))


def test_path_follows_land_borders_and_fixed_crossings() -> None:
    """A reaches C through B; D only over the dam; the island only its harbour."""
    dist = travel_km(
        CODES,
        LAT,
        LON,
        neighbours=[("A", "B"), ("B", "C"), ("C", "I"), ("I", "D")],
        fixed=[Crossing("A", "D", "dam")],
        ferries=[Crossing("I", "C", "ferry")],
    )
    assert dist[0, 2] == pytest.approx(2 * STEP, rel=1e-3)
    assert dist[0, 4] == pytest.approx(STEP, rel=1e-3)  # over the dam
    assert dist[3, 2] == pytest.approx(STEP, rel=1e-3)  # island to its harbour
    assert np.isinf(dist[3, [0, 1, 4]]).all()  # nowhere beyond the harbour; the sea border is cut
    assert (dist == dist.T).all()
    assert within(dist, 12.0)[3].tolist() == [False, False, True, True, False]


def test_without_the_dam_the_shores_are_apart() -> None:
    """Two shores that touch nowhere are out of reach, however close the straight line."""
    dist = travel_km(CODES, LAT, LON, neighbours=[("A", "B")], fixed=[], ferries=[])
    assert np.isinf(dist[0, 4]) and dist[0, 1] == pytest.approx(STEP, rel=1e-3)
