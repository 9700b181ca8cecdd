"""In-app notifications: every event that needs the user, with where to act on it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class Notification(SQLModel, table=True):
    """One event for one user: what happened (kind and parameters) and where to go."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    kind: str = Field(max_length=32)
    link: str = Field(max_length=300)  # a path on this site
    params: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # for the sentence
    created_at: datetime = Field(default_factory=utcnow, index=True)
    read_at: datetime | None = None
