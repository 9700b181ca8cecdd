"""Exports and templates: what is stored, and example rows, as CSV tables."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from matchmaker.models import Offer, Practice, User
from matchmaker.services import offers
from matchmaker.services.csvfile import Table, excel_csv
from matchmaker.services.geodata import gazetteer
from matchmaker.services.imports.schema import OFFER_KINDS, columns

# --- exporting ------------------------------------------------------------------------------


def export_table(*, session: Session, kind: str, user: User | None) -> Table:
    """Practices or offers in the user's municipalities, one row each, in import columns."""
    allowed = (
        sorted(gazetteer().municipalities)
        if user is None
        else offers.editable_regions(session=session, user=user)
    )
    header = columns(kind)
    rows: list[tuple[Any, ...]] = []
    if kind == "practices":
        stmt = (
            select(Practice, User.email, User.display_name)
            .join(User, col(User.id) == Practice.owner_id)
            .where(col(Practice.gemeentecode).in_(allowed))
            .order_by(col(Practice.id))
        )
        for practice, email, name in session.exec(stmt):
            row = {**practice.model_dump(), "holder_email": email, "holder_name": name}
            rows.append(tuple(row.get(c) for c in header))
    elif kind in OFFER_KINDS:
        offer_stmt = (
            select(Offer)
            .where(Offer.kind == OFFER_KINDS[kind][0].value, col(Offer.gemeentecode).in_(allowed))
            .order_by(col(Offer.id))
        )
        for offer in session.exec(offer_stmt):
            row = offer.model_dump()
            rows.append(tuple(row.get(c) for c in header))
    return Table(header, rows)


def template_table(kind: str) -> Table:
    """The columns of ``kind`` with two example rows (synthetic: delete them before use)."""
    header = columns(kind)
    return Table(header, [tuple(example.get(c) for c in header) for example in EXAMPLES[kind]])


def plain_csv(table: Table) -> str:
    """A table with its column keys and stored codes, ISO dates: the machine's own format."""
    return excel_csv([table.columns, *([_cell(v) for v in row] for row in table.rows)])


def export_csv(*, session: Session, kind: str, user: User | None) -> str:
    """Practices or offers in the user's municipalities as Excel-friendly CSV (';', BOM)."""
    return plain_csv(export_table(session=session, kind=kind, user=user))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def template_csv(kind: str) -> str:
    """The header of ``kind`` with its two example rows."""
    return plain_csv(template_table(kind))


_SOON = date(2027, 3, 1)
# Two rows per kind showing what a filled-in file looks like; obviously examples, never data.
EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "practices": [
        {
            "holder_email": "huisarts@voorbeeld.nl",
            "holder_name": "Dr. J. Voorbeeld",
            "name": "Huisartsenpraktijk Voorbeeld",
            "anonymous": False,
            "postcode": "8302",
            "street": "Voorbeeldstraat 1",
            "patients": 2300,
            "fte": 1.0,
            "form": "solo",
            "dispensing": False,
            "building": "with_house",
            "handover_from": _SOON,
            "handover_until": date(2027, 9, 1),
            "handover_model": "gradual",
            "goodwill_min": 40_000,
            "goodwill_max": 60_000,
            "days_per_week": 4,
            "anw_hours_per_month": 8,
            "staff_assistants": 2,
            "staff_poh": 1,
            "description": "Voorbeeld: rustige praktijk met eigen apotheek in de buurt.",
            "status": "published",
        },
        {
            "holder_email": "praktijk@voorbeeld.nl",
            "holder_name": "Dr. A. Proef",
            "name": "Gezondheidscentrum Proef",
            "anonymous": True,
            "postcode": "7811",
            "patients": 6200,
            "fte": 3.0,
            "form": "health_centre",
            "building": "rented",
            "handover_from": date(2028, 1, 1),
            "handover_until": date(2028, 6, 1),
            "handover_model": "direct",
            "days_per_week": 5,
            "status": "draft",
        },
    ],
    "candidates": [
        {
            "email": "haio@voorbeeld.nl",
            "name": "Voorbeeld Haio",
            "stage": "haio_3",
            "home_postcode": "3512",
            "max_distance_km": 80,
            "earliest_start": _SOON,
            "days_per_week": 4,
            "partner_work": "needs_job",
            "partner_sector": "education",
            "children_birth_years": [2022, 2025],
            "housing_need": "buy",
            "consent": True,
        },
        {
            "email": "waarnemer@voorbeeld.nl",
            "name": "Voorbeeld Waarnemer",
            "stage": "locum",
            "home_postcode": "9711",
            "max_distance_km": 50,
            "partner_work": "no_partner",
            "housing_need": "none",
            "consent": True,
        },
    ],
    "housing": [
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: gezinswoning",
            "postcode": "8302",
            "tenure": "rent",
            "price": 1250,
            "bedrooms": 4,
        },
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: vrijstaand huis",
            "postcode": "8302",
            "tenure": "buy",
            "price": 395_000,
            "bedrooms": 5,
            "available_from": _SOON,
        },
    ],
    "job_leads": [
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: leerkracht",
            "sector": "education",
            "employer": "Voorbeeldschool",
            "hours_per_week": 28,
        },
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: verpleegkundige",
            "sector": "healthcare",
            "employer": "Voorbeeldzorg",
            "hours_per_week": 32,
        },
    ],
    "childcare": [
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: kinderdagverblijf",
            "places": 4,
            "ages": "0-4",
            "priority_for_doctors": True,
        },
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: buitenschoolse opvang",
            "places": 2,
            "ages": "4-12",
            "priority_for_doctors": False,
        },
    ],
    "training": [
        {"gemeentecode": "GM0171", "title": "Voorbeeld: opleidingsplaats haio", "places": 2},
        {"gemeentecode": "GM0171", "title": "Voorbeeld: stageplaats", "places": 1},
    ],
    "incentives": [
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: startpremie",
            "incentive_type": "starter_bonus",
            "amount": 10_000,
        },
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: ondersteuning praktijk",
            "incentive_type": "practice_support",
            "amount": 2_500,
        },
    ],
}
