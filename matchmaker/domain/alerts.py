"""Saved searches: what a search asks for, and which searches a new listing fits.

A listing is tested against every saved search at once: the searches' criteria are columns
of a :class:`CriteriaTable` (one row per search), so fitting one listing to 10,000 searches is
a handful of numpy comparisons, not 10,000 queries.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from matchmaker.domain.errors import Code, Issue
from matchmaker.domain.geo import haversine_km

# A person keeps a handful of searches (job boards cap theirs at 10-25); each is one row of
# every alert run, so the cap also bounds the work one account can cause.
MAX_SEARCHES = 20
MAX_NAME = 120
MAX_DISTANCE_KM = 400  # the profile's own search radius has the same ceiling
EPOCH = date(1970, 1, 1)


class Frequency(StrEnum):
    """How often a search's owner hears of new listings by email (the bell is always at once)."""

    INSTANT = "instant"
    DAILY = "daily"
    WEEKLY = "weekly"


# How long a digest waits after the previous one (a day; a week, as Funda and job boards do).
WINDOWS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


class Scope(StrEnum):
    """Where the search was saved: the public list or the candidate's own matches."""

    PRACTICES = "practices"
    MATCHES = "matches"


@dataclass(frozen=True)
class Criteria:
    """The filters of one search; None or False means 'any'."""

    province: str | None = None
    gemeentecode: str | None = None
    form: str | None = None
    dispensing: bool | None = None
    with_house: bool = False  # only listings with a praktijkwoning
    window_from: date | None = None  # handover period overlaps [from, until]
    window_until: date | None = None
    shortage_only: bool = False
    max_goodwill: int | None = None  # asking minimum at most this (no goodwill always fits)
    max_distance_km: int | None = None  # from the owner's home
    min_score: int | None = None  # match score 0-100 for the owner's profile

    def to_json(self) -> dict[str, Any]:
        """Plain values for a JSON column (dates as ISO strings, defaults left out)."""
        out = {}
        defaults = {f.name: f.default for f in fields(self)}
        for key, value in asdict(self).items():
            if value is None or value is defaults[key]:
                continue
            out[key] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Criteria:
        """Read back what ``to_json`` stored; unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key in ("window_from", "window_until"):
            if isinstance(values.get(key), str):
                values[key] = date.fromisoformat(values[key])
        return cls(**values)

    def is_empty(self) -> bool:
        """A search without any filter would alert on every listing."""
        return not self.to_json()


def check_search(criteria: Criteria, *, name: str, count: int) -> list[Issue]:
    """A search must narrow something, have a short name, and fit under the cap."""
    issues = []
    if count >= MAX_SEARCHES:
        issues.append(Issue("search", Code.SEARCHES_FULL, "too many searches", str(MAX_SEARCHES)))
    if len(name) > MAX_NAME:
        issues.append(Issue("name", Code.TOO_LONG, f"at most {MAX_NAME} characters"))
    if criteria.max_distance_km is not None and not 1 <= criteria.max_distance_km <= 400:
        issues.append(Issue("max_distance_km", Code.OUT_OF_RANGE, "1-400 km"))
    if criteria.min_score is not None and not 0 <= criteria.min_score <= 100:
        issues.append(Issue("min_score", Code.OUT_OF_RANGE, "0-100"))
    if criteria.max_goodwill is not None and criteria.max_goodwill < 0:
        issues.append(Issue("max_goodwill", Code.NEGATIVE, "not below zero"))
    return issues


@dataclass(frozen=True)
class AlertListing:
    """What a search can ask of one listing."""

    province: str
    gemeentecode: str
    form: str
    dispensing: bool
    with_house: bool
    handover_from: date
    handover_until: date
    in_shortage: bool  # the municipality is a shortage region
    goodwill_min: int | None
    lat: float
    lon: float


FloatArray = npt.NDArray[np.float64]


def _days(value: date | None) -> float:
    return float("nan") if value is None else float((value - EPOCH).days)


@dataclass(frozen=True)
class CriteriaTable:
    """Many searches' criteria as aligned columns ('' / NaN / -1 meaning 'any')."""

    province: npt.NDArray[np.str_]
    gemeentecode: npt.NDArray[np.str_]
    form: npt.NDArray[np.str_]
    dispensing: npt.NDArray[np.int8]  # -1 any, 0 no, 1 yes
    with_house: npt.NDArray[np.bool_]
    window_from: FloatArray  # days since 1970
    window_until: FloatArray
    shortage_only: npt.NDArray[np.bool_]
    max_goodwill: FloatArray
    max_distance_km: FloatArray
    home_lat: FloatArray  # the owner's home (NaN: none known, the distance filter fails)
    home_lon: FloatArray

    @classmethod
    def of(cls, criteria: list[Criteria], homes: list[tuple[float, float] | None]) -> CriteriaTable:
        """Columns from a list of searches and their owners' homes."""
        nan = float("nan")
        return cls(
            province=np.array([c.province or "" for c in criteria], dtype=np.str_),
            gemeentecode=np.array([c.gemeentecode or "" for c in criteria], dtype=np.str_),
            form=np.array([c.form or "" for c in criteria], dtype=np.str_),
            dispensing=np.array(
                [-1 if c.dispensing is None else int(c.dispensing) for c in criteria], np.int8
            ),
            with_house=np.array([c.with_house for c in criteria], dtype=bool),
            window_from=np.array([_days(c.window_from) for c in criteria]),
            window_until=np.array([_days(c.window_until) for c in criteria]),
            shortage_only=np.array([c.shortage_only for c in criteria], dtype=bool),
            max_goodwill=np.array(
                [nan if c.max_goodwill is None else c.max_goodwill for c in criteria]
            ),
            max_distance_km=np.array(
                [nan if c.max_distance_km is None else c.max_distance_km for c in criteria]
            ),
            home_lat=np.array([h[0] if h else nan for h in homes]),
            home_lon=np.array([h[1] if h else nan for h in homes]),
        )

    def __len__(self) -> int:
        return len(self.province)


def fits(listing: AlertListing, table: CriteriaTable) -> npt.NDArray[np.bool_]:
    """Which searches the listing fits, by every criterion but the match score.

    Parameters
    ----------
    listing: the listing just published or changed.
    table: the criteria of every search.

    Returns
    -------
    A boolean array aligned with the table's rows.
    """
    ok = (table.province == "") | (table.province == listing.province)
    ok &= (table.gemeentecode == "") | (table.gemeentecode == listing.gemeentecode)
    ok &= (table.form == "") | (table.form == listing.form)
    ok &= (table.dispensing < 0) | (table.dispensing == int(listing.dispensing))
    ok &= ~table.with_house | listing.with_house
    ok &= ~table.shortage_only | listing.in_shortage
    start, end = _days(listing.handover_from), _days(listing.handover_until)
    with np.errstate(invalid="ignore"):
        ok &= np.isnan(table.window_until) | (start <= table.window_until)
        ok &= np.isnan(table.window_from) | (end >= table.window_from)
        if listing.goodwill_min is not None:
            ok &= np.isnan(table.max_goodwill) | (listing.goodwill_min <= table.max_goodwill)
        near = np.isnan(table.max_distance_km)
        far = ~near
        if far.any():
            km = haversine_km(table.home_lat[far], table.home_lon[far], listing.lat, listing.lon)
            near[far] = km <= table.max_distance_km[far]  # NaN home: False
        ok &= near
    return np.asarray(ok, dtype=np.bool_)
