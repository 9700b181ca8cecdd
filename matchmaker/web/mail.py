"""Deliver queued email after the response (through the task queue), never inside a request."""

from __future__ import annotations

import logging

from flask import Flask, current_app, g

from matchmaker.extensions import db
from matchmaker.services import outbox

log = logging.getLogger(__name__)


def deliver_now(app: Flask) -> outbox.DeliveryReport:
    """Send what is due, in a fresh app context and session."""
    with app.app_context():
        return outbox.deliver_pending(
            session=db.session,
            transport=outbox.transport_from_config(app.config),
            mail_from=app.config["MAIL_FROM"],
        )


def register(app: Flask) -> None:
    """Hand delivery to the task queue after any request that queued email."""

    @app.teardown_request
    def _after(_exc: BaseException | None) -> None:
        if g.pop("mail_queued", False) and current_app.config["MAIL_DELIVERY"] == "background":
            from matchmaker import tasks

            try:
                tasks.deliver_mail()
            except Exception:  # a broken queue must never break a page: the retry task runs
                log.exception("could not enqueue email delivery")
