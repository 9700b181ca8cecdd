"""Fixtures: app, client, runner and a database session, isolated per test.

Each test runs inside one outer transaction on one connection, rolled back at the end;
the app's sessions join it through SAVEPOINTs, so services may commit freely. The database
is in-memory SQLite, or ``MATCHMAKER_TEST_DATABASE_URL`` (PostgreSQL) when set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

# Tasks run inline in tests (no consumer, no queue file); set before the app is imported.
os.environ.setdefault("MATCHMAKER_TASKS_IMMEDIATE", "1")

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Connection, Engine
from sqlmodel import Session, SQLModel

import matchmaker.models  # noqa: F401 - registers the tables
from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.db import Database, make_engine


def _per_worker(url: str) -> str:
    """With pytest-xdist every worker gets a PostgreSQL database of its own (``test_gw0``…),
    made on first use; SQLite is in memory per process anyway."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not url.startswith("postgresql"):
        return url
    from sqlalchemy import create_engine, make_url, text

    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if found.first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


TEST_DATABASE_URL = _per_worker(os.environ.get("MATCHMAKER_TEST_DATABASE_URL", "sqlite://"))


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    """The test database with a fresh schema."""
    engine = make_engine(TEST_DATABASE_URL)
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    yield engine
    SQLModel.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> None:
    """Argon2 at its production cost takes ~0.3 s a hash; tests need correctness, not cost."""
    from argon2 import PasswordHasher

    from matchmaker.services import accounts

    accounts.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(autouse=True)
def _fresh_match_cache() -> Iterator[None]:
    """Rolled-back data must not survive in the per-process feature cache."""
    from matchmaker.services import matching, offers, practices, shortage
    from matchmaker.services.alerts import matcher

    for cache in (matching, offers, practices, shortage, matcher):
        cache.clear_cache()
    yield
    for cache in (matching, offers, practices, shortage, matcher):
        cache.clear_cache()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """One connection in a transaction that is rolled back after the test."""
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    outer.rollback()
    conn.close()


@pytest.fixture
def app(connection: Connection) -> Flask:
    """An app whose sessions run inside the test's transaction."""
    app = create_app(TestConfig)
    Database.state(app).bind = connection
    return app


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    """A session for arranging and checking data, inside the test's transaction."""
    with Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    ) as s:
        yield s


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner for the ``matchmaker`` commands."""
    return app.test_cli_runner()


_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token the client's session gets on ``path``."""
    match = _TOKEN.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: FlaskClient, email: str, password: str = "correct-horse-battery"):
    """Log in through the HTML form, with its CSRF token."""
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": csrf_token(client)}
    )


def post_form(client: FlaskClient, path: str, data: dict[str, object], **kwargs: object):
    """POST a form to ``path`` with the CSRF token of the page at ``path``."""
    token_page = kwargs.pop("token_page", None) or path
    payload = {"csrf_token": csrf_token(client, str(token_page)), **data}
    return client.post(path, data=payload, **kwargs)
