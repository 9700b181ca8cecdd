"""Offline geography: Dutch 4-digit postcodes, municipalities and great-circle distances."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matchmaker.domain.errors import Code, Issue, PostcodeError

# Gaussian mean radius of the WGS84 ellipsoid at 52.2°N, the middle of the Netherlands:
# sqrt(M·N) with M = 6,375.2 km (meridian) and N = 6,391.4 km (prime vertical).
# A sphere of this radius stays within about 0.15% of the geodesic anywhere in the country;
# the global mean radius (6,371 km) would be off by up to 0.35% for east-west trips.
EARTH_RADIUS_KM = 6383.3

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")

__all__ = [
    "EARTH_RADIUS_KM",
    "Gazetteer",
    "Municipality",
    "Place",
    "distance_km",
    "distances_km",
    "haversine_km",
    "chord_km",
    "unit_vectors",
    "DISTANCE_BANDS",
    "distance_band",
    "listing_point",
    "normalise_pc4",
]


@dataclass(frozen=True, slots=True)
class Municipality:
    """A CBS municipality with the point used to label it on a map."""

    code: str
    name: str
    province: str
    label_lat: float
    label_lon: float


@dataclass(frozen=True, slots=True)
class Place:
    """Where a PC4 postcode lies, and in which municipality."""

    pc4: str
    lat: float
    lon: float
    municipality: Municipality
    approximate: bool = False


# Holders see how far a candidate lives only in these bands (km): exact distances from a few
# listings would give away the candidate's home postcode by trilateration.
DISTANCE_BANDS = (10, 25, 50, 100)


def distance_band(km: float) -> str:
    """A coarse, printable band for a distance: "< 10", "10–25", …, "> 100"."""
    if km < DISTANCE_BANDS[0]:
        return f"< {DISTANCE_BANDS[0]}"
    for low, high in zip(DISTANCE_BANDS, DISTANCE_BANDS[1:], strict=False):
        if km < high:
            return f"{low}–{high}"
    return f"> {DISTANCE_BANDS[-1]}"


def listing_point(place: Place, *, anonymous: bool) -> tuple[float, float]:
    """Where a listing is placed: its postcode, or for an anonymous one its municipality.

    An anonymous listing is stored, shown and matched at the municipality's label point, so
    no map, API or distance reveals its PC4 area.
    """
    if anonymous:
        return place.municipality.label_lat, place.municipality.label_lon
    return place.lat, place.lon


def normalise_pc4(raw: str) -> str:
    """Return the 4 digits of a Dutch postcode such as ``8302``, ``8302AB`` or ``8302 ab``.

    Raises
    ------
    PostcodeError
        When ``raw`` is not a Dutch postcode.
    """
    match = _POSTCODE.match(raw or "")
    if match is None:
        raise PostcodeError([Issue("postcode", Code.MALFORMED, "not a Dutch postcode")])
    return match.group(1)


class Gazetteer:
    """Looks up PC4 postcodes and municipalities from rows given at construction."""

    def __init__(
        self,
        municipalities: Iterable[Municipality],
        points: Iterable[tuple[str, float, float, str, bool]],
    ) -> None:
        """Build the lookup from municipalities and (pc4, lat, lon, GM code, suspect) rows.

        A suspect point (its coordinates lie outside its own municipality) is replaced
        by the municipality's label point and marked approximate.
        """
        self.municipalities: dict[str, Municipality] = {m.code: m for m in municipalities}
        self._places: dict[str, Place] = {}
        for pc4, lat, lon, code, suspect in points:
            muni = self.municipalities[code]
            if suspect:
                self._places[pc4] = Place(pc4, muni.label_lat, muni.label_lon, muni, True)
            else:
                self._places[pc4] = Place(pc4, lat, lon, muni)

    def __len__(self) -> int:
        """Number of known PC4 postcodes."""
        return len(self._places)

    def place(self, postcode: str) -> Place:
        """Resolve a postcode to its place.

        Raises
        ------
        PostcodeError
            When the postcode is malformed or not in the data.
        """
        pc4 = normalise_pc4(postcode)
        try:
            return self._places[pc4]
        except KeyError:
            raise PostcodeError([Issue("postcode", Code.UNKNOWN, "unknown postcode")]) from None

    def pc4s(self) -> list[str]:
        """All known PC4 postcodes, sorted."""
        return sorted(self._places)

    def municipality(self, code: str) -> Municipality | None:
        """The municipality with CBS code ``code``, if any."""
        return self.municipalities.get(code)

    def provinces(self) -> list[str]:
        """All province names, sorted."""
        return sorted({m.province for m in self.municipalities.values()})


def distances_km(
    lat: float, lon: float, lats: npt.ArrayLike, lons: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Great-circle distances from one point to many, vectorised (haversine).

    Parameters
    ----------
    lat, lon
        Origin in decimal degrees (WGS84).
    lats, lons
        Arrays of destination coordinates in decimal degrees.

    Returns
    -------
    numpy.ndarray
        Distances in kilometres, same shape as ``lats``.
    """
    return haversine_km(lat, lon, lats, lons)


def haversine_km(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Great-circle distance in km between broadcastable coordinate arrays: the one formula
    every distance in the app comes from (matching, regions, the pages)."""
    return chord_km(unit_vectors(lat1, lon1), unit_vectors(lat2, lon2))


UnitVectors = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]


def unit_vectors(lat: npt.ArrayLike, lon: npt.ArrayLike) -> UnitVectors:
    """Points on the unit sphere (x, y, z) for coordinates in degrees."""
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    lmb = np.radians(np.asarray(lon, dtype=np.float64))
    cos_phi = np.cos(phi)
    return cos_phi * np.cos(lmb), cos_phi * np.sin(lmb), np.sin(phi)


def chord_km(a: UnitVectors, b: UnitVectors) -> npt.NDArray[np.float64]:
    """The haversine distance in its chord form, from unit vectors (broadcastable).

    With unit vectors u, v the central angle is θ = 2·arcsin(|u − v| / 2): the same value as
    the haversine's 2·arcsin(√hav), with the trigonometry done once per point instead of once
    per pair, so a grid of 30 million pairs needs none; callers may keep a point set's vectors.
    """
    chord = np.sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2)
    km: npt.NDArray[np.float64] = (2 * EARTH_RADIUS_KM) * np.arcsin(np.minimum(chord / 2, 1.0))
    return km


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    return float(distances_km(lat1, lon1, [lat2], [lon2])[0])
