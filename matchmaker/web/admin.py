"""The admin console: accounts, roles, regions, locks, BIG verification, figures, audit log."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int
from matchmaker.domain.errors import DomainError
from matchmaker.domain.roles import Role
from matchmaker.models import User
from matchmaker.services import admin, audit
from matchmaker.web.forms import EmptyForm
from matchmaker.web.helpers import issue_message, role_required, signing_secret
from matchmaker.web.helpers import session as db_session

bp = Blueprint("admin", __name__)
VERIFIERS = (Role.ADMIN, Role.RECRUITER)


@bp.get("")
@role_required(Role.ADMIN)
def index() -> str:
    """Platform figures and the way to everything else."""
    return render_template("admin/index.html", figures=admin.figures(session=db_session()))


@bp.get("/users")
@role_required(Role.ADMIN)
def users() -> str:
    """Accounts, searchable by email or name and filterable by role."""
    query, role = request.args.get("q", ""), request.args.get("role") or None
    page = admin.search_users(
        session=db_session(),
        query=query,
        role=role,
        page=parse_int(request.args.get("page", ""), lo=1, hi=100_000) or 1,
    )
    return render_template("admin/users.html", page=page, q=query, role=role, roles=list(Role))


@bp.get("/users/<int:user_id>")
@role_required(Role.ADMIN)
def user(user_id: int) -> str:
    """One account and what an admin may do with it."""
    view = admin.user_view(session=db_session(), user_id=user_id)
    return render_template("admin/user.html", view=view, roles=list(Role), form=EmptyForm())


@bp.post("/users/<int:user_id>/<any(role, regions, lock, unlock, resend):action>")
@role_required(Role.ADMIN)
def act(user_id: int, action: str) -> Response:
    """Change a role or regions, lock or unlock, resend an activation link."""
    target = admin.get_user(session=db_session(), user_id=user_id)
    try:
        _act(action, target)
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(_("Done."), "success")
    return redirect(url_for("admin.user", user_id=user_id))


def _act(action: str, target: User) -> None:
    session, actor = db_session(), current_user._get_current_object()
    if action == "role":
        admin.set_role(session=session, actor=actor, user=target, role=request.form.get("role", ""))
    elif action == "regions":
        codes = [c.strip().upper() for c in request.form.get("regions", "").split(",") if c.strip()]
        admin.set_regions(session=session, actor=actor, user=target, codes=codes[:400])
    elif action == "lock":
        admin.lock(session=session, actor=actor, user=target)
    elif action == "unlock":
        admin.unlock(session=session, actor=actor, user=target)
    else:
        secret = signing_secret()
        admin.resend_activation(session=session, actor=actor, user=target, secret=secret)


@bp.get("/verification")
@role_required(*VERIFIERS)
def verification() -> str:
    """BIG numbers waiting to be checked (recruiters: people in their municipalities)."""
    queue = admin.verification_queue(session=db_session(), viewer=current_user)
    return render_template("admin/verification.html", queue=queue, form=EmptyForm())


@bp.post("/verification/<int:user_id>")
@role_required(*VERIFIERS)
def verify(user_id: int) -> Response:
    """Record that the BIG number was checked against the register, and how."""
    try:
        admin.verify_big(
            session=db_session(),
            actor=current_user,
            user_id=user_id,
            note=request.form.get("note", "")[:200],
        )
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(_("The BIG number is marked as verified."), "success")
    return redirect(url_for("admin.verification"))


@bp.get("/audit")
@role_required(Role.ADMIN)
def audit_log() -> str:
    """Who exported or viewed personal data, and what admins did (newest first)."""
    action = request.args.get("action") or None
    entries = audit.recent(session=db_session(), action=action)
    return render_template(
        "admin/audit.html",
        entries=entries,
        action=action,
        actions=list(audit.Action),
        retention=audit.RETENTION_DAYS,
    )
