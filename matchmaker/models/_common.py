"""Helpers shared by the model modules."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(moment: datetime) -> datetime:
    """A stored moment as aware UTC (SQLite hands back naive datetimes; they are UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (SQLModel stores it as UTC everywhere)."""
    return datetime.now(UTC)
