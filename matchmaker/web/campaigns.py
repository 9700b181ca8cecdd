"""Campaign pages: recruiters set up and follow campaigns; candidates open their invitation."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.errors import DomainError
from matchmaker.domain.funnel import STAGES
from matchmaker.models.campaign import CampaignInput
from matchmaker.models.user import Role
from matchmaker.services import campaigns, match_rounds, offers
from matchmaker.services.geodata import gazetteer
from matchmaker.services.practices import public_title
from matchmaker.web.forms import CampaignForm, InviteForm
from matchmaker.web.helpers import apply_issues, form_values, role_required
from matchmaker.web.helpers import session as db_session
from matchmaker.web.recruiter import RECRUITERS, _csv

bp = Blueprint("campaigns", __name__)
public_bp = Blueprint("campaign_invites", __name__)


def _form() -> CampaignForm:
    form = CampaignForm()
    gaz = gazetteer()
    codes = offers.editable_regions(session=db_session(), user=current_user)
    form.municipalities.choices = [(c, m.name) for c in codes if (m := gaz.municipality(c))]
    return form


@bp.route("/new", methods=["GET", "POST"])
@role_required(*RECRUITERS)
def new() -> Response | str:
    """Start a campaign."""
    form = _form()
    if form.validate_on_submit():
        try:
            campaign = campaigns.create(
                session=db_session(),
                user=current_user,
                data=CampaignInput.model_validate(form_values(form)),
            )
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            flash(_("The campaign has been created."), "success")
            return redirect(url_for("campaigns.show", campaign_id=campaign.id))
    return render_template("campaigns/new.html", form=form)


@bp.get("/<int:campaign_id>")
@role_required(*RECRUITERS)
def show(campaign_id: int) -> str:
    """The campaign dashboard: funnel, results per municipality, practices and candidates."""
    campaign = campaigns.get_owned(session=db_session(), user=current_user, campaign_id=campaign_id)
    board = campaigns.dashboard(session=db_session(), campaign=campaign)
    choices = campaigns.candidate_practices(session=db_session(), campaign=campaign)
    return render_template(
        "campaigns/show.html",
        board=board,
        stages=STAGES,
        invite_form=InviteForm(),
        round_view=match_rounds.latest(session=db_session(), campaign=campaign),
        names={p.id: p.name for p in board.practices},
        emails={m.profile_id: m.email for m, _ in board.members if m.profile_id},
        choices=choices,
        chosen={p.id for p in board.practices},
        title_of=public_title,
        max_count=max([s.count for s in board.report.stages] + [1]),
    )


@bp.post("/<int:campaign_id>/practices")
@role_required(*RECRUITERS)
def practices(campaign_id: int) -> Response:
    """Choose the participating practices."""
    campaign = campaigns.get_owned(session=db_session(), user=current_user, campaign_id=campaign_id)
    ids = [int(v) for v in request.form.getlist("practice_id") if v.isdigit()]
    try:
        campaigns.set_practices(session=db_session(), campaign=campaign, practice_ids=ids)
    except DomainError as exc:
        flash(exc.issues[0].message, "error")
    else:
        flash(_("The participating practices have been saved."), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id))


@bp.post("/<int:campaign_id>/invite")
@role_required(*RECRUITERS)
def invite(campaign_id: int) -> Response:
    """Invite candidates by email."""
    campaign = campaigns.get_owned(session=db_session(), user=current_user, campaign_id=campaign_id)
    form = InviteForm()
    if form.validate_on_submit():
        emails = re.split(r"[\s,;]+", form.emails.data or "")
        try:
            count = campaigns.invite(session=db_session(), campaign=campaign, emails=emails)
        except DomainError as exc:
            flash(exc.issues[0].message, "error")
        else:
            flash(_("%(n)d invitations sent.", n=count), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="members"))


@bp.get("/<int:campaign_id>/export.csv")
@role_required(*RECRUITERS)
def export(campaign_id: int) -> Response:
    """The funnel and the invited candidates as CSV."""
    campaign = campaigns.get_owned(session=db_session(), user=current_user, campaign_id=campaign_id)
    board = campaigns.dashboard(session=db_session(), campaign=campaign)
    return _csv(campaigns.to_csv(board), f"matchmaker-campagne-{campaign_id}.csv")


@public_bp.get("/campaigns/join/<token>")
def join(token: str) -> str:
    """A candidate's personal invitation: what the campaign offers, and how to take part."""
    user = current_user if current_user.is_authenticated else None
    campaign, member = campaigns.open_invitation(session=db_session(), token=token, user=user)
    return render_template(
        "campaigns/join.html",
        campaign=campaign,
        member=member,
        practices=campaigns.practices_of(session=db_session(), campaign=campaign),
        title_of=public_title,
        areas=campaigns._area_names(campaign),
        is_candidate=user is not None and user.role == Role.CANDIDATE,
    )


def _positions(prefix: str) -> dict[int, int | None]:
    """Position fields named ``<prefix><id>``: a number, or blank for 'not acceptable'."""
    out: dict[int, int | None] = {}
    for key, value in request.form.items():
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            out[int(key[len(prefix) :])] = int(value) if value.strip().isdigit() else None
    return out


@public_bp.get("/campaigns/<int:campaign_id>/rank")
@role_required(Role.CANDIDATE, Role.HOLDER)
def rank(campaign_id: int) -> str:
    """Rank the other side of a campaign, and answer the round's proposals."""
    page = match_rounds.rank_page(session=db_session(), user=current_user, campaign_id=campaign_id)
    return render_template("campaigns/rank.html", page=page, title_of=public_title)


@public_bp.post("/campaigns/<int:campaign_id>/rank")
@role_required(Role.CANDIDATE)
def save_candidate_ranking(campaign_id: int) -> Response:
    """A candidate's ranking of the participating practices."""
    match_rounds.rank_practices(
        session=db_session(),
        user=current_user,
        campaign_id=campaign_id,
        positions=_positions("pos-"),
    )
    flash(_("Your ranking has been saved."), "success")
    return redirect(url_for("campaign_invites.rank", campaign_id=campaign_id))


@public_bp.post("/campaigns/<int:campaign_id>/rank/<int:practice_id>")
@role_required(Role.HOLDER)
def save_practice_ranking(campaign_id: int, practice_id: int) -> Response:
    """A holder's ranking of the candidates for one practice."""
    match_rounds.rank_candidates(
        session=db_session(),
        user=current_user,
        campaign_id=campaign_id,
        practice_id=practice_id,
        positions=_positions("pos-"),
    )
    flash(_("Your ranking has been saved."), "success")
    return redirect(url_for("campaign_invites.rank", campaign_id=campaign_id))


@public_bp.post("/campaigns/proposals/<int:proposal_id>/<any(accept, decline):answer>")
@role_required(Role.CANDIDATE, Role.HOLDER)
def answer(proposal_id: int, answer: str) -> Response:
    """Accept or decline a pair the round proposed."""
    proposal = match_rounds.answer(
        session=db_session(), user=current_user, proposal_id=proposal_id, accept=answer == "accept"
    )
    flash(_("Your answer has been saved."), "success")
    campaign_id = match_rounds.campaign_of(session=db_session(), proposal=proposal)
    return redirect(url_for("campaign_invites.rank", campaign_id=campaign_id))


@bp.post("/<int:campaign_id>/round")
@role_required(*RECRUITERS)
def run_round(campaign_id: int) -> Response:
    """Run a match round on the saved rankings."""
    campaign = campaigns.get_owned(session=db_session(), user=current_user, campaign_id=campaign_id)
    round_ = match_rounds.run(session=db_session(), campaign=campaign)
    flash(_("The round has run: %(n)d blocking pairs.", n=len(round_.blocking)), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="round"))


@bp.get("/<int:campaign_id>/round.csv")
@role_required(*RECRUITERS)
def round_csv(campaign_id: int) -> Response:
    """The latest round's proposals and answers as CSV."""
    campaign = campaigns.get_owned(session=db_session(), user=current_user, campaign_id=campaign_id)
    view = match_rounds.latest(session=db_session(), campaign=campaign)
    return _csv(match_rounds.to_csv(view), f"matchmaker-ronde-{campaign_id}.csv")
