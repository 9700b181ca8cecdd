"""A candidate's own profile and duo invitations."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.errors import DomainError
from matchmaker.domain.roles import Role
from matchmaker.models.candidate import CandidateProfileInput
from matchmaker.services import candidates, profile_page
from matchmaker.services.geodata import gazetteer
from matchmaker.web.forms import DuoInviteForm, ProfileForm
from matchmaker.web.helpers import apply_issues, form_values, issue_message, role_required
from matchmaker.web.helpers import session as db_session

bp = Blueprint("profile", __name__)


def _profile_form(**kwargs: object) -> ProfileForm:
    form = ProfileForm(**kwargs)
    form.search_regions.choices = [(p, p) for p in gazetteer().provinces()]
    return form


def _profile_input(form: ProfileForm) -> CandidateProfileInput:
    data = form_values(form, blank_is_none=("partner_sector", "partner_work", "housing_need"))
    data["children_birth_years"] = form.children()
    data["about"] = data["about"] or ""
    return CandidateProfileInput.model_validate(data)


@bp.get("")
@role_required(Role.CANDIDATE)
def show() -> str:
    """The candidate's profile, duo status and invitations."""
    view = profile_page.page(session=db_session(), user=current_user)
    return render_template("profile/show.html", **vars(view), invite_form=DuoInviteForm())


@bp.route("/edit", methods=["GET", "POST"])
@role_required(Role.CANDIDATE)
def edit() -> Response | str:
    """Create or edit the profile."""
    profile = candidates.get_profile(session=db_session(), user=current_user)
    form = _profile_form(obj=profile) if request.method == "GET" and profile else _profile_form()
    if request.method == "GET" and profile:
        form.children_birth_years.data = ", ".join(map(str, profile.children_birth_years))
    elif request.method == "GET":
        form.display_name.data = current_user.display_name
    if form.validate_on_submit():
        try:
            profile_page.save(session=db_session(), user=current_user, data=_profile_input(form))
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            flash(_("Your profile has been saved. Next: see which practices fit you."), "success")
            return redirect(url_for("profile.show"))
    return render_template("profile/edit.html", form=form)


@bp.post("/duo/invite")
@role_required(Role.CANDIDATE)
def invite() -> Response | str:
    """Invite a colleague to apply together as a duo."""
    form = DuoInviteForm()
    profile = candidates.get_profile(session=db_session(), user=current_user)
    if profile is None:
        flash(_("Save your own profile first."), "error")
    elif form.validate_on_submit():
        try:
            candidates.invite_duo(
                session=db_session(), profile=profile, email=form.email.data or ""
            )
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
    for errors in form.errors.values():
        for error in errors:
            flash(str(error), "error")
    return redirect(url_for("profile.show"))


@bp.post("/duo/<int:invitation_id>/<any(accept, decline):answer>")
@role_required(Role.CANDIDATE)
def respond(invitation_id: int, answer: str) -> Response:
    """Accept or decline a duo invitation addressed to the current user."""
    try:
        candidates.respond_to_invitation(
            session=db_session(),
            user=current_user,
            invitation_id=invitation_id,
            accept=answer == "accept",
        )
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(
            _("You now apply as a duo.") if answer == "accept" else _("Invitation declined."),
            "success",
        )
    return redirect(url_for("profile.show"))


@bp.post("/duo/leave")
@role_required(Role.CANDIDATE)
def leave() -> Response:
    """Dissolve the duo."""
    profile = candidates.get_profile(session=db_session(), user=current_user)
    if profile is not None:
        candidates.leave_duo(session=db_session(), profile=profile)
        flash(_("You no longer apply as a duo."), "success")
    return redirect(url_for("profile.show"))
