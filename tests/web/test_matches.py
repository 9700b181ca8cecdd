"""The matches page and /api/v1/me/matches."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from geopy.distance import geodesic
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.services import candidates
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_candidate, create_practice, create_user

COMPONENTS = {
    "location",
    "housing",
    "partner_work",
    "childcare",
    "practice_fit",
    "timing",
    "shortage",
}


@pytest.fixture
def starter(session: Session):
    """A candidate in Utrecht with a family, and six practices around."""
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user, max_distance_km=150, search_regions=[])
    for pc in ("3511", "3811", "8302", "1011", "6511", "7511"):
        create_practice(session, postcode=pc, goodwill_min=None, goodwill_max=None)
    return user


def test_api_matches_sorted_bounded_and_explained(
    client: FlaskClient, session: Session, starter
) -> None:
    """At least five items, sorted, components in [0,1] or null, distances as geopy says."""
    login(client, starter.email)
    body = client.get("/api/v1/me/matches?limit=10").get_json()
    items = body["items"]
    assert len(items) >= 5
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
    profile = candidates.get_profile(session=session, user=starter)
    for item in items:
        assert set(item["components"]) == COMPONENTS
        assert all(v is None or 0 <= v <= 1 for v in item["components"].values())
        assert item["reasons"] and all(r["text"] for r in item["reasons"])
        truth = geodesic(
            (profile.home_lat, profile.home_lon), (item["practice"]["lat"], item["practice"]["lon"])
        ).km
        assert abs(item["distance_km"] - truth) <= 0.005 * truth + 0.05
    assert body["weights"]["location"] == 3


def test_api_reasons_follow_language(client: FlaskClient, starter) -> None:
    """Reasons are Dutch by default."""
    login(client, starter.email)
    texts = [r["text"] for r in client.get("/api/v1/me/matches").get_json()["items"][0]["reasons"]]
    assert any(t.endswith("km van huis") for t in texts)


def test_api_matches_for_holder_describe_candidates(client: FlaskClient, session: Session) -> None:
    """Holders get ranked candidates without names or contact."""
    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder, postcode="3511")
    create_candidate(session, display_name="Zeer Geheim")
    login(client, holder.email)
    body = client.get("/api/v1/me/matches").get_json()
    assert len(body["items"]) == 1 and body["items"][0]["candidate"]["stage"] == "haio_3"
    text = client.get("/api/v1/me/matches").get_data(as_text=True)
    assert "Zeer Geheim" not in text and "@example.org" not in text


def test_api_matches_access(client: FlaskClient, session: Session) -> None:
    """Anonymous: 401 JSON; recruiters: 403."""
    assert client.get("/api/v1/me/matches").status_code == 401
    login(client, create_user(session, Role.RECRUITER).email)
    assert client.get("/api/v1/me/matches").status_code == 403


def test_matches_page_and_htmx_fragment(client: FlaskClient, starter) -> None:
    """The page shows cards; an htmx request with slider values gets only the re-ranked list."""
    login(client, starter.email)
    page = client.get("/matches").get_data(as_text=True)
    assert page.count("data-match=") >= 5 and 'type="range"' in page and "<html" in page
    fragment = client.get(
        "/matches?w_location=5&w_shortage=0", headers={"HX-Request": "true"}
    ).get_data(as_text=True)
    assert "<html" not in fragment and fragment.lstrip().startswith('<section id="matches"')
    assert fragment.count("data-match=") >= 5


def test_same_numbers_in_html_and_api(client: FlaskClient, starter) -> None:
    """The HTML shows the scores the API returns."""
    login(client, starter.email)
    api = client.get("/api/v1/me/matches?limit=20").get_json()["items"]
    html = client.get("/matches").get_data(as_text=True)
    for item in api:
        assert f'data-match="{item["practice"]["id"]}" data-score="{item["score"]}"' in html


def test_save_weights(client: FlaskClient, session: Session, starter) -> None:
    """Saved slider positions become the candidate's weights."""
    login(client, starter.email)
    data = {f"w_{n}": "1" for n in COMPONENTS} | {"w_location": "5"}
    response = post_form(client, "/matches/weights", data, token_page="/matches")
    assert response.status_code == 302
    profile = candidates.get_profile(session=session, user=starter)
    session.refresh(profile)
    assert profile.match_weights["location"] == 5 and profile.match_weights["housing"] == 1


def test_saving_weights_answers_in_place(client: FlaskClient, session: Session, starter) -> None:
    """With htmx the confirmation replaces its own spot on the page (issue 21)."""
    login(client, starter.email)
    token = csrf_token(client, "/matches")
    data = {f"w_{n}": "2" for n in COMPONENTS} | {"w_timing": "4"}
    response = client.post(
        "/matches/weights", data=data, headers={"HX-Request": "true", "X-CSRFToken": token}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert 'id="weights-saved"' in html and "Uw weging is opgeslagen" in html
    profile = candidates.get_profile(session=session, user=starter)
    session.refresh(profile)
    assert profile.match_weights["timing"] == 4
    page = client.get("/matches").get_data(as_text=True)
    assert 'hx-post="/matches/weights"' in page and "data-open-wide" in page


def test_candidate_without_profile_is_asked_for_one(client: FlaskClient, session: Session) -> None:
    """No profile: a friendly prompt instead of matches."""
    login(client, create_user(session, Role.CANDIDATE).email)
    assert "Maak eerst uw profiel" in client.get("/matches").get_data(as_text=True)


def test_holder_reads_reasons_about_the_candidate(client: FlaskClient, session: Session) -> None:
    """Reasons for holders speak of 'the candidate', not 'you'."""
    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder, postcode="3511")
    create_candidate(session, share_with_holders=["availability"])
    login(client, holder.email)
    texts = [r["text"] for r in client.get("/api/v1/me/matches").get_json()["items"][0]["reasons"]]
    assert "Overdracht past in de startperiode van de kandidaat" in texts
    assert not any("uw " in t for t in texts)
