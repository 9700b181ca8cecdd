"""Security headers and cookie flags."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection
from sqlmodel import Session

from matchmaker import create_app
from matchmaker.config import DEV_SECRET_KEY, ConfigError, ProductionConfig, TestConfig
from matchmaker.db import Database
from tests.conftest import login
from tests.factories import create_user

STRONG_KEY = "Vq3-xT9_pLm2ZrW8nYc4HbK7sJd0aEfG"  # random-looking, as production needs


def _production(**settings: object) -> type[ProductionConfig]:
    """The production configuration on the test database, with ``settings`` on top."""
    base = {
        "DATABASE_URL": TestConfig.DATABASE_URL,
        "SECRET_KEY": STRONG_KEY,
        "PUBLIC_URL": "https://example.org",
        "TRUSTED_HOSTS": ["example.org"],
    }
    return type("Prod", (ProductionConfig,), {**base, **settings})


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        DEV_SECRET_KEY,
        "short-but-not-empty-31-bytes-xx",
        " " * 32,
        "a" * 32,
        "a" * 200,
        "ab" * 32,
        "0123456789" * 4,
    ],
)
def test_production_refuses_a_missing_public_or_short_secret(key: str | None) -> None:
    """Production never signs sessions with a key anyone could know or guess."""

    with pytest.raises(ConfigError, match="MATCHMAKER_SECRET_KEY"):
        create_app(_production(SECRET_KEY=key))


def test_production_accepts_a_random_key() -> None:
    """A key made as the message says starts the app."""
    import secrets

    for key in (secrets.token_urlsafe(48), secrets.token_hex(32)):
        assert create_app(_production(SECRET_KEY=key)).config["ENV"] == "production"


@pytest.mark.parametrize("value", ["prod", "Production", "PRODUCTION", "staging", " production"])
def test_an_unknown_environment_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """A typo in MATCHMAKER_ENV never quietly runs the development settings."""
    from matchmaker.config import config_for_env

    monkeypatch.setenv("MATCHMAKER_ENV", value)
    with pytest.raises(ConfigError, match="MATCHMAKER_ENV"):
        config_for_env()
    with pytest.raises(ConfigError, match="MATCHMAKER_ENV"):
        create_app()


def test_serve_without_a_key_exits_naming_the_variable(tmp_path: Path) -> None:
    """The command line (which `make serve` runs first) stops with a clear message."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_")}
    env.update(MATCHMAKER_ENV="production", MATCHMAKER_DATABASE_URL=f"sqlite:///{tmp_path}/x.db")
    done = subprocess.run(
        [sys.executable, "-m", "matchmaker.cli", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "MATCHMAKER_SECRET_KEY" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "path", ["/", "/practices", "/login", "/api/v1/practices", "/healthz", "/nope"]
)
def test_security_headers_on_every_response(client: FlaskClient, path: str) -> None:
    """CSP allows only this host and no inline script; framing and sniffing are off."""
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_session_cookie_is_httponly_and_lax(client: FlaskClient, session: Session) -> None:
    """The session cookie cannot be read by scripts nor sent cross-site on POST."""
    user = create_user(session)
    response = login(client, user.email)
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development runs on plain http://127.0.0.1


def test_production_config_makes_cookies_secure() -> None:
    """In production the session cookie is Secure and HTTPS is enforced."""

    app = create_app(_production())
    assert app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/about", base_url="http://example.org")
    assert response.status_code in (301, 302)
    assert response.headers["Location"].startswith("https://")


def test_pages_load_nothing_from_other_hosts(client: FlaskClient) -> None:
    """No src/href in rendered pages points at another host: the app works offline."""
    import re

    for path in ("/", "/practices", "/login", "/register", "/about"):
        html = client.get(path).get_data(as_text=True)
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
        assert external == [], (path, external)


def test_production_refuses_a_public_url_that_is_not_https() -> None:
    """Email links and trusted hosts come from the public URL, so production must name it."""

    with pytest.raises(ConfigError, match="MATCHMAKER_PUBLIC_URL"):
        create_app(_production(PUBLIC_URL="http://127.0.0.1:5000"))


def test_unknown_host_header_is_refused(client: FlaskClient) -> None:
    """A forged Host never reaches a page (so it can never reach an email either)."""
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/login", headers={"Host": "localhost"}).status_code == 200


def test_email_links_use_the_public_url_not_the_host(app, session: Session) -> None:
    """An email queued during a request links to PUBLIC_URL, whatever Host the request had."""
    from sqlmodel import select

    from matchmaker.models import OutboxMessage, User
    from tests.conftest import csrf_token
    from tests.factories import create_candidate, create_practice

    app.config["PUBLIC_URL"] = "https://matchmaker.example.nl"
    client = app.test_client()  # requests arrive with Host: localhost
    practice = create_practice(session)
    user = session.get(User, create_candidate(session).user_id)
    assert user is not None
    login(client, user.email)
    token = csrf_token(client, "/matches")
    client.post(
        "/introductions", data={"practice_id": practice.id, "message": "Hallo", "csrf_token": token}
    )
    mail = session.exec(select(OutboxMessage)).one()
    assert "https://matchmaker.example.nl/introductions" in mail.body_text
    assert "localhost" not in mail.body_text + mail.body_html


def _failed_logins_from(client: FlaskClient, addresses: list[str]) -> list[int]:
    codes = []
    for n, address in enumerate(addresses):
        response = client.post(
            "/login",
            data={"email": f"nobody{n}@example.org", "password": "x", "csrf_token": "x"},
            headers={"X-Forwarded-For": address},
        )
        codes.append(response.status_code)
    return codes


def _bound_app(connection: Connection, **settings: object) -> Flask:
    app = create_app(type("Custom", (TestConfig,), settings))
    Database.state(app).bind = connection
    app.config["WTF_CSRF_ENABLED"] = False
    return app


def test_behind_a_proxy_each_visitor_has_their_own_login_limit(connection: Connection) -> None:
    """With MATCHMAKER_PROXY_HOPS=1 the limit counts the client's address, not the proxy's
    (issue 20, item 11: ten failed logins a minute locked everyone out)."""
    app = _bound_app(connection, PROXY_HOPS="1")
    client = app.test_client()
    many = [f"203.0.113.{n}" for n in range(12)]
    assert 429 not in _failed_logins_from(client, many)
    assert _failed_logins_from(client, ["198.51.100.7"] * 12)[-1] == 429
    assert client.get("/", headers={"X-Forwarded-Host": "evil.example"}).status_code == 400


def test_without_a_proxy_forwarded_headers_are_not_trusted(connection: Connection) -> None:
    """Off by default: a forged X-Forwarded-For does not escape the limit."""
    app = _bound_app(connection)
    codes = _failed_logins_from(app.test_client(), [f"203.0.113.{n}" for n in range(12)])
    assert codes[-1] == 429


@pytest.mark.parametrize("value", ["-1", "6", "two", "１"])
def test_proxy_hops_must_be_a_small_number(value: str) -> None:
    """A wrong MATCHMAKER_PROXY_HOPS stops the app with a message."""
    with pytest.raises(ConfigError, match="MATCHMAKER_PROXY_HOPS"):
        create_app(type("Proxied", (TestConfig,), {"PROXY_HOPS": value}))
