"""Feature rows kept up to date by what changed, not rebuilt from scratch.

A write (a listing or a profile saved) moves the topic's change token. The next request that
sees the new token asks which rows have a change stamp (``updated_at``, which the ORM sets on
every insert and update, bulk updates included) from the last ``WINDOW`` before its previous
check, compares their stamps with those the cached rows were built from, and reads and
recomputes just the rows that were added or changed; rows that stopped qualifying (a listing
withdrawn, consent taken back) are dropped. The window is wide enough for any transaction to
commit late and for the clocks of several workers to differ, so a write is never missed.
A census of the qualifying rows (their count and two sums of their ids) checks the result:
when it differs (a row was deleted outright), every row's stamp is compared instead. Above
``REBUILD_ABOVE`` changed rows a full build is cheaper and is done instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from matchmaker import metrics

REBUILD_ABOVE = 2_000  # changed rows beyond which reading everything again is cheaper
# How far before the previous check changes are looked for: longer than any request's
# transaction takes from its flush to its commit, and than two workers' clocks differ.
WINDOW = timedelta(minutes=2)


def take_rows(features: Any, index: Any) -> Any:
    """The rows at ``index`` of a feature set (a dataclass of aligned arrays)."""
    values = {
        f.name: None if getattr(features, f.name) is None else getattr(features, f.name)[index]
        for f in fields(features)
    }
    return type(features)(**values)


def concat_rows(first: Any, second: Any) -> Any:
    """Two feature sets of the same kind, one after the other."""
    values = {}
    for f in fields(first):
        a, b = getattr(first, f.name), getattr(second, f.name)
        values[f.name] = None if a is None or b is None else np.concatenate([a, b])
    return type(first)(**values)


@dataclass(frozen=True)
class Rows:
    """Feature rows in id order, with the change stamp each was built from."""

    token: Hashable  # the topic's change token these rows are up to date with
    ids: Any  # int64 array, ascending
    stamps: dict[int, Any]  # id -> updated_at as the database holds it
    features: Any  # a feature set aligned with ``ids``
    changed: int  # rows read again at the last update (for benchmarks and metrics)
    checked: datetime  # when these rows were last brought up to date (this worker's clock)
    tally: tuple[int, int, int]  # census(ids), kept up to date with the rows


@dataclass(frozen=True)
class Source:
    """How to read one kind of row."""

    scan: Callable[[], Sequence[tuple[int, Any]]]  # every qualifying (id, stamp)
    recent: Callable[[datetime], Sequence[tuple[int, Any, bool]]]
    # (id, stamp, qualifies) of every row changed since the moment given, qualifying or not
    census: Callable[[], tuple[int, int, int]]  # qualifying rows: count, sum of ids, see _census
    read: Callable[[Sequence[int] | None], tuple[list[int], list[Any], Any]]
    # (ids, stamps, features) in id order of the given ids that qualify; None: of every row


class RowCache:
    """Per-database feature rows, brought up to date by the rows that changed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[Hashable, Rows] = {}

    def get(self, key: Hashable, token: Hashable, source: Source) -> Rows:
        """The rows for ``key`` as of ``token``: cached, patched, or built."""
        entry = self._entries.get(key)
        if entry is not None and entry.token == token:
            return entry
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.token == token:
                return entry
            patched = _patched(entry, token, source) if entry is not None else None
            entry = patched or _built(token, source)
            metrics.CACHE_UPDATES.labels(
                str(key[-1]) if isinstance(key, tuple) else "rows", "patch" if patched else "build"
            ).inc()
            self._entries[key] = entry
            return entry

    def clear(self) -> None:
        """Forget everything (tests; after bulk loads)."""
        self._entries.clear()


def _now() -> datetime:
    return datetime.now(UTC)


def _built(token: Hashable, source: Source) -> Rows:
    checked = _now()
    ids, stamps, features = source.read(None)
    return Rows(
        token,
        np.asarray(ids, dtype=np.int64),
        dict(zip(ids, stamps, strict=True)),
        features,
        len(ids),
        checked,
        census(ids),
    )


CENSUS_MODULUS = 65_521  # a prime: a second, independent sum of the ids


def census(ids: Iterable[int]) -> tuple[int, int, int]:
    """How many ids, their sum, and the sum of each modulo ``CENSUS_MODULUS``: a row deleted
    while another was added changes at least one of them."""
    values = list(ids)
    return len(values), sum(values), sum(i % CENSUS_MODULUS for i in values)


def _less(tally: tuple[int, int, int], ids: Iterable[int], sign: int) -> tuple[int, int, int]:
    """``tally`` with the census of ``ids`` added (sign 1) or taken away (sign -1)."""
    count, total, modular = census(ids)
    return tally[0] + sign * count, tally[1] + sign * total, tally[2] + sign * modular


def _changes(old: Rows, source: Source) -> tuple[list[int], list[int], tuple[int, int, int]]:
    """The ids to read again, the ids to drop and the census after both: from the recent
    changes when they account for every qualifying row, else from every row's stamp."""
    recent = source.recent(old.checked - WINDOW)
    stale = [i for i, stamp, ok in recent if ok and old.stamps.get(i) != stamp]
    gone = [i for i, _stamp, ok in recent if not ok and i in old.stamps]
    added = [i for i in stale if i not in old.stamps]
    expected = _less(_less(old.tally, gone, -1), added, 1)  # O(changed), not O(rows)
    if expected == source.census():
        return stale, gone, expected
    now = dict(source.scan())  # a row was deleted outright: compare every stamp
    stale = [i for i, s in now.items() if old.stamps.get(i) != s]
    return stale, [i for i in old.stamps if i not in now], census(now)


def _overwritten(features: Any, at: Any, new: Any) -> Any:
    """A copy of ``features`` with the rows at positions ``at`` replaced by ``new``'s (the
    old arrays stay as they are: another request may be ranking with them)."""
    values = {}
    for f in fields(features):
        column = getattr(features, f.name)
        if column is not None:
            column = column.copy()
            column[at] = getattr(new, f.name)
        values[f.name] = column
    return type(features)(**values)


def _patched(old: Rows, token: Hashable, source: Source) -> Rows | None:
    """``old`` with the changed rows read again; None when a full build is cheaper."""
    checked = _now()
    stale, gone, tally = _changes(old, source)
    if len(stale) > REBUILD_ABOVE:
        return None
    if not stale and not gone:
        return Rows(token, old.ids, old.stamps, old.features, 0, checked, old.tally)
    new_ids, new_stamps, new_features = source.read(stale) if stale else ([], [], None)
    stamps = dict(old.stamps)
    for i in (*stale, *gone):
        stamps.pop(i, None)
    stamps.update(zip(new_ids, new_stamps, strict=True))
    if len(new_ids) != len(stale):  # a row stopped qualifying between the two reads
        tally = census(stamps)
    if not gone and len(new_ids) == len(stale) and all(i in old.stamps for i in stale):
        # Only rows already held changed (the usual save): overwrite them where they are.
        at = np.searchsorted(old.ids, np.asarray(new_ids, dtype=np.int64))
        features = _overwritten(old.features, at, new_features)
        return Rows(token, old.ids, stamps, features, len(stale), checked, tally)
    keep = np.flatnonzero(~np.isin(old.ids, np.asarray([*stale, *gone], dtype=np.int64)))
    ids, features = old.ids[keep], take_rows(old.features, keep)
    if new_ids:
        ids = np.concatenate([ids, np.asarray(new_ids, dtype=np.int64)])
        features = concat_rows(features, new_features)
        order = np.argsort(ids, kind="stable")
        ids, features = ids[order], take_rows(features, order)
    return Rows(token, ids, stamps, features, len(stale), checked, tally)
