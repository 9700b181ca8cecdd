"""The region table from the shipped CBS data: travel reach, labour markets, housing, fills."""

from __future__ import annotations

import numpy as np
import pytest

from matchmaker.domain.household import PartnerSector
from matchmaker.domain.scoring import PARTNER_COMMUTE_KM, SECTORS, labour_market
from matchmaker.domain.travel import FERRIES
from matchmaker.services.geodata import gazetteer
from matchmaker.services.regions import region_table

URK, ENKHUIZEN, NOP, AMSTERDAM = "GM0184", "GM0388", "GM0171", "GM0363"
TEXEL, DEN_HELDER, AMELAND = "GM0448", "GM0400", "GM0060"


def _reach(code: str) -> set[str]:
    t = region_table()
    row = t.travel_km[t.index[code]]
    return {c for c, d in zip(t.codes, row, strict=True) if d <= PARTNER_COMMUTE_KM}


def _straight(a: str, b: str) -> float:
    from matchmaker.domain.geo import haversine_km

    m = gazetteer().municipalities
    return float(haversine_km(m[a].label_lat, m[a].label_lon, m[b].label_lat, m[b].label_lon))


def test_urk_does_not_reach_across_the_ijsselmeer() -> None:
    """Enkhuizen is within 30 km as the crow flies, not by road."""
    assert _straight(URK, ENKHUIZEN) < PARTNER_COMMUTE_KM
    assert ENKHUIZEN not in _reach(URK) and NOP in _reach(URK)


def test_islands_reach_themselves_and_their_ferry_harbour_only() -> None:
    """Texel reaches Den Helder and nothing further; no island reaches another."""
    assert _reach(TEXEL) == {TEXEL, DEN_HELDER}
    islands = {f.a for f in FERRIES}
    t = region_table()
    for island in islands:
        row = t.travel_km[t.index[island]]
        reachable = {c for c, d in zip(t.codes, row, strict=True) if np.isfinite(d)}
        assert reachable == {island, next(f.b for f in FERRIES if f.a == island)}
    assert np.isinf(t.travel_km[t.index[TEXEL], t.index[AMELAND]])


def _market(code: str, sector: PartnerSector) -> float:
    t = region_table()
    i, k = t.index[code], SECTORS.index(sector)
    return float(labour_market(t.labour[i, k], t.labour_lq[i, k], np.array(k)))


def test_partner_work_differs_by_sector_and_region() -> None:
    """Farming is strong in the Noordoostpolder and weak in Amsterdam; ICT the reverse."""
    agri, ict = PartnerSector.AGRICULTURE, PartnerSector.ICT
    assert _market(NOP, agri) > 0.75 > 0.4 > _market(AMSTERDAM, agri)
    assert _market(AMSTERDAM, ict) > 0.85 > 0.25 > _market(NOP, ict)


def test_partner_markets_count_establishments_within_reach() -> None:
    """The Noordoostpolder's farms within reach are its own and its reachable neighbours'."""
    from matchmaker.services.geodata import kwb2021

    t = region_table()
    farms = sum(kwb2021()[c]["landbouw"] or 0 for c in _reach(NOP))
    assert t.labour[t.index[NOP], SECTORS.index(PartnerSector.AGRICULTURE)] == farms


def test_renting_counts_only_rentals_outside_social_housing() -> None:
    """Noordoostpolder 2021: 35% rented, 24% by housing associations → 11%."""
    t = region_table()
    assert t.pct_rent[t.index[NOP]] == pytest.approx(11.0)


def test_merged_municipalities_get_their_parts_distances() -> None:
    """Maashorst = Uden (42,291 inh., 0.6 km) + Landerd (15,817 inh., 1.0 km) to day care."""
    t = region_table()
    expected = (42_291 * 0.6 + 15_817 * 1.0) / (42_291 + 15_817)
    assert t.childcare_km[t.index["GM1991"]] == pytest.approx(expected)
    assert not np.isnan(t.childcare_km).any() and not np.isnan(t.school_km).any()
