"""Register, log in, log out, change password, CSRF and login rate limits."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import OutboxMessage
from matchmaker.services import accounts
from tests.conftest import csrf_token, login, post_form
from tests.factories import PASSWORD, create_user

GOOD = {
    "role": "holder",
    "display_name": "Dr. Jansen",
    "email": "jansen@example.org",
    "password": "een-lang-wachtwoord",
    "confirm": "een-lang-wachtwoord",
}


def test_register_holder_confirms_email_and_lands_on_listings(
    client: FlaskClient, session: Session
) -> None:
    """A new holder is stored unconfirmed; the emailed link confirms with the password."""
    response = post_form(client, "/register", GOOD)
    assert response.status_code == 200
    assert "jansen@example.org" in response.get_data(as_text=True)
    user = accounts.find_user(session=session, email="jansen@example.org")
    assert user is not None and user.role == "holder" and user.email_verified_at is None
    assert user.password_hash != GOOD["password"]
    assert client.get("/my/practices").status_code == 302  # not logged in by registering
    mail = session.exec(select(OutboxMessage).where(OutboxMessage.to_email == user.email)).one()
    link = re.search(r"http://localhost(/account/verify/\S+)", mail.body_text)
    assert mail.kind == "verify_email" and link
    assert "Wachtwoord" in client.get(link.group(1)).get_data(as_text=True)
    session.refresh(user)
    assert user.email_verified_at is None  # opening the link alone changes nothing
    response = post_form(client, link.group(1), {"password": GOOD["password"]})
    assert response.headers["Location"] == "/login"
    session.refresh(user)
    assert user.email_verified_at is not None
    assert client.get("/my/practices").status_code == 302  # confirming is not a login
    login(client, GOOD["email"], GOOD["password"])
    assert "Dr. Jansen" in client.get("/my/practices").get_data(as_text=True)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"email": "geen-email"}, "Ongeldig e-mailadres."),
        ({"password": "kort", "confirm": "kort"}, "Gebruik minstens 12 tekens."),
        ({"password": "wachtwoord123", "confirm": "wachtwoord123"}, "te makkelijk te raden"),
        ({"confirm": "iets-anders-dan-dat"}, "De wachtwoorden komen niet overeen."),
        ({"role": "admin"}, "Ongeldige keuze."),
        ({"display_name": ""}, "Dit veld is vereist."),
    ],
)
def test_register_validation_errors_store_nothing(
    client: FlaskClient, session: Session, override: dict[str, str], message: str
) -> None:
    """Bad registrations re-render the form with a field error and create no account."""
    response = post_form(client, "/register", {**GOOD, **override})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert accounts.find_user(session=session, email=GOOD["email"]) is None


def test_register_never_reveals_an_existing_account(client: FlaskClient, session: Session) -> None:
    """A taken address gets the same answer as a new one; its owner is told by email."""
    owner = create_user(session, email="jansen@example.org")
    taken = post_form(client, "/register", GOOD).get_data(as_text=True)
    fresh = post_form(client, "/register", {**GOOD, "email": "nieuw@example.org"}).get_data(
        as_text=True
    )
    assert taken.replace("jansen@example.org", "X") == fresh.replace("nieuw@example.org", "X")
    mail = session.exec(select(OutboxMessage).where(OutboxMessage.to_email == owner.email)).one()
    assert mail.kind == "account_exists" and "/password/forgot" in mail.body_text
    session.refresh(owner)
    assert owner.display_name != "Dr. Jansen"  # nothing about the account changed


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (Role.HOLDER, "/my/practices"),
        (Role.CANDIDATE, "/profile"),
        (Role.RECRUITER, "/recruiter"),
        (Role.ADMIN, "/admin"),
    ],
)
def test_login_redirects_each_role_home(
    client: FlaskClient, session: Session, role: Role, landing: str
) -> None:
    """Each role lands on its own start page after logging in."""
    user = create_user(session, role)
    response = login(client, user.email)
    assert response.status_code == 302 and response.headers["Location"] == landing


def test_login_honours_local_next_but_not_external(client: FlaskClient, session: Session) -> None:
    """?next= may send you back inside the site, never to another host."""
    user = create_user(session, Role.HOLDER)
    token = csrf_token(client)
    ok = client.post(
        "/login?next=/practices",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
    )
    assert ok.headers["Location"] == "/practices"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/practices")})
    evil = client.post(
        "/login?next=//evil.example/x",
        data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert evil.headers["Location"] == "/my/practices"


def test_wrong_password_shows_message(client: FlaskClient, session: Session) -> None:
    """A failed login says so without revealing which part was wrong."""
    user = create_user(session)
    response = login(client, user.email, "not-the-password")
    assert response.status_code == 200
    assert "E-mailadres of wachtwoord klopt niet." in response.get_data(as_text=True)


def test_login_post_without_csrf_token_is_400(client: FlaskClient, session: Session) -> None:
    """State-changing forms need the CSRF token."""
    user = create_user(session)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.get_data(as_text=True)
    assert client.get("/api/v1/me").status_code == 401


def test_logout_requires_post_and_ends_session(client: FlaskClient, session: Session) -> None:
    """GET /logout is not allowed; POST with token logs out."""
    user = create_user(session)
    login(client, user.email)
    assert client.get("/logout").status_code == 405
    assert client.get("/api/v1/me").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get("/api/v1/me").status_code == 401


def test_repeated_wrong_passwords_get_429(client: FlaskClient, session: Session) -> None:
    """After ten failures in a minute from one address the login answers 429."""
    user = create_user(session)
    token = csrf_token(client)
    codes = [
        client.post(
            "/login", data={"email": user.email, "password": f"wrong-{i}", "csrf_token": token}
        ).status_code
        for i in range(12)
    ]
    assert codes[:10] == [200] * 10
    assert codes[10:] == [429, 429]
    blocked = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert blocked.status_code == 429
    assert "Te veel pogingen" in blocked.get_data(as_text=True)


def test_account_limit_holds_across_addresses(app, session: Session) -> None:
    """Guessing one account's password from many addresses is limited too."""
    user = create_user(session)
    codes = []
    for i in range(11):
        c = app.test_client()
        c.environ_base["REMOTE_ADDR"] = f"10.0.0.{i + 1}"
        codes.append(login(c, user.email, "wrong-guess").status_code)
    assert codes[-1] == 429 and codes[:10] == [200] * 10


def test_successful_logins_do_not_count_towards_the_limit(
    client: FlaskClient, session: Session
) -> None:
    """Only failures are counted."""
    user = create_user(session)
    for _ in range(12):
        assert login(client, user.email).status_code == 302
        client.post("/logout", data={"csrf_token": csrf_token(client, "/")})


def test_change_password_flow(client: FlaskClient, session: Session) -> None:
    """Changing the password needs the current one; afterwards the new one works."""
    user = create_user(session)
    login(client, user.email)
    wrong = post_form(
        client,
        "/account/password",
        {
            "current_password": "nope",
            "new_password": "nieuw-wachtwoord-1",
            "confirm": "nieuw-wachtwoord-1",
        },
    )
    assert "Uw huidige wachtwoord klopt niet." in wrong.get_data(as_text=True)
    ok = post_form(
        client,
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "nieuw-wachtwoord-1",
            "confirm": "nieuw-wachtwoord-1",
        },
    )
    assert ok.status_code == 302
    session.refresh(user)
    assert accounts.verify_password(user, "nieuw-wachtwoord-1")


def test_pages_for_logged_in_users_redirect_anonymous_to_login(client: FlaskClient) -> None:
    """Private pages send anonymous visitors to the login form with ?next."""
    for path in (
        "/my/practices",
        "/my/practices/new",
        "/profile",
        "/profile/edit",
        "/recruiter",
        "/account/password",
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"/login?next={path}")
