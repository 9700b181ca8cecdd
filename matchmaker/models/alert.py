"""Saved searches and the alerts they raised."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class SavedSearch(SQLModel, table=True):
    """A person's filters (and, for matches, weights), with how often to hear of new fits."""

    __tablename__ = "saved_searches"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    name: str = Field(default="", max_length=120)
    scope: str = Field(max_length=16)  # domain.alerts.Scope
    criteria: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # Criteria.to_json
    weights: dict[str, int] = Field(default_factory=dict, sa_type=JSON)
    frequency: str = Field(max_length=16)  # domain.alerts.Frequency
    # Its own random token: the one-click unsubscribe link (RFC 8058) works without logging
    # in and can only switch this search's email off.
    unsubscribe_token: str = Field(max_length=64, unique=True)
    emails_on: bool = Field(default=True)
    last_emailed_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, sa_column_kwargs={"onupdate": utcnow})


class SearchAlert(SQLModel, table=True):
    """One listing that fitted one search: raised once, emailed once."""

    __tablename__ = "search_alerts"
    __table_args__ = (UniqueConstraint("search_id", "practice_id"),)

    id: int | None = Field(default=None, primary_key=True)
    search_id: int = Field(foreign_key="saved_searches.id", index=True, ondelete="CASCADE")
    practice_id: int = Field(foreign_key="practices.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow)
    emailed_at: datetime | None = Field(default=None, index=True)


class AlertedListing(SQLModel, table=True):
    """A person was told a listing fits one of their searches: never twice per listing, even
    after the search that found it was deleted or another one finds it."""

    __tablename__ = "alerted_listings"
    __table_args__ = (UniqueConstraint("user_id", "practice_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    practice_id: int = Field(foreign_key="practices.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow)
