"""Server-side back-off for anything guessed: passwords per address, codes per account.

Counting on the server (not in the session cookie) means a replayed cookie, another browser
or another IP address starts nowhere new. After ``FREE_FAILURES`` misses each further miss
doubles the wait, up to ``MAX_BACKOFF_SECONDS`` (ASVS 2.2.1); a success clears the count.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from matchmaker.domain.emails import normalise_email
from matchmaker.models import Throttle
from matchmaker.models._common import as_utc, utcnow

FREE_FAILURES = 5  # a few typos cost nothing
MAX_BACKOFF_SECONDS = 15 * 60  # the wait doubles from 1 s up to 15 minutes
RETENTION = timedelta(days=1)  # a count untouched for a day is forgotten


class Throttled(Exception):
    """Too many failures for this key: wait ``seconds`` before the next try."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        super().__init__(f"wait {seconds} s")


def backoff_seconds(failures: int) -> int:
    """How long a key waits after ``failures`` failures in a row."""
    if failures < FREE_FAILURES:
        return 0
    return int(min(2 ** (failures - FREE_FAILURES), MAX_BACKOFF_SECONDS))


def login_key(email: str) -> str:
    """The key for password guesses at an address, known or not (a digest, not the address)."""
    digest = hashlib.sha256(normalise_email(email).encode()).hexdigest()
    return f"login:{digest[:48]}"


def code_key(user_id: int | None) -> str:
    """The key for second-factor codes tried on one account."""
    return f"code:{user_id}"


def check(*, session: Session, key: str, now: datetime | None = None) -> None:
    """Raise ``Throttled`` while ``key`` is backing off."""
    row = session.get(Throttle, key)
    blocked = as_utc(row.blocked_until) if row is not None and row.blocked_until else None
    now = now or utcnow()
    if blocked is not None and blocked > now:
        raise Throttled(max(1, int((blocked - now).total_seconds())))


def fail(*, session: Session, key: str, now: datetime | None = None) -> int:
    """Count one failure for ``key`` (safe under concurrent writers); returns the count."""
    now = now or utcnow()
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(Throttle)
        .values(key=key, failures=0, updated_at=now)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    row = session.exec(select(Throttle).where(Throttle.key == key).with_for_update()).one()
    row.failures += 1
    wait = backoff_seconds(row.failures)
    row.blocked_until = now + timedelta(seconds=wait) if wait else None
    row.updated_at = now
    session.add(row)
    session.commit()
    return row.failures


def failures(*, session: Session, key: str) -> int:
    """How many failures in a row ``key`` has."""
    row = session.get(Throttle, key)
    return row.failures if row is not None else 0


def clear(*, session: Session, key: str, commit: bool = True) -> None:
    """Forget the failures of ``key`` (after a success, or an administrator's unlock)."""
    session.execute(delete(Throttle).where(col(Throttle.key) == key))
    if commit:
        session.commit()


def purge(*, session: Session, now: datetime | None = None) -> int:
    """Drop counts nobody touched for a day (data minimisation)."""
    cutoff = (now or utcnow()) - RETENTION
    gone = cast(
        CursorResult[Any],
        session.execute(delete(Throttle).where(col(Throttle.updated_at) < cutoff)),
    )
    session.commit()
    return int(gone.rowcount or 0)
