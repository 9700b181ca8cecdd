"""A lost database answers a friendly 503 with Retry-After, and the app recovers by itself."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.db import Database
from matchmaker.extensions import db


def _app(tmp_path: Path):
    folder = tmp_path / "gone"

    class Outage(TestConfig):
        DATABASE_URL = f"sqlite:///{folder / 'db.sqlite'}"  # the folder does not exist yet

    return create_app(Outage), folder


def test_pages_answer_503_while_the_database_is_gone_and_recover(tmp_path: Path) -> None:
    """HTML gets the friendly page, the API JSON; both say when to retry; then all works."""
    app, folder = _app(tmp_path)
    client = app.test_client()
    page = client.get("/practices")
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "30"
    assert "Zo weer terug" in page.get_data(as_text=True)
    api = client.get("/api/v1/practices")
    assert api.status_code == 503 and api.get_json()["error"] == "service unavailable"
    assert client.get("/healthz").status_code == 503

    folder.mkdir()
    SQLModel.metadata.create_all(Database.state(app).engine)
    assert client.get("/practices").status_code == 200
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


def test_the_500_page_renders_without_the_database(tmp_path: Path) -> None:
    """An unexpected error after a database failure still gets the site's own error page."""
    app, _folder = _app(tmp_path)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("unexpected")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Er ging iets mis" in html and "<html" in html


def _dying_app(tmp_path: Path, *, fail: bool) -> Flask:
    """An app on its own SQLite file with a page whose connection dies under it; with
    ``fail`` the page then fails as a lost server makes it fail, else it answers."""
    folder = tmp_path / "db"
    folder.mkdir()

    class Dying(TestConfig):
        DATABASE_URL = f"sqlite:///{folder / 'db.sqlite'}"

    app = create_app(Dying)
    SQLModel.metadata.create_all(Database.state(app).engine)

    @app.get("/dies")
    def dies() -> str:
        session = db.session
        session.execute(text("SELECT 1"))  # a transaction holds a real connection
        session.connection().connection.dbapi_connection.close()  # type: ignore[union-attr]
        if fail:
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        return "made"

    return app


def test_a_database_dying_under_a_request_still_gets_the_503_page(tmp_path: Path) -> None:
    """When the connection dies mid-request the ROLLBACK at teardown fails too; the person
    still gets the 503 page, not a bare 500 (issue 20, item 12: a PostgreSQL fast shutdown)."""
    app = _dying_app(tmp_path, fail=True)
    response = app.test_client().get("/dies")
    assert response.status_code == 503
    assert "Zo weer terug" in response.get_data(as_text=True)
    assert app.test_client().get("/practices").status_code == 200  # and it recovers


def test_a_database_dying_before_teardown_does_not_break_the_answer(tmp_path: Path) -> None:
    """The page was made, then the database went: the failing ROLLBACK at teardown is logged,
    not turned into a bare 500."""
    app = _dying_app(tmp_path, fail=False)
    response = app.test_client().get("/dies")
    assert response.status_code == 200 and response.get_data(as_text=True) == "made"
    assert app.test_client().get("/practices").status_code == 200
