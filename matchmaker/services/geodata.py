"""Open reference data shipped in ``matchmaker/data`` (see its PROVENANCE.md)."""

from __future__ import annotations

import csv
import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from matchmaker.domain.geo import Gazetteer, Municipality

ATTRIBUTIONS = (
    "Bron: CBS, Kadaster — Wijk- en Buurtkaart 2023 (CC BY 4.0)",
    "Bron: CBS — Kerncijfers wijken en buurten / Wijk- en Buurtkaart 2021, 2023, 2024",
    "Postcode coordinates: GeoNames (www.geonames.org), CC BY",
)


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("matchmaker.data").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The PC4 and municipality lookup, read once per process."""
    municipalities = [
        Municipality(
            code=r["gemeentecode"],
            name=r["gemeentenaam"],
            province=r["provincienaam"],
            label_lat=float(r["label_lat"]),
            label_lon=float(r["label_lon"]),
        )
        for r in _rows("gemeenten.csv")
    ]
    points = (
        (
            r["pc4"],
            float(r["lat"]),
            float(r["lon"]),
            r["gemeentecode"],
            r["coord_flag"] == "suspect",
        )
        for r in _rows("pc4_centroids.csv")
    )
    return Gazetteer(municipalities, points)


MAP_DECIMALS = 3  # about 100 m: enough for a national choropleth, a fifth of the bytes


def _simplify(ring: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, MAP_DECIMALS), round(y, MAP_DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else ring


@lru_cache(maxsize=1)
def map_geometry() -> bytes:
    """Municipal boundaries as compact GeoJSON (coordinates rounded, duplicates dropped)."""
    with (
        resources.files("matchmaker.data")
        .joinpath("gemeenten.geojson")
        .open(encoding="utf-8") as fh
    ):
        data = json.load(fh)
    features = []
    for feature in data["features"]:
        geom = feature["geometry"]
        coords: list[Any]
        if geom["type"] == "Polygon":
            coords = [_simplify(r) for r in geom["coordinates"]]
        else:
            coords = [[_simplify(r) for r in poly] for poly in geom["coordinates"]]
        props = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": props["gemeentecode"], "name": props["gemeentenaam"]},
                "geometry": {"type": geom["type"], "coordinates": coords},
            }
        )
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, separators=(",", ":")
    ).encode()


@lru_cache(maxsize=1)
def place_names() -> tuple[str, ...]:
    """Every municipality and town name in the data, longest first (for anonymity checks)."""
    names = {m.name for m in gazetteer().municipalities.values()}
    for row in _rows("pc4_centroids.csv"):
        names.update(n.strip() for n in row["place_names"].split("|") if n.strip())
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1)
def geometry_tag() -> str:
    """A tag that changes only when the boundaries do (a hash of the served bytes)."""
    return "g" + hashlib.sha256(map_geometry()).hexdigest()[:16]


@lru_cache(maxsize=1)
def indicators() -> dict[str, dict[str, str]]:
    """CBS indicators per municipality code (raw strings; empty = not available)."""
    return {r["gemeentecode"]: r for r in _rows("gemeente_indicatoren.csv")}
