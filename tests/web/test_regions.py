"""Regions API, region pages, the map endpoints and the shortage filter in matching."""

from __future__ import annotations

import json

from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.services import accounts
from tests.conftest import login
from tests.factories import create_candidate, create_practice, create_user


def test_api_lists_all_municipalities_with_components(client: FlaskClient) -> None:
    """340+ municipalities with GM codes, scores 0–100, at least three components, many scores."""
    items = client.get("/api/v1/regions").get_json()["items"]
    assert len(items) >= 340
    codes = {i["code"] for i in items}
    assert {"GM0171", "GM0363"} <= codes and all(c.startswith("GM") for c in codes)
    assert all(0 <= i["shortage_score"] <= 100 for i in items)
    assert all(
        sum(c["normalised"] is not None for c in i["components"].values()) >= 3 for i in items
    )
    assert len({i["shortage_score"] for i in items}) > 150
    scores = [i["shortage_score"] for i in items]
    assert scores == sorted(scores, reverse=True)


def test_api_region_detail_and_unknown_code(client: FlaskClient, session: Session) -> None:
    """Detail lists published practices and recruiters; an unknown code is a JSON 404."""
    create_practice(session, name="Polder Praktijk")
    create_practice(session, name="Concept", status="draft")
    recruiter = create_user(session, Role.RECRUITER, display_name="Werver Polder")
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0171"])
    body = client.get("/api/v1/regions/gm0171").get_json()
    assert body["name"] == "Noordoostpolder" and body["province"] == "Flevoland"
    assert [p["title"] for p in body["listings"]] == ["Polder Praktijk"]
    assert body["recruiters"] == [{"name": "Werver Polder", "email": recruiter.email}]
    assert body["components"]["access"]["unit"] == "km"
    missing = client.get("/api/v1/regions/GM9999")
    assert missing.status_code == 404 and missing.get_json() == {"error": "not found"}


def test_region_page_and_panel(client: FlaskClient) -> None:
    """The page explains the score; the panel fragment has no layout; unknown codes 404."""
    page = client.get("/regions/GM0171").get_data(as_text=True)
    assert "Vestig u in Noordoostpolder" in page and 'data-component="succession"' in page
    panel = client.get("/regions/GM0171/panel", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert "<html" not in panel and "Noordoostpolder" in panel
    assert client.get("/regions/GM9999").status_code == 404


def test_map_page_and_data(client: FlaskClient, session: Session) -> None:
    """The map page links only local assets; geometry and practice points come from the app."""
    create_practice(session, anonymous=True, name="Geheim")
    html = client.get("/map").get_data(as_text=True)
    assert "vendor/leaflet/leaflet.js" in html and "https://" not in html.split("<footer")[0]
    assert html.count("data-region=") >= 340  # the table alternative
    shapes = json.loads(client.get("/map/municipalities.geojson").data)
    assert len(shapes["features"]) == 342
    points = client.get("/map/practices.json").get_json()
    assert len(points) == 1 and points[0][3] == "Huisartsenpraktijk in Noordoostpolder"


def test_matches_only_in_shortage_regions(client: FlaskClient, session: Session) -> None:
    """The filter keeps matches in municipalities scoring 50 or more."""
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user, max_distance_km=400, search_regions=[])
    create_practice(session, postcode="8302")  # Noordoostpolder, high score
    create_practice(session, postcode="3511")  # Utrecht, low score
    login(client, user.email)
    everything = client.get("/api/v1/me/matches").get_json()["items"]
    assert len(everything) == 2
    html = client.get("/matches?shortage=1", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert html.count("data-match=") == 1 and "Noordoostpolder" in html


def test_map_data_answer_304_until_the_listings_change(
    client: FlaskClient, session: Session
) -> None:
    """ETags on the markers and the boundaries: a browser that has them downloads nothing."""
    create_practice(session)
    first = client.get("/map/practices.json")
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get("/map/practices.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    create_practice(session, postcode="9711")
    changed = client.get("/map/practices.json", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and len(changed.get_json()) == 2
    shapes = client.get("/map/municipalities.geojson")
    cached = client.get(
        "/map/municipalities.geojson", headers={"If-None-Match": shapes.headers["ETag"]}
    )
    assert cached.status_code == 304


def test_a_region_page_shows_the_first_listings_and_links_to_all(
    client: FlaskClient, session: Session
) -> None:
    """Hundreds of listings in one municipality must not make a page of hundreds of cards."""
    owner = create_user(session, Role.HOLDER)
    for _ in range(26):
        create_practice(session, owner=owner, postcode="8301")
    page = client.get("/regions/GM0171").get_data(as_text=True)
    assert page.count('class="card practice-card"') == 24
    assert "gemeente=GM0171" in page and "26" in page
    api = client.get("/api/v1/regions/GM0171").get_json()
    assert len(api["listings"]) == 24 and api["practices"] == 26
