"""Back-off counters for guesses: failed logins per address, wrong codes per account.

A row is keyed by a digest of what is being guessed (never the address itself), so that an
unknown address backs off exactly like a known one and the table holds no personal data.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class Throttle(SQLModel, table=True):
    """Failures in a row for one key, and until when the next try must wait."""

    __tablename__ = "throttles"

    key: str = Field(primary_key=True, max_length=80)
    failures: int = Field(default=0)
    blocked_until: datetime | None = None
    updated_at: datetime = Field(default_factory=utcnow, index=True)
