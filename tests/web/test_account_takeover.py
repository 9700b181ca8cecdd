"""Accounts only their owner can enter: confirmation links, pre-registered addresses, codes.

Each test here failed on the code before issue 20: the confirmation link logged in, a
squatter's password and second factor survived the owner's confirmation, and wrong codes
were counted in the session cookie.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, event
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import OutboxMessage, User
from matchmaker.models._common import utcnow
from matchmaker.services import accounts, throttles, two_factor
from tests.conftest import csrf_token, login, post_form
from tests.factories import PASSWORD, create_user

OWNER = "owner@example.org"
SQUATTER_PASSWORD = "squatter-chose-this-one 42"


def _register(client: FlaskClient, email: str, password: str) -> None:
    post_form(
        client,
        "/register",
        {
            "role": "candidate",
            "display_name": "Someone",
            "email": email,
            "password": password,
            "confirm": password,
        },
    )


def _link(session: Session, kind: str, to: str) -> str:
    mails = session.exec(
        select(OutboxMessage).where(OutboxMessage.kind == kind, OutboxMessage.to_email == to)
    ).all()
    found = re.search(r"http://localhost(/\S+)", mails[-1].body_text)
    assert found, f"no link in the {kind} email"
    return found.group(1)


def _user(session: Session, email: str) -> User:
    user = session.exec(select(User).where(User.email == email)).one()
    session.refresh(user)
    return user


def test_the_confirmation_link_never_logs_in_and_works_once(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """Opening the link changes nothing; confirming needs the password, logs nobody in, once."""
    _register(client, OWNER, PASSWORD)
    link = _link(session, "verify_email", OWNER)
    visitor = app.test_client()
    page = visitor.get(link)
    assert page.status_code == 200 and 'name="password"' in page.get_data(as_text=True)
    assert visitor.get("/account").status_code == 302
    assert _user(session, OWNER).email_verified_at is None
    wrong = post_form(visitor, link, {"password": "not-the-password-at-all"})
    assert "Dit wachtwoord klopt niet" in wrong.get_data(as_text=True)
    assert _user(session, OWNER).email_verified_at is None
    done = post_form(visitor, link, {"password": PASSWORD})
    assert done.headers["Location"] == "/login"
    assert _user(session, OWNER).email_verified_at is not None
    assert visitor.get("/account").status_code == 302  # still not logged in
    assert visitor.get(link).status_code == 404  # single use


def test_the_logged_in_owner_confirms_with_a_button(client: FlaskClient, session: Session) -> None:
    """Logged in to the same account, one press confirms and the device stays logged in."""
    _register(client, OWNER, PASSWORD)
    login(client, OWNER, PASSWORD)
    link = _link(session, "verify_email", OWNER)
    assert 'name="password"' not in client.get(link).get_data(as_text=True)
    response = post_form(client, link, {})
    assert response.headers["Location"] == "/profile"
    assert _user(session, OWNER).email_verified_at is not None
    assert client.get("/account").status_code == 200


def test_a_squatter_cannot_keep_an_address_they_registered(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """Registered by someone else: no second factor before confirmation; the owner's reset
    removes the squatter's password, second factor, recovery codes and sessions."""
    squatter = app.test_client()
    _register(squatter, OWNER, SQUATTER_PASSWORD)
    login(squatter, OWNER, SQUATTER_PASSWORD)
    assert squatter.get("/account").status_code == 200  # unconfirmed accounts may log in
    post_form(squatter, "/account/two-factor/start", {}, token_page="/account/two-factor")
    assert _user(session, OWNER).totp_secret is None  # but cannot add a second factor
    # An account from before this rule may have one: the owner's reset removes it too.
    user = _user(session, OWNER)
    user.totp_secret, user.totp_enabled_at = pyotp.random_base32(), utcnow()
    user.recovery_codes = "abc def"
    session.add(user)
    session.commit()

    owner = app.test_client()
    link = _link(session, "verify_email", OWNER)
    refused = post_form(owner, link, {"password": "the owner guesses"})
    assert "Dit wachtwoord klopt niet" in refused.get_data(as_text=True)
    assert _user(session, OWNER).email_verified_at is None
    post_form(owner, "/password/forgot", {"email": OWNER})
    reset = _link(session, "password_reset", OWNER)
    new = "de echte eigenaar kiest dit 7"
    post_form(owner, reset, {"password": new, "confirm": new})

    user = _user(session, OWNER)
    assert user.email_verified_at is not None
    assert user.totp_secret is None and user.totp_enabled_at is None
    assert user.recovery_codes == ""
    assert squatter.get("/account").status_code == 302  # the squatter's session ended
    assert login(squatter, OWNER, SQUATTER_PASSWORD).status_code == 200  # password refused
    assert squatter.get("/account").status_code == 302
    assert login(owner, OWNER, new).headers["Location"] == "/profile"


def test_confirming_ends_sessions_from_before(app: Flask, session: Session) -> None:
    """Sessions opened before the address was confirmed do not survive the confirmation."""
    early = app.test_client()
    _register(early, OWNER, PASSWORD)
    login(early, OWNER, PASSWORD)
    owner = app.test_client()
    post_form(owner, _link(session, "verify_email", OWNER), {"password": PASSWORD})
    assert early.get("/account").status_code == 302


def test_wrong_codes_are_counted_on_the_server(app: Flask, session: Session) -> None:
    """Replaying an older cookie, or a fresh browser, does not reset the count of wrong codes."""
    user = create_user(session, Role.HOLDER)
    secret = pyotp.random_base32()
    user.totp_secret, user.totp_enabled_at = secret, utcnow()
    session.add(user)
    session.commit()
    for _ in range(throttles.FREE_FAILURES):
        browser = app.test_client()  # a new cookie every time
        login(browser, user.email)
        post_form(browser, "/login/code", {"code": "000000"})
    browser = app.test_client()
    login(browser, user.email)
    page = post_form(browser, "/login/code", {"code": pyotp.TOTP(secret).now()})
    assert "Te veel onjuiste codes" in page.get_data(as_text=True)
    assert browser.get("/my/practices").status_code == 302


def test_code_backoff_ends_and_a_right_code_clears_it(session: Session) -> None:
    """The code back-off is the password one: it ends, and a right code forgets the count."""
    user = create_user(session, Role.HOLDER)
    secret = pyotp.random_base32()
    user.totp_secret, user.totp_enabled_at = secret, utcnow()
    now = utcnow()
    for _ in range(throttles.FREE_FAILURES):
        assert not two_factor.verify(session=session, user=user, code="000000", now=now)
    try:
        two_factor.verify(session=session, user=user, code="000000", now=now)
    except throttles.Throttled as exc:
        assert exc.seconds == 1
    else:
        raise AssertionError("a code was checked during the back-off")
    later = now + timedelta(seconds=5)
    assert two_factor.verify(
        session=session, user=user, code=pyotp.TOTP(secret).at(later), now=later
    )
    assert throttles.failures(session=session, key=throttles.code_key(user.id)) == 0
    assert accounts.email_confirmed(user)


@contextmanager
def _statements(connection: Connection) -> Iterator[list[str]]:
    """The kinds of SQL statement (SELECT, INSERT, ...) run on ``connection`` meanwhile."""
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement.split()[0].upper())

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(connection, "before_cursor_execute", record)


def _strip_token(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]+"', "", html)


def test_backoff_answers_alike_for_known_and_unknown_addresses(
    app: Flask, connection: Connection, session: Session
) -> None:
    """After five misses a real and an unknown address get the same page, status and work."""
    user = create_user(session)
    pages, work = [], []
    for n, email in enumerate((user.email, "nobody-here@example.org")):
        browser = app.test_client()
        browser.environ_base["REMOTE_ADDR"] = f"127.0.0.{n + 2}"  # apart from the per-IP limit
        for _ in range(throttles.FREE_FAILURES):
            login(browser, email, "wrong-password-here")
        token = csrf_token(browser)
        with _statements(connection) as seen:
            response = browser.post(
                "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
            )
        html = _strip_token(response.get_data(as_text=True)).replace(email, "ADDRESS")
        pages.append((response.status_code, html))
        work.append(seen)
    assert pages[0] == pages[1]
    assert "Te veel mislukte pogingen voor dit account" in pages[0][1]
    assert work[0] == work[1]


def test_forgot_password_does_the_same_work_for_every_address(
    app: Flask, connection: Connection, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page only queues the email: same page, same statements, known address or not."""
    from matchmaker import tasks

    queued: list[str] = []
    monkeypatch.setattr(tasks, "send_password_reset", queued.append)
    user = create_user(session)
    pages, work = [], []
    for email in (user.email, "nobody-here@example.org"):
        browser = app.test_client()
        token = csrf_token(browser, "/password/forgot")
        with _statements(connection) as seen:
            response = browser.post("/password/forgot", data={"email": email, "csrf_token": token})
        html = _strip_token(response.get_data(as_text=True)).replace(email, "ADDRESS")
        pages.append((response.status_code, html))
        work.append(seen)
    assert pages[0] == pages[1] and work[0] == work[1]
    assert queued == [user.email, "nobody-here@example.org"]


def test_old_back_offs_are_forgotten(session: Session) -> None:
    """The daily purge drops counts nobody touched for a day, and keeps the fresh ones."""
    throttles.fail(session=session, key="login:old", now=utcnow() - timedelta(days=2))
    throttles.fail(session=session, key="login:new")
    assert throttles.purge(session=session) == 1
    assert throttles.failures(session=session, key="login:old") == 0
    assert throttles.failures(session=session, key="login:new") == 1
