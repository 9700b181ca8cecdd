"""Practice listings: create, edit, publish and search."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from matchmaker.db import bind_key
from matchmaker.domain.errors import DomainError, NotFound, raise_if
from matchmaker.domain.geo import listing_point, normalise_pc4
from matchmaker.domain.practice import (
    PUBLIC_STATUSES,
    ListingFacts,
    ListingStatus,
    check_codes,
    check_listing,
    list_size_ratio,
    listing_warnings,  # noqa: F401 - re-exported
)
from matchmaker.models import Practice, User, data_version
from matchmaker.models._common import utcnow
from matchmaker.models.practice import PracticeInput
from matchmaker.schemas import PracticePublic
from matchmaker.services.alerts import changes
from matchmaker.services.caching import StampedCache
from matchmaker.services.geodata import gazetteer, place_names
from matchmaker.services.pagination import Page, paginate


@dataclass(frozen=True)
class PracticeFilters:
    """Filters a visitor can set on the public list."""

    province: str | None = None
    gemeentecode: str | None = None
    form: str | None = None
    dispensing: bool | None = None
    window_from: date | None = None
    window_until: date | None = None
    shortage_only: bool = False  # matching only: practices in shortage regions
    exclude: frozenset[int] = frozenset()  # listings the viewer hid


def located_values(data: PracticeInput) -> dict[str, object]:
    """Validate the listing and derive its location from the postcode."""
    raise_if(
        check_codes(
            form=data.form,
            building=data.building,
            handover_model=data.handover_model,
            status=data.status,
            patient_stop=data.patient_stop,
        )
        + check_listing(
            ListingFacts(
                patients=data.patients,
                fte=data.fte,
                handover_from=data.handover_from,
                handover_until=data.handover_until,
                goodwill_min=data.goodwill_min,
                goodwill_max=data.goodwill_max,
            )
        )
    )
    place = gazetteer().place(data.postcode)
    lat, lon = listing_point(place, anonymous=data.anonymous)
    values = data.model_dump()
    values.update(
        postcode=place.pc4,
        gemeentecode=place.municipality.code,
        province=place.municipality.province,
        lat=lat,
        lon=lon,
    )
    return values


class ListingWarnings(DomainError):
    """The listing is valid but worth a second look (an anonymous description that names a
    place, figures that do not fit); saving again with ``confirmed=True`` stores it."""


def _warn(data: PracticeInput, confirmed: bool, holder: str) -> None:
    if confirmed:
        return
    place = gazetteer().place(data.postcode)
    raise_if(
        listing_warnings(
            anonymous=data.anonymous,
            name=data.name,
            description=data.description,
            patients=data.patients,
            fte=float(data.fte),
            days_per_week=data.days_per_week,
            place_names=place_names(),
            holder=holder,
            street=data.street,
            municipality=place.municipality.name if place else "",
        ),
        ListingWarnings,
    )


def create_listing(
    *, session: Session, owner: User, data: PracticeInput, confirmed: bool = True
) -> Practice:
    """Create a listing for ``owner``; raises ``DomainError`` on inconsistent input, and
    ``ListingWarnings`` unless ``confirmed`` when something looks off."""
    values = located_values(data)
    _warn(data, confirmed, owner.display_name)
    practice = Practice(owner_id=owner.id, **values)  # type: ignore[arg-type]
    session.add(practice)
    session.commit()
    changes.mark_changed(session, practice, None)
    return practice


class StaleEdit(Exception):
    """The listing was saved elsewhere since this edit began; nothing was stored.

    ``changes`` maps each field whose stored value differs from what was sent to the
    stored value, so the second saver can see what the first one changed.
    """

    def __init__(self, practice: Practice, changes: dict[str, Any]) -> None:
        self.practice = practice
        self.changes = changes
        super().__init__(f"listing {practice.id} changed: {sorted(changes)}")


def update_listing(
    *,
    session: Session,
    practice: Practice,
    data: PracticeInput,
    based_on_version: int | None = None,
    confirmed: bool = True,
) -> Practice:
    """Overwrite a listing with new input, unless it changed since ``based_on_version``
    (and, unless ``confirmed``, when something looks off: ``ListingWarnings``)."""
    values = located_values(data)
    owner = session.get(User, practice.owner_id)
    _warn(data, confirmed, owner.display_name if owner else "")
    if based_on_version is not None and based_on_version != practice.version:
        raise StaleEdit(practice, _differences(practice, data))
    before = changes.snapshot(practice)
    for key, value in values.items():
        setattr(practice, key, value)
    practice.updated_at = utcnow()
    session.add(practice)
    try:
        session.commit()
    except StaleDataError:  # another save won the race between our read and our write
        session.rollback()
        fresh = session.get(Practice, practice.id, populate_existing=True)
        assert fresh is not None
        raise StaleEdit(fresh, _differences(fresh, data)) from None
    changes.mark_changed(session, practice, before)
    return practice


def _differences(practice: Practice, data: PracticeInput) -> dict[str, Any]:
    """Stored values that differ from the submitted ones (the postcode compared as PC4)."""
    sent = data.model_dump()
    stored = practice.model_dump(include=set(sent))
    sent["postcode"] = normalise_pc4(sent["postcode"]) if sent.get("postcode") else sent["postcode"]
    return {k: stored[k] for k in sent if stored.get(k) != sent[k]}


def set_status(*, session: Session, practice: Practice, status: ListingStatus) -> Practice:
    """Move a listing to another status."""
    before = changes.snapshot(practice)
    practice.status = status
    practice.updated_at = utcnow()
    session.add(practice)
    session.commit()
    changes.mark_changed(session, practice, before)
    return practice


def get_owned(*, session: Session, practice_id: int, owner: User) -> Practice:
    """The owner's practice; ``NotFound`` for anyone else's (never reveal it exists)."""
    practice = session.get(Practice, practice_id)
    if practice is None or practice.owner_id != owner.id:
        raise NotFound(practice_id)
    return practice


def list_owned(*, session: Session, owner: User) -> list[Practice]:
    """All of an owner's listings, newest first."""
    return list(session.exec(_OWNED, params={"owner": owner.id}))


# A holder's match page reads it on every request: built once.
_OWNED = (
    select(Practice)
    .where(Practice.owner_id == bindparam("owner"))
    .order_by(col(Practice.id).desc())
)


def get_row(*, session: Session, practice_id: int) -> Practice:
    """A listing's row (NotFound when there is none)."""
    practice = session.get(Practice, practice_id)
    if practice is None:
        raise NotFound(practice_id)
    return practice


def get_public(*, session: Session, practice_id: int) -> PracticePublic:
    """A published listing's public view; ``NotFound`` for drafts and handed-over ones."""
    practice = session.get(Practice, practice_id)
    if practice is None or practice.status not in PUBLIC_STATUSES:
        raise NotFound(practice_id)
    return to_public(practice)


def public_title(practice: Practice) -> str:
    """The name, or for anonymous listings a neutral title with only the municipality."""
    if not practice.anonymous:
        return practice.name
    muni = gazetteer().municipality(practice.gemeentecode)
    return f"Huisartsenpraktijk in {muni.name if muni else practice.province}"


def to_public(practice: Practice, *, reveal: bool = False) -> PracticePublic:
    """Project a listing onto its public fields; ``reveal`` names an anonymous practice (for
    someone the holder agreed to contact)."""
    muni = gazetteer().municipality(practice.gemeentecode)
    return PracticePublic(
        id=practice.id or 0,
        title=practice.name if reveal else public_title(practice),
        municipality=muni.name if muni else "",
        list_size_ratio=_rounded(list_size_ratio(practice.patients, practice.fte)),
        **practice.model_dump(
            include={
                "anonymous",
                "gemeentecode",
                "province",
                "lat",
                "lon",
                "patients",
                "form",
                "dispensing",
                "building",
                "handover_from",
                "handover_until",
                "handover_model",
                "goodwill_min",
                "goodwill_max",
                "fte",
                "days_per_week",
                "anw_hours_per_month",
                "staff_assistants",
                "staff_poh",
                "description",
                "status",
                "patient_stop",
                "is_demo",
            }
        ),
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _filtered(filters: PracticeFilters):  # type: ignore[no-untyped-def]
    stmt = select(Practice).where(col(Practice.status).in_(PUBLIC_STATUSES))
    if filters.province:
        stmt = stmt.where(Practice.province == filters.province)
    if filters.gemeentecode:
        stmt = stmt.where(Practice.gemeentecode == filters.gemeentecode)
    if filters.form:
        stmt = stmt.where(Practice.form == filters.form)
    if filters.dispensing is not None:
        stmt = stmt.where(Practice.dispensing == filters.dispensing)
    if filters.window_until:
        stmt = stmt.where(Practice.handover_from <= filters.window_until)
    if filters.window_from:
        stmt = stmt.where(Practice.handover_until >= filters.window_from)
    if filters.exclude:
        stmt = stmt.where(col(Practice.id).notin_(sorted(filters.exclude)))
    return stmt


def search_public(
    *, session: Session, filters: PracticeFilters, page: int, per_page: int
) -> Page[PracticePublic]:
    """Published listings matching ``filters``, soonest handover first."""
    stmt = _filtered(filters).order_by(col(Practice.handover_from), col(Practice.id))
    result = paginate(session, stmt, page=page, per_page=per_page)
    return Page([to_public(p) for p in result.items], result.total, page, per_page)


def latest_public(*, session: Session, limit: int) -> list[PracticePublic]:
    """The most recently listed published practices."""
    stmt = (
        select(Practice)
        .where(col(Practice.status).in_(PUBLIC_STATUSES))
        .order_by(col(Practice.created_at).desc(), col(Practice.id).desc())
        .limit(limit)
    )
    return [to_public(p) for p in session.exec(stmt)]


@dataclass(frozen=True)
class Points:
    """The map's markers as JSON, and a tag that changes whenever they do (for ETags)."""

    tag: str
    body: str


_points: StampedCache[Points] = StampedCache()


def public_points(*, session: Session) -> Points:
    """Published listings as a compact JSON array of [lat, lon, id, title], kept until
    listings change."""
    token = data_version.read(session).get("practices")

    def build() -> Points:
        rows = session.exec(
            select(Practice)
            .where(col(Practice.status).in_(PUBLIC_STATUSES))
            .order_by(col(Practice.id))
        )
        body = json.dumps(
            [[round(p.lat, 4), round(p.lon, 4), p.id, public_title(p)] for p in rows],
            separators=(",", ":"),
        )
        return Points(f"p{token}", body)

    return _points.get(bind_key(session), token, build)


def clear_cache() -> None:
    """Forget cached map markers (tests)."""
    _points.clear()


def in_regions(*, session: Session, codes: list[str]) -> list[Practice]:
    """All listings (any status) in the given municipalities, for recruiters."""
    if not codes:
        return []
    stmt = (
        select(Practice)
        .where(col(Practice.gemeentecode).in_(codes))
        .order_by(col(Practice.handover_from))
    )
    return list(session.exec(stmt))


__all__ = [
    "DomainError",
    "PracticeFilters",
    "StaleEdit",
    "create_listing",
    "get_owned",
    "get_public",
    "in_regions",
    "latest_public",
    "list_owned",
    "search_public",
    "set_status",
    "to_public",
    "update_listing",
]
