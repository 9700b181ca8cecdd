"""Who looked at a listing in which week: the counts behind a holder's statistics."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class ListingView(SQLModel, table=True):
    """A logged-in candidate's first view of a listing in one week, with their match score.

    Holders only ever see counts and a median of these rows, never a viewer."""

    __tablename__ = "listing_views"
    __table_args__ = (UniqueConstraint("practice_id", "user_id", "week"),)

    id: int | None = Field(default=None, primary_key=True)
    practice_id: int = Field(foreign_key="practices.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    week: date  # the Monday of the week
    # The pair's score as the holder would see it (over what the viewer shares), 0-1.
    score: float | None = None
    created_at: datetime = Field(default_factory=utcnow)


class ListingPeriod(SQLModel, table=True):
    """A listing's counts for a period that has closed, written once and never changed: a
    week (``weeks`` = 1) or a block of weeks for distinct viewers and their median score
    (``domain.listing_stats``)."""

    __tablename__ = "listing_periods"
    __table_args__ = (UniqueConstraint("practice_id", "start", "weeks"),)

    id: int | None = Field(default=None, primary_key=True)
    practice_id: int = Field(foreign_key="practices.id", index=True, ondelete="CASCADE")
    start: date  # the Monday the period begins
    weeks: int = Field(ge=1, le=52)
    views: int = Field(default=0, ge=0)  # distinct viewers in each week, added up
    viewers: int = Field(default=0, ge=0)  # distinct viewers over the whole period
    stars: int = Field(default=0, ge=0)
    requests: int = Field(default=0, ge=0)
    median_score: float | None = None  # None below domain.listing_stats.MIN_MEDIAN viewers
    created_at: datetime = Field(default_factory=utcnow)
