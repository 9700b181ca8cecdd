"""Values derived from the database, kept per database until their change stamp moves.

Every web worker keeps its own copy; the stamp (``models.data_version``) is read once per
request, so a write in one worker is seen by all the others on their next request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class StampedCache(Generic[T]):
    """``get(key, stamp, build)``: the value built at ``stamp``, rebuilt when the stamp differs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[Hashable, tuple[Hashable, T]] = {}

    def get(self, key: Hashable, stamp: Hashable, build: Callable[[], T]) -> T:
        """The cached value for ``key`` at ``stamp``, building it (once, under a lock) if needed."""
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp:
            return entry[1]
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == stamp:
                return entry[1]
            value = build()
            self._entries[key] = (stamp, value)
            return value

    def clear(self) -> None:
        """Forget everything (tests)."""
        self._entries.clear()
