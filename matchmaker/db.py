"""Database engine and per-request sessions (SQLModel on SQLAlchemy 2)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

log = logging.getLogger(__name__)

_EXT = "matchmaker.db"


@dataclass
class _State:
    """Engine (created on first use) and what sessions bind to."""

    url: str
    echo: bool = False
    _engine: Engine | None = None
    bind: Engine | Connection | None = field(default=None)

    @property
    def engine(self) -> Engine:
        """Create the engine lazily so apps that never touch the database stay cheap."""
        if self._engine is None:
            self._engine = make_engine(self.url, echo=self.echo)
        return self._engine


# SQLite as a web server's database: readers never wait for writers (WAL), a writer waits
# up to this long for another one instead of failing with "database is locked", and a write
# transaction takes the lock when it begins, so it never has to upgrade a read lock midway
# (an upgrade that loses the race fails at once, whatever the timeout).
SQLITE_BUSY_TIMEOUT_MS = 15_000
_write_intent: ContextVar[bool] = ContextVar("matchmaker_write_intent", default=True)


@contextmanager
def read_only() -> Iterator[None]:
    """Transactions begun inside start as readers (SQLite: deferred, no write lock)."""
    token = _write_intent.set(False)
    try:
        yield
    finally:
        _write_intent.reset(token)


@contextmanager
def writing() -> Iterator[None]:
    """Transactions begun inside start as writers (SQLite: BEGIN IMMEDIATE, so they wait for
    another writer instead of failing when a read turns into a write)."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def set_write_intent(writes: bool) -> Token[bool]:
    """Say whether the current request will write (web: every non-GET request); hand the
    token to ``reset_write_intent`` when the request ends."""
    return _write_intent.set(writes)


def reset_write_intent(token: Token[bool]) -> None:
    """Put back the intent from before ``set_write_intent``: a request run in the caller's
    own thread (a test client) must not leave a reader's intent to what the thread does next."""
    _write_intent.reset(token)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout, foreign keys and SAVEPOINTs."""
    kwargs: dict[str, Any] = {"echo": echo}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        _fix_pysqlite_transactions(engine)
    else:
        engine = create_engine(url, **kwargs)
        _ping_idle_connections(engine)
    _watch_writes(engine)
    return engine


# A pooled connection is tried before use when it has lain idle this long: long enough that a
# busy worker does not pay a round trip on every request (a third of a millisecond of a
# 5 ms page), short enough that a connection the server dropped while it rested (a restart,
# an idle timeout in between) is replaced before a request uses it. A restart takes longer
# than this, so every connection from before it is tried.
PING_AFTER_IDLE_S = 1.0
_IDLE_SINCE = "matchmaker.idle_since"


def _ping_idle_connections(engine: Engine) -> None:
    """SQLAlchemy's pre-ping, only for connections that rested (its documented recipe for
    pessimistic disconnect handling, with the idle time added)."""

    @event.listens_for(engine, "checkin")
    def _resting(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _try(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return  # new, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # the pool replaces it with a new connection
            raise DisconnectionError("the connection did not answer after resting") from exc


_WROTE = "matchmaker.wrote"  # in a connection's info: written to since its last COMMIT/ROLLBACK
_WRITES = re.compile(
    r"\s*(INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE|CREATE|DROP|ALTER|TRUNCATE|COPY|WITH|"
    r"VACUUM|ANALYZE|REINDEX|GRANT|REVOKE|LOCK|CALL|DO)\b",
    re.IGNORECASE,
)


def _watch_writes(engine: Engine) -> None:
    """Note on the connection every statement that may write (any DML, DDL, or a WITH that
    could hold one), until the transaction ends: ``ends_read_only`` reads it."""

    @event.listens_for(engine, "before_cursor_execute")
    def _mark(
        conn: Connection, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool
    ) -> None:
        dml = context is not None and (context.isinsert or context.isupdate or context.isdelete)
        if dml or _WRITES.match(statement):
            conn.info[_WROTE] = True

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _clear(conn: Connection) -> None:
        conn.info.pop(_WROTE, None)


def ends_read_only(session: Session) -> bool:
    """Whether the session's open transaction wrote nothing: no pending objects, no flush and
    no statement that may write went to the database since it began."""
    if not session.in_transaction() or session.new or session.dirty or session.deleted:
        return False
    return not session.connection().info.get(_WROTE)


def _fix_pysqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy emit BEGIN itself (pysqlite's own handling breaks SAVEPOINT)."""

    memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


def bind_key(session: Session) -> str:
    """The database URL a session talks to (keys for per-database caches)."""
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    return str(engine.url)


class Database:
    """Flask extension giving each app context one ``Session``."""

    def init_app(self, app: Flask) -> None:
        """Register the database state and the session teardown on ``app``."""
        app.extensions[_EXT] = _State(url=app.config["DATABASE_URL"], echo=app.config["SQL_ECHO"])
        app.teardown_appcontext(self._close)

    @staticmethod
    def state(app: Flask | None = None) -> _State:
        """The database state of ``app`` (default: the current app)."""
        return (app or current_app).extensions[_EXT]

    @property
    def engine(self) -> Engine:
        """The current app's engine."""
        return self.state().engine

    @property
    def session(self) -> Session:
        """The session of the current app context, opened on first use."""
        if "db_session" not in g:
            state = self.state()
            g.db_session = Session(
                bind=state.bind or state.engine,
                expire_on_commit=False,
                join_transaction_mode="create_savepoint",
            )
        return g.db_session

    @staticmethod
    def _close(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is None:
            return
        try:
            if _exc is None and ends_read_only(session):
                # Nothing was written: COMMIT ends the transaction as ROLLBACK would, and
                # keeps the statements psycopg prepared on the connection (a ROLLBACK drops
                # them all, so the queries every request runs were parsed and planned anew).
                session.commit()
            session.close()  # rolls back what was not committed
        except SQLAlchemyError as exc:
            # The database went away under the request (a fast shutdown): the ROLLBACK
            # fails too. The answer (the 503 page) is made already; drop the connection
            # instead of turning it into a bare 500.
            log.warning("closing the session failed: %s", type(exc).__name__)
            session.invalidate()


db = Database()
