"""Travel reach between municipalities that respects the sea, the IJsselmeer and the ferries.

A straight line from Urk crosses the IJsselmeer to Enkhuizen, and one from Texel reaches
Ameland over the Wadden Sea; nobody commutes that way. Travel here is the shortest path over
municipalities that share a land border (``data/gemeente_buren.csv``, built from the CBS
boundaries), each step as long as the straight line between the two label points. Large
waters are not part of the CBS land outline, so they separate the shores unless a dam,
bridge or tunnel joins the municipalities on either side (the table ``FIXED``). The Wadden
islands' boundaries run far into the sea and touch each other there, so an island has no land
neighbours at all: it reaches itself and the municipality of its ferry harbour, nothing
further (``FERRIES``) — a daily commute beyond the harbour town is not realistic.

The path through label points runs somewhat longer than the straight line, as roads do;
it is never shorter (triangle inequality), so a reach in travel km is at most the reach in
straight km.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matchmaker.domain.geo import haversine_km

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Crossing:
    """A fixed link or a ferry between two municipalities across water."""

    a: str  # CBS municipality code
    b: str
    name: str


# Dams, bridges and tunnels across large waters that the land-border graph must keep. Each
# also shows as a shared border in the CBS outline; listed so a boundary change cannot cut it.
FIXED: tuple[Crossing, ...] = (
    Crossing("GM1911", "GM1900", "Afsluitdijk (A7), Den Oever–Zurich"),
    Crossing("GM0388", "GM0995", "Houtribdijk (N302), Enkhuizen–Lelystad"),
    Crossing("GM0654", "GM0715", "Westerscheldetunnel (N62), Borsele–Terneuzen"),
    Crossing("GM0718", "GM1714", "Veerdienst Vlissingen–Breskens (voet- en fietsveer)"),
)

# Island → its ferry harbour's municipality.
FERRIES: tuple[Crossing, ...] = (
    Crossing("GM0448", "GM0400", "TESO Texel–Den Helder"),
    Crossing("GM0096", "GM0072", "Doeksen Vlieland–Harlingen"),
    Crossing("GM0093", "GM0072", "Doeksen Terschelling–Harlingen"),
    Crossing("GM0060", "GM1970", "Wagenborg Ameland–Holwerd"),
    Crossing("GM0088", "GM1966", "Wagenborg Schiermonnikoog–Lauwersoog"),
)
ISLANDS = frozenset(f.a for f in FERRIES)


def travel_km(
    codes: Sequence[str],
    lat: FloatArray,
    lon: FloatArray,
    neighbours: Iterable[tuple[str, str]],
    fixed: Iterable[Crossing] = FIXED,
    ferries: Iterable[Crossing] = FERRIES,
) -> FloatArray:
    """Travel distance in km between every pair of ``codes`` (``inf`` = out of reach).

    ``lat``/``lon`` are the municipalities' label points, aligned with ``codes``.
    """
    index = {c: i for i, c in enumerate(codes)}
    straight = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    ferry_list = list(ferries)
    islands = {index[f.a] for f in ferry_list if f.a in index}
    n = len(codes)
    dist = np.full((n, n), np.inf)
    np.fill_diagonal(dist, 0.0)
    links = [(a, b) for a, b in neighbours] + [(x.a, x.b) for x in fixed]
    for a, b in links:
        i, j = index.get(a), index.get(b)
        if i is None or j is None or i in islands or j in islands:
            continue
        dist[i, j] = dist[j, i] = straight[i, j]
    for k in range(n):  # Floyd–Warshall: 342 steps over a 342 × 342 matrix
        np.minimum(dist, dist[:, k : k + 1] + dist[k : k + 1, :], out=dist)
    for f in ferry_list:
        i, j = index.get(f.a), index.get(f.b)
        if i is not None and j is not None:
            dist[i, j] = dist[j, i] = straight[i, j]
    return dist


def within(dist: FloatArray, km: float) -> npt.NDArray[np.bool_]:
    """Which pairs lie within ``km`` of travel."""
    return dist <= km


def reach_names(
    dist: FloatArray, codes: Sequence[str], code: str, km: float, names: Mapping[str, str]
) -> list[str]:
    """The names of the municipalities ``code`` reaches within ``km``, nearest first."""
    row = dist[codes.index(code)]
    order = np.argsort(row, kind="stable")
    return [names[codes[i]] for i in order if row[i] <= km]
