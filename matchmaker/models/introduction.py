"""Introductions between candidates and practices, with their history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from matchmaker.domain.introductions import IntroStatus
from matchmaker.models._common import utcnow


class Introduction(SQLModel, table=True):
    """One candidate–practice pair that one side wants to meet."""

    __tablename__ = "introductions"
    __table_args__ = (UniqueConstraint("practice_id", "candidate_id"),)

    id: int | None = Field(default=None, primary_key=True)
    practice_id: int = Field(foreign_key="practices.id", index=True, ondelete="CASCADE")
    candidate_id: int = Field(foreign_key="candidate_profiles.id", index=True, ondelete="CASCADE")
    initiated_by: str = Field(max_length=16)  # "candidate" or "holder"
    message: str = Field(default="", max_length=1000)
    status: str = Field(default=IntroStatus.REQUESTED, max_length=16, index=True)
    score: float | None = None  # the match score when interest was expressed
    # "Started in the practice" recorded by this side ("candidate" or "holder"), waiting for the
    # other side's confirmation; only then does the introduction count as settled.
    settle_proposed_by: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class IntroductionEvent(SQLModel, table=True):
    """A status change, for the funnel's time in stage."""

    __tablename__ = "introduction_events"

    id: int | None = Field(default=None, primary_key=True)
    introduction_id: int = Field(foreign_key="introductions.id", index=True, ondelete="CASCADE")
    status: str = Field(max_length=16)
    note: str = Field(default="", max_length=300)  # why steps were skipped, if any
    by_user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    at: datetime = Field(default_factory=utcnow)
