"""The personal calendar feed: its URL on the account page, renew, revoke, and the feed."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from matchmaker.extensions import limiter
from matchmaker.services import feeds
from matchmaker.web.forms import EmptyForm
from matchmaker.web.helpers import session as db_session
from matchmaker.web.templating import external_url

bp = Blueprint("feeds", __name__)


@bp.post("/account/calendar")
@login_required
def renew() -> Response:
    """A (new) feed URL; the previous one stops working."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    feeds.renew(session=db_session(), user=current_user)
    flash(
        _("Your calendar feed has a new address. Subscribe to it in your calendar app."), "success"
    )
    return redirect(url_for("auth.account", _anchor="calendar"))


@bp.post("/account/calendar/revoke")
@login_required
def revoke() -> Response:
    """No feed any more: calendar apps subscribed to it get nothing from now on."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    feeds.revoke(session=db_session(), user=current_user)
    flash(_("Your calendar feed has been switched off."), "success")
    return redirect(url_for("auth.account", _anchor="calendar"))


@bp.get("/calendar/<token>.ics")
@limiter.limit("120 per hour")  # calendar apps refresh a few times an hour at most
def feed(token: str) -> Response:
    """The feed (no login: the secret in the URL is the key)."""
    body = feeds.feed(
        session=db_session(),
        token=token[:64],
        link=lambda campaign_id: external_url("campaign_invites.home", campaign_id=campaign_id),
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Cache-Control": "private, max-age=900", "X-Robots-Tag": "noindex"},
    )
