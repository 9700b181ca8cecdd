"""The outbox with leases, and a real huey consumer killed with -9 in the middle of a send."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlmodel import Session, SQLModel, select

from matchmaker.commands import upgrade_database
from matchmaker.db import make_engine
from matchmaker.models import OutboxMessage
from matchmaker.models._common import utcnow
from matchmaker.services import outbox
from tests.mail import _free_port

MAIL_FROM = "matchmaker <no-reply@example.org>"


class _StallFirst:
    """An SMTP server that holds the first message until told to go on."""

    def __init__(self) -> None:
        self.received: list[tuple[str, str]] = []  # (Message-ID, To)
        self.first_arrived = threading.Event()
        self.go_on = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        import email
        from email.policy import default

        message = email.message_from_bytes(envelope.content, policy=default)
        if not self.first_arrived.is_set():
            self.first_arrived.set()
            self.go_on.wait(20)
            return "451 try again later"  # the sender is gone by now: not accepted
        self.received.append((str(message["Message-ID"]), str(message["To"])))
        return "250 OK"


def _queue(session: Session, n: int) -> None:
    for i in range(n):
        outbox.queue(session=session, kind="digest", to=f"p{i}@example.org", subject="s", text="t")
    session.commit()


def test_a_killed_consumer_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    """kill -9 while the consumer is inside an SMTP send: after the lease, each email once."""
    url = f"sqlite:///{tmp_path / 'worker.db'}"
    upgrade_database(url)
    engine = make_engine(url)
    with Session(engine) as session:
        _queue(session, 4)
    handler = _StallFirst()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    env = {
        **os.environ,
        "MATCHMAKER_DATABASE_URL": url,
        "MATCHMAKER_SMTP_HOST": "127.0.0.1",
        "MATCHMAKER_SMTP_PORT": str(port),
        "MATCHMAKER_HUEY_FILE": str(tmp_path / "huey.db"),
        "MATCHMAKER_TASKS_IMMEDIATE": "",
    }
    env.pop("MATCHMAKER_REDIS_URL", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "matchmaker.cli", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert handler.first_arrived.wait(90), "the periodic retry never started sending"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        handler.go_on.set()
        if worker.poll() is None:
            worker.kill()
    with Session(engine) as session:
        statuses = sorted(r.status for r in session.exec(select(OutboxMessage)))
        assert statuses == ["pending"] * 3 + ["sending"]  # the row in flight is still leased
        later = utcnow() + outbox.LEASE + timedelta(seconds=1)
        transport = outbox.SMTPTransport(host="127.0.0.1", port=port)
        report = outbox.deliver_pending(
            session=session, transport=transport, mail_from=MAIL_FROM, now=later
        )
        rows = session.exec(select(OutboxMessage)).all()
    controller.stop()
    assert report.sent == 4
    assert {r.status for r in rows} == {"sent"}
    assert sorted(to for _, to in handler.received) == [f"p{i}@example.org" for i in range(4)]
    assert {mid for mid, _ in handler.received} == {r.message_id for r in rows}
    SQLModel.metadata  # noqa: B018 - the schema came from the migrations above
    engine.dispose()


def test_lease_expiry_fails_after_the_last_attempt(session: Session) -> None:
    """A row abandoned mid-send on its last attempt is marked failed, not retried forever."""
    _queue(session, 1)
    row = session.exec(select(OutboxMessage)).one()
    row.status, row.claimed_at, row.attempts = "sending", utcnow(), outbox.MAX_ATTEMPTS
    session.add(row)
    session.commit()
    assert outbox.release_expired(session=session) == 0  # still within its lease
    later = utcnow() + outbox.LEASE + timedelta(seconds=1)
    assert outbox.release_expired(session=session, now=later) == 1
    session.refresh(row)
    assert row.status == "failed" and outbox.failed_messages(session=session) == [row]


def test_message_id_is_fixed_at_the_first_claim(session: Session) -> None:
    """Retries reuse the Message-ID chosen before the first send."""

    class Broken:
        def send(self, message: Any) -> None:
            raise OSError("down")

    class Keep:
        ids: list[str] = []

        def send(self, message: Any) -> None:
            self.ids.append(str(message["Message-ID"]))

    _queue(session, 1)
    outbox.deliver_pending(session=session, transport=Broken(), mail_from=MAIL_FROM)
    row = session.exec(select(OutboxMessage)).one()
    first = row.message_id
    assert first and row.status == "pending"
    keep = Keep()
    outbox.deliver_pending(
        session=session, transport=keep, mail_from=MAIL_FROM, now=utcnow() + timedelta(hours=1)
    )
    assert keep.ids == [first]
    time.monotonic()
