"""Regions API, region pages, the map endpoints and the shortage filter in matching."""

from __future__ import annotations

import json

from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.services import accounts
from tests.conftest import login
from tests.factories import create_candidate, create_practice, create_user


def test_api_lists_all_municipalities_with_both_dimensions(client: FlaskClient) -> None:
    """All 342 with GM codes, both dimensions 0–100, their components and what is missing."""
    items = client.get("/api/v1/regions").get_json()["items"]
    assert len(items) == 342
    codes = {i["code"] for i in items}
    assert {"GM0171", "GM0363"} <= codes and all(c.startswith("GM") for c in codes)
    for i in items:
        scores = i["scores"]
        assert 0 <= scores["recruitment"] <= 100 and 0 <= scores["access"] <= 100
        assert i["shortage_score"] == max(scores["recruitment"], scores["access"])
        assert {c["dimension"] for c in i["components"].values()} == {"recruitment", "access"}
        assert i["missing"] == ["succession", "patient_stops"]  # nobody has reported yet
        assert all(i["components"][m]["normalised"] is None for m in i["missing"])
    assert len({i["scores"]["access"] for i in items}) > 200
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
    assert body["components"]["gp_distance"] == {
        "dimension": "recruitment",
        "raw": body["components"]["gp_distance"]["raw"],
        "normalised": body["components"]["gp_distance"]["normalised"],
        "weight": 0.15,
        "unit": "km",
    }
    assert body["listings"][0]["patient_stop"] is None
    missing = client.get("/api/v1/regions/GM9999")
    assert missing.status_code == 404 and missing.get_json()["error"] == "not found"


def test_region_page_and_panel(client: FlaskClient, session: Session) -> None:
    """Both dimensions with what is missing, a link to the method, demo listings labelled."""
    demo = create_practice(session, name="Voorbeeld (demo)")
    demo.is_demo = True
    session.add(demo)
    session.commit()
    page = client.get("/regions/GM0171").get_data(as_text=True)
    assert "Vestig u in Noordoostpolder" in page and 'data-component="succession"' in page
    assert 'data-score="recruitment"' in page and 'data-score="access"' in page
    assert "Opvolging en werving" in page and "Toegang voor patiënten" in page
    assert 'data-missing-note="recruitment"' in page and 'href="/methode"' in page
    assert "data-demo-note" in page and "tellen nooit mee" in page
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
    assert 'name="dimension" value="recruitment"' in html and 'value="access"' in html
    shapes = json.loads(client.get("/map/municipalities.geojson").data)
    assert len(shapes["features"]) == 342
    points = client.get("/map/practices.json").get_json()
    assert len(points) == 1 and points[0][3] == "Huisartsenpraktijk in Noordoostpolder"


def test_matches_only_in_shortage_regions(client: FlaskClient, session: Session) -> None:
    """The filter keeps matches in municipalities scoring 70 or more on either kind."""
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user, max_distance_km=400, search_regions=[])
    create_practice(session, postcode="4561")  # Hulst: recruitment far above 70
    create_practice(session, postcode="6931")  # Westervoort, low on both kinds
    login(client, user.email)
    everything = client.get("/api/v1/me/matches").get_json()["items"]
    assert len(everything) == 2
    html = client.get("/matches?shortage=1", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert html.count("data-match=") == 1 and "Hulst" in html


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


def test_method_page_shows_formula_sources_and_validation(client: FlaskClient) -> None:
    """/methode lists every component, the crossings, and the validation table with sources."""
    from matchmaker.domain.shortage import SPECS
    from matchmaker.domain.validation import GROUPS

    page = client.get("/methode").get_data(as_text=True)
    assert "Zo werkt de tekortindex" in page
    assert all(f'data-spec="{s.name}"' in page for s in SPECS)
    assert all(f'data-group="{g.key}"' in page for g in GROUPS)
    assert "Algemene Rekenkamer" in page and "skipr.nl" in page and "Afsluitdijk" in page
    assert 'href="/methode"' in client.get("/map").get_data(as_text=True)
