"""A holder's own listings and stop plan (under /my/practices)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int
from matchmaker.domain.errors import DomainError
from matchmaker.domain.listing_stats import MIN_MEDIAN, MIN_SHOWN
from matchmaker.domain.practice import ListingStatus
from matchmaker.domain.roles import Role
from matchmaker.extensions import htmx
from matchmaker.models import Practice
from matchmaker.models.practice import PracticeInput
from matchmaker.models.succession import StopPlanInput
from matchmaker.services import accounts, listing_stats, match_rounds, pipeline, practices
from matchmaker.web.forms import PracticeListingForm, StopPlanForm
from matchmaker.web.helpers import (
    apply_issues,
    form_values,
    role_required,
)
from matchmaker.web.helpers import session as db_session

bp = Blueprint("holder", __name__)


@bp.get("", endpoint="index")
@role_required(Role.HOLDER)
def my_listings() -> str:
    """The holder's own listings, any status."""
    return _holder_page(
        StopPlanForm(obj=pipeline.get_plan(session=db_session(), user=current_user))
    )


def _new_draft(listings: list[Practice]) -> Practice | None:
    """The listing just saved as a draft (``?draft=``), to ask whether to publish it now."""
    wanted = parse_int(request.args.get("draft", ""))
    return next((p for p in listings if p.id == wanted and p.status == ListingStatus.DRAFT), None)


def _holder_page(plan_form: StopPlanForm) -> str:
    return render_template(
        "holder/index.html",
        listings=(listings := practices.list_owned(session=db_session(), owner=current_user)),
        new_draft=_new_draft(listings),
        statuses=list(ListingStatus),
        plan=(plan := pipeline.get_plan(session=db_session(), user=current_user)),
        plan_recruiters=accounts.recruiters_of(session=db_session(), gemeentecode=plan.gemeentecode)
        if plan
        else [],
        plan_form=plan_form,
        my_campaigns=match_rounds.for_user(session=db_session(), user=current_user),
    )


def _listing_input(form: PracticeListingForm) -> PracticeInput:
    data = form_values(form, blank_is_none=("street", "contact_email", "contact_phone"))
    data.pop("version", None)
    data["fte"] = float(data["fte"])
    data["description"] = data["description"] or ""
    return PracticeInput.model_validate(data)


def _save(form: PracticeListingForm, practice_id: int | None) -> Response | None:
    """Save a valid form; on domain errors attach them to the form and return None."""
    try:
        if practice_id is None:
            saved = practices.create_listing(
                session=db_session(),
                owner=current_user,
                data=_listing_input(form),
                confirmed=bool(form.confirm_warnings.data),
            )
        else:
            existing = practices.get_owned(
                session=db_session(), practice_id=practice_id, owner=current_user
            )
            saved = practices.update_listing(
                session=db_session(),
                practice=existing,
                data=_listing_input(form),
                based_on_version=parse_int(form.version.data or "", lo=1),
                confirmed=bool(form.confirm_warnings.data),
            )
    except practices.StaleEdit as stale:
        _explain_stale(form, stale)
        return None
    except practices.ListingWarnings as warnings:
        apply_issues(form, warnings)
        form.warned = True  # the form now offers "save anyway"
        return None
    except DomainError as exc:
        apply_issues(form, exc)
        return None
    flash(_("Your listing has been saved."), "success")
    if practice_id is None and saved.status == ListingStatus.DRAFT:
        # A new draft is visible to nobody: ask whether to publish it now.
        return redirect(url_for("holder.index", draft=saved.id, _anchor=f"practice-{saved.id}"))
    return redirect(url_for("holder.index", _anchor=f"practice-{saved.id}"))


def _explain_stale(form: PracticeListingForm, stale: practices.StaleEdit) -> None:
    """Say that someone saved meanwhile and what is stored now; a second save overwrites."""
    changed = ", ".join(
        f"{getattr(form, name).label.text}: {label_value(value)}"
        for name, value in stale.changes.items()
        if hasattr(form, name)
    )
    form.form_errors.append(
        _(
            "Someone saved this listing while you were editing. What is stored now: %(changes)s. "
            "Save again to replace it with what you see here.",
            changes=changed or _("the same values"),
        )
    )
    form.version.data = str(stale.practice.version)


def label_value(value: object) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.HOLDER)
def new() -> Response | str:
    """Create a listing."""
    form = PracticeListingForm()
    if form.validate_on_submit() and (done := _save(form, None)):
        return done
    return render_template("holder/edit.html", form=form, practice_id=None)


@bp.route("/<int:practice_id>/edit", methods=["GET", "POST"])
@role_required(Role.HOLDER)
def edit(practice_id: int) -> Response | str:
    """Edit one's own listing (404 for anyone else's)."""
    practice = practices.get_owned(
        session=db_session(), practice_id=practice_id, owner=current_user
    )
    form = PracticeListingForm(obj=practice)
    if form.validate_on_submit() and (done := _save(form, practice_id)):
        return done
    return render_template("holder/edit.html", form=form, practice_id=practice_id)


@bp.get("/<int:practice_id>/stats")
@role_required(Role.HOLDER)
def stats(practice_id: int) -> str:
    """The closed weeks' views, stars and requests of one's own listing (counts only)."""
    view = listing_stats.for_owner(
        session=db_session(), owner=current_user, practice_id=practice_id
    )
    return render_template(
        "holder/stats.html", stats=view, min_shown=MIN_SHOWN, min_median=MIN_MEDIAN
    )


@bp.post("/<int:practice_id>/status")
@role_required(Role.HOLDER)
def status(practice_id: int) -> Response | str:
    """Move one's own listing to another status."""
    practice = practices.get_owned(
        session=db_session(), practice_id=practice_id, owner=current_user
    )
    try:
        new_status = ListingStatus(request.form.get("status", ""))
    except ValueError:
        abort(400)
    practices.set_status(session=db_session(), practice=practice, status=new_status)
    if htmx:
        return render_template(
            "holder/_listing.html",
            practice=practice,
            statuses=list(ListingStatus),
        )
    flash(_("The status of your listing has been changed."), "success")
    return redirect(url_for("holder.index", _anchor=f"practice-{practice.id}"))


@bp.post("/plan")
@role_required(Role.HOLDER)
def save_plan() -> Response | str:
    """Save the holder's plan to stop (seen only by the region's recruiters)."""
    form = StopPlanForm()
    if form.validate_on_submit():
        data = StopPlanInput.model_validate(
            {
                **form_values(form),
                "note": form.note.data or "",
                "practice_name": form.practice_name.data or "",
                "phone": form.phone.data or "",
            }
        )
        pipeline.save_plan(session=db_session(), user=current_user, data=data)
        flash(
            _("Your plan has been saved. Your regional recruiter can now help you prepare."),
            "success",
        )
        return redirect(url_for("holder.index", _anchor="plan"))
    return _holder_page(form)


@bp.post("/plan/delete")
@role_required(Role.HOLDER)
def delete_plan() -> Response:
    """Remove the holder's plan."""
    pipeline.delete_plan(session=db_session(), user=current_user)
    flash(_("Your plan has been removed."), "success")
    return redirect(url_for("holder.index"))
