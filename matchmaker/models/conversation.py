"""Conversations: the message thread of an introduction once both sides accepted."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class ThreadMember(SQLModel, table=True):
    """Someone in an introduction's thread: the two parties, or a recruiter they invited.

    It remembers what the member has read and when they were last emailed about it.
    """

    __tablename__ = "thread_members"

    introduction_id: int = Field(
        foreign_key="introductions.id", primary_key=True, ondelete="CASCADE"
    )
    user_id: int = Field(foreign_key="users.id", primary_key=True, ondelete="CASCADE")
    role: str = Field(max_length=16)  # "candidate", "holder" or "recruiter"
    invited_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    joined_at: datetime = Field(default_factory=utcnow)
    read_at: datetime | None = None
    # A recruiter reads what was written before they joined only once both parties agree.
    history_by_candidate: bool = Field(default=False)
    history_by_holder: bool = Field(default=False)
    emailed_at: datetime | None = None


class Message(SQLModel, table=True):
    """One message in a thread, perhaps with one PDF attached (stored outside the web root)."""

    __tablename__ = "messages"

    id: int | None = Field(default=None, primary_key=True)
    introduction_id: int = Field(foreign_key="introductions.id", index=True, ondelete="CASCADE")
    sender_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    body: str = Field(default="", max_length=4000)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    attachment_name: str | None = Field(default=None, max_length=200)  # as the sender named it
    attachment_key: str | None = Field(default=None, max_length=64)  # random file name on disk
    attachment_size: int | None = None
