"""Sessions end when they should: logout, password change, and every copy of the cookie."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.models import User
from tests.conftest import csrf_token, login, post_form
from tests.factories import PASSWORD, create_user


def _copy(app: Flask, client: FlaskClient, *names: str) -> FlaskClient:
    """A second browser holding copies of ``client``'s cookies."""
    thief = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        thief.set_cookie(name, cookie.value)
    return thief


def _logged_in(client: FlaskClient) -> bool:
    return client.get("/account").status_code == 200


def test_a_cookie_copied_before_logout_is_refused_after_it(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """Logout rotates the account's session token, so a stolen session cookie dies with it."""
    user = create_user(session)
    login(client, user.email)
    thief = _copy(app, client, "session")
    assert _logged_in(thief)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/account")})
    assert not _logged_in(client)
    assert not _logged_in(thief)


def test_a_remember_cookie_lasts_30_days_and_dies_at_logout(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """Remember-me is 30 days, not a year, and logout ends it on every device."""
    user = create_user(session)
    response = client.post(
        "/login",
        data={
            "email": user.email,
            "password": PASSWORD,
            "remember": "y",
            "csrf_token": csrf_token(client),
        },
    )
    header = next(h for h in response.headers.getlist("Set-Cookie") if "remember_token=" in h)
    expires = parsedate_to_datetime(header.split("Expires=")[1].split(";")[0])
    assert abs(expires - (datetime.now(UTC) + timedelta(days=30))) < timedelta(minutes=5)
    device = _copy(app, client, "remember_token")
    assert _logged_in(device)  # the remember cookie alone logs in
    other = app.test_client()
    login(other, user.email)
    other.post("/logout", data={"csrf_token": csrf_token(other, "/account")})
    assert not _logged_in(_copy(app, client, "remember_token"))


def test_password_change_ends_other_sessions_but_keeps_this_one(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """After a password change a copied cookie is refused; the changer stays logged in."""
    user = create_user(session)
    login(client, user.email)
    thief = _copy(app, client, "session")
    response = post_form(
        client,
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "a new and long passphrase 42",
            "confirm": "a new and long passphrase 42",
        },
    )
    assert response.status_code == 302
    assert _logged_in(client)
    assert not _logged_in(thief)


def test_sessions_carry_a_token_not_the_user_id(client: FlaskClient, session: Session) -> None:
    """The session identifies the account by its rotating token, never by its row id."""
    user = create_user(session)
    login(client, user.email)
    with client.session_transaction() as cookie_session:
        assert cookie_session["_user_id"] == user.session_token
    assert session.get(User, user.id) is not None
