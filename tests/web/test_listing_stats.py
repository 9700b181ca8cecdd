"""A holder's statistics: weekly counts of views, stars and requests; nobody picked out."""

from __future__ import annotations

from datetime import date, timedelta

from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.listing_stats import monday
from matchmaker.domain.roles import Role
from matchmaker.models import ListingView
from matchmaker.services import listing_stats
from tests.conftest import login, post_form
from tests.factories import create_candidate, create_practice, create_user


def test_candidate_views_are_counted_once_a_week_and_small_weeks_hidden(
    client: FlaskClient, session: Session
) -> None:
    """Two candidates this week show '< 3'; three last week show 3 with a median score;
    the holder's own views and repeat views do not count; no viewer is named."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, postcode="3511")
    for name in ("Anna Eerste", "Bram Tweede"):
        user = create_user(session, Role.CANDIDATE, display_name=name)
        create_candidate(session, user=user, display_name=name)
        login(client, user.email)
        client.get(f"/practices/{practice.id}")
        client.get(f"/practices/{practice.id}")  # again: still one view
        client.get("/logout")
    rows = session.exec(select(ListingView)).all()
    assert len(rows) == 2 and all(r.score is not None for r in rows)
    last_week = monday(date.today()) - timedelta(weeks=1)
    for score in (0.5, 0.7, 0.9):
        other = create_user(session, Role.CANDIDATE)
        session.add(
            ListingView(practice_id=practice.id, user_id=other.id, week=last_week, score=score)
        )
    session.commit()
    login(client, holder.email)
    client.get(f"/practices/{practice.id}")  # the holder's own view
    assert len(session.exec(select(ListingView)).all()) == 5
    page = client.get(f"/my/practices/{practice.id}/stats").get_data(as_text=True)
    this_week = page.split(f'data-week="{monday(date.today()).isoformat()}"')[1].split("</tr>")[0]
    before = page.split(f'data-week="{last_week.isoformat()}"')[1].split("</tr>")[0]
    assert "&lt; 3" in this_week and ">3<" in before
    assert 'data-stat="viewers"' in page and ">5<" in page
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
    stats = listing_stats.for_listing(session=session, practice=practice)
    assert stats.weeks[-1].shortlists is None and stats.weeks[-1].requests == 1
    assert len(stats.weeks) == 12


def test_someone_elses_stats_are_not_found(client: FlaskClient, session: Session) -> None:
    """Another holder gets 404."""
    practice = create_practice(session)
    login(client, create_user(session, Role.HOLDER).email)
    assert client.get(f"/my/practices/{practice.id}/stats").status_code == 404
