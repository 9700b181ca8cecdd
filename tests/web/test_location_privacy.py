"""Where people are: anonymous listings at municipality precision, candidates' homes in bands."""

from __future__ import annotations

import json

from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.models import User
from matchmaker.services import practices
from matchmaker.services.geodata import gazetteer
from tests.conftest import login
from tests.factories import create_candidate, create_practice, create_user, practice_input

EMMELOORD = "8302"


def _label_point() -> tuple[float, float]:
    muni = gazetteer().place(EMMELOORD).municipality
    return muni.label_lat, muni.label_lon


def test_anonymous_listing_is_published_at_the_municipality_point(
    client: FlaskClient, session: Session
) -> None:
    """API, map and stored point give the municipality's label point, never the PC4 centroid."""
    practice = create_practice(session, anonymous=True, postcode=EMMELOORD)
    centroid = gazetteer().place(EMMELOORD)
    lat, lon = _label_point()
    assert (centroid.lat, centroid.lon) != (lat, lon)
    api = client.get("/api/v1/practices").get_json()["items"][0]
    assert (api["lat"], api["lon"]) == (lat, lon)
    points = json.loads(client.get("/map/practices.json").get_data(as_text=True))
    assert points == [[round(lat, 4), round(lon, 4), practice.id, api["title"]]]
    html = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert str(round(centroid.lat, 4)) not in html


def test_named_listing_keeps_its_postcode_point_until_made_anonymous(session: Session) -> None:
    """Switching a listing to anonymous moves its public point to the municipality."""
    practice = create_practice(session, postcode=EMMELOORD)
    centroid = gazetteer().place(EMMELOORD)
    assert (practice.lat, practice.lon) == (centroid.lat, centroid.lon)
    practices.update_listing(
        session=session, practice=practice, data=practice_input(anonymous=True)
    )
    assert (practice.lat, practice.lon) == _label_point()


def _holder_matches(client: FlaskClient, session: Session, holder: User) -> list[dict]:
    login(client, holder.email)
    return client.get("/api/v1/me/matches").get_json()["items"]


def test_holders_see_distance_only_in_bands(client: FlaskClient, session: Session) -> None:
    """No exact distance reaches a holder: not in the numbers, not in the reasons."""
    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder, postcode=EMMELOORD)
    create_candidate(session, home_postcode="8301", max_distance_km=150)
    (item,) = _holder_matches(client, session, holder)
    assert item["distance_km"] is None
    assert item["distance_band"] == "< 10"
    location = [r["text"] for r in item["reasons"] if r["component"] == "location"]
    assert location and all("< 10 km" in t for t in location)


def test_draft_listings_rank_no_candidates(client: FlaskClient, session: Session) -> None:
    """A holder cannot probe candidates' homes with unpublished listings."""
    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder, postcode=EMMELOORD, status="draft")
    create_candidate(session, home_postcode="8301", max_distance_km=150)
    assert _holder_matches(client, session, holder) == []


def test_candidates_still_see_exact_distance(client: FlaskClient, session: Session) -> None:
    """A candidate's own distance to a practice is theirs to see."""
    create_practice(session, postcode=EMMELOORD)
    profile = create_candidate(session, home_postcode="8301", max_distance_km=150)
    user = session.get(User, profile.user_id)
    assert user is not None
    login(client, user.email)
    (item,) = client.get("/api/v1/me/matches").get_json()["items"]
    assert isinstance(item["distance_km"], float) and item["distance_band"] == "< 10"


def test_a_holders_score_gives_away_neither_distance_nor_unshared_items(
    client: FlaskClient, session: Session
) -> None:
    """The location score comes in quarters, and the total is computed over the shared
    components only: changing an unshared item leaves it as it is
    (issue 20, item 8: the exact location score told the distance to 0.3 km)."""
    from matchmaker.domain import scoring

    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder, postcode=EMMELOORD)
    profile = create_candidate(session, home_postcode="8301", max_distance_km=150)
    (first,) = _holder_matches(client, session, holder)
    assert first["score_basis"] == "shared"
    assert first["components"]["location"] * 4 == round(first["components"]["location"] * 4)
    assert first["component_status"]["childcare"] == "private"
    visible = {
        k: v
        for k, v in first["components"].items()
        if first["component_status"][k] == "scored" and v is not None
    }
    weights = {k: scoring.DEFAULT_WEIGHTS[k] for k in visible}
    expected = sum(weights[k] * v for k, v in visible.items()) / sum(weights.values())
    assert abs(first["score"] - expected) < 1e-3
    profile.children_birth_years = []  # an unshared item changes
    session.add(profile)
    session.commit()
    (again,) = _holder_matches(client, session, holder)
    assert again["score"] == first["score"]
