"""What a person marked: listings starred, hidden or of interest; candidates a holder starred."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class PracticeMark(SQLModel, table=True):
    """A candidate's mark on a listing: saved (the shortlist), hidden, or interest."""

    __tablename__ = "practice_marks"
    __table_args__ = (UniqueConstraint("user_id", "practice_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    practice_id: int = Field(foreign_key="practices.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)  # domain.shortlist.Mark
    created_at: datetime = Field(default_factory=utcnow)


class CandidateMark(SQLModel, table=True):
    """A holder's mark on a candidate for one of their listings: saved or interest."""

    __tablename__ = "candidate_marks"
    __table_args__ = (UniqueConstraint("user_id", "practice_id", "candidate_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    practice_id: int = Field(foreign_key="practices.id", ondelete="CASCADE")
    candidate_id: int = Field(foreign_key="candidate_profiles.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
