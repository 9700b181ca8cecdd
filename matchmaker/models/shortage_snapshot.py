"""The shortage index as it stood on a day, kept so a report can show how it moved."""

from __future__ import annotations

from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class ShortageSnapshot(SQLModel, table=True):
    """One municipality's two dimensions and combined score on one day."""

    __tablename__ = "shortage_snapshots"
    __table_args__ = (UniqueConstraint("day", "gemeentecode"),)

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    gemeentecode: str = Field(max_length=6, index=True)
    recruitment: float | None = None
    access: float | None = None
    score: float | None = None
