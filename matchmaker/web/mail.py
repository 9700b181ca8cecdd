"""Deliver queued email after the response, so sending never slows or breaks a request."""

from __future__ import annotations

import logging
import threading

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


def _deliver_in_background(app: Flask) -> None:
    try:
        deliver_now(app)
    except Exception:  # a broken mail server must never take the app down
        log.exception("email delivery failed")


def register(app: Flask) -> None:
    """Start a delivery thread after any request that queued email."""

    @app.teardown_request
    def _after(_exc: BaseException | None) -> None:
        if g.pop("mail_queued", False) and current_app.config["MAIL_DELIVERY"] == "background":
            real_app = current_app._get_current_object()  # type: ignore[attr-defined]
            threading.Thread(target=_deliver_in_background, args=(real_app,), daemon=True).start()
