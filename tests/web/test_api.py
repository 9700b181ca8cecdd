"""JSON API v1 and its OpenAPI document."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.services import accounts
from tests.conftest import csrf_token, login
from tests.factories import create_candidate, create_practice, create_user

PRIVATE = {
    "email",
    "phone",
    "street",
    "address",
    "owner",
    "owner_id",
    "name",
    "contact_email",
    "contact_phone",
    "password_hash",
}


def test_healthz_checks_the_database(client: FlaskClient) -> None:
    """/healthz reports the database as reachable."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_practices_are_paginated_and_public_only(client: FlaskClient, session: Session) -> None:
    """Items carry the public fields, total counts all published listings."""
    for i in range(5):
        create_practice(session, name=f"Praktijk {i}", anonymous=i % 2 == 0)
    create_practice(session, status="draft")
    body = client.get("/api/v1/practices?page=2&per_page=2").get_json()
    assert body["total"] == 5 and body["page"] == 2 and len(body["items"]) == 2
    item = body["items"][0]
    assert {
        "id",
        "title",
        "municipality",
        "gemeentecode",
        "province",
        "lat",
        "lon",
        "patients",
        "form",
        "dispensing",
        "handover_from",
        "handover_until",
    } <= set(item)
    assert not PRIVATE & set(item)
    assert item["gemeentecode"] == "GM0171" and item["municipality"] == "Noordoostpolder"


def test_practices_never_leak_private_values(client: FlaskClient, session: Session) -> None:
    """No contact, street or anonymous name appears anywhere in the JSON."""
    create_practice(session, anonymous=True, name="Anonieme Naam")
    text = client.get("/api/v1/practices").get_data(as_text=True)
    for secret in (
        "Anonieme Naam",
        "Geheime Straat",
        "secret-contact@example.org",
        "0527123456",
        "@example.org",
    ):
        assert secret not in text


@pytest.mark.parametrize("query", ["per_page=0", "per_page=101", "page=0", "page=abc"])
def test_bad_paging_is_422(client: FlaskClient, query: str) -> None:
    """Out-of-range paging parameters are rejected with a validation error."""
    assert client.get(f"/api/v1/practices?{query}").status_code == 422


def test_me_is_401_json_when_anonymous(client: FlaskClient) -> None:
    """Anonymous callers get a JSON 401, not a login page."""
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.is_json and response.get_json()["error"]


def test_me_for_each_role(client: FlaskClient, session: Session) -> None:
    """Holders see their listings, candidates their home, recruiters their regions."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder)
    login(client, holder.email)
    me = client.get("/api/v1/me").get_json()
    assert (me["email"], me["role"], me["practices"]) == (holder.email, "holder", [practice.id])
    assert "password_hash" not in me

    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    candidate = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=candidate)
    login(client, candidate.email)
    me = client.get("/api/v1/me").get_json()
    assert me["role"] == "candidate"
    assert me["home"]["postcode"] == "3512" and me["home"]["municipality"] == "Utrecht"
    assert 52.0 < me["home"]["lat"] < 52.2 and 5.0 < me["home"]["lon"] < 5.2


def test_me_for_recruiter_lists_regions(client: FlaskClient, session: Session) -> None:
    """A recruiter's regions are their GM codes."""
    recruiter = create_user(session, Role.RECRUITER)
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0171"])
    login(client, recruiter.email)
    assert client.get("/api/v1/me").get_json()["regions"] == ["GM0171"]


def test_openapi_document_is_generated_from_models(client: FlaskClient) -> None:
    """The spec lists every endpoint with schemas from the pydantic models."""
    spec = client.get("/api/v1/docs/openapi.json").get_json()
    assert spec["info"]["title"] == "matchmaker API"
    assert {"/healthz", "/api/v1/practices", "/api/v1/me"} <= set(spec["paths"])
    schemas = " ".join(spec["components"]["schemas"])
    assert "PracticePage" in schemas and "PracticePublic" in schemas and "Me" in schemas


def test_openapi_lists_only_public_and_self_service_routes(client: FlaskClient) -> None:
    """Admin, recruiter and HTML form routes stay out of the published API description."""
    paths = set(client.get("/api/v1/docs/openapi.json").get_json()["paths"])
    assert paths == {
        "/healthz",
        "/api/v1/practices",
        "/api/v1/me",
        "/api/v1/me/matches",
        "/api/v1/regions",
        "/api/v1/regions/{code}",
    }
