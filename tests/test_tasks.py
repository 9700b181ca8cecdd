"""The periodic tasks run the same services as the commands, through the app they are given."""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session, select

from matchmaker import tasks
from matchmaker.models import OutboxMessage
from tests.factories import create_candidate, create_practice


def test_tasks_run_inline_in_tests() -> None:
    """The suite never needs a consumer: tasks run immediately."""
    assert tasks.huey.immediate


def test_weekly_digest_task_queues_and_delivers(app: Flask, session: Session) -> None:
    """The Monday task queues digests and hands them to delivery."""
    app.config["DIGEST_MIN_SCORE"] = 0.5
    create_candidate(session, digest_opt_in=True)
    create_practice(session, postcode="3511", goodwill_min=None, goodwill_max=None)
    with app.app_context():
        assert tasks.weekly_digest.call_local() == 1
    (mail,) = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "digest")).all()
    assert mail.status == "sent"  # delivered by the console transport in tests
    assert "http://localhost/matches" in mail.body_text


def test_daily_tasks_run(app: Flask, session: Session) -> None:
    """Reminders and clean-up run without a request."""
    with app.app_context():
        assert tasks.event_reminders.call_local() == 0
        assert tasks.expire_old_data.call_local() == (0, 0)
        assert tasks.retry_mail.call_local() == 0
