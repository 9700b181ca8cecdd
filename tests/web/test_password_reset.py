"""Forgot password: same answer for every address, a one-hour single-use link, sessions end."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.models import OutboxMessage
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_user

NEW = "Een nieuw en lang wachtwoord 7"


def _reset_link(session: Session, email: str) -> str:
    mail = session.exec(
        select(OutboxMessage).where(
            OutboxMessage.kind == "password_reset", OutboxMessage.to_email == email
        )
    ).one()
    match = re.search(r"http://localhost(/password/reset/\S+)", mail.body_text)
    assert match
    return match.group(1)


def test_forgot_password_answers_the_same_for_unknown_addresses(
    client: FlaskClient, session: Session
) -> None:
    """The page never tells whether an address has an account; only real ones get mail."""
    user = create_user(session)
    known = post_form(client, "/password/forgot", {"email": user.email}).get_data(as_text=True)
    unknown = post_form(client, "/password/forgot", {"email": "niemand@example.org"}).get_data(
        as_text=True
    )
    token = re.compile(r'(name="csrf-token" content|name="csrf_token" value)="[^"]*"')

    def same(page: str, email: str) -> str:  # the CSRF token carries the second it was made
        return token.sub(r'\1=""', page.replace(email, "X"))

    assert same(known, user.email) == same(unknown, "niemand@example.org")
    assert [m.to_email for m in session.exec(select(OutboxMessage))] == [user.email]


def test_reset_sets_the_password_ends_sessions_and_works_once(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """After the reset the old session is gone, the new password works, the link is spent."""
    user = create_user(session)
    old_browser = app.test_client()
    login(old_browser, user.email)
    assert old_browser.get("/account").status_code == 200
    post_form(client, "/password/forgot", {"email": user.email})
    path = _reset_link(session, user.email)
    response = post_form(client, path, {"password": NEW, "confirm": NEW})
    assert response.headers["Location"] == "/login"
    assert old_browser.get("/account").status_code == 302
    assert login(client, user.email, NEW).status_code == 302
    assert client.get(path).status_code == 404  # single use: the hash it was tied to changed


def test_reset_link_expires_after_an_hour(client: FlaskClient, session: Session) -> None:
    """A link older than an hour no longer works."""
    import time
    from unittest import mock

    user = create_user(session)
    post_form(client, "/password/forgot", {"email": user.email})
    path = _reset_link(session, user.email)
    later = time.time() + 3601
    with mock.patch("itsdangerous.timed.time.time", return_value=later):
        assert client.get(path).status_code == 404


def test_reset_refuses_a_weak_password(client: FlaskClient, session: Session) -> None:
    """The policy holds on the reset page too."""
    user = create_user(session)
    post_form(client, "/password/forgot", {"email": user.email})
    path = _reset_link(session, user.email)
    page = post_form(client, path, {"password": "password1234", "confirm": "password1234"})
    assert page.status_code == 200 and "te makkelijk te raden" in page.get_data(as_text=True)
    assert csrf_token(client, "/login")
