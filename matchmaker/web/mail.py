"""Email in the web layer: how messages look (templates, translations, links), and their
delivery after the response (through the task queue), never inside a request."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from typing import Any

from flask import Flask, current_app, g, has_request_context, render_template, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from matchmaker.services import notifications
from matchmaker.services.alerts import changes

log = logging.getLogger(__name__)

SUBJECTS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "intro_requested": lambda ctx: _(
        "Request for an introduction: %(title)s", title=ctx["practice_title"]
    ),
    "intro_accepted": lambda ctx: _("Introduction accepted: %(title)s", title=ctx["title"]),
    "pipeline_alert": lambda ctx: ngettext(
        "%(num)d practice stops within two years without an introduction",
        "%(num)d practices stop within two years without an introduction",
        len(ctx["entries"]),
    ),
    "campaign_invite": lambda ctx: _("Invitation: %(name)s", name=ctx["campaign"].name),
    "campaign_practice": lambda ctx: _(
        "Your practice takes part in %(name)s", name=ctx["campaign"].name
    ),
    "event_announced": lambda ctx: _("New event: %(title)s", title=ctx["event"].title),
    "event_signup": lambda ctx: _("You are signed up: %(title)s", title=ctx["event"].title),
    "event_reminder": lambda ctx: _("Tomorrow: %(title)s", title=ctx["event"].title),
    "event_cancelled": lambda ctx: _("Cancelled: %(title)s", title=ctx["event"].title),
    "event_changed": lambda ctx: _("Changed: %(title)s", title=ctx["event"].title),
    "listing_imported": lambda ctx: _("A draft listing of your practice on matchmaker"),
    "verify_email": lambda ctx: _("Confirm your email address"),
    "account_exists": lambda ctx: _("You already have an account"),
    "password_reset": lambda ctx: _("Choose a new password"),
    "activation": lambda ctx: _("Your account at matchmaker is ready to activate"),
    "duo_invitation": lambda ctx: _(
        "%(name)s invites you to apply as a duo", name=ctx["inviter_name"]
    ),
    "round_proposal": lambda ctx: _(
        "A match round proposes a pair: %(name)s", name=ctx["campaign_name"]
    ),
    "step_recorded": lambda ctx: _(
        "A new step in your introduction: %(title)s", title=ctx["title"]
    ),
    "message": lambda ctx: _(
        "New message from %(name)s: %(title)s", name=ctx["sender"], title=ctx["title"]
    ),
    "duo_ended": lambda ctx: _("Your duo on matchmaker has ended"),
    "mutual_interest": lambda ctx: _("Mutual interest: %(title)s", title=ctx["title"]),
    "search_alert": lambda ctx: _("New listing for your search: %(title)s", title=ctx["title"]),
    "search_digest": lambda ctx: ngettext(
        "%(num)d new listing for your saved searches",
        "%(num)d new listings for your saved searches",
        len(ctx["items"]),
    ),
    "digest": lambda ctx: ngettext(
        "%(num)d new match for you", "%(num)d new matches for you", len(ctx["items"])
    ),
}


def render_mail(kind: str, locale: str, context: Mapping[str, Any]) -> notifications.Rendered:
    """Subject, text and HTML of ``kind`` in ``locale``.

    Links in emails are absolute: outside a request (CLI, worker) the public URL stands in.
    """
    app = current_app
    request = (
        nullcontext()
        if has_request_context()
        else app.test_request_context(base_url=app.config["PUBLIC_URL"])
    )
    with request, force_locale(locale):
        subject = str(SUBJECTS[kind](context))
        token = context.get("unsubscribe_token")
        unsubscribe = (
            url_for("searches.unsubscribe", token=token, _external=True) if token else None
        )
        return notifications.Rendered(
            subject=subject,
            text=render_template(f"email/{kind}.txt", unsubscribe_url=unsubscribe, **context),
            html=render_template(
                f"email/{kind}.html", subject=subject, unsubscribe_url=unsubscribe, **context
            ),
            unsubscribe_url=unsubscribe,
        )


def _queued() -> bool:
    """Whether this request's session queued email (without opening a session)."""
    session = g.get("db_session")
    return session is not None and bool(session.info.pop(notifications.MAIL_QUEUED, False))


def _changed_listings() -> dict[int, dict[str, Any] | None]:
    """Public listings this request published or changed, with how each was before (for
    saved-search alerts: only news alerts)."""
    session = g.get("db_session")
    return changes.take_changed(session) if session is not None else {}


def register(app: Flask) -> None:
    """Render email with the app's templates; hand delivery to the task queue after any
    request that queued email."""
    notifications.use_renderer(render_mail)

    @app.teardown_request
    def _after(exc: BaseException | None) -> None:
        from matchmaker import tasks

        for practice_id, before in (_changed_listings() if exc is None else {}).items():
            try:
                tasks.listing_alerts(practice_id, before)
            except Exception:  # a broken queue must never break a page
                log.exception("could not enqueue listing alerts")
        if not _queued() or current_app.config["MAIL_DELIVERY"] != "background":
            return
        try:
            tasks.deliver_mail()
        except Exception:  # a broken queue must never break a page: the retry task runs
            log.exception("could not enqueue email delivery")
