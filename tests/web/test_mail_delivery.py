"""Email leaves after the response: background thread and CLI, to a real SMTP server."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import SQLModel, select

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.db import Database
from matchmaker.domain.roles import Role
from matchmaker.extensions import db
from matchmaker.models import OutboxMessage
from tests.conftest import csrf_token, login
from tests.factories import create_candidate, create_practice, create_user
from tests.mail import smtp_server


def _file_app(tmp_path: Path, port: int, delivery: str):
    class FileMail(TestConfig):
        DATABASE_URL = f"sqlite:///{tmp_path / 'mail.db'}"
        MAIL_DELIVERY = delivery
        SMTP_HOST = "127.0.0.1"
        SMTP_PORT = port

    app = create_app(FileMail)
    SQLModel.metadata.create_all(Database.state(app).engine)
    return app


def _request_introduction(app) -> None:
    with app.app_context():
        holder = create_user(db.session, Role.HOLDER)
        practice = create_practice(db.session, owner=holder)
        cand = create_user(db.session, Role.CANDIDATE)
        create_candidate(db.session, user=cand)
        ids = (practice.id, cand.email, holder.email)
    client = app.test_client()
    login(client, ids[1])
    response = client.post(
        "/introductions", data={"practice_id": ids[0], "csrf_token": csrf_token(client, "/matches")}
    )
    assert response.status_code == 302
    return ids[2]


def test_background_delivery_sends_after_the_request(tmp_path: Path) -> None:
    """With background delivery the task queue sends the holder's email after the response
    (inline here: tests run tasks immediately), and the row is marked sent."""
    with smtp_server() as (port, received):
        app = _file_app(tmp_path, port, "background")
        holder_email = _request_introduction(app)
        assert [m["To"] for m in received] == [holder_email]
    with app.app_context():
        assert db.session.exec(select(OutboxMessage.status)).all() == ["sent"]


def test_cli_delivers_queued_mail(tmp_path: Path) -> None:
    """With manual delivery nothing leaves until `matchmaker deliver-mail` runs."""
    with smtp_server() as (port, received):
        app = _file_app(tmp_path, port, "manual")
        _request_introduction(app)
        assert received == []
        result = app.test_cli_runner().invoke(args=["deliver-mail"])
        assert "Sent 1, will retry 0, failed 0." in result.output
        assert len(received) == 1


def test_cli_send_digest(tmp_path: Path) -> None:
    """`matchmaker send-digest` queues digests with absolute links."""
    app = _file_app(tmp_path, 1, "manual")
    with app.app_context():
        user = create_user(db.session, Role.CANDIDATE)
        create_candidate(db.session, user=user, digest_opt_in=True)
        create_practice(db.session, postcode="3511", goodwill_min=None, goodwill_max=None)
    app.config["DIGEST_MIN_SCORE"] = 0.5
    result = app.test_cli_runner().invoke(args=["send-digest"])
    assert "Queued 1 digests." in result.output
    with app.app_context():
        body = db.session.exec(select(OutboxMessage.body_text)).one()
    assert "http://localhost/matches" in body
