"""Emails to people, in their own language, queued in the outbox."""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context, render_template
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlmodel import Session

from matchmaker.models import User
from matchmaker.services import outbox

SUBJECTS = {
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
    "verify_email": lambda ctx: _("Confirm your email address"),
    "account_exists": lambda ctx: _("You already have an account"),
    "password_reset": lambda ctx: _("Choose a new password"),
    "activation": lambda ctx: _("Your account at matchmaker is ready to activate"),
    "digest": lambda ctx: ngettext(
        "%(num)d new match for you", "%(num)d new matches for you", len(ctx["items"])
    ),
}


def notify(*, session: Session, kind: str, to: User, **context: Any) -> None:
    """Render ``kind`` in the recipient's language and queue it."""
    with force_locale(to.locale or "nl"):
        ctx = {"recipient": to, **context}
        subject = str(SUBJECTS[kind](ctx))
        text = render_template(f"email/{kind}.txt", **ctx)
        html = render_template(f"email/{kind}.html", subject=subject, **ctx)
    outbox.queue(
        session=session,
        kind=kind,
        to=to.email,
        subject=subject,
        text=text,
        html=html,
        locale=to.locale or "nl",
    )
    if has_request_context():
        g.mail_queued = True
