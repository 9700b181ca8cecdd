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
    score: float | None = None  # the viewer's match score at the time (0-1)
    created_at: datetime = Field(default_factory=utcnow)
