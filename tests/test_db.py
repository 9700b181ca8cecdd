"""How a request's transaction ends: a request that only read ends with COMMIT (which keeps
the statements psycopg prepared on the connection), anything that may have written without
committing is rolled back as before."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, event, text, update
from sqlmodel import select

from matchmaker import create_app
from matchmaker.db import Database
from matchmaker.extensions import db
from matchmaker.models.data_version import DataVersion
from tests.conftest import TEST_DATABASE_URL, TestConfig


@pytest.fixture
def live(engine: Engine) -> Iterator[Flask]:
    """An app whose sessions commit for real (not inside a test's transaction)."""
    app = create_app(TestConfig)
    Database.state(app).bind = engine
    yield app
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM data_versions WHERE topic LIKE 'probe%'"))


def _ends(engine: Engine, work: Callable[[], Any], app: Flask) -> list[str]:
    """How the app context's transaction ended, with ``work`` done inside it."""
    seen: list[str] = []

    def commit(_conn: Any) -> None:
        seen.append("commit")

    def rollback(_conn: Any) -> None:
        seen.append("rollback")

    event.listen(engine, "commit", commit)
    event.listen(engine, "rollback", rollback)
    try:
        with app.app_context():
            work()
    finally:
        event.remove(engine, "commit", commit)
        event.remove(engine, "rollback", rollback)
    return seen


def _topics(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT topic FROM data_versions")).scalars())


def test_a_request_that_only_read_commits(live: Flask, engine: Engine) -> None:
    """Reading ends with COMMIT, not ROLLBACK."""

    def read() -> None:
        db.session.exec(select(DataVersion)).all()

    assert _ends(engine, read, live) == ["commit"]


@pytest.mark.parametrize("how", ["pending", "flushed", "core update", "raw insert"])
def test_what_was_written_but_not_committed_is_rolled_back(
    live: Flask, engine: Engine, how: str
) -> None:
    """An object added, an object flushed, a Core UPDATE through the session and a raw
    INSERT on its connection: none of them is committed by the end of the request."""
    before = _topics(engine)
    with engine.connect() as conn:
        token = conn.execute(
            select(DataVersion.token).where(DataVersion.topic == "practices")
        ).scalar_one()

    def write() -> None:
        session = db.session
        session.exec(select(DataVersion)).all()
        if how == "pending":
            session.add(DataVersion(topic="probe-pending"))
        elif how == "flushed":
            session.add(DataVersion(topic="probe-flushed"))
            session.flush()
        elif how == "core update":
            session.execute(
                update(DataVersion).where(DataVersion.topic == "practices").values(token=-7)  # type: ignore[arg-type]
            )
        else:
            session.connection().exec_driver_sql(
                "INSERT INTO data_versions (topic, token) VALUES ('probe-raw', 1)"
            )

    assert _ends(engine, write, live) == ["rollback"]
    assert _topics(engine) == before
    with engine.connect() as conn:
        assert (
            conn.execute(
                select(DataVersion.token).where(DataVersion.topic == "practices")
            ).scalar_one()
            == token
        )


def test_a_request_that_failed_is_rolled_back(live: Flask, engine: Engine) -> None:
    """An error ends the transaction with ROLLBACK even when nothing was written."""

    def fail() -> None:
        db.session.exec(select(DataVersion)).all()
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        _ends(engine, fail, live)


@pytest.mark.skipif(
    not TEST_DATABASE_URL.startswith("postgresql"), reason="psycopg's prepared statements"
)
def test_prepared_statements_outlive_the_requests_that_only_read(
    live: Flask, engine: Engine
) -> None:
    """The same query in six requests is prepared once and stays prepared (a ROLLBACK at the
    end of each request threw psycopg's prepared statements away, so none ever was)."""
    query = select(DataVersion.token).where(DataVersion.topic == "practices")
    for _ in range(6):
        with live.app_context():
            db.session.exec(query).all()
    with engine.connect() as conn:
        prepared = conn.execute(
            text("SELECT 1 FROM pg_prepared_statements WHERE statement LIKE '%data_versions%'")
        ).all()
    assert prepared, "the repeated query was never prepared"


_PG_ONLY = pytest.mark.skipif(
    not TEST_DATABASE_URL.startswith("postgresql"), reason="a PostgreSQL server to drop it"
)


@_PG_ONLY
def test_a_connection_the_server_dropped_while_it_rested_is_replaced(monkeypatch: Any) -> None:
    """A pooled connection the server ended (a restart, an idle timeout) is tried when it is
    taken again after resting, and replaced: the request never sees it."""
    from matchmaker import db as database

    monkeypatch.setattr(database, "PING_AFTER_IDLE_S", 0.0)  # every rest is long enough
    engine = database.make_engine(TEST_DATABASE_URL)
    try:
        with engine.connect() as conn:
            dropped = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        admin = database.make_engine(TEST_DATABASE_URL)  # a connection outside that pool
        with admin.begin() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": dropped})
        admin.dispose()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() != dropped
    finally:
        engine.dispose()


@_PG_ONLY
def test_a_connection_used_a_moment_ago_is_not_tried_first(monkeypatch: Any) -> None:
    """A busy worker's connection goes straight back to work; one that rested is tried."""
    from matchmaker import db as database

    engine = database.make_engine(TEST_DATABASE_URL)
    pings: list[object] = []
    real_ping = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(c) or real_ping(c))
    try:
        for _ in range(3):
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        assert pings == []
        monkeypatch.setattr(database, "PING_AFTER_IDLE_S", 0.0)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        assert len(pings) == 1
    finally:
        engine.dispose()
