"""A candidate's profile form and duo invitations through the web."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.services import candidates
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_candidate, create_user

FORM = {
    "display_name": "Fleur Visser",
    "stage": "haio_2",
    "earliest_start": "2027-09-01",
    "latest_start": "2028-03-01",
    "days_per_week": "4",
    "home_postcode": "9711 AB",
    "max_distance_km": "60",
    "search_regions": ["Drenthe", "Groningen"],
    "forms_acceptable": ["solo", "duo"],
    "dispensing_ok": "y",
    "building_wishes": ["with_house"],
    "goodwill_budget": "30000",
    "partner_work": "needs_job",
    "partner_sector": "ict",
    "children_birth_years": "2020, 2023",
    "housing_need": "rent",
    "housing_budget": "1400",
    "bedrooms_min": "3",
    "about": "Graag naar het noorden.",
}


def test_candidate_saves_full_household_profile(client: FlaskClient, session: Session) -> None:
    """The form stores work wishes and household, and the page summarises them."""
    user = create_user(session, Role.CANDIDATE)
    login(client, user.email)
    response = post_form(client, "/profile/edit", FORM)
    assert response.status_code == 302 and response.headers["Location"] == "/profile"
    profile = candidates.get_profile(session=session, user=user)
    assert profile is not None
    assert (profile.gemeentecode, profile.children_birth_years) == ("GM0014", [2020, 2023])
    assert profile.search_regions == ["Drenthe", "Groningen"] and profile.partner_sector == "ict"
    html = client.get("/profile").get_data(as_text=True)
    assert "Fleur Visser" in html and "Zoekt werk in de nieuwe regio" in html and "ICT" in html


def test_minimal_profile_is_enough(client: FlaskClient, session: Session) -> None:
    """Only name, stage, home postcode and a search area are required."""
    user = create_user(session, Role.CANDIDATE)
    login(client, user.email)
    minimal = {
        "display_name": "Sem",
        "stage": "locum",
        "home_postcode": "1011",
        "max_distance_km": "30",
    }
    assert post_form(client, "/profile/edit", minimal).status_code == 302
    profile = candidates.get_profile(session=session, user=user)
    assert (
        profile is not None and profile.children_birth_years == [] and profile.partner_work is None
    )


def test_profile_errors_are_shown_per_field(client: FlaskClient, session: Session) -> None:
    """Bad birth years, unknown postcode and a missing search area are field errors."""
    user = create_user(session, Role.CANDIDATE)
    login(client, user.email)
    bad = {**FORM, "children_birth_years": "twee", "home_postcode": "1000"}
    html = post_form(client, "/profile/edit", bad).get_data(as_text=True)
    assert "Geef geboortejaren als getallen" in html and "Deze postcode kennen we niet." in html
    no_area = {**FORM, "max_distance_km": "", "search_regions": []}
    html = post_form(client, "/profile/edit", no_area).get_data(as_text=True)
    assert "Geef een maximale afstand of kies minstens één regio." in html
    assert candidates.get_profile(session=session, user=user) is None


def test_edit_form_is_prefilled(client: FlaskClient, session: Session) -> None:
    """Editing shows the saved values, children as a list of years."""
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user)
    login(client, user.email)
    html = client.get("/profile/edit").get_data(as_text=True)
    assert 'value="2021, 2024"' in html and 'value="3512"' in html


def test_duo_invitation_through_the_web(app, session: Session) -> None:
    """Anna invites Bram; Bram accepts; both pages show the duo."""
    anna_user = create_user(session, Role.CANDIDATE, email="anna@example.org")
    create_candidate(session, user=anna_user, display_name="Anna")
    bram_user = create_user(session, Role.CANDIDATE, email="bram@example.org")
    create_candidate(session, user=bram_user, display_name="Bram")
    anna, bram = app.test_client(), app.test_client()
    login(anna, "anna@example.org")
    login(bram, "bram@example.org")
    post_form(anna, "/profile/duo/invite", {"email": "bram@example.org"}, token_page="/profile")
    assert "Uitnodiging wacht op antwoord: bram@example.org" in anna.get("/profile").get_data(
        as_text=True
    )
    page = bram.get("/profile").get_data(as_text=True)
    assert "Anna nodigt u uit" in page
    ((invitation, _),) = candidates.invitations_for(session=session, user=bram_user)
    post_form(bram, f"/profile/duo/{invitation.id}/accept", {}, token_page="/profile")
    assert "U zoekt samen met Anna." in bram.get("/profile").get_data(as_text=True)
    assert "U zoekt samen met Bram." in anna.get("/profile").get_data(as_text=True)


def test_answering_someone_elses_invitation_is_404(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """An invitation addressed to another candidate cannot be accepted."""
    anna = create_candidate(session)
    with app.app_context():  # the invitation emails the address
        invitation = candidates.invite_duo(
            session=session, profile=anna, email="target@example.org"
        )
    intruder = create_user(session, Role.CANDIDATE)
    login(client, intruder.email)
    response = client.post(
        f"/profile/duo/{invitation.id}/accept", data={"csrf_token": csrf_token(client, "/profile")}
    )
    assert response.status_code == 404
    session.refresh(invitation)
    assert invitation.status == "pending"


def test_holders_cannot_open_candidate_profile(client: FlaskClient, session: Session) -> None:
    """The profile pages are for candidates only."""
    login(client, create_user(session, Role.HOLDER).email)
    assert client.get("/profile").status_code == 403
    assert client.get("/profile/edit").status_code == 403
