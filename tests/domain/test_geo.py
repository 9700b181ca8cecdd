"""Offline geocoding and great-circle distances."""

from __future__ import annotations

import numpy as np
import pytest
from geopy.distance import geodesic
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.domain.errors import PostcodeError
from matchmaker.domain.geo import Gazetteer, Municipality, distance_km, distances_km, normalise_pc4
from matchmaker.services.geodata import gazetteer

NL_LAT = st.floats(50.75, 53.55)
NL_LON = st.floats(3.36, 7.22)


@pytest.mark.parametrize("raw", ["8302", "8302AB", "8302 ab", " 8302 AB ", "8302ab"])
def test_normalise_accepts_dutch_postcode_variants(raw: str) -> None:
    """Any common spelling of a postcode reduces to its four digits."""
    assert normalise_pc4(raw) == "8302"


@pytest.mark.parametrize(
    "raw", ["", "830", "0302", "83021", "8302 A", "ABCD", "8302-AB", "8302 ABC"]
)
def test_normalise_rejects_malformed_postcodes(raw: str) -> None:
    """Malformed input is a PostcodeError with code 'malformed'."""
    with pytest.raises(PostcodeError) as exc:
        normalise_pc4(raw)
    assert exc.value.issues[0].code == "malformed"


def _tiny() -> Gazetteer:
    muni = Municipality("GM9999", "Teststad", "Testland", 52.0, 5.0)
    return Gazetteer(
        [muni], [("1234", 52.1, 5.1, "GM9999", False), ("1235", 60.0, 1.0, "GM9999", True)]
    )


def test_suspect_point_is_replaced_by_municipality_label_point() -> None:
    """A GeoNames point flagged suspect is not used; the municipality's label point is."""
    place = _tiny().place("1235 XY")
    assert (place.lat, place.lon, place.approximate) == (52.0, 5.0, True)
    assert _tiny().place("1234").lat == 52.1


def test_unknown_postcode_is_reported_as_unknown() -> None:
    """A well-formed postcode missing from the data gives code 'unknown'."""
    with pytest.raises(PostcodeError) as exc:
        _tiny().place("9999")
    assert exc.value.issues[0].code == "unknown"


def test_shipped_data_covers_all_municipalities() -> None:
    """The packaged open data has all 342 municipalities and over 4,000 PC4 codes."""
    gaz = gazetteer()
    assert len(gaz.municipalities) == 342
    assert len(gaz) > 4000
    assert len(gaz.provinces()) == 12


def test_emmeloord_postcode_lies_in_noordoostpolder() -> None:
    """8302 (Emmeloord) resolves to GM0171 Noordoostpolder, Flevoland."""
    place = gazetteer().place("8302 AB")
    assert place.municipality.code == "GM0171"
    assert place.municipality.name == "Noordoostpolder"
    assert place.municipality.province == "Flevoland"
    assert 52.6 < place.lat < 52.8 and 5.6 < place.lon < 5.9


def test_suspect_rotterdam_postcode_uses_label_point() -> None:
    """PC4 3062 has a GeoNames point in the sea; we place it in Rotterdam instead."""
    place = gazetteer().place("3062")
    rotterdam = gazetteer().municipality("GM0599")
    assert place.approximate
    assert rotterdam is not None and (place.lat, place.lon) == (
        rotterdam.label_lat,
        rotterdam.label_lon,
    )


def test_known_distance_amsterdam_groningen() -> None:
    """Dam square to Groningen Grote Markt is about 146 km as the crow flies."""
    d = distance_km(52.3731, 4.8926, 53.2194, 6.5665)
    assert d == pytest.approx(geodesic((52.3731, 4.8926), (53.2194, 6.5665)).km, rel=0.005)
    assert 140 < d < 150


@settings(max_examples=300, deadline=None)
@given(NL_LAT, NL_LON, NL_LAT, NL_LON)
def test_distance_within_half_percent_of_geodesic(
    lat1: float, lon1: float, lat2: float, lon2: float
) -> None:
    """Anywhere in the Netherlands the spherical formula stays within 0.5% of WGS84."""
    truth = geodesic((lat1, lon1), (lat2, lon2)).km
    ours = distance_km(lat1, lon1, lat2, lon2)
    assert abs(ours - truth) <= 0.005 * truth + 1e-6


@settings(max_examples=50, deadline=None)
@given(NL_LAT, NL_LON, st.lists(st.tuples(NL_LAT, NL_LON), min_size=1, max_size=40))
def test_vectorised_equals_scalar_and_is_symmetric(
    lat: float, lon: float, points: list[tuple[float, float]]
) -> None:
    """The array version equals pairwise calls, and distance is symmetric."""
    lats, lons = zip(*points, strict=True)
    many = distances_km(lat, lon, np.array(lats), np.array(lons))
    for (la, lo), d in zip(points, many, strict=True):
        assert d == pytest.approx(distance_km(lat, lon, la, lo))
        assert d == pytest.approx(distance_km(la, lo, lat, lon))
        assert d >= 0


def test_distance_to_itself_is_zero() -> None:
    """A point is 0 km from itself."""
    assert distance_km(52.0, 5.0, 52.0, 5.0) == 0.0


@pytest.mark.parametrize(
    ("km", "band"),
    [
        (0.0, "< 10"),
        (9.99, "< 10"),
        (10.0, "10–25"),
        (24.9, "10–25"),
        (25, "25–50"),
        (99.9, "50–100"),
        (100, "> 100"),
        (400, "> 100"),
    ],
)
def test_distance_band(km: float, band: str) -> None:
    """Distances fall into coarse bands with closed lower ends."""
    from matchmaker.domain.geo import distance_band

    assert distance_band(km) == band
