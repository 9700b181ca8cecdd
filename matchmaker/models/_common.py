"""Helpers shared by the model modules."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (SQLModel stores it as UTC everywhere)."""
    return datetime.now(UTC)
