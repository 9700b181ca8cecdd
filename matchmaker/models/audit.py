"""The audit log: who exported or viewed personal data, and what admins did."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class AuditEvent(SQLModel, table=True):
    """One recorded access to personal data or one admin action."""

    __tablename__ = "audit_events"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", index=True
    )
    action: str = Field(max_length=40, index=True)
    subject_user_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", index=True
    )
    detail: str = Field(default="", max_length=300)
