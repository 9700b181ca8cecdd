"""Conversations of introductions: the thread page, writing, PDFs, inviting a recruiter."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int
from matchmaker.domain.errors import DomainError, NotFound
from matchmaker.domain.roles import Role
from matchmaker.extensions import limiter
from matchmaker.services import conversations
from matchmaker.web.forms import EmptyForm, MessageForm
from matchmaker.web.helpers import apply_issues, role_required
from matchmaker.web.helpers import session as db_session
from matchmaker.web.pdf import pdf_download

bp = Blueprint("conversations", __name__)
MEMBERS = (Role.CANDIDATE, Role.HOLDER, Role.RECRUITER)


def _storage() -> Path:
    return Path(current_app.config["ATTACHMENT_DIR"])


def _page(intro_id: int, form: MessageForm) -> str:
    view = conversations.thread(session=db_session(), user=current_user, intro_id=intro_id)
    return render_template(
        "conversations/thread.html", view=view, form=form, invite_form=EmptyForm()
    )


@bp.get("/<int:intro_id>/thread")
@role_required(*MEMBERS)
def thread(intro_id: int) -> str:
    """The conversation; opening it marks its messages read."""
    return _page(intro_id, MessageForm())


@bp.post("/<int:intro_id>/thread")
@role_required(*MEMBERS)
@limiter.limit("30 per minute", key_func=lambda: f"message:{current_user.get_id()}")
def write(intro_id: int) -> Response | str:
    """Add a message, perhaps with a PDF."""
    form = MessageForm()
    if form.validate_on_submit():
        upload = request.files.get("attachment")
        attachment = (
            conversations.Attachment(upload.filename or "document.pdf", upload.read())
            if upload and upload.filename
            else None
        )
        try:
            conversations.post(
                session=db_session(),
                user=current_user,
                intro_id=intro_id,
                body=form.body.data or "",
                attachment=attachment,
                storage=_storage(),
            )
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            return redirect(url_for("conversations.thread", intro_id=intro_id, _anchor="last"))
    return _page(intro_id, form)


@bp.get("/<int:intro_id>/files/<int:message_id>")
@role_required(*MEMBERS)
def attachment(intro_id: int, message_id: int) -> Response:
    """A PDF of the conversation, for its members only, always as a download."""
    path, name = conversations.attachment(
        session=db_session(),
        user=current_user,
        intro_id=intro_id,
        message_id=message_id,
        storage=_storage(),
    )
    return pdf_download(path, name)


@bp.post("/<int:intro_id>/recruiters")
@role_required(Role.CANDIDATE, Role.HOLDER)
def invite(intro_id: int) -> Response:
    """Bring a recruiter of the practice's municipality into the conversation, once the
    party confirmed what it means."""
    recruiter_id = parse_int(request.form.get("recruiter_id", ""))
    if not EmptyForm().validate_on_submit() or recruiter_id is None:
        raise NotFound(intro_id)
    try:
        conversations.invite_recruiter(
            session=db_session(),
            user=current_user,
            intro_id=intro_id,
            recruiter_id=recruiter_id,
            confirmed=request.form.get("confirm") == "y",
        )
    except DomainError:
        flash(_("Tick the box to confirm that the recruiter may join."), "error")
    else:
        flash(_("The recruiter reads and writes in this conversation from now on."), "success")
    return redirect(url_for("conversations.thread", intro_id=intro_id, _anchor="members"))


def _checked(intro_id: int) -> None:
    """A form without a valid CSRF token changes nothing."""
    if not EmptyForm().validate_on_submit():
        raise NotFound(intro_id)


@bp.post("/<int:intro_id>/recruiters/<int:recruiter_id>/remove")
@role_required(Role.CANDIDATE, Role.HOLDER)
def remove(intro_id: int, recruiter_id: int) -> Response:
    """Take a recruiter out of the conversation (either party may)."""
    _checked(intro_id)
    conversations.remove_recruiter(
        session=db_session(), user=current_user, intro_id=intro_id, recruiter_id=recruiter_id
    )
    flash(_("The recruiter no longer reads this conversation."), "success")
    return redirect(url_for("conversations.thread", intro_id=intro_id, _anchor="members"))


@bp.post("/<int:intro_id>/recruiters/<int:recruiter_id>/history")
@role_required(Role.CANDIDATE, Role.HOLDER)
def history(intro_id: int, recruiter_id: int) -> Response:
    """Let a recruiter read what was written before they joined, or take that back."""
    _checked(intro_id)
    conversations.share_history(
        session=db_session(),
        user=current_user,
        intro_id=intro_id,
        recruiter_id=recruiter_id,
        share=request.form.get("share") == "1",
    )
    return redirect(url_for("conversations.thread", intro_id=intro_id, _anchor="members"))
