"""Regional offers published by recruiters: housing, job leads, childcare, training, incentives."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import field_validator
from sqlmodel import Field, SQLModel

from matchmaker.domain.bounds import MAX_EUROS, MAX_PLACES, web_link
from matchmaker.models._common import utcnow


class OfferBase(SQLModel):
    """Fields of every kind of offer; the kind decides which optional ones are required."""

    kind: str = Field(max_length=16, index=True)
    gemeentecode: str = Field(max_length=6, index=True)
    title: str = Field(max_length=160)
    description: str = Field(default="", max_length=2000)
    postcode: str | None = Field(default=None, max_length=8)
    available_from: date | None = None
    contact: str | None = Field(default=None, max_length=254)
    link: str | None = Field(default=None, max_length=500)
    # housing
    tenure: str | None = Field(default=None, max_length=8)
    price: int | None = Field(default=None, ge=0, le=MAX_EUROS)  # purchase price, or rent per month
    bedrooms: int | None = Field(default=None, ge=0, le=20)
    # job lead
    sector: str | None = Field(default=None, max_length=24)
    employer: str | None = Field(default=None, max_length=160)
    hours_per_week: int | None = Field(default=None, ge=1, le=60)
    # childcare and training
    places: int | None = Field(default=None, ge=0, le=MAX_PLACES)
    ages: str | None = Field(default=None, max_length=32)
    priority_for_doctors: bool = Field(default=False)
    # incentive
    incentive_type: str | None = Field(default=None, max_length=24)
    amount: int | None = Field(default=None, ge=0, le=MAX_EUROS)


class Offer(OfferBase, table=True):
    """A published offer."""

    __tablename__ = "region_offers"

    id: int | None = Field(default=None, primary_key=True)
    created_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    lat: float | None = None
    lon: float | None = None
    is_demo: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # The last check of ``link``: the HTTP status, 0 when it did not answer (None: not yet).
    link_status: int | None = None
    link_checked_at: datetime | None = None

    @property
    def link_dead(self) -> bool:
        """Whether the last check found the link broken."""
        return self.link_status is not None and (self.link_status == 0 or self.link_status >= 400)


class OfferInput(OfferBase):
    """Validated input for an offer."""

    @field_validator("link")
    @classmethod
    def _http_link(cls, value: str | None) -> str | None:
        """Only http(s) links; ``https://`` is added when the scheme is left out."""
        return web_link(value) if value and value.strip() else None
