"""The notification centre: the bell's page, opening a notification, and preferences."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from matchmaker.services import inbox
from matchmaker.web.forms import EmptyForm
from matchmaker.web.helpers import session as db_session

bp = Blueprint("inbox", __name__)


@bp.get("")
@login_required
def index() -> str:
    """Every recent notification, newest first; unread ones stand out."""
    view = inbox.page(session=db_session(), user=current_user)
    return render_template("inbox/index.html", view=view, form=EmptyForm())


@bp.get("/<int:notification_id>")
@login_required
def open_one(notification_id: int) -> Response:
    """Opening a notification marks it read and goes where one can act on it."""
    link = inbox.open_one(session=db_session(), user=current_user, notification_id=notification_id)
    return redirect(link)


@bp.post("/read")
@login_required
def mark_all_read() -> Response:
    """Everything counts as read."""
    if EmptyForm().validate_on_submit():
        inbox.mark_all_read(session=db_session(), user=current_user)
        flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("inbox.index"))


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences() -> Response | str:
    """Per kind of event: in the app, by email, both or neither."""
    form = EmptyForm()
    if form.validate_on_submit():
        on = {value for value in request.form.getlist("on") if len(value) <= 64}
        inbox.save_preferences(session=db_session(), user=current_user, on=on)
        flash(_("Your notification preferences have been saved."), "success")
        return redirect(url_for("inbox.preferences"))
    return render_template(
        "inbox/preferences.html", prefs=inbox.preferences(current_user), form=form
    )
