"""The periodic tasks run the same services as the commands, through the app they are given."""

from __future__ import annotations

import pytest
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


def test_a_task_run_from_a_page_that_only_read_begins_as_a_writer(
    app: Flask, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GET's teardown runs tasks inline (immediate mode) with the page's reader intent; the
    task must still begin its transactions as a writer (SQLite: BEGIN IMMEDIATE), or its first
    write fails at once when another writer got there first ("database is locked" in the
    takeover journey)."""
    from matchmaker import db as database
    from matchmaker.services.alerts import sender

    intent: list[bool] = []
    monkeypatch.setattr(
        sender, "raise_alerts", lambda **_kw: intent.append(database._write_intent.get()) or 0
    )
    with app.app_context(), database.read_only():
        tasks.listing_alerts.call_local(create_practice(session).id)
        assert database._write_intent.get() is False  # the page's own intent is left alone
    assert intent == [True]


def test_a_page_leaves_the_threads_write_intent_as_it_found_it(app: Flask) -> None:
    """A page asked through the test client runs in the caller's thread: its reader intent
    must end with it, or the caller's next transaction begins as a reader and its first write
    fails at once on SQLite when another writer came first (the browser journeys' set-up)."""
    from matchmaker import db as database

    assert database._write_intent.get() is True
    assert app.test_client().get("/about").status_code == 200
    assert database._write_intent.get() is True
