"""Demo data: labelled, weighted to shortage regions, with the four named accounts."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from matchmaker.models import CandidateProfile, Practice, RecruiterRegion, User
from matchmaker.services import accounts, campaign_dashboard, candidates, practices, seed


def _count(session: Session, model: type, *where: object) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_seed_creates_named_accounts_and_labelled_data(session: Session) -> None:
    """The four demo accounts work with the demo password and everything is marked demo."""
    report = seed.seed_demo(session=session, n_practices=40, n_candidates=20)
    assert (report.practices, report.candidates) == (40, 20)
    for email in seed.DEMO_ACCOUNTS:
        assert accounts.authenticate(session=session, email=email, password=seed.DEMO_PASSWORD)
    holder = accounts.find_user(session=session, email=seed.HOLDER_EMAIL)
    assert any(p.status == "published" for p in practices.list_owned(session=session, owner=holder))
    starter = accounts.find_user(session=session, email=seed.STARTER_EMAIL)
    profile = candidates.get_profile(session=session, user=starter)
    assert (
        profile and profile.partner_sector and profile.children_birth_years and profile.housing_need
    )
    recruiter = accounts.find_user(session=session, email=seed.RECRUITER_EMAIL)
    assert accounts.recruiter_regions(session=session, user=recruiter) == ["GM0171"]
    assert _count(session, Practice, col(Practice.is_demo).is_(False)) == 0
    assert _count(session, User, col(User.is_demo).is_(False)) == 0
    assert all("(demo)" in p.name for p in session.exec(select(Practice)))


def test_seed_leans_towards_shortage_regions(session: Session) -> None:
    """Focus regions get far more than their share of 342 municipalities."""
    seed.seed_demo(session=session, n_practices=400, n_candidates=0)
    provinces = session.exec(select(Practice.province)).all()
    focus = sum(p in ("Zeeland", "Drenthe", "Groningen") for p in provinces)
    # 35 of 342 municipalities (10%) lie in these provinces; weighting gives about a quarter.
    assert focus / len(provinces) > 0.18


def test_seed_twice_keeps_accounts_unique_and_reset_clears(session: Session) -> None:
    """Re-seeding adds data but never duplicates named accounts; reset starts afresh."""
    seed.seed_demo(session=session, n_practices=5, n_candidates=4)
    seed.seed_demo(session=session, n_practices=5, n_candidates=4)
    assert _count(session, User, User.email == seed.HOLDER_EMAIL) == 1
    assert _count(session, Practice) == 2 + 10
    seed.seed_demo(session=session, n_practices=3, n_candidates=2, reset=True)
    assert _count(session, Practice) == 2 + 3
    assert _count(session, CandidateProfile) == 1 + 2
    assert _count(session, RecruiterRegion) == 1


def test_duos_are_mutual(session: Session) -> None:
    """Seeded duo partners point at each other."""
    seed.seed_demo(session=session, n_practices=0, n_candidates=60)
    profiles = {p.id: p for p in session.exec(select(CandidateProfile))}
    paired = [p for p in profiles.values() if p.duo_partner_id]
    assert paired
    assert all(profiles[p.duo_partner_id].duo_partner_id == p.id for p in paired)


def test_demo_holder_has_requests_and_reset_clears_them(session: Session) -> None:
    """The demo holder's inbox shows requests from synthetic candidates; reset removes them."""
    from matchmaker.models import Introduction

    seed.seed_demo(session=session, n_practices=5, n_candidates=10)
    holder = accounts.find_user(session=session, email=seed.HOLDER_EMAIL)
    statuses = sorted(i.status for i in session.exec(select(Introduction)))
    # and the demo starter's negotiation with its takeover file (issue 23)
    assert statuses == ["introduced", "negotiation", "requested", "requested"]
    listing_ids = {p.id for p in practices.list_owned(session=session, owner=holder)}
    assert all(i.practice_id in listing_ids for i in session.exec(select(Introduction)))
    seed.seed_demo(session=session, n_practices=0, n_candidates=0, reset=True)
    # Only the named accounts' own negotiation is made again; the synthetic requests are gone.
    assert [i.status for i in session.exec(select(Introduction))] == ["negotiation"]


def test_demo_region_offers_a_household_something(session: Session) -> None:
    """Noordoostpolder's demo recruiter publishes every kind of offer; reset removes them."""
    from matchmaker.models import Offer

    seed.seed_demo(session=session, n_practices=0, n_candidates=0)
    kinds = {o.kind for o in session.exec(select(Offer))}
    assert kinds == {"housing", "job_lead", "childcare", "training", "incentive"}
    assert all(o.is_demo and o.gemeentecode == "GM0171" for o in session.exec(select(Offer)))
    seed.seed_demo(session=session, n_practices=0, n_candidates=0)  # not twice
    assert len(session.exec(select(Offer)).all()) == len(seed.DEMO_OFFERS)
    seed.reset_demo(session=session)
    assert session.exec(select(Offer)).all() == []


def test_demo_campaign_has_a_narrowing_funnel_and_no_overbooked_events(session: Session) -> None:
    """The demo recruiter's campaign: labelled, one settled GP, events within their places."""
    from matchmaker.models import Campaign
    from matchmaker.services import events

    seed.seed_demo(session=session, n_practices=40, n_candidates=30)
    seed.seed_demo(session=session, n_practices=0, n_candidates=5)  # a second run adds none
    recruiter = accounts.find_user(session=session, email=seed.RECRUITER_EMAIL)
    (campaign,) = session.exec(select(Campaign).where(Campaign.owner_id == recruiter.id)).all()
    assert campaign.name.endswith("(demo)") and campaign.incentive_ids
    report = campaign_dashboard.dashboard(session=session, campaign=campaign).report
    counts = [s.count for s in report.stages]
    # 24 synthetic candidates and the demo starter, who comes to the meeloopdag (issue 22)
    assert counts == sorted(counts, reverse=True) and counts[0] == 25 and report.settled == 1
    views = events.for_campaign(session=session, campaign=campaign)
    assert len(views) == 3 and any(v.past for v in views)
    assert all(v.seats.capacity is None or v.seats.taken <= v.seats.capacity for v in views)


def test_demo_shows_what_brings_people_back(session: Session) -> None:
    """The starter has a saved search, a shortlist and a feed with the meeloopdag; the demo
    holder's listing has weeks of statistics (issue 22)."""
    from matchmaker.models import PracticeMark, SavedSearch
    from matchmaker.services import feeds, listing_stats, practices

    seed.seed_demo(session=session, n_practices=40, n_candidates=30)
    starter = accounts.find_user(session=session, email=seed.STARTER_EMAIL)
    holder = accounts.find_user(session=session, email=seed.HOLDER_EMAIL)
    assert starter is not None and holder is not None and starter.calendar_token
    assert session.exec(select(SavedSearch).where(SavedSearch.user_id == starter.id)).all()
    stars = session.exec(
        select(PracticeMark).where(PracticeMark.user_id == starter.id, PracticeMark.kind == "saved")
    ).all()
    assert len(stars) == 3
    body = feeds.feed(session=session, token=starter.calendar_token, link=lambda _c: "/x").decode()
    assert "Meeloopdag (demo)" in body
    listing = next(
        p for p in practices.list_owned(session=session, owner=holder) if p.status == "published"
    )
    stats = listing_stats.for_listing(session=session, practice=listing)
    assert sum(1 for w in stats.weeks if w.views is not None) >= 2


def test_demo_shows_a_takeover_under_way(session: Session, tmp_path) -> None:
    """The demo holder and starter negotiate with a takeover file three steps in; the demo
    listing asks goodwill and has photos, the façade marked identifying (issue 23)."""
    from matchmaker.models import Introduction, ListingPhoto, TakeoverItem

    seed.seed_demo(session=session, n_practices=20, n_candidates=10, storage=tmp_path)
    seed.seed_demo(session=session, n_practices=0, n_candidates=0, storage=tmp_path)  # once
    negotiating = session.exec(
        select(Introduction).where(Introduction.status == "negotiation")
    ).all()
    assert len(negotiating) == 1
    done = session.exec(select(TakeoverItem).where(TakeoverItem.status == "done")).all()
    assert {i.step_key for i in done} == {"intentieverklaring", "jaarcijfers", "accountant"}
    photos = session.exec(select(ListingPhoto)).all()
    assert len(photos) == 3 and [p.identifying for p in photos] == [True, False, False]
    assert all((tmp_path / key).is_file() for p in photos for key in p.files.values())


def test_resetting_the_demo_takes_its_files_too(session: Session, tmp_path) -> None:
    """The demo listing's photos and the demo takeover file's documents leave the disk with
    their rows; a real person's file stays."""
    from matchmaker.models import TakeoverDocument, TakeoverItem
    from matchmaker.services import storage

    seed.seed_demo(session=session, n_practices=20, n_candidates=10, storage=tmp_path)
    item = session.exec(select(TakeoverItem)).first()
    assert item is not None
    document = storage.save(tmp_path, b"%PDF-1.4 demo")
    session.add(TakeoverDocument(item_id=item.id or 0, name="demo.pdf", key=document))
    session.commit()
    real = storage.save(tmp_path, b"someone's own file")
    demo_files = {p.name for p in tmp_path.iterdir()} - {real}
    assert document in demo_files and len(demo_files) > 3  # three photos in several sizes
    seed.reset_demo(session=session, storage=tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {real}
