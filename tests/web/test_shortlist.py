"""The shortlist: stars, 'Niet meer tonen' with undo, comparing, a holder's starred candidates."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import CandidateMark, Practice, PracticeMark
from tests.conftest import login, post_form
from tests.factories import create_candidate, create_practice, create_user

HX = {"HX-Request": "true"}


@dataclass
class Starter:
    """A candidate and the practices around them."""

    email: str
    id: int
    practices: list[Practice]


@pytest.fixture
def starter(session: Session) -> Starter:
    """A candidate in Utrecht with a goodwill budget, and four practices around."""
    user = create_user(session, Role.CANDIDATE)
    create_candidate(
        session, user=user, max_distance_km=200, search_regions=[], goodwill_budget=50_000
    )
    listed = [
        create_practice(
            session, postcode=pc, name=f"Praktijk {pc}", goodwill_min=gw, goodwill_max=gw
        )
        for pc, gw in (("3511", None), ("3811", 80_000), ("8302", 20_000), ("6511", None))
    ]
    return Starter(user.email, user.id or 0, listed)


def _star(client: FlaskClient, practice_id: int, on: str = "1", **kw: object):
    return post_form(client, f"/shortlist/{practice_id}/star", {"on": on}, **kw)


def test_star_answers_in_place_and_lists_on_the_shortlist(
    client: FlaskClient, session: Session, starter
) -> None:
    """The star swaps to 'Bewaard'; the shortlist shows the listing with its score."""
    login(client, starter.email)
    first = starter.practices[0]
    answer = _star(client, first.id, headers=HX)
    html = answer.get_data(as_text=True)
    assert "<html" not in html and 'aria-pressed="true"' in html and "Bewaard" in html
    page = client.get("/shortlist").get_data(as_text=True)
    assert f'data-saved="{first.id}"' in page and "Praktijk 3511" in page
    assert f'data-saved="{starter.practices[1].id}"' not in page
    # Shown as starred wherever the listing appears.
    assert f'data-star="{first.id}"' in client.get("/practices").get_data(as_text=True)
    matches = client.get("/api/v1/me/matches").get_json()["items"]
    assert {i["practice"]["id"]: i["saved"] for i in matches}[first.id] is True
    # Taking the star away empties the shortlist again.
    _star(client, first.id, on="0", headers=HX)
    assert f'data-saved="{first.id}"' not in client.get("/shortlist").get_data(as_text=True)


def test_star_without_htmx_returns_to_the_page(client: FlaskClient, starter) -> None:
    """A plain form post goes back to the local page it came from, never elsewhere."""
    login(client, starter.email)
    pid = starter.practices[0].id
    back = post_form(client, f"/shortlist/{pid}/star", {"on": "1", "next": "/practices?page=1"})
    assert back.status_code == 302 and back.headers["Location"] == "/practices?page=1"
    away = post_form(client, f"/shortlist/{pid}/star", {"on": "1", "next": "https://evil.example/"})
    assert away.headers["Location"] == f"/practices/{pid}"


def test_hide_takes_a_listing_out_of_every_list_and_undo_brings_it_back(
    client: FlaskClient, session: Session, starter
) -> None:
    """Hidden: gone from /practices, /matches and the API, star removed; undo restores."""
    login(client, starter.email)
    target = starter.practices[1]
    _star(client, target.id)
    notice = post_form(client, f"/shortlist/{target.id}/hide", {"on": "1"}, headers=HX)
    assert f'data-undo="{target.id}"' in notice.get_data(as_text=True)
    assert f'data-practice="{target.id}"' not in client.get("/practices").get_data(as_text=True)
    ids = [i["practice"]["id"] for i in client.get("/api/v1/me/matches").get_json()["items"]]
    assert target.id not in ids and starter.practices[0].id in ids
    shortlist = client.get("/shortlist").get_data(as_text=True)
    assert f'data-saved="{target.id}"' not in shortlist
    assert f'data-hidden-listing="{target.id}"' in shortlist
    undone = post_form(client, f"/shortlist/{target.id}/hide", {"on": "0"}, headers=HX)
    assert f'data-restored="{target.id}"' in undone.get_data(as_text=True)
    assert f'data-practice="{target.id}"' in client.get("/practices").get_data(as_text=True)
    ids = [i["practice"]["id"] for i in client.get("/api/v1/me/matches").get_json()["items"]]
    assert target.id in ids


def test_compare_shows_three_saved_listings_with_budget_and_shortage(
    client: FlaskClient, session: Session, starter
) -> None:
    """Up to three, only starred ones, goodwill measured against the candidate's budget."""
    login(client, starter.email)
    for p in starter.practices:
        _star(client, p.id)
    unsaved = create_practice(session, postcode="7511", name="Niet bewaard")
    ids = [p.id for p in starter.practices] + [unsaved.id]
    page = client.get("/shortlist/compare?" + "&".join(f"id={i}" for i in ids))
    html = page.get_data(as_text=True)
    assert html.count("data-compare=") == 3
    assert f'data-compare="{unsaved.id}"' not in html
    assert f'data-compare="{starter.practices[3].id}"' not in html  # the fourth asked
    assert "€ 30.000 boven uw budget" in html or "30.000" in html  # 80k asked, 50k budget
    assert 'data-dimension="recruitment"' in html and 'data-dimension="access"' in html
    assert html.count('class="components"') == 3


def test_shortlist_is_capped(
    client: FlaskClient, session: Session, starter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond the cap a star is refused with a message, and nothing more is stored."""
    monkeypatch.setattr("matchmaker.domain.shortlist.MAX_SAVED", 2)
    login(client, starter.email)
    for p in starter.practices[:2]:
        _star(client, p.id, headers=HX)
    refused = _star(client, starter.practices[2].id, headers=HX).get_data(as_text=True)
    assert 'role="alert"' in refused and 'aria-pressed="false"' in refused
    assert "Haal eerst een ster weg" in refused  # the shortlist's own message, not another's
    rows = session.exec(select(PracticeMark).where(PracticeMark.kind == "saved")).all()
    assert len(rows) == 2


def test_marks_need_a_candidate_and_a_published_listing(
    client: FlaskClient, session: Session, starter
) -> None:
    """Visitors are sent to log in, holders refused, drafts not found; nothing stored."""
    pid = starter.practices[0].id
    assert _star(client, pid).status_code in (302, 401)
    login(client, create_user(session, Role.HOLDER).email)
    assert _star(client, pid).status_code == 403
    client.get("/logout")
    login(client, starter.email)
    draft = create_practice(session, status="draft")
    assert _star(client, draft.id).status_code == 404
    assert session.exec(select(PracticeMark)).all() == []


def test_holder_stars_a_candidate_on_the_ranked_list(client: FlaskClient, session: Session) -> None:
    """The star sits on each candidate card; saved candidates appear on /shortlist."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, postcode="3511")
    profile = create_candidate(session, display_name="Zeer Geheim")
    login(client, holder.email)
    cards = client.get("/matches").get_data(as_text=True)
    assert f'data-star-candidate="{profile.id}"' in cards
    answer = post_form(
        client, f"/shortlist/candidates/{practice.id}/{profile.id}/star", {"on": "1"}, headers=HX
    )
    assert 'aria-pressed="true"' in answer.get_data(as_text=True)
    page = client.get("/shortlist").get_data(as_text=True)
    assert f'data-saved-candidate="{profile.id}"' in page and "Zeer Geheim" not in page
    other = create_practice(session, postcode="3811")  # not the holder's
    refused = post_form(client, f"/shortlist/candidates/{other.id}/{profile.id}/star", {"on": "1"})
    assert refused.status_code == 404
    assert len(session.exec(select(CandidateMark)).all()) == 1
