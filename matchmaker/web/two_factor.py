"""Two-factor login: enrolment with a QR code, the code step at login, recovery codes."""

from __future__ import annotations

from typing import Any

import segno
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from matchmaker.domain.errors import DomainError
from matchmaker.extensions import limiter
from matchmaker.services import accounts, throttles, two_factor
from matchmaker.web.forms import CodeForm, DeleteAccountForm, EmptyForm
from matchmaker.web.helpers import apply_issues, redirect_target
from matchmaker.web.helpers import session as db_session
from matchmaker.web.labels import issue_text

bp = Blueprint("two_factor", __name__)

PENDING = "2fa_pending"  # the session key between password and code
ALWAYS_ALLOWED = frozenset(
    {
        "static",
        "auth.logout",
        "main.language",
        "two_factor.setup",
        "two_factor.start",
        "two_factor.confirm",
    }
)


def begin(user: Any, *, remember: bool, target: str) -> Response:
    """After a correct password: log in, or first ask for the second factor."""
    if not two_factor.enabled(user):
        login_user(user, remember=remember)
        return redirect(target)
    session[PENDING] = {"t": user.session_token, "u": user.id, "r": remember, "n": target}
    return redirect(url_for("two_factor.code"))


def _code_account_key() -> str:
    """Codes are limited per account as well as per address."""
    return f"code:{(session.get(PENDING) or {}).get('u', '')}"


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@limiter.limit("10 per minute", key_func=_code_account_key, methods=["POST"])
def code() -> Response | str:
    """The second step of logging in; wrong codes back off per account, on the server."""
    pending = session.get(PENDING)
    user = accounts.user_for_session(session=db_session(), token=str((pending or {}).get("t", "")))
    if pending is None or user is None:
        session.pop(PENDING, None)
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            ok = two_factor.verify(session=db_session(), user=user, code=form.code.data or "")
        except throttles.Throttled as exc:
            form.code.errors = [
                ngettext(
                    "Too many wrong codes for this account. Try again in %(num)d second.",
                    "Too many wrong codes for this account. Try again in %(num)d seconds.",
                    exc.seconds,
                )
            ]
            return render_template("auth/code.html", form=form)
        if ok:
            session.pop(PENDING, None)
            login_user(user, remember=bool(pending.get("r")))
            return redirect(redirect_target(pending.get("n"), url_for("main.home")))
        form.code.errors = [_("This code is not correct.")]
    return render_template("auth/code.html", form=form)


@bp.get("/account/two-factor")
@login_required
def setup() -> str:
    """Two-factor login: its state, and the steps to turn it on or off."""
    user = current_user
    qr = None
    if not two_factor.enabled(user) and user.totp_secret:
        svg = segno.make(two_factor.provisioning_uri(user), error="m").svg_inline(
            scale=5, dark="#1d2a33", title=_("QR code for your authenticator app")
        )
        qr = Markup(svg)  # noqa: S704 - segno's own SVG, no user input in it
    return render_template(
        "auth/two_factor.html",
        enabled=two_factor.enabled(user),
        secret=user.totp_secret,
        qr=qr,
        form=CodeForm(),
        start_form=EmptyForm(),
        disable_form=DeleteAccountForm(),
        required=user.role in current_app.config["REQUIRE_2FA_ROLES"],
        recovery_left=len(two_factor.recovery_digests(user)),
    )


@bp.post("/account/two-factor/start")
@login_required
def start() -> Response:
    """Make a new secret for the authenticator app."""
    if EmptyForm().validate_on_submit() and not two_factor.enabled(current_user):
        try:
            two_factor.start_enrolment(session=db_session(), user=current_user)
        except DomainError as exc:
            flash(issue_text(exc.issues[0]), "error")
    return redirect(url_for("two_factor.setup"))


@bp.post("/account/two-factor/confirm")
@login_required
@limiter.limit("10 per minute")
def confirm() -> Response | str:
    """The first code turns it on; the recovery codes are shown once."""
    form = CodeForm()
    if form.validate_on_submit():
        try:
            codes = two_factor.confirm_enrolment(
                session=db_session(), user=current_user, code=form.code.data or ""
            )
        except DomainError:
            flash(_("This code is not correct. Try the code your app shows now."), "error")
            return redirect(url_for("two_factor.setup"))
        login_user(current_user._get_current_object())  # the token rotated: stay logged in
        return render_template("auth/recovery_codes.html", codes=codes)
    return redirect(url_for("two_factor.setup"))


@bp.post("/account/two-factor/disable")
@login_required
@limiter.limit("5 per 15 minutes")
def disable() -> Response | str:
    """Turn it off after the password (not allowed where the role requires it)."""
    form = DeleteAccountForm()
    if current_user.role in current_app.config["REQUIRE_2FA_ROLES"]:
        flash(_("Your role requires two-factor login."), "error")
        return redirect(url_for("two_factor.setup"))
    if form.validate_on_submit():
        try:
            two_factor.disable(
                session=db_session(), user=current_user, password=form.password.data or ""
            )
        except DomainError as exc:
            apply_issues(form, exc)
            flash(_("Email or password is not correct."), "error")
        else:
            login_user(current_user._get_current_object())
            flash(_("Two-factor login is off."), "success")
    return redirect(url_for("two_factor.setup"))


def require_for_roles() -> Response | None:
    """Recruiters and admins (by configuration) set up two-factor login before anything else."""
    roles = current_app.config["REQUIRE_2FA_ROLES"]
    if (
        roles
        and current_user.is_authenticated
        and current_user.role in roles
        and not two_factor.enabled(current_user)
        and request.endpoint not in ALWAYS_ALLOWED
    ):
        if request.path.startswith("/api/"):
            return Response(
                '{"error": "two-factor login required"}', 403, mimetype="application/json"
            )
        return redirect(url_for("two_factor.setup"))
    return None
