"""Ranking practices for candidates and candidates for practices."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from matchmaker.domain import scoring as s
from matchmaker.domain.roles import Role
from matchmaker.services import matching, practices
from matchmaker.services.practices import PracticeFilters
from tests.factories import create_candidate, create_practice, create_user


def _ids(page: matching.MatchPage) -> list[int]:
    return [i.match.practice_id for i in page.items]


def test_candidate_gets_nearby_acceptable_practices_best_first(session: Session) -> None:
    """Within the area and forms only; sorted by score; every item explained."""
    cand = create_candidate(
        session, max_distance_km=60, search_regions=[], forms_acceptable=["solo"]
    )
    near = create_practice(session, postcode="3511")  # Utrecht
    farther = create_practice(session, postcode="3811")  # Amersfoort, ~20 km
    create_practice(session, postcode="9711")  # Groningen: too far
    create_practice(session, postcode="3512", form="group")  # unacceptable form
    create_practice(session, postcode="3512", status="draft")  # not public
    page = matching.for_candidate(session=session, profile=cand, limit=10)
    assert _ids(page) == [near.id, farther.id]
    assert page.items[0].match.score >= page.items[1].match.score
    assert all(i.match.reasons for i in page.items)
    assert page.items[0].practice.title == "Huisartsenpraktijk Test"


def test_filters_and_weights(session: Session) -> None:
    """Filters narrow the ranking; weights change scores and are remembered."""
    cand = create_candidate(session, max_distance_km=400, search_regions=[])
    zeeland = create_practice(session, postcode="4331")
    create_practice(session, postcode="3511")
    page = matching.for_candidate(
        session=session, profile=cand, limit=10, filters=PracticeFilters(province="Zeeland")
    )
    assert _ids(page) == [zeeland.id]
    only_place = matching.for_candidate(
        session=session,
        profile=cand,
        limit=10,
        weights={n: 0 for n in s.COMPONENTS} | {"location": 5},
    )
    assert only_place.items[0].match.score == only_place.items[0].match.values["location"]
    matching.save_weights(session=session, profile=cand, weights={"location": 5, "shortage": 0})
    assert matching.for_candidate(session=session, profile=cand, limit=1).weights["shortage"] == 0


def test_cache_follows_new_and_changed_listings(session: Session) -> None:
    """A newly published or withdrawn listing shows up in the next ranking."""
    cand = create_candidate(session)
    first = create_practice(session, postcode="3511")
    assert _ids(matching.for_candidate(session=session, profile=cand, limit=10)) == [first.id]
    second = create_practice(session, postcode="3512")
    assert set(_ids(matching.for_candidate(session=session, profile=cand, limit=10))) == {
        first.id,
        second.id,
    }
    practices.set_status(
        session=session, practice=first, status=practices.ListingStatus.HANDED_OVER
    )
    assert _ids(matching.for_candidate(session=session, profile=cand, limit=10)) == [second.id]


def test_timing_far_apart_excludes(session: Session) -> None:
    """A handover three years after the latest start is not a match."""
    cand = create_candidate(
        session, earliest_start=date.today(), latest_start=date.today() + timedelta(days=30)
    )
    late = date.today() + timedelta(days=3 * 365)
    create_practice(
        session, postcode="3511", handover_from=late, handover_until=late + timedelta(days=60)
    )
    assert matching.for_candidate(session=session, profile=cand, limit=10).items == []


def test_holder_sees_anonymous_candidates_ranked(session: Session) -> None:
    """Holders get candidates with stage and the household details the candidate shares,
    never names."""
    holder = create_user(session, Role.HOLDER)
    listing = create_practice(session, owner=holder, postcode="3511")
    near = create_candidate(
        session, display_name="Geheime Naam", share_with_holders=["children", "household"]
    )
    create_candidate(
        session,
        home_postcode="9711",
        max_distance_km=20,
        search_regions=[],
        share_with_holders=["area"],
    )  # too far, and says so
    page = matching.for_holder(session=session, practices=[listing], limit=10)
    assert [i.match.candidate_id for i in page.items] == [near.id]
    summary = page.items[0].candidate
    assert summary.stage == "haio_3" and summary.children == 2 and summary.partner_needs_job
    assert "Geheime" not in summary.model_dump_json()
    assert summary.housing_need is None and summary.about is None  # not shared


def test_a_candidate_who_shares_nothing_shows_no_household(session: Session) -> None:
    """The profile form promises that holders see household details only when ticked."""
    holder = create_user(session, Role.HOLDER)
    listing = create_practice(session, owner=holder, postcode="3511")
    create_candidate(session, about="Ik hou van de polder.", housing_need="buy")
    (item,) = matching.for_holder(session=session, practices=[listing], limit=10).items
    summary = item.candidate
    assert (summary.children, summary.partner_sector, summary.partner_needs_job) == (None,) * 3
    assert (summary.housing_need, summary.about, summary.earliest_start) == (None,) * 3
    assert summary.shared == [] and "polder" not in summary.model_dump_json()


def test_no_profile_means_no_matches(session: Session) -> None:
    """Without a profile the page asks for one."""
    page = matching.for_candidate(session=session, profile=None, limit=5)
    assert page.items == [] and not page.has_profile


def _holder_page(session: Session, listing: Any) -> tuple[list[Any], list[str]]:
    """The holder's matches for the listing, with the SQL statements it sent."""
    from sqlalchemy import event

    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        page = matching.for_holder(session=session, practices=[listing], limit=10)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return page.items, statements


def test_holder_page_shows_each_pairs_introduction_and_marks_in_one_read(session: Session) -> None:
    """The introduction statuses, the holder's stars and interest (on the right pairs, only
    the holder's own) and the candidates' BIG checks are read from the database together."""
    from matchmaker.domain.shortlist import Mark
    from matchmaker.models import Introduction
    from matchmaker.services.shortlist import marks

    holder, other = create_user(session, Role.HOLDER), create_user(session, Role.HOLDER)
    listing = create_practice(session, owner=holder, postcode="3511")
    theirs = create_practice(session, owner=other, postcode="3512")
    met, starred, plain = (create_candidate(session, display_name=f"K{i}") for i in range(3))
    session.add(
        Introduction(
            practice_id=listing.id, candidate_id=met.id, initiated_by="holder", status="meeting"
        )
    )
    session.commit()
    for kind in (Mark.SAVED, Mark.INTEREST):
        marks.set_candidate_mark(
            session=session, holder=holder, practice=listing, candidate_id=starred.id or 0,
            kind=kind, on=True,
        )  # fmt: skip
    marks.set_candidate_mark(
        session=session, holder=other, practice=theirs, candidate_id=plain.id or 0,
        kind=Mark.SAVED, on=True,
    )  # fmt: skip
    matching.for_holder(session=session, practices=[listing], limit=10)  # warm the caches
    items, statements = _holder_page(session, listing)
    by_candidate = {i.match.candidate_id: i for i in items}
    assert set(by_candidate) == {met.id, starred.id, plain.id}
    assert by_candidate[met.id].introduction == "meeting"
    assert (by_candidate[met.id].saved, by_candidate[met.id].interested) == (False, False)
    assert by_candidate[starred.id].introduction is None
    assert (by_candidate[starred.id].saved, by_candidate[starred.id].interested) == (True, True)
    assert (by_candidate[plain.id].saved, by_candidate[plain.id].introduction) == (False, None)
    reads = [s for s in statements if "introductions" in s or "candidate_marks" in s]
    assert len(reads) == 1 and "UNION ALL" in reads[0]
    assert [s for s in statements if "big_verified_at" in s] == reads  # the BIG checks too


def test_holder_page_keeps_candidate_summaries_until_the_profile_or_big_check_changes(
    session: Session,
) -> None:
    """A holder who comes back reads no candidate profile again; a candidate who starts to
    share their household, or whose BIG number is checked, shows so on the next visit."""
    from datetime import UTC, datetime

    from matchmaker.models import User

    holder = create_user(session, Role.HOLDER)
    listing = create_practice(session, owner=holder, postcode="3511")
    profile = create_candidate(session, share_with_holders=[])

    def page() -> tuple[Any, list[str]]:
        (item,), statements = _holder_page(session, listing)
        summaries = [s for s in statements if "candidate_profiles.about" in s and "JOIN users" in s]
        return item.candidate, summaries

    first, _ = page()
    assert first.children is None and not first.big_verified
    again, profile_reads = page()
    assert again is first and profile_reads == []  # kept: only the BIG checks were read
    profile.share_with_holders = ["children"]
    session.add(profile)
    session.commit()
    shared, profile_reads = page()
    assert shared.children == 2 and len(profile_reads) == 1
    user = session.get(User, profile.user_id)
    assert user is not None
    user.big_verified_at = datetime.now(UTC)
    session.add(user)
    session.commit()
    checked, _ = page()
    assert checked.big_verified and checked.children == 2
