"""The shortage index of every municipality, recomputed when listings or introductions change."""

from __future__ import annotations

import csv
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from sqlmodel import Session, col, func, select

from matchmaker.db import bind_key
from matchmaker.domain.introductions import REVEALED
from matchmaker.domain.practice import ListingStatus
from matchmaker.domain.shortage import RegionIndicators, RegionShortage, shortage_index
from matchmaker.models import Introduction, Practice, data_version
from matchmaker.services.geodata import gazetteer, indicators
from matchmaker.services.regions import region_table

SUCCESSION_HORIZON = timedelta(days=5 * 365)


@dataclass(frozen=True)
class ShortageSnapshot:
    """The index for all municipalities at one state of the data."""

    version: tuple[Any, ...]
    by_code: dict[str, RegionShortage]

    def levels(self, codes: list[str]) -> Any:
        """Scores / 100 aligned with ``codes`` (NaN where unknown)."""
        return np.array(
            [
                np.nan if self.by_code[c].score is None else self.by_code[c].score / 100.0  # type: ignore[operator]
                for c in codes
            ]
        )


def _opt(value: str) -> float | None:
    return float(value) if value else None


@lru_cache(maxsize=1)
def ageing_area_shares() -> dict[str, float]:
    """Per municipality: share of inhabitants in PC4 areas older than the national 65+ share."""
    gaz = gazetteer()
    with (
        resources.files("matchmaker.data")
        .joinpath("pc4_bevolking_2021.csv")
        .open(encoding="utf-8") as fh
    ):
        rows = [r for r in csv.DictReader(fh) if r["inwoners"] and r["pct_65plus"]]
    total = sum(float(r["inwoners"]) for r in rows)
    national = sum(float(r["inwoners"]) * float(r["pct_65plus"]) for r in rows) / total
    sums: dict[str, list[float]] = {}
    for r in rows:
        try:
            code = gaz.place(r["pc4"]).municipality.code
        except ValueError:
            continue
        inhabitants = float(r["inwoners"])
        acc = sums.setdefault(code, [0.0, 0.0])
        acc[0] += inhabitants
        acc[1] += inhabitants if float(r["pct_65plus"]) > national else 0.0
    return {c: old / inh for c, (inh, old) in sums.items() if inh > 0}


@lru_cache(maxsize=1)
def _static_inputs() -> dict[str, dict[str, float | None]]:
    shares = ageing_area_shares()
    return {
        code: {
            "gp_distance_km": _opt(row["afstand_huisartsenpraktijk_km_wbk2023"]),
            "pct_65plus": _opt(row["pct_65plus_2024"]),
            "ageing_area_share": shares.get(code),
            "density_per_km2": _opt(row["bevolkingsdichtheid_2024"]),
            "inhabitants": _opt(row["inwoners_2024"]),
        }
        for code, row in indicators().items()
    }


def succession_patients(session: Session, today: date | None = None) -> dict[str, float]:
    """Patients per municipality whose practice hands over within 5 years, not yet introduced."""
    today = today or date.today()
    introduced = select(Introduction.practice_id).where(col(Introduction.status).in_(REVEALED))
    stmt = (
        select(Practice.gemeentecode, func.sum(Practice.patients))
        .where(
            Practice.status != ListingStatus.HANDED_OVER,
            col(Practice.handover_from) <= today + SUCCESSION_HORIZON,
            col(Practice.id).not_in(introduced),
        )
        .group_by(Practice.gemeentecode)
    )
    return {code: float(total or 0) for code, total in session.exec(stmt)}


def _version(tokens: Mapping[str, int]) -> tuple[Any, ...]:
    """Listings and introductions move the index; so does the date (the horizon moves)."""
    return (tokens.get("practices"), tokens.get("introductions"), date.today())


_lock = threading.Lock()
_cache: dict[str, ShortageSnapshot] = {}


def current(session: Session, tokens: Mapping[str, int] | None = None) -> ShortageSnapshot:
    """The index for the data as they are now (cached until listings or introductions change).

    ``tokens`` are the change stamps the caller read already (``data_version.read``).
    """
    key = bind_key(session)
    version = _version(tokens if tokens is not None else data_version.read(session))
    cached = _cache.get(key)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        patients = succession_patients(session)
        inputs = {
            code: RegionIndicators(**values, succession_patients=patients.get(code, 0.0))
            for code, values in _static_inputs().items()
        }
        snapshot = ShortageSnapshot(version, shortage_index(inputs))
        _cache[key] = snapshot
        return snapshot


def clear_cache() -> None:
    """Forget computed indexes (tests)."""
    _cache.clear()


def levels_for_table(
    session: Session, tokens: Mapping[str, int] | None = None
) -> tuple[tuple[Any, ...], Any]:
    """The index version and levels (0–1) aligned with the region table's codes."""
    snap = current(session, tokens)
    return snap.version, snap.levels(region_table().codes)
