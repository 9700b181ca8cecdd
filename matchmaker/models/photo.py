"""Photos of a listing, resized and stripped of metadata, stored like attachments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class ListingPhoto(SQLModel, table=True):
    """One photo: its resized files by width, what it shows, and whether it identifies."""

    __tablename__ = "listing_photos"

    id: int | None = Field(default=None, primary_key=True)
    practice_id: int = Field(foreign_key="practices.id", index=True, ondelete="CASCADE")
    kind: str = Field(default="practice", max_length=16)  # domain.photos.PhotoKind
    caption: str = Field(default="", max_length=120)
    # True until the holder says otherwise: on an anonymous listing, only people with consent
    # see an identifying photo (a façade, a name plate).
    identifying: bool = Field(default=True)
    files: dict[str, str] = Field(default_factory=dict, sa_type=JSON)  # width -> storage key
    width: int = Field(default=0, ge=0)
    height: int = Field(default=0, ge=0)
    position: int = Field(default=0, ge=0, le=100)
    created_at: datetime = Field(default_factory=utcnow)
