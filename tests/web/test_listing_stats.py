"""A holder's statistics: counts of closed periods only, written once; nobody picked out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.listing_stats import (
    BLOCK_EPOCH,
    BLOCK_WEEKS,
    MIN_MEDIAN,
    closed_weeks,
    last_block,
    monday,
)
from matchmaker.domain.roles import Role
from matchmaker.models import (
    CandidateProfile,
    ListingPeriod,
    ListingView,
    Practice,
    PracticeMark,
    User,
)
from matchmaker.services import listing_stats
from tests.conftest import login, post_form
from tests.factories import create_candidate, create_practice, create_user

TODAY = date(2026, 12, 9)  # a Wednesday; the block running began on 2026-10-05


def _listed_long_ago(session: Session, practice: Practice) -> Practice:
    practice.created_at = datetime(2026, 1, 1, tzinfo=UTC)
    session.add(practice)
    session.commit()
    return practice


def _viewer(session: Session, **profile: object) -> User:
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user, **profile)
    return user


def _views(session: Session, practice: Practice, week: date, scores: list[float]) -> None:
    for score in scores:
        user = create_user(session, Role.CANDIDATE)
        session.add(ListingView(practice_id=practice.id, user_id=user.id, week=week, score=score))
    session.commit()


def test_blocks_and_weeks_are_fixed_periods() -> None:
    """The last closed block changes once every twelve weeks; the week running is never shown."""
    block = last_block(TODAY)
    assert block is not None and (block - BLOCK_EPOCH).days % (7 * BLOCK_WEEKS) == 0
    assert block + timedelta(weeks=BLOCK_WEEKS) <= monday(TODAY)
    assert all(last_block(TODAY + timedelta(days=d)) == block for d in range(0, 7 * 2))
    assert last_block(date(2026, 12, 28)) == block + timedelta(weeks=BLOCK_WEEKS)  # next block
    assert monday(TODAY) not in closed_weeks(TODAY)
    assert closed_weeks(TODAY)[-1] == monday(TODAY) - timedelta(weeks=1)


def test_only_confirmed_accounts_with_a_profile_count(session: Session) -> None:
    """A throwaway account (unconfirmed, or without a consenting profile) is not a view
    (finding: two sock puppets beside one real viewer undid the '< 3' rule)."""
    practice = create_practice(session, postcode="3511")
    real = _viewer(session)
    unconfirmed = _viewer(session)
    unconfirmed.email_verified_at = None
    no_profile = create_user(session, Role.CANDIDATE)
    withdrawn = _viewer(session)
    row = session.exec(
        select(CandidateProfile).where(CandidateProfile.user_id == withdrawn.id)
    ).one()
    row.consent = False
    session.add_all([unconfirmed, row])
    session.commit()
    for user in (real, unconfirmed, no_profile, withdrawn, real):
        listing_stats.record_view(
            session=session, practice_id=practice.id or 0, viewer_id=user.id or 0
        )
    rows = session.exec(select(ListingView)).all()
    assert [r.user_id for r in rows] == [real.id]


def test_the_score_kept_is_the_one_the_holder_sees(session: Session) -> None:
    """Two viewers who differ only in what they do not share leave the same score: the
    median cannot carry a private component (finding of issue 30)."""
    practice = create_practice(
        session, postcode="3511", goodwill_min=900_000, goodwill_max=1_000_000
    )
    rich = _viewer(session, goodwill_budget=2_000_000, housing_budget=900_000)
    poor = _viewer(session, goodwill_budget=0, housing_budget=100_000, children_birth_years=[])
    for user in (rich, poor):
        listing_stats.record_view(
            session=session, practice_id=practice.id or 0, viewer_id=user.id or 0
        )
    scores = {r.user_id: r.score for r in session.exec(select(ListingView))}
    assert scores[rich.id] == scores[poor.id] is not None


def test_a_closed_week_is_written_once_and_never_moves(session: Session) -> None:
    """Counts appear when the week has ended; a star taken back later changes nothing."""
    practice = _listed_long_ago(session, create_practice(session, postcode="3511"))
    last = closed_weeks(TODAY)[-1]
    _views(session, practice, last, [0.5, 0.6, 0.7, 0.8])
    _views(session, practice, monday(TODAY), [0.5, 0.5, 0.5])  # this week: not shown yet
    stars = [create_user(session, Role.CANDIDATE) for _ in range(3)]
    for user in stars:
        session.add(
            PracticeMark(
                user_id=user.id or 0,
                practice_id=practice.id or 0,
                kind="saved",
                created_at=datetime.combine(last, datetime.min.time(), UTC) + timedelta(hours=9),
            )
        )
    session.commit()
    written = listing_stats.close_periods(session=session, today=TODAY)
    assert written == len(closed_weeks(TODAY)) + 1  # every closed week and the block
    assert listing_stats.close_periods(session=session, today=TODAY) == 0  # once
    before = listing_stats.for_listing(session=session, practice=practice, today=TODAY)
    assert [w.start for w in before.weeks] == closed_weeks(TODAY)
    assert before.weeks[-1].views == 4 and before.weeks[-1].shortlists == 3
    session.delete(session.exec(select(PracticeMark)).first())  # a star taken back
    session.commit()
    listing_stats.close_periods(session=session, today=TODAY + timedelta(days=1))
    after = listing_stats.for_listing(session=session, practice=practice, today=TODAY)
    assert after == before


def test_a_week_before_the_listing_existed_is_not_counted(session: Session) -> None:
    """A new listing shows its first weeks as not counted rather than as zero."""
    practice = create_practice(session, postcode="3511")
    practice.created_at = datetime.combine(closed_weeks(TODAY)[-2], datetime.min.time(), UTC)
    session.add(practice)
    session.commit()
    listing_stats.close_periods(session=session, today=TODAY)
    stats = listing_stats.for_listing(session=session, practice=practice, today=TODAY)
    assert [w.counted for w in stats.weeks][-3:] == [False, True, True]


def test_the_median_needs_ten_viewers_in_a_closed_block(session: Session) -> None:
    """Nine viewers in the block show their number but no median; ten show both."""
    block = last_block(TODAY)
    assert block is not None
    few = _listed_long_ago(session, create_practice(session, postcode="3511"))
    many = _listed_long_ago(session, create_practice(session, postcode="3511"))
    _views(session, few, block, [0.5] * (MIN_MEDIAN - 1))
    _views(session, many, block + timedelta(weeks=3), [0.4] * 5 + [0.6] * (MIN_MEDIAN - 5))
    listing_stats.close_periods(session=session, today=TODAY)
    a = listing_stats.for_listing(session=session, practice=few, today=TODAY)
    b = listing_stats.for_listing(session=session, practice=many, today=TODAY)
    assert a.viewers == MIN_MEDIAN - 1 and a.median_score is None
    assert b.viewers == MIN_MEDIAN and b.median_score == 0.5
    assert b.block_start == block and b.block_end == block + timedelta(days=7 * BLOCK_WEEKS - 1)


def test_the_page_shows_closed_periods_only(client: FlaskClient, session: Session) -> None:
    """The holder's page: closed weeks, '< 3' for small ones, no name, no week in progress."""
    holder = create_user(session, Role.HOLDER)
    practice = _listed_long_ago(session, create_practice(session, owner=holder, postcode="3511"))
    names = ("Anna Eerste", "Bram Tweede")
    for name in names:
        user = create_user(session, Role.CANDIDATE, display_name=name)
        create_candidate(session, user=user, display_name=name)
        login(client, user.email)
        client.get(f"/practices/{practice.id}")
        client.get(f"/practices/{practice.id}")  # again: still one view
        client.get("/logout")
    assert len(session.exec(select(ListingView)).all()) == 2
    last = monday(date.today()) - timedelta(weeks=1)
    _views(session, practice, last, [0.5, 0.7, 0.9])
    listing_stats.close_periods(session=session)
    login(client, holder.email)
    page = client.get(f"/my/practices/{practice.id}/stats").get_data(as_text=True)
    assert f'data-week="{monday(date.today()).isoformat()}"' not in page
    row = page.split(f'data-week="{last.isoformat()}"')[1].split("</tr>")[0]
    assert ">3<" in row
    assert "Anna" not in page and "Bram" not in page and "@example" not in page


def test_stats_count_stars_and_requests(client: FlaskClient, session: Session) -> None:
    """Stars below three are hidden; requests are counted as they are (the holder sees them)."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, postcode="3511")
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user)
    login(client, user.email)
    post_form(client, f"/shortlist/{practice.id}/star", {"on": "1"}, token_page="/practices")
    post_form(
        client, "/introductions", {"practice_id": practice.id, "message": ""}, token_page="/matches"
    )
    next_week = date.today() + timedelta(weeks=1)
    listing_stats.close_periods(session=session, today=next_week)
    stats = listing_stats.for_listing(session=session, practice=practice, today=next_week)
    assert stats.weeks[-1].shortlists is None and stats.weeks[-1].requests == 1
    assert len(stats.weeks) == 12


def test_someone_elses_stats_are_not_found(client: FlaskClient, session: Session) -> None:
    """Another holder gets 404."""
    practice = create_practice(session)
    login(client, create_user(session, Role.HOLDER).email)
    assert client.get(f"/my/practices/{practice.id}/stats").status_code == 404


def test_periods_are_written_once_by_racing_workers(session: Session) -> None:
    """Two workers that computed the same due periods: the second write changes nothing."""
    _listed_long_ago(session, create_practice(session, postcode="3511"))
    first = listing_stats.due_periods(session=session, today=TODAY)
    second = [ListingPeriod(**p.model_dump(exclude={"id"})) for p in first]
    session.add_all(first)
    session.commit()
    assert listing_stats.close_periods(session=session, today=TODAY) == 0
    session.add_all(second)
    try:
        session.commit()
        raised = False
    except Exception:
        session.rollback()
        raised = True
    assert raised, "the unique period key must refuse a second copy"
    assert len(session.exec(select(ListingPeriod)).all()) == len(first)
