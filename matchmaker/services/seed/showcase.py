"""What the named demo accounts show: a holder's listings, a starter's profile, offers, requests."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from matchmaker.domain.household import HousingNeed, PartnerSector, PartnerWork, Stage
from matchmaker.domain.practice import Building, HandoverModel, ListingStatus, PracticeForm
from matchmaker.domain.roles import Role
from matchmaker.models import (
    Introduction,
    IntroductionEvent,
    Notification,
    Offer,
    User,
)
from matchmaker.models.candidate import CandidateProfileInput
from matchmaker.models.offer import OfferInput
from matchmaker.models.practice import PracticeInput
from matchmaker.services import accounts, candidates, offers, practices
from matchmaker.services.seed.logins import (
    ADMIN_EMAIL,
    HOLDER_EMAIL,
    NOORDOOSTPOLDER,
    RECRUITER_EMAIL,
    STARTER_EMAIL,
    ensure_account,
)


def named_accounts(session: Session, pw: str) -> None:
    holder = ensure_account(session, HOLDER_EMAIL, "Dr. Hanneke Postma (demo)", Role.HOLDER, pw)
    starter = ensure_account(session, STARTER_EMAIL, "Sanne de Boer (demo)", Role.CANDIDATE, pw)
    recruiter = ensure_account(
        session, RECRUITER_EMAIL, "Polderdokter-regioadviseur (demo)", Role.RECRUITER, pw
    )
    ensure_account(session, ADMIN_EMAIL, "Beheerder (demo)", Role.ADMIN, pw)
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
    {
        "kind": "incentive",
        "title": "Vergoeding verhuiskosten (demo)",
        "incentive_type": "relocation_costs",
        "amount": 2500,
    },
    {
        "kind": "incentive",
        "title": "Hulp bij het vinden van een huurwoning (demo)",
        "incentive_type": "housing_guarantee",
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
            data=OfferInput(gemeentecode=NOORDOOSTPOLDER, **values),
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
        goodwill_min=40_000,
        goodwill_max=55_000,
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


DEMO_INTRO_STATUSES = ("requested", "requested", "introduced")


def demo_introductions(session: Session, profile_ids: list[int]) -> None:
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
        if status == "requested" and holder is not None and holder.id is not None:
            # The bell shows them too (no email: demo people have no real address).
            session.add(
                Notification(
                    user_id=holder.id,
                    kind="intro_requested",
                    link="/introductions",
                    params={"title": listing.name},
                )
            )
