"""Match rounds inside a campaign: both sides rank, the recruiter runs the round, both answer.

Capacity: one successor place for a solo practice, two for duo and group practices and health
centres, unless the recruiter sets the places a practice offers in this campaign (1 to
``MAX_PLACES``). A duo whose two members are both in the campaign applies as one unit of size 2, led
by the member with the lower profile id (the lead's ranking counts; a practice's ranking
places the unit where it first lists either member). Accepted proposals become introductions,
so they show in the campaign funnel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from matchmaker.domain.errors import Code, Issue, NotFound, raise_if
from matchmaker.domain.introductions import IntroStatus
from matchmaker.domain.practice import PracticeForm
from matchmaker.domain.roles import Role
from matchmaker.domain.rounds import run_round
from matchmaker.models import (
    Campaign,
    CampaignMember,
    CampaignPractice,
    CampaignRanking,
    CampaignRound,
    CandidateProfile,
    Introduction,
    IntroductionEvent,
    Practice,
    RoundProposal,
    User,
)
from matchmaker.models._common import utcnow
from matchmaker.services import campaigns, candidates, inbox
from matchmaker.services.csvfile import Table

CANDIDATE, PRACTICE = "candidate", "practice"


# The most successors one practice takes in a round: a large health centre replacing several
# holders at once; more than this is a typing error rather than a real vacancy (judgement).
MAX_PLACES = 6


def capacity(practice: Practice, places: int | None = None) -> int:
    """Successor places a practice offers in a round: as set, else by its form."""
    if places is not None:
        return places
    return 1 if practice.form == PracticeForm.SOLO else 2


def places(*, session: Session, campaign: Campaign) -> dict[int, int]:
    """Practice id → the successor places it offers in this campaign's rounds."""
    links = {
        link.practice_id: link.places
        for link in session.exec(
            select(CampaignPractice).where(CampaignPractice.campaign_id == campaign.id)
        )
    }
    return {
        p.id: capacity(p, links.get(p.id))
        for p in campaigns.practices_of(session=session, campaign=campaign)
        if p.id is not None
    }


def set_places(*, session: Session, campaign: Campaign, wanted: dict[int, int]) -> None:
    """Set the places of participating practices; all or nothing."""
    links = {
        link.practice_id: link
        for link in session.exec(
            select(CampaignPractice).where(CampaignPractice.campaign_id == campaign.id)
        )
    }
    issues = [
        Issue(f"places-{pid}", Code.NOT_IN_CAMPAIGN, "practice does not take part")
        for pid in wanted
        if pid not in links
    ]
    issues += [
        Issue(f"places-{pid}", Code.OUT_OF_RANGE, "places out of range", value=str(n))
        for pid, n in wanted.items()
        if not 1 <= n <= MAX_PLACES
    ]
    raise_if(issues)
    for pid, n in wanted.items():
        links[pid].places = n
        session.add(links[pid])
    session.commit()


def members(*, session: Session, campaign: Campaign) -> list[CandidateProfile]:
    """Candidate profiles taking part in the campaign."""
    stmt = (
        select(CandidateProfile)
        .join(CampaignMember, col(CampaignMember.profile_id) == CandidateProfile.id)
        .where(CampaignMember.campaign_id == campaign.id, col(CandidateProfile.consent))
    )
    return list(session.exec(stmt))


def for_user(*, session: Session, user: User) -> list[Campaign]:
    """Campaigns a candidate is invited to, or a holder's practices take part in."""
    if user.role == Role.CANDIDATE:
        profile = candidates.get_profile(session=session, user=user)
        if profile is None or not profile.consent:
            return []  # imported candidates take part only after consenting
        stmt = (
            select(Campaign)
            .join(CampaignMember, col(CampaignMember.campaign_id) == Campaign.id)
            .where(CampaignMember.profile_id == profile.id)
        )
        return list(session.exec(stmt))
    if user.role == Role.HOLDER:
        from matchmaker.models import CampaignPractice

        stmt = (
            select(Campaign)
            .join(CampaignPractice, col(CampaignPractice.campaign_id) == Campaign.id)
            .join(Practice, col(Practice.id) == CampaignPractice.practice_id)
            .where(Practice.owner_id == user.id)
        )
        return list({c.id: c for c in session.exec(stmt)}.values())
    return []


def participant_campaign(*, session: Session, user: User, campaign_id: int) -> Campaign:
    """A campaign the user takes part in; NotFound for any other."""
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or campaign_id not in {c.id for c in for_user(session=session, user=user)}:
        raise NotFound(campaign_id)
    return campaign


def ranking(*, session: Session, campaign: Campaign, side: str, owner_id: int) -> list[int]:
    """A saved ranking (empty when none)."""
    row = session.get(CampaignRanking, (campaign.id, side, owner_id))
    return list(row.ranked) if row else []


def _save(
    session: Session, campaign: Campaign, side: str, owner_id: int, ranked: list[int]
) -> None:
    row = session.get(CampaignRanking, (campaign.id, side, owner_id)) or CampaignRanking(
        campaign_id=campaign.id or 0, side=side, owner_id=owner_id
    )
    row.ranked, row.updated_at = ranked, utcnow()
    session.add(row)
    session.commit()


def _ordered(positions: dict[int, int | None], allowed: set[int]) -> list[int]:
    if any(k not in allowed for k in positions):
        raise NotFound(next(k for k in positions if k not in allowed))
    chosen = [(pos, k) for k, pos in positions.items() if pos]
    return [k for _, k in sorted(chosen)]


def rank_practices(
    *, session: Session, user: User, campaign_id: int, positions: dict[int, int | None]
) -> list[int]:
    """A candidate ranks the participating practices (blank = not acceptable)."""
    campaign = participant_campaign(session=session, user=user, campaign_id=campaign_id)
    profile = candidates.get_profile(session=session, user=user)
    if profile is None or user.role != Role.CANDIDATE:
        raise NotFound(campaign_id)
    allowed = {p.id for p in campaigns.practices_of(session=session, campaign=campaign) if p.id}
    ranked = _ordered(positions, allowed)
    _save(session, campaign, CANDIDATE, profile.id or 0, ranked)
    return ranked


def rank_candidates(
    *,
    session: Session,
    user: User,
    campaign_id: int,
    practice_id: int,
    positions: dict[int, int | None],
) -> list[int]:
    """A holder ranks the campaign's candidates for one of their participating practices."""
    campaign = participant_campaign(session=session, user=user, campaign_id=campaign_id)
    practice = session.get(Practice, practice_id)
    participating = {p.id for p in campaigns.practices_of(session=session, campaign=campaign)}
    if practice is None or practice.owner_id != user.id or practice_id not in participating:
        raise NotFound(practice_id)
    allowed = {m.id for m in members(session=session, campaign=campaign) if m.id}
    ranked = _ordered(positions, allowed)
    _save(session, campaign, PRACTICE, practice_id, ranked)
    return ranked


def run(*, session: Session, campaign: Campaign) -> CampaignRound:
    """Run a round on the saved rankings and store the proposals."""
    profiles = {p.id: p for p in members(session=session, campaign=campaign)}
    practices = {p.id: p for p in campaigns.practices_of(session=session, campaign=campaign)}
    lead = {}
    for pid, profile in profiles.items():
        partner = profile.duo_partner_id
        lead[pid] = min(pid, partner) if partner in profiles else pid  # type: ignore[type-var]
    sizes = {
        f"c{pid}": 2
        for pid, led in lead.items()
        if pid == led and any(other != pid and lead[other] == pid for other in profiles)
    }
    cprefs = {
        f"c{pid}": [
            f"p{q}"
            for q in ranking(session=session, campaign=campaign, side=CANDIDATE, owner_id=pid or 0)
            if q in practices
        ]
        for pid in profiles
        if lead[pid] == pid
    }
    pprefs = {}
    for qid in practices:
        units = [
            f"c{lead[c]}"
            for c in ranking(session=session, campaign=campaign, side=PRACTICE, owner_id=qid or 0)
            if c in lead
        ]
        pprefs[f"p{qid}"] = list(dict.fromkeys(units))
    offered = places(session=session, campaign=campaign)
    result = run_round(cprefs, pprefs, {f"p{q}": offered[q or 0] for q in practices}, sizes)
    round_ = CampaignRound(
        campaign_id=campaign.id or 0,
        unplaced=sum(1 for v in result.assignment.values() if v is None),
        blocking=[[int(c[1:]), int(p[1:])] for c, p in result.blocking_pairs],
    )
    session.add(round_)
    session.flush()
    for unit, practice_key in result.assignment.items():
        if practice_key is None:
            continue
        unit_id = int(unit[1:])
        practice = practices[int(practice_key[1:])]
        people = [profiles[p] for p in profiles if lead[p] == unit_id]
        for profile in people:
            session.add(
                RoundProposal(
                    round_id=round_.id or 0,
                    candidate_id=profile.id or 0,
                    practice_id=practice.id or 0,
                )
            )
        _tell_proposed(session, campaign, [p.user_id for p in people] + [practice.owner_id])
    session.commit()
    return round_


def _tell_proposed(session: Session, campaign: Campaign, user_ids: list[int]) -> None:
    """Everyone in a proposed pair hears it in the app and by email: it needs their answer."""
    for user_id in dict.fromkeys(user_ids):
        person = session.get(User, user_id)
        if person is None:
            continue
        inbox.tell(
            session=session,
            to=person,
            kind="round_proposal",
            link=f"/campaigns/{campaign.id}/rank",
            campaign=campaign.name,
            email={"campaign_name": campaign.name, "campaign_id": campaign.id},
        )


@dataclass(frozen=True)
class RoundView:
    """The latest round of a campaign and its proposals."""

    round: CampaignRound | None
    proposals: list[RoundProposal]


def latest(*, session: Session, campaign: Campaign) -> RoundView:
    """The most recent round and its proposals."""
    round_ = session.exec(
        select(CampaignRound)
        .where(CampaignRound.campaign_id == campaign.id)
        .order_by(col(CampaignRound.id).desc())
    ).first()
    if round_ is None:
        return RoundView(None, [])
    proposals = list(session.exec(select(RoundProposal).where(RoundProposal.round_id == round_.id)))
    return RoundView(round_, proposals)


def answer(*, session: Session, user: User, proposal_id: int, accept: bool) -> RoundProposal:
    """A candidate or the practice's holder accepts or declines; two yeses introduce them."""
    proposal = session.get(RoundProposal, proposal_id)
    if proposal is None:
        raise NotFound(proposal_id)
    profile = session.get(CandidateProfile, proposal.candidate_id)
    practice = session.get(Practice, proposal.practice_id)
    if profile is not None and profile.user_id == user.id:
        proposal.candidate_answer = accept
    elif practice is not None and practice.owner_id == user.id:
        proposal.practice_answer = accept
    else:
        raise NotFound(proposal_id)
    session.add(proposal)
    if proposal.candidate_answer and proposal.practice_answer:
        _introduce(session, proposal, user)
    session.commit()
    return proposal


def _introduce(session: Session, proposal: RoundProposal, user: User) -> None:
    intro = session.exec(
        select(Introduction).where(
            Introduction.practice_id == proposal.practice_id,
            Introduction.candidate_id == proposal.candidate_id,
        )
    ).first()
    if intro is None:
        intro = Introduction(
            practice_id=proposal.practice_id,
            candidate_id=proposal.candidate_id,
            initiated_by="round",
            status=IntroStatus.REQUESTED,
        )
        session.add(intro)
        session.flush()
        session.add(
            IntroductionEvent(
                introduction_id=intro.id or 0, status=IntroStatus.REQUESTED, by_user_id=user.id
            )
        )
    if intro.status == IntroStatus.REQUESTED:
        intro.status, intro.updated_at = IntroStatus.INTRODUCED, utcnow()
        session.add(intro)
        session.add(
            IntroductionEvent(
                introduction_id=intro.id or 0, status=IntroStatus.INTRODUCED, by_user_id=user.id
            )
        )


def table(*, session: Session, view: RoundView) -> Table:
    """The round's proposals with the candidate's invited address and the practice's name."""
    names = {
        p.id: p.name
        for p in session.exec(
            select(Practice).where(col(Practice.id).in_({x.practice_id for x in view.proposals}))
        )
    }
    emails = {
        m.profile_id: m.email
        for m in session.exec(
            select(CampaignMember).where(
                col(CampaignMember.profile_id).in_({x.candidate_id for x in view.proposals})
            )
        )
    }
    return Table(
        ("candidate", "practice", "candidate_answer", "practice_answer"),
        [
            (
                emails.get(p.candidate_id, ""),
                names.get(p.practice_id, ""),
                p.candidate_answer,
                p.practice_answer,
            )
            for p in view.proposals
        ],
    )


def campaign_of(*, session: Session, proposal: RoundProposal) -> int:
    """The campaign a proposal belongs to."""
    round_ = session.get(CampaignRound, proposal.round_id)
    return round_.campaign_id if round_ else 0


@dataclass(frozen=True)
class RankPage:
    """What one participant ranks and answers in a campaign."""

    campaign: Campaign
    side: str
    # candidate: [(practice, position)]; holder: [(practice, [(profile, position)])]
    items: list[Any]
    proposals: list[tuple[RoundProposal, Practice, CandidateProfile]]


def rank_page(*, session: Session, user: User, campaign_id: int) -> RankPage:
    """The ranking form and the proposals of a candidate or a holder in a campaign."""
    campaign = participant_campaign(session=session, user=user, campaign_id=campaign_id)
    practices = campaigns.practices_of(session=session, campaign=campaign)
    view = latest(session=session, campaign=campaign)
    items: list[Any] = []
    if user.role == Role.CANDIDATE:
        profile = candidates.get_profile(session=session, user=user)
        pid = profile.id if profile and profile.id else 0
        order = ranking(session=session, campaign=campaign, side=CANDIDATE, owner_id=pid)
        items = [(p, order.index(p.id) + 1 if p.id in order else None) for p in practices]
        mine = [x for x in view.proposals if x.candidate_id == pid]
        side = CANDIDATE
    else:
        people = members(session=session, campaign=campaign)
        owned = [p for p in practices if p.owner_id == user.id]
        for practice in owned:
            order = ranking(
                session=session, campaign=campaign, side=PRACTICE, owner_id=practice.id or 0
            )
            items.append(
                (practice, [(m, order.index(m.id) + 1 if m.id in order else None) for m in people])
            )
        owned_ids = {p.id for p in owned}
        mine = [x for x in view.proposals if x.practice_id in owned_ids]
        side = PRACTICE
    proposals = []
    for x in mine:
        their_practice = session.get(Practice, x.practice_id)
        their_profile = session.get(CandidateProfile, x.candidate_id)
        if their_practice is not None and their_profile is not None:
            proposals.append((x, their_practice, their_profile))
    return RankPage(campaign, side, items, proposals)
