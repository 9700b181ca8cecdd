"""Synthetic demo data: practices and households, clearly labelled as demo."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, update
from sqlmodel import Session, col, select

from matchmaker.domain.geo import listing_point
from matchmaker.domain.household import HousingNeed, PartnerSector, PartnerWork, Stage
from matchmaker.domain.practice import Building, HandoverModel, ListingStatus, PracticeForm
from matchmaker.domain.roles import Role
from matchmaker.models import (
    CandidateProfile,
    DuoInvitation,
    Introduction,
    IntroductionEvent,
    Offer,
    Practice,
    RecruiterRegion,
    User,
)
from matchmaker.models._common import utcnow
from matchmaker.models.candidate import CandidateProfileInput
from matchmaker.models.offer import OfferInput
from matchmaker.models.practice import PracticeInput
from matchmaker.services import accounts, candidates, offers, practices
from matchmaker.services.geodata import gazetteer, indicators
from matchmaker.services.seed_campaign import seed_demo_campaign

DEMO_PASSWORD = "demo-password"
HOLDER_EMAIL = "huisarts@demo.example"
STARTER_EMAIL = "starter@demo.example"
RECRUITER_EMAIL = "recruiter@demo.example"
ADMIN_EMAIL = "admin@demo.example"
DEMO_ACCOUNTS = (HOLDER_EMAIL, STARTER_EMAIL, RECRUITER_EMAIL, ADMIN_EMAIL)
DEMO_SUFFIX = " (demo)"
NOORDOOSTPOLDER = "GM0171"

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


@dataclass(frozen=True)
class SeedReport:
    """What a seed run created."""

    practices: int
    candidates: int
    seconds: float


def _weights(codes: list[str]) -> list[float]:
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


def _pc4s_by_municipality() -> dict[str, list[str]]:
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


def _practice_row(rng: random.Random, owner_id: int, pc4: str, n: int) -> dict[str, Any]:
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


def _candidate_row(rng: random.Random, user_id: int, name: str, pc4: str) -> dict[str, Any]:
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
        "home_lat": place.lat,
        "home_lon": place.lon,
        "gemeentecode": place.municipality.code,
        "province": place.municipality.province,
        "is_demo": True,
        **_household(rng),
    }


def _bulk_users(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    stmt = insert(User).returning(col(User.id), sort_by_parameter_order=True)
    return list(session.scalars(stmt, rows))


def _user_rows(rng: random.Random, prefix: str, role: Role, start: int, count: int, pw: str):  # type: ignore[no-untyped-def]
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


def reset_demo(*, session: Session) -> None:
    """Delete every row labelled as demo data."""
    demo_users = select(User.id).where(col(User.is_demo))
    demo_profiles = select(CandidateProfile.id).where(col(CandidateProfile.is_demo))
    demo_practices = select(Practice.id).where(col(Practice.owner_id).in_(demo_users))
    demo_intros = select(Introduction.id).where(
        col(Introduction.candidate_id).in_(demo_profiles)
        | col(Introduction.practice_id).in_(demo_practices)
    )
    session.execute(
        delete(IntroductionEvent).where(col(IntroductionEvent.introduction_id).in_(demo_intros))
    )
    session.execute(delete(Introduction).where(col(Introduction.id).in_(demo_intros)))
    session.execute(delete(Offer).where(col(Offer.is_demo)))
    session.execute(delete(DuoInvitation).where(col(DuoInvitation.inviter_id).in_(demo_profiles)))
    session.execute(
        update(CandidateProfile)
        .values(duo_partner_id=None)
        .where(col(CandidateProfile.duo_partner_id).in_(demo_profiles))
    )
    session.execute(delete(CandidateProfile).where(col(CandidateProfile.user_id).in_(demo_users)))
    session.execute(delete(Practice).where(col(Practice.owner_id).in_(demo_users)))
    session.execute(delete(RecruiterRegion).where(col(RecruiterRegion.user_id).in_(demo_users)))
    session.execute(delete(User).where(col(User.is_demo)))
    session.commit()


def _next_index(session: Session, prefix: str) -> int:
    stmt = select(User.id).where(col(User.email).startswith(prefix))
    return len(session.exec(stmt).all())


def _ensure_account(session: Session, email: str, name: str, role: Role, pw: str) -> User:
    user = accounts.find_user(session=session, email=email)
    if user is None:
        user = User(
            email=email,
            display_name=name,
            role=role,
            password_hash=pw,
            is_demo=True,
            email_verified_at=utcnow(),
        )
    user.password_hash, user.role, user.is_active, user.is_demo = pw, role, True, True
    session.add(user)
    session.flush()
    return user


def _named_accounts(session: Session, pw: str) -> None:
    holder = _ensure_account(session, HOLDER_EMAIL, "Dr. Hanneke Postma (demo)", Role.HOLDER, pw)
    starter = _ensure_account(session, STARTER_EMAIL, "Sanne de Boer (demo)", Role.CANDIDATE, pw)
    recruiter = _ensure_account(
        session, RECRUITER_EMAIL, "Polderdokter-regioadviseur (demo)", Role.RECRUITER, pw
    )
    _ensure_account(session, ADMIN_EMAIL, "Beheerder (demo)", Role.ADMIN, pw)
    session.commit()
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=[NOORDOOSTPOLDER])
    _demo_offers(session, recruiter)
    if not practices.list_owned(session=session, owner=holder):
        _demo_holder_practices(session, holder)
    if candidates.get_profile(session=session, user=starter) is None:
        _demo_starter_profile(session, starter)


DEMO_OFFERS = (
    {
        "kind": "housing",
        "title": "Gezinswoning aan de Espelerlaan (demo)",
        "tenure": "rent",
        "price": 1350,
        "bedrooms": 4,
        "postcode": "8302",
        "description": "Ruime eengezinswoning, met voorrang voor artsen die zich hier vestigen.",
    },
    {
        "kind": "job_lead",
        "title": "Leerkracht basisonderwijs (demo)",
        "sector": "education",
        "employer": "Scholengroep Noordoostpolder (demo)",
        "hours_per_week": 32,
        "postcode": "8302",
    },
    {
        "kind": "job_lead",
        "title": "Verpleegkundige ouderenzorg (demo)",
        "sector": "healthcare",
        "employer": "Zorggroep Emmeloord (demo)",
        "hours_per_week": 28,
        "postcode": "8302",
    },
    {
        "kind": "childcare",
        "title": "Kinderdagverblijf De Polderpret (demo)",
        "places": 4,
        "ages": "0–4",
        "priority_for_doctors": True,
        "postcode": "8302",
    },
    {"kind": "training", "title": "Opleidingsplaatsen huisartsgeneeskunde (demo)", "places": 3},
    {
        "kind": "incentive",
        "title": "Startpremie voor nieuwe huisartsen (demo)",
        "incentive_type": "starter_bonus",
        "amount": 10000,
    },
    {
        "kind": "incentive",
        "title": "Hulp bij praktijkovername: ICT en management (demo)",
        "incentive_type": "practice_support",
    },
    {
        "kind": "incentive",
        "title": "Voorrang bij de kinderopvang (demo)",
        "incentive_type": "childcare_priority",
    },
)


def _demo_offers(session: Session, recruiter: User) -> None:
    """What the Polderdokter-like demo region offers a household."""
    existing = session.exec(select(Offer.id).where(col(Offer.is_demo))).first()
    if existing is not None:
        return
    for values in DEMO_OFFERS:
        offer = offers.create_offer(
            session=session,
            user=recruiter,
            data=OfferInput(gemeentecode=NOORDOOSTPOLDER, **values),  # type: ignore[arg-type]
        )
        offer.is_demo = True
    session.commit()


def _demo_holder_practices(session: Session, holder: User) -> None:
    today = date.today()
    listing = PracticeInput(
        name="Huisartsenpraktijk De Zuiderzee (demo)",
        anonymous=False,
        postcode="8302",
        street="Beursstraat 1",
        patients=2650,
        form=PracticeForm.SOLO,
        dispensing=False,
        building=Building.WITH_HOUSE,
        handover_from=today + timedelta(days=150),
        handover_until=today + timedelta(days=420),
        handover_model=HandoverModel.GRADUAL,
        goodwill_min=None,
        goodwill_max=None,
        fte=1.0,
        days_per_week=4,
        anw_hours_per_month=12,
        staff_assistants=3,
        staff_poh=2,
        contact_email=HOLDER_EMAIL,
        contact_phone="0527000000",
        description=(
            "Solopraktijk in Emmeloord met praktijkwoning. Ik draag geleidelijk over en werk "
            "graag een half jaar samen. Polderdokter helpt met kinderopvang en werk voor uw "
            "partner. Demo-advertentie."
        ),
        status=ListingStatus.PUBLISHED,
    )
    created = practices.create_listing(session=session, owner=holder, data=listing)
    created.is_demo = True
    second = listing.model_copy(
        update={
            "name": "Huisartsenpraktijk Urk-Zuid (demo)",
            "postcode": "8321",
            "anonymous": True,
            "status": ListingStatus.DRAFT,
            "form": PracticeForm.DUO,
            "fte": 2.0,
            "patients": 4300,
        }
    )
    practices.create_listing(session=session, owner=holder, data=second).is_demo = True
    session.commit()


def _demo_starter_profile(session: Session, starter: User) -> None:
    today = date.today()
    data = CandidateProfileInput(
        display_name="Sanne de Boer (demo)",
        stage=Stage.HAIO_3,
        earliest_start=today + timedelta(days=90),
        latest_start=today + timedelta(days=600),
        days_per_week=4,
        home_postcode="3512",
        max_distance_km=150,
        search_regions=["Flevoland", "Drenthe"],
        forms_acceptable=[PracticeForm.SOLO, PracticeForm.DUO, PracticeForm.GROUP],
        dispensing_ok=True,
        building_wishes=[Building.WITH_HOUSE, Building.RENTED],
        goodwill_budget=40_000,
        partner_work=PartnerWork.NEEDS_JOB,
        partner_sector=PartnerSector.EDUCATION,
        children_birth_years=[today.year - 5, today.year - 2],
        housing_need=HousingNeed.BUY,
        housing_budget=425_000,
        bedrooms_min=4,
        about="Derdejaars haio in Utrecht; mijn partner is leraar basisonderwijs. Demoprofiel.",
    )
    profile = candidates.save_profile(session=session, user=starter, data=data)
    profile.is_demo = True
    session.commit()


def seed_demo(
    *,
    session: Session,
    n_practices: int,
    n_candidates: int,
    reset: bool = False,
    random_seed: int = 2026,
) -> SeedReport:
    """Create the named demo accounts plus N practices and M candidate households."""
    started = time.perf_counter()
    rng = random.Random(random_seed)
    if reset:
        reset_demo(session=session)
    pw = accounts.hash_password(DEMO_PASSWORD)
    _named_accounts(session, pw)

    by_code = _pc4s_by_municipality()
    codes = sorted(by_code)
    weights = _weights(codes)
    first = _next_index(session, "holder")
    n_holders = max(1, round(n_practices * 0.9)) if n_practices else 0
    holder_ids = _bulk_users(session, _user_rows(rng, "holder", Role.HOLDER, first, n_holders, pw))
    rows = []
    for i in range(n_practices):
        code = rng.choices(codes, weights)[0]
        owner = holder_ids[i % len(holder_ids)]
        rows.append(_practice_row(rng, owner, rng.choice(by_code[code]), first + i))
    if rows:
        session.execute(insert(Practice), rows)

    first = _next_index(session, "candidate")
    users = _user_rows(rng, "candidate", Role.CANDIDATE, first, n_candidates, pw)
    candidate_ids = _bulk_users(session, users)
    profile_rows = []
    for user_id, user in zip(candidate_ids, users, strict=True):
        code = (
            rng.choice(TRAINING_CITIES) if rng.random() < TRAINING_CITY_SHARE else rng.choice(codes)
        )
        profile_rows.append(
            _candidate_row(rng, user_id, user["display_name"], rng.choice(by_code[code]))
        )
    profile_ids: list[int] = []
    if profile_rows:
        stmt = insert(CandidateProfile).returning(
            col(CandidateProfile.id), sort_by_parameter_order=True
        )
        profile_ids = list(session.scalars(stmt, profile_rows))
    _pair_duos(session, rng, profile_ids)
    _demo_introductions(session, profile_ids)
    recruiter = accounts.find_user(session=session, email=RECRUITER_EMAIL)
    if recruiter is not None:
        seed_demo_campaign(
            session=session,
            rng=rng,
            recruiter=recruiter,
            holder=accounts.find_user(session=session, email=HOLDER_EMAIL),
            profile_ids=profile_ids,
        )
    session.commit()
    return SeedReport(n_practices, n_candidates, time.perf_counter() - started)


DEMO_INTRO_STATUSES = ("requested", "requested", "introduced")


def _demo_introductions(session: Session, profile_ids: list[int]) -> None:
    """A few requests in the demo holder's inbox (from synthetic candidates, no email)."""
    holder = accounts.find_user(session=session, email=HOLDER_EMAIL)
    listing = (
        next(
            (
                p
                for p in practices.list_owned(session=session, owner=holder)
                if p.status == "published"
            ),
            None,
        )
        if holder
        else None
    )
    if listing is None or listing.id is None:
        return
    taken = set(
        session.exec(
            select(Introduction.candidate_id).where(Introduction.practice_id == listing.id)
        )
    )
    fresh = [pid for pid in profile_ids if pid not in taken][: len(DEMO_INTRO_STATUSES)]
    for candidate_id, status in zip(fresh, DEMO_INTRO_STATUSES, strict=False):
        intro = Introduction(
            practice_id=listing.id,
            candidate_id=candidate_id,
            initiated_by="candidate",
            status=status,
            message="Wij zijn geïnteresseerd in uw praktijk. (demo)",
        )
        session.add(intro)
        session.flush()
        assert intro.id is not None
        for step in ("requested", status)[: 1 if status == "requested" else 2]:
            session.add(IntroductionEvent(introduction_id=intro.id, status=step))


def _pair_duos(session: Session, rng: random.Random, profile_ids: list[int]) -> None:
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
