"""Synthetic practices and households, spread over the country like real ones would be."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, update
from sqlmodel import Session

from matchmaker.domain.geo import listing_point
from matchmaker.domain.household import HousingNeed, PartnerSector, PartnerWork, Shared, Stage
from matchmaker.domain.practice import Building, HandoverModel, ListingStatus, PracticeForm
from matchmaker.domain.roles import Role
from matchmaker.models import (
    CandidateProfile,
)
from matchmaker.models._common import utcnow
from matchmaker.services.geodata import gazetteer, indicators
from matchmaker.services.seed.logins import DEMO_SUFFIX, NOORDOOSTPOLDER

# Regions the Kamerbrieven name as hard to find successors in; demo listings lean towards them.
FOCUS_PROVINCES = ("Zeeland", "Drenthe", "Groningen")


FOCUS_MUNICIPALITIES = (
    "GM0171",
    "GM0184",  # Noordoostpolder, Urk (Polderdokter)
    "GM0141",
    "GM0147",
    "GM0153",
    "GM0158",
    "GM0163",
    "GM0164",
    "GM0168",  # Twente
    "GM0173",
    "GM0183",
    "GM0189",
    "GM1700",
    "GM1735",
    "GM1742",
    "GM1774",
)


FOCUS_WEIGHT = 4.0


NOORDOOSTPOLDER_WEIGHT = 20.0


# Candidates mostly live near the eight GP training institutes' cities.
TRAINING_CITIES = ("GM0363", "GM0344", "GM0599", "GM0014", "GM0546", "GM0268", "GM0935", "GM0772")


TRAINING_CITY_SHARE = 0.6


DUO_SHARE = 0.12


_NAMES = (
    "De Linde",
    "Het Anker",
    "De Brink",
    "De Esch",
    "Het Veld",
    "De Polder",
    "De Dijk",
    "Het Zand",
    "De Vaart",
    "De Hoeve",
    "Zuiderzee",
    "De Kaai",
    "Het Baken",
    "De Wiekslag",
    "De Es",
    "Het Bolwerk",
    "De Meent",
    "Ravelijn",
    "De Vlinder",
    "Het Lindeplein",
)


_FIRST = (
    "Anouk",
    "Sanne",
    "Lotte",
    "Fleur",
    "Eva",
    "Noor",
    "Julia",
    "Iris",
    "Femke",
    "Maaike",
    "Daan",
    "Bram",
    "Thijs",
    "Ruben",
    "Jesse",
    "Lars",
    "Sem",
    "Milan",
    "Youssef",
    "Priya",
    "Fatima",
    "Sven",
    "Wouter",
    "Roos",
    "Sophie",
    "Jasper",
    "Koen",
    "Meryem",
    "Tom",
    "Ilse",
)


_LAST = (
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dijkstra",
    "Kok",
    "Postma",
    "Huisman",
    "Veenstra",
    "Kramer",
    "El Amrani",
    "Yılmaz",
    "Wijaya",
    "Brouwer",
    "van Dijk",
    "Hoekstra",
    "Schouten",
    "Kuipers",
)


_DESCRIPTIONS = (
    "Goed georganiseerde praktijk met een vaste, ervaren assistentenploeg. Demo-omschrijving.",
    "Betrokken patiëntenpopulatie, korte lijnen met apotheek en wijkverpleging. Demo.",
    "Praktijk in een landelijke omgeving met ruimte voor eigen accenten. Demo-omschrijving.",
    "Onderdeel van een actieve zorggroep; POH-S en POH-GGZ aanwezig. Demo.",
)


SHAREABLE = [str(x) for x in Shared]


def municipality_weights(codes: list[str]) -> list[float]:
    gaz = gazetteer()
    weights = []
    for code in codes:
        muni = gaz.municipalities[code]
        if code == NOORDOOSTPOLDER:
            weights.append(NOORDOOSTPOLDER_WEIGHT)
        elif code in FOCUS_MUNICIPALITIES or muni.province in FOCUS_PROVINCES:
            weights.append(FOCUS_WEIGHT)
        else:
            weights.append(1.0)
    return weights


def pc4s_by_municipality() -> dict[str, list[str]]:
    by_code: dict[str, list[str]] = {}
    gaz = gazetteer()
    for pc4 in gaz.pc4s():
        place = gaz.place(pc4)
        if not place.approximate:
            by_code.setdefault(place.municipality.code, []).append(pc4)
    return by_code


def _rural(code: str) -> bool:
    level = indicators().get(code, {}).get("stedelijkheid_2024", "")
    return level in ("4", "5")


def practice_row(rng: random.Random, owner_id: int, pc4: str, n: int) -> dict[str, Any]:
    place = gazetteer().place(pc4)
    start = date.today() + timedelta(days=rng.randint(60, 4 * 365))
    fte = rng.choice((0.8, 1.0, 1.0, 1.2, 1.6, 2.0, 2.4, 3.0))
    goodwill = rng.random() < 0.6
    low = rng.randrange(10_000, 90_000, 5_000) if goodwill else None
    form = PracticeForm.SOLO if fte <= 1.2 else rng.choice(list(PracticeForm)[1:])
    anonymous = rng.random() < 0.35
    lat, lon = listing_point(place, anonymous=anonymous)
    return {
        "owner_id": owner_id,
        "name": f"Huisartsenpraktijk {rng.choice(_NAMES)} {place.municipality.name}{DEMO_SUFFIX}",
        "anonymous": anonymous,
        "postcode": pc4,
        "street": f"Dorpsstraat {n % 180 + 1}",
        "patients": int(max(600, min(9000, rng.gauss(2300 * fte, 350)))),
        "form": form,
        "dispensing": _rural(place.municipality.code) and rng.random() < 0.3,
        "building": rng.choice(list(Building)),
        "handover_from": start,
        "handover_until": start + timedelta(days=rng.randint(90, 540)),
        "handover_model": rng.choice(list(HandoverModel)),
        "goodwill_min": low,
        "goodwill_max": low + rng.randrange(10_000, 40_000, 5_000) if low is not None else None,
        "fte": fte,
        "days_per_week": rng.choice((3, 4, 4, 5)),
        "anw_hours_per_month": rng.choice((None, 8, 12, 16, 20)),
        "staff_assistants": rng.randint(1, 6),
        "staff_poh": rng.randint(0, 3),
        "description": rng.choice(_DESCRIPTIONS),
        "contact_email": f"praktijk{n}@demo.example",
        "contact_phone": f"0{rng.randint(100000000, 999999999)}",
        "status": rng.choices(
            [ListingStatus.PUBLISHED, ListingStatus.DRAFT, ListingStatus.IN_TALKS], [85, 10, 5]
        )[0],
        "gemeentecode": place.municipality.code,
        "province": place.municipality.province,
        "lat": lat,
        "lon": lon,
        "is_demo": True,
    }


def _household(rng: random.Random) -> dict[str, Any]:
    this_year = date.today().year
    partner_work = rng.choices(list(PartnerWork), [40, 15, 15, 5, 25])[0]
    has_partner = partner_work != PartnerWork.NO_PARTNER
    n_children = rng.choices((0, 1, 2, 3), (40, 25, 28, 7))[0] if has_partner else 0
    housing = rng.choices(list(HousingNeed), (45, 25, 20, 10))[0]
    return {
        "partner_work": partner_work,
        "partner_sector": rng.choice(list(PartnerSector))
        if partner_work in (PartnerWork.NEEDS_JOB, PartnerWork.REMOTE, PartnerWork.FLEXIBLE)
        else None,
        "children_birth_years": sorted(
            rng.randint(this_year - 14, this_year) for _ in range(n_children)
        ),
        "housing_need": housing,
        "housing_budget": (
            rng.randrange(300_000, 700_000, 25_000)
            if housing == HousingNeed.BUY
            else rng.randrange(1000, 2200, 100)
            if housing == HousingNeed.RENT
            else None
        ),
        "bedrooms_min": 2 + n_children if housing != HousingNeed.NONE else None,
    }


def candidate_row(rng: random.Random, user_id: int, name: str, pc4: str) -> dict[str, Any]:
    place = gazetteer().place(pc4)
    start = date.today() + timedelta(days=rng.randint(0, 3 * 365))
    use_regions = rng.random() < 0.3
    return {
        "user_id": user_id,
        "display_name": name,
        "stage": rng.choices(list(Stage), (10, 15, 25, 20, 25, 5))[0],
        "earliest_start": start,
        "latest_start": start + timedelta(days=rng.randint(90, 720)),
        "days_per_week": rng.choice((3, 4, 4, 5)),
        "home_postcode": pc4,
        "max_distance_km": None if use_regions else rng.choice((25, 40, 60, 80, 120, 200)),
        "search_regions": rng.sample(gazetteer().provinces(), 2) if use_regions else [],
        "forms_acceptable": rng.sample([str(f) for f in PracticeForm], rng.randint(1, 4)),
        "dispensing_ok": rng.random() < 0.5,
        "building_wishes": rng.sample([str(b) for b in Building], rng.randint(0, 2)),
        "goodwill_budget": rng.choice((None, 0, 25_000, 50_000, 100_000)),
        "about": "Synthetisch demoprofiel.",
        # Some demo people share more with holders than others, as real ones would.
        "share_with_holders": rng.sample(SHAREABLE, rng.randint(0, len(SHAREABLE))),
        "home_lat": place.lat,
        "home_lon": place.lon,
        "gemeentecode": place.municipality.code,
        "province": place.municipality.province,
        "is_demo": True,
        **_household(rng),
    }


def pair_duos(session: Session, rng: random.Random, profile_ids: list[int]) -> None:
    n_pairs = int(len(profile_ids) * DUO_SHARE / 2)
    chosen = rng.sample(profile_ids, 2 * n_pairs)
    pairs = [(chosen[2 * k], chosen[2 * k + 1]) for k in range(n_pairs)]
    params = [{"pid": a, "partner": b} for a, b in pairs] + [
        {"pid": b, "partner": a} for a, b in pairs
    ]
    if params:
        # Core UPDATE with bound parameters: one executemany for all pairs.
        table: Table = CandidateProfile.__table__  # type: ignore[attr-defined]
        stmt = (
            update(table)
            .where(table.c.id == bindparam("pid"))
            .values(duo_partner_id=bindparam("partner"))
        )
        session.execute(stmt, params)


def user_rows(rng: random.Random, prefix: str, role: Role, start: int, count: int, pw: str):  # type: ignore[no-untyped-def]
    rows = []
    verified_at = utcnow()
    for i in range(start, start + count):
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}{DEMO_SUFFIX}"
        rows.append(
            {
                "email": f"{prefix}{i}@demo.example",
                "display_name": name,
                "role": role,
                "locale": "nl",
                "password_hash": pw,
                "is_active": True,
                "is_demo": True,
                "email_verified_at": verified_at,
            }
        )
    return rows
