"""Background work on huey: email delivery, the weekly digest and alerts, reminders, clean-up.

The queue is an SQLite file under ``instance/`` (no extra service), or Redis when
``MATCHMAKER_REDIS_URL`` is set. ``matchmaker worker`` runs the consumer with the periodic
tasks; ``make run`` and ``make serve`` start one beside the web server. The outbox table stays
the record of what must be sent: a task only delivers what it finds there, so a lost task
loses nothing (the minutely retry picks the rows up). Times are UTC.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, current_app, has_app_context
from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.signals import SIGNAL_COMPLETE, SIGNAL_ERROR
from sqlmodel import Session

from matchmaker.config import ROOT
from matchmaker.db import writing
from matchmaker.extensions import db
from matchmaker.services import outbox

log = logging.getLogger(__name__)
INSTANCE = ROOT / "instance"


def make_huey() -> Huey:
    """Redis when ``MATCHMAKER_REDIS_URL`` is set, else an SQLite file in ``instance/``."""
    immediate = os.environ.get("MATCHMAKER_TASKS_IMMEDIATE", "") in ("1", "true", "yes")
    redis_url = os.environ.get("MATCHMAKER_REDIS_URL")
    if redis_url:
        return RedisHuey("matchmaker", url=redis_url, immediate=immediate)
    if immediate:  # tasks run inline, results kept in memory: no file needed
        return Huey("matchmaker", immediate=True)
    path = Path(os.environ.get("MATCHMAKER_HUEY_FILE") or INSTANCE / "huey.db")
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("matchmaker", filename=str(path))


huey = make_huey()


@huey.signal(SIGNAL_COMPLETE, SIGNAL_ERROR)
def _count_task(signal: str, task: Any, exc: BaseException | None = None) -> None:
    """One JSON log line and one count per task run (its name and outcome only)."""
    from matchmaker import metrics

    metrics.TASKS.labels(task.name, signal).inc()
    log.info("task", extra={"event": "task", "task": task.name, "outcome": signal, "id": task.id})


_worker_app: Flask | None = None


T = TypeVar("T")


def _writes(task: Callable[..., T]) -> Callable[..., T]:
    """Run a task as a writer: it may be run from a page's teardown (immediate mode), and a
    page that only read would otherwise hand it a reader's transaction, whose first write
    fails at once on SQLite when another writer got there first."""

    @functools.wraps(task)
    def run(*args: Any, **kwargs: Any) -> T:
        with writing():
            return task(*args, **kwargs)

    return run


def bind_app(app: Flask) -> None:
    """The app the worker's tasks run in (``matchmaker worker`` binds the one it built)."""
    global _worker_app
    _worker_app = app


def _app() -> Flask:
    """The app of the caller (immediate mode, tests, CLI) or the one the worker bound."""
    if has_app_context():
        return current_app._get_current_object()  # type: ignore[attr-defined]
    if _worker_app is None:
        raise RuntimeError("no app for the task queue: run tasks through `matchmaker worker`")
    return _worker_app


def deliver_now(app: Flask) -> outbox.DeliveryReport:
    """Send what is due, in a fresh app context and session."""
    with app.app_context():
        return outbox.deliver_pending(
            session=db.session,
            transport=outbox.transport_from_config(app.config),
            mail_from=app.config["MAIL_FROM"],
        )


@huey.task()
@_writes
def deliver_mail() -> int:
    """Send what the outbox holds that is due; returns how many went out."""
    return deliver_now(_app()).sent


@huey.periodic_task(crontab(minute="*"))
@_writes
def retry_mail() -> int:
    """Every minute: retries that are due, and rows whose sender died (lease expired)."""
    return deliver_mail.call_local()


def _mailing(job: Callable[[Session, Flask], int]) -> int:
    """Run a job that queues email inside the app, then send."""
    app = _app()
    with app.app_context():
        queued = job(db.session, app)
    deliver_mail()
    return queued


@huey.task()
@_writes
def send_password_reset(email: str) -> int:
    """Email a reset link if the address has an account: off the request path, so the page
    answers in the same time whether it has one or not."""
    from matchmaker.services import registration

    app = _app()
    with app.app_context():
        sent = registration.request_reset(
            session=db.session, email=email, secret=str(app.config["SECRET_KEY"])
        )
    if sent and app.config["MAIL_DELIVERY"] == "background":
        deliver_mail()
    return int(sent)


@huey.task()
@_writes
def listing_alerts(practice_id: int, before: dict[str, Any] | None = None) -> int:
    """Tell the owners of saved searches a published or changed listing newly fits
    (``before``: the listing as it was before the change; None when it was not public)."""
    from matchmaker.services.alerts import sender

    app = _app()
    with app.app_context():
        told = sender.raise_alerts(session=db.session, practice_id=practice_id, before=before)
    if told and app.config["MAIL_DELIVERY"] == "background":
        deliver_mail()
    return told


@huey.task()
@_writes
def record_listing_view(practice_id: int, viewer_id: int, _score: float | None = None) -> None:
    """Count a candidate's view of a listing for its holder's statistics (the score is worked
    out there, as the holder would see it; ``_score`` only lets views queued by an older
    version run)."""
    from matchmaker.services import listing_stats

    def record() -> None:
        listing_stats.record_view(session=db.session, practice_id=practice_id, viewer_id=viewer_id)

    if has_app_context():  # immediate mode: the page's own session, committed by the service
        record()
        return
    with _app().app_context():
        record()


@huey.periodic_task(crontab(hour="7", minute="15"))
@_writes
def daily_search_digests() -> int:
    """Daily: one email per daily saved search with new listings."""
    from matchmaker.domain.alerts import Frequency
    from matchmaker.services.alerts import sender

    return _mailing(
        lambda session, _app: sender.send_digests(session=session, frequency=Frequency.DAILY)
    )


@huey.periodic_task(crontab(day_of_week="1", hour="7", minute="20"))
@_writes
def weekly_search_digests() -> int:
    """Mondays: one email per weekly saved search with new listings."""
    from matchmaker.domain.alerts import Frequency
    from matchmaker.services.alerts import sender

    return _mailing(
        lambda session, _app: sender.send_digests(session=session, frequency=Frequency.WEEKLY)
    )


@huey.periodic_task(crontab(day_of_week="1", hour="6", minute="0"))
@_writes
def weekly_digest() -> int:
    """Mondays: new good matches for candidates who asked for them."""
    from matchmaker.services import digest

    return _mailing(
        lambda session, app: digest.send_weekly(
            session=session, min_score=app.config["DIGEST_MIN_SCORE"]
        )
    )


@huey.periodic_task(crontab(day_of_week="1", hour="6", minute="30"))
@_writes
def weekly_pipeline_alerts() -> int:
    """Mondays: recruiters hear of practices stopping soon without an introduction."""
    from matchmaker.services import pipeline

    return _mailing(lambda session, _app: pipeline.send_alerts(session=session))


@huey.periodic_task(crontab(hour="7", minute="0"))
@_writes
def event_reminders() -> int:
    """Daily: everyone signed up for tomorrow's events gets a reminder."""
    from matchmaker.services import events

    return _mailing(lambda session, _app: events.send_reminders(session=session))


@huey.periodic_task(crontab(hour="7", minute="5"))
@_writes
def takeover_reminders() -> int:
    """Daily: the side doing an overdue step of a takeover file hears of it in the bell."""
    from matchmaker.services.takeover import dossier

    with _app().app_context():
        return dossier.remind_overdue(session=db.session)


@huey.periodic_task(crontab(hour="0", minute="20"))
@_writes
def close_listing_periods() -> int:
    """Daily: the counts of weeks (and blocks of weeks) that ended are written for holders."""
    from matchmaker.services import listing_stats

    with _app().app_context():
        return listing_stats.close_periods(session=db.session)


@huey.periodic_task(crontab(hour="4", minute="10"))
@_writes
def shortage_snapshot() -> int:
    """Daily: keep the shortage index as it stands, so reports can show how it moved."""
    from matchmaker.services import shortage

    with _app().app_context():
        return shortage.record_snapshot(session=db.session)


@huey.periodic_task(crontab(hour="3", minute="30"))
@_writes
def check_offer_links() -> int:
    """Daily: links on offers not checked for a week are asked again; dead ones get flagged."""
    from matchmaker.services import links

    with _app().app_context():
        checked = links.check_offers(session=db.session)
    log.info("checked %d offer links", checked)
    return checked


@huey.periodic_task(crontab(hour="2", minute="15"))
@_writes
def expire_old_data() -> tuple[int, int]:
    """Daily: audit entries past retention, registrations never confirmed, old back-offs and
    cancellations older than calendar feeds keep go."""
    from matchmaker.services import audit, feeds, privacy, throttles

    app = _app()
    with app.app_context():
        purged = audit.purge(session=db.session)
        expired = privacy.expire_unconfirmed(
            session=db.session, attachments=Path(app.config["ATTACHMENT_DIR"])
        )
        throttles.purge(session=db.session)
        feeds.purge(session=db.session)
    log.info("expired %d audit entries and %d unconfirmed registrations", purged, expired)
    return purged, expired
