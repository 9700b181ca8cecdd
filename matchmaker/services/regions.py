"""Per-municipality numbers the matching uses, from the shipped CBS open data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from matchmaker.domain.household import PartnerSector
from matchmaker.domain.scoring import PARTNER_COMMUTE_KM, SECTORS
from matchmaker.domain.travel import travel_km, within
from matchmaker.services.geodata import gazetteer, indicators, kwb2021, neighbours

FloatArray = npt.NDArray[np.float64]

# The CBS SBI sector groups (gemeente_kwb2021.csv) that make each partner sector's market.
SECTOR_GROUPS: dict[PartnerSector, tuple[str, ...]] = {
    PartnerSector.EDUCATION: ("overheid_onderwijs_zorg",),
    PartnerSector.HEALTHCARE: ("overheid_onderwijs_zorg",),
    PartnerSector.GOVERNMENT: ("overheid_onderwijs_zorg",),
    PartnerSector.ICT: ("vervoer_ict",),
    PartnerSector.AGRICULTURE: ("landbouw",),
    PartnerSector.BUSINESS: ("financieel_vastgoed", "zakelijke_diensten"),
    PartnerSector.ENGINEERING: ("industrie_energie",),
    PartnerSector.CULTURE: ("cultuur_recreatie",),
    PartnerSector.OTHER: ("vestigingen_totaal",),
}


@dataclass(frozen=True)
class RegionTable:
    """Arrays indexed like ``codes`` (sorted CBS municipality codes)."""

    codes: list[str]
    index: dict[str, int]
    provinces: list[str]
    province_index: dict[str, int]
    population: FloatArray
    woz: FloatArray
    pct_rent: FloatArray  # rented dwellings outside social housing, % of the stock
    childcare_km: FloatArray
    school_km: FloatArray
    travel_km: FloatArray  # (n, n) domain.travel distances; inf out of reach
    labour: FloatArray  # (n, len(SECTORS)) establishments within PARTNER_COMMUTE_KM
    labour_lq: FloatArray  # (n, len(SECTORS)) location quotients of those


def _num(value: str | float | None) -> float:
    return float(value) if value not in ("", None) else np.nan


def establishments(codes: list[str]) -> FloatArray:
    """Per municipality, the establishments of each partner sector (CBS 2021)."""
    kwb = kwb2021()
    return np.array(
        [[sum(kwb[c][g] or 0.0 for g in SECTOR_GROUPS[s]) for s in SECTORS] for c in codes]
    )


@lru_cache(maxsize=1)
def region_table() -> RegionTable:
    """Build the table once per process."""
    gaz = gazetteer()
    rows = indicators()
    kwb = kwb2021()
    codes = sorted(gaz.municipalities)

    def column(name: str) -> FloatArray:
        return np.array([_num(rows[c][name]) for c in codes])

    def filled(name: str, fallback: str) -> FloatArray:
        """The 2023 figure, else the 2021 one put together from a merged municipality's parts."""
        values = column(name)
        backup = np.array([_num(kwb[c][fallback]) for c in codes])
        return np.where(np.isnan(values), backup, values)

    lats = np.array([gaz.municipalities[c].label_lat for c in codes])
    lons = np.array([gaz.municipalities[c].label_lon for c in codes])
    travel = travel_km(codes, lats, lons, neighbours())
    near = within(travel, PARTNER_COMMUTE_KM).astype(np.float64)
    counts = establishments(codes)
    labour = near @ counts
    other = SECTORS.index(PartnerSector.OTHER)
    national_share = counts.sum(axis=0) / counts[:, other].sum()
    labour_lq = labour / np.fmax(labour[:, other : other + 1], 1.0) / national_share
    free_rent = np.array(
        [_num(kwb[c]["pct_huurwoningen"]) - _num(kwb[c]["pct_corporatiewoningen"]) for c in codes]
    )
    provinces = gaz.provinces()
    return RegionTable(
        codes=codes,
        index={c: i for i, c in enumerate(codes)},
        provinces=provinces,
        province_index={p: i for i, p in enumerate(provinces)},
        population=column("inwoners_2024"),
        woz=column("gem_woz_waarde_x1000eur_wbk2023"),
        pct_rent=np.fmax(free_rent, 0.0),
        childcare_km=filled("afstand_kinderdagverblijf_km_kwb2021", "afstand_kinderdagverblijf_km"),
        school_km=filled("afstand_school_km_kwb2021", "afstand_school_km"),
        travel_km=travel,
        labour=labour,
        labour_lq=labour_lq,
    )
