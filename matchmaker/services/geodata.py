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


# Business establishments per SBI sector group in CBS 85039NED (gemeente_kwb2021.csv).
SECTOR_COLUMNS = (
    "landbouw",
    "industrie_energie",
    "handel_horeca",
    "vervoer_ict",
    "financieel_vastgoed",
    "zakelijke_diensten",
    "overheid_onderwijs_zorg",
    "cultuur_recreatie",
)
_SHARES = (
    "pct_huurwoningen",
    "pct_corporatiewoningen",
    "afstand_kinderdagverblijf_km",
    "afstand_school_km",
    "scholen_binnen_3km",
    "pct_0_14",
    "pct_bouwjaar_vanaf_2000",
)


@lru_cache(maxsize=1)
def kwb2021() -> dict[str, dict[str, float | None]]:
    """CBS Kerncijfers wijken en buurten 2021 per *today's* municipality.

    Municipalities merged since 2021 are put together from their parts: establishment counts
    and inhabitants are summed, percentages and distances weighted by the parts'
    inhabitants (a part without the figure is left out of that weighting).
    """
    parts: dict[str, list[dict[str, str]]] = {}
    for row in _rows("gemeente_kwb2021.csv"):
        parts.setdefault(row["gemeentecode_2023"], []).append(row)
    out: dict[str, dict[str, float | None]] = {}
    for code, rows in parts.items():
        agg: dict[str, float | None] = {
            "inwoners": sum(float(r["inwoners_2021"]) for r in rows),
            "vestigingen_totaal": sum(float(r["vestigingen_totaal"] or 0) for r in rows),
        }
        for sector in SECTOR_COLUMNS:
            known = [float(r[f"vestigingen_{sector}"]) for r in rows if r[f"vestigingen_{sector}"]]
            agg[sector] = sum(known) if known else None
        for name in _SHARES:
            weighted = [(float(r["inwoners_2021"]), float(r[name])) for r in rows if r[name]]
            weight = sum(w for w, _ in weighted)
            agg[name] = sum(w * v for w, v in weighted) / weight if weight else None
        out[code] = agg
    return out


@lru_cache(maxsize=1)
def neighbours() -> tuple[tuple[str, str], ...]:
    """Pairs of municipalities that share a land border (gemeente_buren.csv)."""
    return tuple((r["gemeentecode_a"], r["gemeentecode_b"]) for r in _rows("gemeente_buren.csv"))
