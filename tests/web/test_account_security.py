"""Login back-off per account, limits on every password check, two-factor login."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.models._common import utcnow
from matchmaker.services import accounts, throttles
from tests.conftest import csrf_token, login, post_form
from tests.factories import PASSWORD, create_user


def test_backoff_doubles_after_a_few_failures(session: Session) -> None:
    """Five misses are free; then each waits twice as long, whatever the password."""
    user = create_user(session)
    key = throttles.login_key(user.email)
    now = utcnow()
    for _ in range(throttles.FREE_FAILURES):
        assert (
            accounts.authenticate(session=session, email=user.email, password="x", now=now) is None
        )
    try:
        accounts.authenticate(session=session, email=user.email, password=PASSWORD, now=now)
    except accounts.LoginThrottled as exc:
        assert exc.seconds == 1
    else:
        raise AssertionError("the right password went through during the back-off")
    later = now + timedelta(seconds=2)
    assert accounts.authenticate(session=session, email=user.email, password="x", now=later) is None
    assert throttles.backoff_seconds(throttles.failures(session=session, key=key)) == 2
    assert throttles.backoff_seconds(40) == throttles.MAX_BACKOFF_SECONDS
    much_later = later + timedelta(seconds=10)
    assert (
        accounts.authenticate(session=session, email=user.email, password=PASSWORD, now=much_later)
        is user
    )
    assert throttles.failures(session=session, key=key) == 0


def test_login_page_says_when_an_account_backs_off(client: FlaskClient, session: Session) -> None:
    """The page tells how long to wait instead of checking the password."""
    user = create_user(session)
    for _ in range(throttles.FREE_FAILURES):
        login(client, user.email, "wrong-password-here")
    html = login(client, user.email).get_data(as_text=True)
    assert "Te veel mislukte pogingen voor dit account" in html
    assert client.get("/account").status_code == 302


def test_password_checks_on_account_pages_are_limited(
    client: FlaskClient, session: Session
) -> None:
    """Guessing the current password on /account/password or /account/delete hits a limit."""
    user = create_user(session)
    login(client, user.email)
    codes = []
    for _ in range(6):
        codes.append(
            post_form(
                client,
                "/account/password",
                {
                    "current_password": "guess-guess-guess",
                    "new_password": "Een nieuw lang wachtwoord 9",
                    "confirm": "Een nieuw lang wachtwoord 9",
                },
            ).status_code
        )
    assert codes[:5] == [200] * 5 and codes[5] == 429
    response = post_form(client, "/account/delete", {"password": "guess"}, token_page="/account")
    assert response.status_code == 429


def _enable_totp(client: FlaskClient, session: Session, email: str) -> str:
    login(client, email)
    post_form(client, "/account/two-factor/start", {}, token_page="/account/two-factor")
    html = client.get("/account/two-factor").get_data(as_text=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', html)
    assert secret and "<svg" in html
    page = post_form(
        client,
        "/account/two-factor/confirm",
        {"code": pyotp.TOTP(secret.group(1)).now()},
        token_page="/account/two-factor",
    )
    assert page.get_data(as_text=True).count("<li><code>") == 10
    return secret.group(1)


def test_totp_login(app: Flask, client: FlaskClient, session: Session) -> None:
    """With TOTP on, the password alone does not log in; the code does."""
    user = create_user(session, Role.RECRUITER)
    secret = _enable_totp(client, session, user.email)
    browser = app.test_client()
    response = login(browser, user.email)
    assert response.headers["Location"] == "/login/code"
    assert browser.get("/recruiter").status_code == 302
    wrong = post_form(browser, "/login/code", {"code": "123456"})
    assert "Deze code klopt niet" in wrong.get_data(as_text=True)
    later = utcnow() + timedelta(seconds=30)  # exactly the next step: within the drift window
    ok = post_form(browser, "/login/code", {"code": pyotp.TOTP(secret).at(later)})
    assert ok.headers["Location"] == "/recruiter"
    assert browser.get("/recruiter").status_code == 200


def test_required_roles_must_set_up_totp_first(app: Flask, session: Session) -> None:
    """Where the role requires it, every page leads to the set-up until TOTP is on."""
    app.config["REQUIRE_2FA_ROLES"] = ("recruiter", "admin")
    user = create_user(session, Role.RECRUITER)
    client = app.test_client()
    login(client, user.email)
    response = client.get("/recruiter")
    assert response.headers["Location"] == "/account/two-factor"
    assert "Uw rol geeft toegang" in client.get("/account/two-factor").get_data(as_text=True)
    assert client.get("/api/v1/me").status_code == 403
    holder = create_user(session, Role.HOLDER)
    other = app.test_client()
    login(other, holder.email)
    assert other.get("/my/practices").status_code == 200


def test_production_requires_totp_for_recruiters_and_admins() -> None:
    """The production configuration names both roles."""
    from matchmaker.config import ProductionConfig

    assert set(ProductionConfig.REQUIRE_2FA_ROLES) == {"recruiter", "admin"}


def test_csrf_token_helper_still_works(client: FlaskClient) -> None:
    """Sanity: the login page carries a CSRF token."""
    assert csrf_token(client)
