"""A practice page for a logged-in candidate: the same score as the match card, with its
reasons, and the request for an introduction right there."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import Introduction
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_candidate, create_practice, create_user


def test_a_candidate_sees_the_score_of_the_match_card_and_asks_from_the_page(
    client: FlaskClient, session: Session
) -> None:
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, postcode="8302")
    cand = create_user(session, Role.CANDIDATE)
    profile = create_candidate(session, user=cand, max_distance_km=100, search_regions=[])
    profile.match_weights = {"location": 5, "shortage": 0}
    session.add(profile)
    session.commit()
    login(client, cand.email)
    card = client.get("/api/v1/me/matches").get_json()["items"][0]
    assert card["practice"]["id"] == practice.id
    page = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert f'data-score="{card["score"]}"' in page
    assert "Kennismaking aanvragen" in page and "Maak een profiel" not in page
    assert all(r["text"] in page for r in card["reasons"])
    post_form(
        client,
        "/introductions",
        {"practice_id": practice.id, "message": "Graag!"},
        token_page=f"/practices/{practice.id}",
    )
    intro = session.exec(select(Introduction)).one()
    assert intro.message == "Graag!"
    listed = client.get("/introductions").get_data(as_text=True)
    assert f'data-score="{card["score"]}"' in listed  # one and the same number
    again = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert "Kennismaking aanvragen" not in again and "Interesse getoond" in again


def test_visitors_and_candidates_without_a_profile_get_the_next_step(
    client: FlaskClient, session: Session
) -> None:
    practice = create_practice(session)
    assert "Account aanmaken" in client.get(f"/practices/{practice.id}").get_data(as_text=True)
    cand = create_user(session, Role.CANDIDATE)
    login(client, cand.email)
    page = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert "/profile/edit" in page and "data-score" not in page


def test_outside_the_search_area_the_page_says_so(client: FlaskClient, session: Session) -> None:
    practice = create_practice(session, postcode="9711")  # Groningen
    cand = create_user(session, Role.CANDIDATE)
    create_candidate(
        session, user=cand, home_postcode="4331", max_distance_km=30, search_regions=[]
    )
    login(client, cand.email)
    page = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert "buiten het gebied" in page and "data-score" in page


def test_a_pending_request_can_be_withdrawn_by_its_sender(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    from matchmaker.services import introductions

    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder)
    cand = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=cand)
    with app.app_context():
        intro = introductions.express_interest(
            session=session, user=cand, practice_id=practice.id, message=""
        )
    login(client, cand.email)
    page = client.get("/introductions").get_data(as_text=True)
    assert 'data-confirm="withdraw"' in page and 'data-confirm="accept"' not in page
    post_form(
        client,
        f"/introductions/{intro.id}/status",
        {"status": "withdrawn"},
        token_page="/introductions",
    )
    session.refresh(intro)
    assert intro.status == "withdrawn"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, holder.email)
    page = client.get("/introductions").get_data(as_text=True)
    assert 'data-confirm="accept"' not in page  # nothing left to answer
