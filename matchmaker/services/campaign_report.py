"""A campaign report for the council: what the campaign aimed at and what came of it.

The same figures go into the PDF (rendered by the web layer) and the CSV: the period, goal and
result, the funnel, results per municipality, events and attendance, the incentives the
settled GPs were granted and their value, outcomes with the reasons given, and how the
region's two shortage scores moved (from the recorded daily snapshots; never estimated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from matchmaker.domain.funnel import FunnelReport
from matchmaker.domain.introductions import IntroStatus
from matchmaker.domain.shortage import Dimension
from matchmaker.models import (
    Campaign,
    CandidateProfile,
    IntroductionEvent,
    ShortageSnapshot,
)
from matchmaker.models._common import utcnow
from matchmaker.services import campaign_dashboard, campaigns, shortage
from matchmaker.services import events as campaign_events
from matchmaker.services.csvfile import Table
from matchmaker.services.geodata import gazetteer


@dataclass(frozen=True)
class Movement:
    """One municipality's shortage scores at the start of the campaign and now."""

    name: str
    since: date | None  # the snapshot the campaign is compared with (None: none recorded)
    recruitment: tuple[float | None, float | None]
    access: tuple[float | None, float | None]


@dataclass(frozen=True)
class EventLine:
    """An event with how many signed up and came."""

    title: str
    day: date
    kind: str
    signed_up: int  # people (a partner counts)
    attended: int
    past: bool


@dataclass(frozen=True)
class Outcome:
    """How an introduction of the campaign ended or stands, with the reason given."""

    status: str
    reason: str


@dataclass(frozen=True)
class Report:
    """Everything the council report shows."""

    campaign: Campaign
    areas: str
    funnel: FunnelReport
    by_municipality: list[tuple[str, int, int, int]]
    events: list[EventLine]
    package_total: int  # what the package is worth to one household that qualifies for all
    granted: list[tuple[str, int]]  # (incentive title, euros) granted to settled GPs
    granted_total: int
    outcomes: list[Outcome]
    movements: list[Movement]
    made_on: date


def _movements(session: Session, campaign: Campaign) -> list[Movement]:
    gaz = gazetteer()
    now = shortage.current(session).by_code
    out = []
    for code in campaign.municipalities:
        start = (
            session.exec(
                select(ShortageSnapshot)
                .where(
                    ShortageSnapshot.gemeentecode == code,
                    col(ShortageSnapshot.day) <= campaign.starts_on,
                )
                .order_by(col(ShortageSnapshot.day).desc())
            ).first()
            or session.exec(
                select(ShortageSnapshot)
                .where(ShortageSnapshot.gemeentecode == code)
                .order_by(col(ShortageSnapshot.day))
            ).first()
        )
        current = now.get(code)
        muni = gaz.municipality(code)
        out.append(
            Movement(
                muni.name if muni else code,
                start.day if start else None,
                (
                    start.recruitment if start else None,
                    current.scores.get(Dimension.RECRUITMENT) if current else None,
                ),
                (
                    start.access if start else None,
                    current.scores.get(Dimension.ACCESS) if current else None,
                ),
            )
        )
    return out


def report(*, session: Session, campaign: Campaign) -> Report:
    """The report of one of the recruiter's campaigns."""
    board = campaign_dashboard.dashboard(session=session, campaign=campaign)
    views = campaign_events.for_campaign(session=session, campaign=campaign)
    people = campaign_events.attendees(session=session, campaign=campaign)
    today = utcnow().date()
    event_lines = [
        EventLine(
            v.event.title,
            v.event.day,
            v.event.kind,
            sum(a.signup.party for a in people.get(v.event.id or 0, [])),
            sum(a.signup.party for a in people.get(v.event.id or 0, []) if a.signup.attended),
            v.event.day < today,
        )
        for v in views
    ]
    intros = board.introductions  # the dashboard read them already
    notes = {
        e.introduction_id: e.note
        for e in session.exec(
            select(IntroductionEvent)
            .where(col(IntroductionEvent.introduction_id).in_([i.id for i in intros]))
            .order_by(col(IntroductionEvent.at))
        )
        if e.note
    }
    settled_profiles = [
        session.get(CandidateProfile, i.candidate_id)
        for i in intros
        if i.status == IntroStatus.SETTLED
    ]
    granted: dict[str, int] = {}
    for profile in settled_profiles:
        value = campaigns.package_value(session=session, campaign=campaign, profile=profile)
        for line in value.lines:
            if line.applies and line.counted:
                granted[line.title] = granted.get(line.title, 0) + line.counted
    package = campaigns.package_value(session=session, campaign=campaign, profile=None)
    return Report(
        campaign=campaign,
        areas=campaigns.area_names(campaign),
        funnel=board.report,
        by_municipality=board.by_municipality,
        events=event_lines,
        package_total=package.total,
        granted=sorted(granted.items()),
        granted_total=sum(granted.values()),
        outcomes=[
            Outcome(i.status, notes.get(i.id or 0, ""))
            for i in intros
            if i.status in (IntroStatus.SETTLED, IntroStatus.WITHDRAWN, IntroStatus.DECLINED)
        ],
        movements=_movements(session, campaign),
        made_on=today,
    )


def tables(data: Report) -> list[Table]:
    """The report's figures as blocks of one spreadsheet."""
    return [
        Table(
            ("stage", "count", "conversion", "median_days_in_stage"),
            [(s.stage, s.count, s.conversion, s.median_days) for s in data.funnel.stages],
            codes={"stage": "funnel"},
        ),
        Table(
            ("municipality", "practices", "introductions", "settled"),
            list(data.by_municipality),
        ),
        Table(
            ("event", "day", "kind", "signed_up", "attended"),
            [(e.title, e.day, e.kind, e.signed_up, e.attended) for e in data.events],
            codes={"kind": "event"},
        ),
        Table(("incentive", "granted_euros"), list(data.granted)),
        Table(
            ("outcome", "reason"),
            [(o.status, o.reason) for o in data.outcomes],
            codes={"outcome": "intro"},
        ),
        Table(
            (
                "municipality",
                "snapshot_day",
                "recruitment_then",
                "recruitment_now",
                "access_then",
                "access_now",
            ),
            [(m.name, m.since, *m.recruitment, *m.access) for m in data.movements],
        ),
    ]
