"""Per-municipality numbers the matching uses, from the shipped CBS open data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from matchmaker.domain.geo import haversine_km
from matchmaker.domain.scoring import PARTNER_COMMUTE_KM
from matchmaker.services.geodata import gazetteer, indicators

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class RegionTable:
    """Arrays indexed like ``codes`` (sorted CBS municipality codes)."""

    codes: list[str]
    index: dict[str, int]
    provinces: list[str]
    province_index: dict[str, int]
    population: FloatArray
    woz: FloatArray
    pct_rent: FloatArray
    childcare_km: FloatArray
    school_km: FloatArray
    labour_pop: FloatArray


def _num(value: str) -> float:
    return float(value) if value not in ("", None) else np.nan


@lru_cache(maxsize=1)
def region_table() -> RegionTable:
    """Build the table once per process."""
    gaz = gazetteer()
    rows = indicators()
    codes = sorted(gaz.municipalities)

    def column(name: str) -> FloatArray:
        return np.array([_num(rows[c][name]) for c in codes])

    lats = np.array([gaz.municipalities[c].label_lat for c in codes])
    lons = np.array([gaz.municipalities[c].label_lon for c in codes])
    population = column("inwoners_2024")
    near = (
        haversine_km(lats[:, None], lons[:, None], lats[None, :], lons[None, :])
        <= PARTNER_COMMUTE_KM
    )
    provinces = gaz.provinces()
    return RegionTable(
        codes=codes,
        index={c: i for i, c in enumerate(codes)},
        provinces=provinces,
        province_index={p: i for i, p in enumerate(provinces)},
        population=population,
        woz=column("gem_woz_waarde_x1000eur_wbk2023"),
        pct_rent=column("pct_huurwoningen_wbk2023"),
        childcare_km=column("afstand_kinderdagverblijf_km_kwb2021"),
        school_km=column("afstand_school_km_kwb2021"),
        labour_pop=near.astype(np.float64) @ np.nan_to_num(population),
    )
