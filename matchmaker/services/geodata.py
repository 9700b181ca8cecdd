"""Open reference data shipped in ``matchmaker/data`` (see its PROVENANCE.md)."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

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


@lru_cache(maxsize=1)
def indicators() -> dict[str, dict[str, str]]:
    """CBS indicators per municipality code (raw strings; empty = not available)."""
    return {r["gemeentecode"]: r for r in _rows("gemeente_indicatoren.csv")}
