"""Register, log in, log out and change password."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from matchmaker.domain.emails import normalise_email
from matchmaker.domain.errors import DomainError
from matchmaker.domain.roles import Role
from matchmaker.extensions import limiter, login_manager
from matchmaker.models.user import UserCreate
from matchmaker.services import accounts, audit, practices, privacy, registration
from matchmaker.web import two_factor
from matchmaker.web.forms import (
    ActivationForm,
    BigNumberForm,
    ChangePasswordForm,
    ConfirmEmailForm,
    DeleteAccountForm,
    EmptyForm,
    ForgotPasswordForm,
    LoginForm,
    NewPasswordForm,
    RegisterForm,
)
from matchmaker.web.helpers import apply_issues, redirect_target, signing_secret
from matchmaker.web.helpers import session as db_session

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

LANDING: dict[str, str] = {
    Role.HOLDER: "holder.index",
    Role.CANDIDATE: "profile.show",
    Role.RECRUITER: "recruiter.index",
    Role.ADMIN: "admin.index",
}


def register_login_manager() -> None:
    """Configure how Flask-Login loads users and answers anonymous access."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = None

    @login_manager.user_loader
    def load_user(token: str):
        return accounts.user_for_session(session=db_session(), token=token)

    @login_manager.unauthorized_handler
    def unauthorized() -> Response | tuple[dict[str, str], int]:
        if request.path.startswith("/api/"):
            return {"error": "authentication required"}, 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _login_failed(_response: Response) -> bool:
    return bool(g.get("login_failed"))


def _throttled_message(seconds: int) -> str:
    return ngettext(
        "Too many failed attempts for this account. Try again in %(num)d second.",
        "Too many failed attempts for this account. Try again in %(num)d seconds.",
        seconds,
    )


def _account_key() -> str:
    return "login:" + normalise_email(request.form.get("email", ""))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_login_failed)
@limiter.limit(_login_limit, key_func=_account_key, methods=["POST"], deduct_when=_login_failed)
def login() -> Response | str:
    """Log in; failed attempts count towards the per-IP and per-account limits."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(
                session=db_session(),
                email=form.email.data or "",
                password=form.password.data or "",
            )
        except accounts.LoginThrottled as exc:
            g.login_failed = True
            form.password.errors = [_throttled_message(exc.seconds)]
            return render_template("auth/login.html", form=form)
        if user is not None:
            target = redirect_target(request.args.get("next"), url_for(LANDING[user.role]))
            return two_factor.begin(user, remember=bool(form.remember.data), target=target)
        g.login_failed = True
        form.password.errors = [_("Email or password is not correct.")]
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout() -> Response:
    """Log out everywhere (POST with CSRF token, so no other site can log you out).

    Rotating the session token ends this session, every copy of its cookie, and the
    remember-me cookies on other devices.
    """
    if current_user.is_authenticated:
        accounts.end_sessions(session=db_session(), user=current_user)
    logout_user()
    return redirect(url_for("main.home"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register() -> Response | str:
    """Self-registration as practice holder or candidate; the address is confirmed by email.

    The answer is the same whether or not the address already has an account.
    """
    form = RegisterForm()
    if form.validate_on_submit():
        data = UserCreate(
            email=form.email.data or "",
            display_name=form.display_name.data or "",
            role=Role(form.role.data),
            password=form.password.data or "",
            locale=str(get_locale() or "nl"),
        )
        registration.register(session=db_session(), data=data, secret=signing_secret())
        return render_template("auth/check_email.html", email=normalise_email(data.email))
    return render_template("auth/register.html", form=form)


@bp.route("/account/verify/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_login_failed)
def verify_email(token: str) -> Response | str | tuple[str, int]:
    """Confirm the address with the emailed link: once, and never as a way to log in.

    Opening the link changes nothing (mail scanners open links too); the person confirms
    with a button, and with the account's password unless already logged in to it.
    """
    user = accounts.user_for_verification(
        session=db_session(), token=token, secret=signing_secret()
    )
    if user is None:
        return render_template("auth/link_invalid.html"), 404
    own = current_user.is_authenticated and current_user.id == user.id
    form = EmptyForm() if own else ConfirmEmailForm()
    if form.validate_on_submit():
        password = None if own else form.password.data or ""
        try:
            registration.confirm_address(session=db_session(), user=user, password=password)
        except accounts.LoginThrottled as exc:
            g.login_failed = True
            form.password.errors = [_throttled_message(exc.seconds)]
        except DomainError:
            g.login_failed = True
            form.password.errors = [_("This password is not correct.")]
        else:
            if own:  # the session token rotated: this device stays logged in
                login_user(user)
                flash(_("Thank you: your email address is confirmed."), "success")
                return redirect(url_for(LANDING[user.role]))
            flash(_("Thank you: your email address is confirmed. Log in now."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/confirm_email.html", form=form, own=own, email=user.email)


@bp.post("/account/verify/resend")
@login_required
@limiter.limit("5 per hour", key_func=lambda: f"resend:{current_user.get_id()}")
def resend_verification() -> Response:
    """Send the confirmation link again."""
    registration.resend_confirmation(
        session=db_session(), user=current_user, secret=signing_secret()
    )
    flash(_("We sent the link again to %(email)s.", email=current_user.email), "success")
    return redirect(redirect_target(request.form.get("next"), url_for("auth.account")))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
@limiter.limit("5 per hour", key_func=_account_key, methods=["POST"])
def forgot_password() -> str:
    """Ask for a reset link; the answer never says whether the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        _queue_reset(normalise_email(form.email.data or ""))
        return render_template("auth/check_email.html", email=form.email.data, reset=True)
    return render_template("auth/forgot.html", form=form)


def _queue_reset(email: str) -> None:
    """Hand the reset email to the task queue; only if the queue is down, send it from here."""
    from matchmaker import tasks

    try:
        tasks.send_password_reset(email)
    except Exception:  # a broken queue must not stop a person getting back in
        log.exception("could not queue a password reset; sending it from the request")
        registration.request_reset(session=db_session(), email=email, secret=signing_secret())


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Response | str | tuple[str, int]:
    """Choose a new password from an emailed link; every session ends."""
    user = accounts.user_for_reset(session=db_session(), token=token, secret=signing_secret())
    if user is None:
        return render_template("auth/link_invalid.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(
                session=db_session(), user=user, password=form.password.data or ""
            )
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            logout_user()
            flash(
                _("Your new password is set and you are logged out everywhere. Log in."), "success"
            )
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)


@bp.get("/account")
@login_required
def account() -> str:
    """The account overview: password, two-factor login, BIG number, export and deletion."""
    return render_template(
        "auth/account.html",
        delete_form=DeleteAccountForm(),
        big_form=BigNumberForm(big_number=current_user.big_number),
    )


@bp.post("/account/big")
@login_required
def big_number() -> Response | str:
    """Give or change one's BIG number (a recruiter or admin then verifies it)."""
    form = BigNumberForm()
    if form.validate_on_submit():
        try:
            accounts.set_big_number(
                session=db_session(), user=current_user, number=form.big_number.data
            )
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            flash(_("Your BIG number is saved. A recruiter will verify it."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", delete_form=DeleteAccountForm(), big_form=form)


@bp.get("/account/export")
@login_required
def export() -> Response:
    """Download everything we hold on the current user as JSON."""
    data = privacy.export_user_data(session=db_session(), user=current_user)
    audit.record(
        session=db_session(),
        actor=current_user,
        action=audit.Action.EXPORT_OWN_DATA,
        subject=current_user,
    )
    response = jsonify(data)
    response.headers["Content-Disposition"] = 'attachment; filename="matchmaker-mijn-gegevens.json"'
    return response


def _password_check_key() -> str:
    return f"password-check:{current_user.get_id()}"


# Every form that checks a password is limited per account, like the login (ASVS 2.2.1).
PASSWORD_CHECK_LIMIT = "5 per 15 minutes"
password_checks = limiter.shared_limit(
    PASSWORD_CHECK_LIMIT,
    scope="password-check",
    key_func=_password_check_key,
    methods=["POST"],
    deduct_when=_login_failed,
)


@bp.post("/account/delete")
@login_required
@password_checks
def delete_account() -> Response | str:
    """Delete the account after the password is confirmed."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            privacy.delete_account(
                session=db_session(),
                user=current_user,
                password=form.password.data or "",
                attachments=Path(current_app.config["ATTACHMENT_DIR"]),
            )
        except DomainError:
            g.login_failed = True
            form.password.errors = [_("Email or password is not correct.")]
        else:
            logout_user()
            flash(_("Your account and all its data have been deleted."), "success")
            return redirect(url_for("main.home"))
    return render_template(
        "auth/account.html",
        delete_form=form,
        big_form=BigNumberForm(big_number=current_user.big_number),
    )


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@password_checks
def change_password() -> Response | str:
    """Change one's own password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(
                session=db_session(),
                user=current_user,
                current=form.current_password.data or "",
                new=form.new_password.data or "",
            )
        except DomainError as exc:
            g.login_failed = any(i.code == "wrong" for i in exc.issues)
            apply_issues(form, exc)
        else:
            login_user(current_user._get_current_object())  # this device stays logged in
            flash(_("Your password has been changed. Other devices are logged out."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/password.html", form=form, logout_form=EmptyForm())


@bp.route("/account/activate/<token>", methods=["GET", "POST"])
def activate(token: str) -> Response | str | tuple[str, int]:
    """Claim an account a recruiter's import created: consent first, then a password."""
    user = accounts.user_for_activation(session=db_session(), token=token, secret=signing_secret())
    if user is None:
        return render_template("auth/activate_invalid.html"), 404
    form = ActivationForm()
    if form.validate_on_submit():
        try:
            accounts.activate(session=db_session(), user=user, password=form.password.data or "")
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            login_user(user)
            flash(_("Thank you. Your account is active."), "success")
            return redirect(redirect_target(request.args.get("next"), url_for(LANDING[user.role])))
    return render_template(
        "auth/activate.html",
        form=form,
        person=user,
        practices=practices.list_owned(session=db_session(), owner=user),
    )
