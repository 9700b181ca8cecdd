"""The campaign dashboard: the funnel of invited candidates, its practices, results per
municipality, and the same as CSV."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from matchmaker.domain.funnel import (
    FROM_INTRODUCTION,
    SETTLED,
    FunnelReport,
    Journey,
    funnel,
    furthest_stage,
)
from matchmaker.domain.incentives import IncentiveSummary
from matchmaker.domain.introductions import IntroStatus
from matchmaker.domain.takeover import Progress
from matchmaker.models import (
    Campaign,
    CampaignMember,
    CampaignRanking,
    Introduction,
    IntroductionEvent,
    Offer,
    Practice,
)
from matchmaker.models._common import as_utc
from matchmaker.services import campaigns, match_rounds
from matchmaker.services import events as campaign_events
from matchmaker.services.csvfile import Table
from matchmaker.services.geodata import gazetteer
from matchmaker.services.takeover import dossier


@dataclass(frozen=True)
class Dashboard:
    """Everything the campaign page shows."""

    campaign: Campaign
    report: FunnelReport
    members: list[tuple[CampaignMember, str]]  # with the furthest stage reached
    practices: list[Practice]
    by_municipality: list[tuple[str, int, int, int]]  # name, practices, introductions, settled
    # Takeover files of the campaign's introductions: counts only, never their contents.
    takeovers: list[Progress] = field(default_factory=list)
    # The introductions between the campaign's candidates and practices.
    introductions: list[Introduction] = field(default_factory=list)


def dashboard(*, session: Session, campaign: Campaign) -> Dashboard:
    """The funnel of the campaign's candidates with its practices, and results per municipality."""
    members = list(
        session.exec(select(CampaignMember).where(CampaignMember.campaign_id == campaign.id))
    )
    practices = campaigns.practices_of(session=session, campaign=campaign)
    practice_ids = [p.id for p in practices]
    profile_ids = [m.profile_id for m in members if m.profile_id]
    intros = session.exec(
        select(Introduction).where(
            col(Introduction.practice_id).in_(practice_ids),
            col(Introduction.candidate_id).in_(profile_ids),
        )
    )
    intro_list = list(intros)
    events = session.exec(
        select(IntroductionEvent).where(
            col(IntroductionEvent.introduction_id).in_([i.id for i in intro_list])
        )
    )
    by_intro: dict[int, list[IntroductionEvent]] = defaultdict(list)
    for event in events:
        by_intro[event.introduction_id].append(event)
    via_events = campaign_events.funnel_steps(session=session, campaign=campaign, members=members)
    journeys, furthest = [], []
    for m in members:
        reached = {"invited": m.invited_at}
        if m.viewed_at:
            reached["viewed"] = m.viewed_at
        steps = [(s, at) for s, at in via_events.get(m.id or 0, {}).items()]
        mine = [i for i in intro_list if i.candidate_id == m.profile_id]
        # Only progress after the person joined the campaign (its invitation) is the
        # campaign's: an introduction they had before it does not count for it.
        joined = as_utc(m.invited_at)
        steps += [
            (FROM_INTRODUCTION[e.status], e.at)
            for intro in mine
            for e in by_intro[intro.id or 0]
            if e.status in FROM_INTRODUCTION and as_utc(e.at) >= joined
        ]
        for stage, at in steps:
            if stage not in reached or at < reached[stage]:
                reached[stage] = at
        closed = mine and all(
            i.status in (IntroStatus.WITHDRAWN, IntroStatus.DECLINED) for i in mine
        )
        journey = Journey(reached, withdrawn=bool(closed))
        journeys.append(journey)
        furthest.append(furthest_stage(journey) or "invited")
    per_muni = []
    gaz = gazetteer()
    for code in campaign.municipalities:
        ps = [p for p in practices if p.gemeentecode == code]
        ids = {p.id for p in ps}
        mine = [i for i in intro_list if i.practice_id in ids]
        settled = sum(1 for i in mine if i.status == SETTLED)
        muni = gaz.municipality(code)
        per_muni.append((muni.name if muni else code, len(ps), len(mine), settled))
    files = dossier.progress_by_introduction(
        session=session, intro_ids=[i.id or 0 for i in intro_list]
    )
    return Dashboard(
        campaign,
        funnel(journeys, campaign.goal),
        list(zip(members, furthest, strict=True)),
        practices,
        per_muni,
        list(files.values()),
        intro_list,
    )


def tables(board: Dashboard) -> list[Table]:
    """The funnel and the members, as two blocks of one spreadsheet."""
    funnel_table = Table(
        ("stage", "count", "conversion", "median_days_in_stage"),
        [(s.stage, s.count, s.conversion, s.median_days) for s in board.report.stages],
        codes={"stage": "funnel"},
    )
    members = Table(
        ("email", "invited_at", "viewed_at", "furthest_stage"),
        [(m.email, m.invited_at, m.viewed_at, stage) for m, stage in board.members],
        codes={"furthest_stage": "funnel"},
    )
    return [funnel_table, members]


@dataclass(frozen=True)
class Ranked:
    """Who has ranked the other side so far, and who has not."""

    candidates_done: list[str]  # invited addresses of candidates with a ranking
    candidates_waiting: list[str]
    practices_done: list[str]  # practice names
    practices_waiting: list[str]


def _ranked(session: Session, board: Dashboard) -> Ranked:
    rows = session.exec(
        select(CampaignRanking.side, CampaignRanking.owner_id).where(
            CampaignRanking.campaign_id == board.campaign.id
        )
    ).all()
    done = {(side, owner) for side, owner in rows}
    members = [m for m, _ in board.members if m.profile_id]
    return Ranked(
        [m.email for m in members if ("candidate", m.profile_id) in done],
        [m.email for m in members if ("candidate", m.profile_id) not in done],
        [p.name for p in board.practices if ("practice", p.id) in done],
        [p.name for p in board.practices if ("practice", p.id) not in done],
    )


@dataclass(frozen=True)
class DashboardPage:
    """What the recruiter's campaign page shows, in one piece."""

    board: Dashboard
    event_views: list[campaign_events.EventView]
    attendees: dict[int, list[campaign_events.Attendee]]
    incentive_choices: list[Offer]
    package: IncentiveSummary
    round_view: match_rounds.RoundView
    choices: list[Practice]  # practices of the area that could take part
    chosen: set[int]
    names: dict[int, str]  # practice id → name (the recruiter sees real names)
    emails: dict[int, str]  # profile id → invited address
    max_count: int  # the largest funnel stage, for the bars' scale
    ranked: Ranked  # who has saved a ranking, before the recruiter runs a round
    places: dict[int, int]  # practice id → successor places in a round
    max_places: int


def page(*, session: Session, campaign: Campaign) -> DashboardPage:
    """The campaign dashboard with its events, package, match round and practice choices."""
    board = dashboard(session=session, campaign=campaign)
    return DashboardPage(
        board=board,
        event_views=campaign_events.for_campaign(session=session, campaign=campaign),
        attendees=campaign_events.attendees(session=session, campaign=campaign),
        incentive_choices=campaigns.incentive_choices(session=session, campaign=campaign),
        package=campaigns.package_value(session=session, campaign=campaign, profile=None),
        round_view=match_rounds.latest(session=session, campaign=campaign),
        choices=campaigns.candidate_practices(session=session, campaign=campaign),
        chosen={p.id for p in board.practices if p.id is not None},
        names={p.id: p.name for p in board.practices if p.id is not None},
        emails={m.profile_id: m.email for m, _ in board.members if m.profile_id},
        max_count=max([s.count for s in board.report.stages] + [1]),
        ranked=_ranked(session, board),
        places=match_rounds.places(session=session, campaign=campaign),
        max_places=match_rounds.MAX_PLACES,
    )
