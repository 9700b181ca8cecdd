"""Features of every public practice and every candidate, kept up to date by what changed.

The rows (one listing's or one profile's own features) live in a :class:`rows.RowCache` and
are patched when a listing or profile changes; what a practice owes to its municipality
(the shortage level, the recruiters' offers) is gathered onto the rows afresh whenever the
index or the offers change, which is an array lookup, not a database read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import BigInteger, String, bindparam, cast, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from matchmaker.db import bind_key
from matchmaker.domain import scoring as s
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.models import CandidateProfile, Practice, data_version
from matchmaker.schemas import PracticePublic
from matchmaker.services import offers, shortage
from matchmaker.services.caching import StampedCache
from matchmaker.services.matching.features import (
    PRACTICE_COLUMNS,
    candidate_features,
    holder_features,
    practice_features,
    stack,
)
from matchmaker.services.matching.rows import CENSUS_MODULUS, RowCache, Rows, Source
from matchmaker.services.practices import to_public
from matchmaker.services.regions import region_table

_cache: StampedCache[Any] = StampedCache()
_rows = RowCache()


def clear_cache() -> None:
    """Forget cached features (tests; after bulk loads in the same process)."""
    _cache.clear()
    _rows.clear()
    _views.clear()
    rankings.clear()
    summaries.clear()


# --- practices -------------------------------------------------------------------------------


def _census_columns(model: Any) -> tuple[Any, ...]:
    """count, sum of ids, sum of ids modulo CENSUS_MODULUS (see rows.census), in SQL."""
    ids = cast(col(model.id), BigInteger)
    return (
        func.count(),
        func.coalesce(func.sum(ids), 0),
        func.coalesce(func.sum(ids % CENSUS_MODULUS), 0),
    )


def _census(session: Session, stmt: Any) -> tuple[int, int, int]:
    count, total, modular = session.connection().execute(stmt).one()
    return int(count), int(total), int(modular)


_PUBLIC = col(Practice.status).in_(PUBLIC_STATUSES)
_PRACTICE_STAMP = cast(Practice.updated_at, String)  # compared, never read as a date
_SINCE: Any = bindparam("since")  # the moment from which changes are asked for
_IDS: Any = bindparam("ids", expanding=True)

# What every save makes the caches ask (rows.Source), built once: statements cost more to
# build than these cheap reads cost to run.
_PRACTICE_SCAN = sa_select(col(Practice.id), _PRACTICE_STAMP.label("stamp")).where(_PUBLIC)
_PRACTICE_RECENT = sa_select(
    col(Practice.id), _PRACTICE_STAMP.label("stamp"), _PUBLIC.label("ok")
).where(col(Practice.updated_at) >= _SINCE)
_PRACTICE_CENSUS = sa_select(*_census_columns(Practice)).where(_PUBLIC)
_PRACTICE_READ = (
    sa_select(*PRACTICE_COLUMNS, _PRACTICE_STAMP.label("stamp"))
    .where(_PUBLIC)
    .order_by(col(Practice.id))
)
_PRACTICE_READ_IDS = _PRACTICE_READ.where(col(Practice.id).in_(_IDS))


def _practice_source(session: Session) -> Source:
    def run(stmt: Any, **params: Any) -> Any:
        return session.connection().execute(stmt, params)

    def scan() -> Sequence[tuple[int, Any]]:
        return [(int(i or 0), stamp) for i, stamp in run(_PRACTICE_SCAN)]

    def recent(since: datetime) -> Sequence[tuple[int, Any, bool]]:
        return [
            (int(i or 0), stamp, bool(ok)) for i, stamp, ok in run(_PRACTICE_RECENT, since=since)
        ]

    def census() -> tuple[int, int, int]:
        return _census(session, _PRACTICE_CENSUS)

    def read(ids: Sequence[int] | None) -> tuple[list[int], list[Any], Any]:
        rows = list(run(_PRACTICE_READ) if ids is None else run(_PRACTICE_READ_IDS, ids=list(ids)))
        blank = np.full(len(region_table().codes), np.nan)  # gathered later: see _gathered
        return [r.id for r in rows], [r.stamp for r in rows], practice_features(rows, blank)

    return Source(scan, recent, census, read)


def practice_rows(session: Session, tokens: dict[str, int] | None = None) -> Rows:
    """The public listings' own features, patched by the listings that changed."""
    token = (tokens if tokens is not None else data_version.read(session)).get("practices")
    return _rows.get((bind_key(session), "practices"), token, _practice_source(session))


def _gathered(
    rows: s.PracticeFeatures, levels: Any, regional: offers.OfferArrays
) -> s.PracticeFeatures:
    """The rows with their municipality's shortage level and offers."""
    muni = rows.municipality
    return replace(
        rows,
        shortage=levels[muni],
        housing_offers=regional.housing[muni],
        job_leads=regional.job_leads[muni],
        childcare_places=regional.childcare_places[muni],
    )


def stamped_practices(
    session: Session, tokens: dict[str, int] | None = None
) -> tuple[Hashable, s.PracticeFeatures]:
    """``public_practices`` with the stamp of everything they were built from: equal stamps,
    equal features."""
    tokens = tokens if tokens is not None else data_version.read(session)
    version, levels = shortage.levels_for_table(session, tokens)
    regional = offers.arrays(session, tokens)
    rows = practice_rows(session, tokens)
    stamp = (rows.token, version, regional.version)
    key = (bind_key(session), "practices")
    built = _cache.get(key, stamp, lambda: _gathered(rows.features, levels, regional))
    return (key, stamp), built


def public_practices(session: Session, tokens: dict[str, int] | None = None) -> s.PracticeFeatures:
    """Features of every published listing, up to date with every committed write
    (``tokens``: the change stamps, when the caller read them already)."""
    return stamped_practices(session, tokens)[1]


class Remembered:
    """The last few results of a pure computation, by the key of everything it read."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The result for ``key``, computed when it is not (or no longer) kept."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._entries.clear()


# A candidate who comes back to the same page (the API, the page, a filter undone) finds the
# ranking of the same inputs here. Keys hold every input, so a write can never be missed: it
# moves the practices' stamp or the candidate's features. About 50 KB an entry.
RANKINGS_KEPT = 256
rankings = Remembered(RANKINGS_KEPT)


class Kept:
    """Views of rows kept by database and id under the stamp they were made at; a view is
    found only while its stamp stands. Forgets everything when it holds more than ``size``."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: dict[tuple[str, int], tuple[Hashable, Any]] = {}

    def get(self, bind: str, i: int, stamp: Hashable) -> Any | None:
        """The view of row ``i`` made at ``stamp``, if it is kept."""
        kept = self._entries.get((bind, i))
        return kept[1] if kept is not None and kept[0] == stamp else None

    def put(self, bind: str, i: int, stamp: Hashable, view: Any) -> None:
        """Keep the view of row ``i`` made at ``stamp`` (read now, never older than it)."""
        if len(self._entries) > self._size:
            self._entries.clear()
        self._entries[(bind, i)] = (stamp, view)

    def clear(self) -> None:
        """Forget everything (tests)."""
        self._entries.clear()


VIEWS_KEPT = 50_000  # public views kept per process (a national register is ~5,000 practices)
_views = Kept(VIEWS_KEPT)
# Candidates as holders see them (matching.pages), under (profile stamp, BIG check).
summaries = Kept(20_000)


def public_views(
    session: Session, ids: Sequence[int], tokens: dict[str, int] | None = None
) -> dict[int, PracticePublic]:
    """The public view of these published listings, read again only for the listings whose
    change stamp moved since they were last shown (a match page shows the same few often)."""
    stamps = practice_rows(session, tokens).stamps
    key = bind_key(session)
    out: dict[int, PracticePublic] = {}
    for i in ids:
        if i in stamps and (view := _views.get(key, i, stamps[i])) is not None:
            out[i] = view
    missing = [i for i in ids if i not in out]
    if missing:
        for practice in session.exec(select(Practice).where(col(Practice.id).in_(missing))):
            i = practice.id or 0
            out[i] = to_public(practice)
            if i in stamps:  # read now, so never older than the stamp it is kept under
                _views.put(key, i, stamps[i], out[i])
    return out


# --- candidates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidatePool:
    """Features of all candidates as arrays, with their profile ids."""

    ids: Any
    features: s.CandidateFeatures


_CONSENTED = col(CandidateProfile.consent)
_PROFILE_STAMP = cast(CandidateProfile.updated_at, String)


# A duo's features carry the partner's home: a partner's change is the profile's too.
_PARTNER = CandidateProfile.__table__.alias("partner")  # type: ignore[attr-defined]
_PROFILE_STAMPS = (
    col(CandidateProfile.id),
    _PROFILE_STAMP.label("own"),
    cast(_PARTNER.c.updated_at, String).label("other"),
)


def _joined(*columns: Any) -> Any:
    return sa_select(*_PROFILE_STAMPS, *columns).outerjoin(
        _PARTNER, _PARTNER.c.id == CandidateProfile.duo_partner_id
    )


_PROFILE_SCAN = _joined().where(_CONSENTED)
_PROFILE_STAMPS_OF = _PROFILE_SCAN.where(col(CandidateProfile.id).in_(_IDS))
_PROFILE_RECENT = _joined(_CONSENTED.label("ok")).where(
    or_(col(CandidateProfile.updated_at) >= _SINCE, _PARTNER.c.updated_at >= _SINCE)
)
_PROFILE_CENSUS = sa_select(*_census_columns(CandidateProfile)).where(_CONSENTED)
_PROFILES = select(CandidateProfile).where(_CONSENTED).order_by(col(CandidateProfile.id))
_PROFILES_OF = _PROFILES.where(col(CandidateProfile.id).in_(_IDS))
_ANY_PROFILES = select(CandidateProfile).where(col(CandidateProfile.id).in_(_IDS))


Build = Callable[[CandidateProfile, CandidateProfile | None], s.CandidateFeatures]


def _candidate_source(session: Session, build: Build = candidate_features) -> Source:
    def stamps(ids: Sequence[int] | None) -> list[tuple[int, Any]]:
        rows = session.connection().execute(
            _PROFILE_SCAN if ids is None else _PROFILE_STAMPS_OF,
            {} if ids is None else {"ids": list(ids)},
        )
        return [(int(i), (own, other)) for i, own, other in rows]

    def recent(since: datetime) -> Sequence[tuple[int, Any, bool]]:
        rows = session.connection().execute(_PROFILE_RECENT, {"since": since})
        return [(int(i), (own, other), bool(ok)) for i, own, other, ok in rows]

    def census() -> tuple[int, int, int]:
        return _census(session, _PROFILE_CENSUS)

    def read(ids: Sequence[int] | None) -> tuple[list[int], list[Any], Any]:
        if ids is None:
            profiles = list(session.exec(_PROFILES))
        else:
            profiles = list(session.exec(_PROFILES_OF, params={"ids": list(ids)}))
        partner_ids = sorted({p.duo_partner_id for p in profiles if p.duo_partner_id})
        partners = {p.id: p for p in session.exec(_ANY_PROFILES, params={"ids": partner_ids})}
        stamp_of = dict(stamps([p.id or 0 for p in profiles]))
        feats = [build(p, partners.get(p.duo_partner_id)) for p in profiles]
        ids_read = [p.id or 0 for p in profiles]
        return ids_read, [stamp_of.get(i) for i in ids_read], stack(feats)

    return Source(lambda: stamps(None), recent, census, read)


def candidate_rows(session: Session, tokens: dict[str, int] | None = None) -> Rows:
    """The consenting candidates' features, patched by the profiles that changed."""
    token = (tokens if tokens is not None else data_version.read(session)).get("candidates")
    return _rows.get((bind_key(session), "candidates"), token, _candidate_source(session))


def candidate_pool(session: Session, tokens: dict[str, int] | None = None) -> CandidatePool:
    """Features of every consenting candidate, patched by the profiles that changed
    (``tokens``: the change stamps, when the caller read them already)."""
    rows = candidate_rows(session, tokens)
    return CandidatePool(rows.ids, rows.features)


def _as_holders_see(
    profile: CandidateProfile, _partner: CandidateProfile | None
) -> s.CandidateFeatures:
    return holder_features(profile)


def holder_pool(session: Session, tokens: dict[str, int] | None = None) -> CandidatePool:
    """Every consenting candidate as holders may see them (``features.holder_features``: the
    shared items only), patched by the profiles that changed like ``candidate_pool``."""
    token = (tokens if tokens is not None else data_version.read(session)).get("candidates")
    source = _candidate_source(session, _as_holders_see)
    rows = _rows.get((bind_key(session), "candidates as holders see them"), token, source)
    return CandidatePool(rows.ids, rows.features)
