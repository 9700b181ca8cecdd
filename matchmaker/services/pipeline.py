"""Stop plans of holders, the succession pipeline per region, and alerts to recruiters."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from matchmaker.domain.errors import NotFound, check_choice, raise_if
from matchmaker.domain.pipeline import PipelineItem, PipelineRow, furthest, pipeline
from matchmaker.domain.practice import ListingStatus, PatientStop
from matchmaker.domain.roles import Role
from matchmaker.models import Introduction, PipelineAlert, Practice, RecruiterRegion, StopPlan, User
from matchmaker.models._common import utcnow
from matchmaker.models.succession import StopPlanInput
from matchmaker.services import matching, notifications
from matchmaker.services.csvfile import Table
from matchmaker.services.geodata import gazetteer


def get_plan(*, session: Session, user: User) -> StopPlan | None:
    """The holder's stop plan, if any."""
    return session.exec(select(StopPlan).where(StopPlan.owner_id == user.id)).first()


def save_plan(*, session: Session, user: User, data: StopPlanInput) -> StopPlan:
    """Create or replace the holder's stop plan (never public)."""
    if user.role != Role.HOLDER:
        raise NotFound(user.id)
    raise_if(check_choice("patient_stop", data.patient_stop, PatientStop, optional=True))
    place = gazetteer().place(data.postcode)
    plan = get_plan(session=session, user=user) or StopPlan(
        owner_id=user.id or 0,
        gemeentecode=place.municipality.code,
        **data.model_dump(),
    )
    for key, value in data.model_dump().items():
        setattr(plan, key, value)
    plan.postcode, plan.gemeentecode, plan.updated_at = place.pc4, place.municipality.code, utcnow()
    session.add(plan)
    session.commit()
    return plan


def delete_plan(*, session: Session, user: User) -> None:
    """Remove the holder's stop plan."""
    plan = get_plan(session=session, user=user)
    if plan is not None:
        session.delete(plan)
        session.commit()


@dataclass(frozen=True)
class PipelineEntry:
    """A pipeline row with what a recruiter needs to act on it."""

    row: PipelineRow
    title: str
    holder: str
    municipality: str
    status: str  # the listing status, or "plan"
    best_score: float | None
    practice_id: int | None
    contact: str = ""  # the holder's email and phone, when they share them
    note: str = ""  # the holder's note on a stop plan


Extra = tuple[str, str, str, Practice | None, str, str]  # title, holder, status, …, contact, note


def _items(session: Session, codes: list[str]) -> tuple[list[PipelineItem], dict[str, Extra]]:
    practices = session.exec(
        select(Practice, User.display_name)
        .join(User, col(User.id) == Practice.owner_id)
        .where(col(Practice.gemeentecode).in_(codes), Practice.status != ListingStatus.HANDED_OVER)
    ).all()
    statuses: dict[int, list[str]] = defaultdict(list)
    ids = [p.id for p, _ in practices]
    for practice_id, status in session.exec(
        select(Introduction.practice_id, Introduction.status).where(
            col(Introduction.practice_id).in_(ids)
        )
    ):
        statuses[practice_id].append(status)
    items: list[PipelineItem] = []
    extra: dict[str, Extra] = {}
    for practice, holder in practices:
        key = f"practice:{practice.id}"
        items.append(
            PipelineItem(
                key,
                practice.gemeentecode,
                practice.patients,
                practice.handover_from,
                furthest(statuses[practice.id or 0]),
            )
        )
        # A named listing's contact is public anyway; an anonymous one's is not shared here.
        contact = (
            " · ".join(x for x in (practice.contact_email, practice.contact_phone) if x)
            if not practice.anonymous
            else ""
        )
        extra[key] = (practice.name, holder, practice.status, practice, contact or "", "")
    plans = session.exec(
        select(StopPlan, User.display_name, User.email)
        .join(User, col(User.id) == StopPlan.owner_id)
        .where(col(StopPlan.gemeentecode).in_(codes))
    ).all()
    for plan, holder, email in plans:
        key = f"plan:{plan.id}"
        items.append(PipelineItem(key, plan.gemeentecode, plan.patients, plan.planned_stop, None))
        contact = " · ".join(x for x in (email, plan.phone) if x) if plan.share_contact else ""
        extra[key] = (plan.practice_name, holder, "plan", None, contact, plan.note)
    return items, extra


def for_regions(
    *, session: Session, codes: list[str], today: date | None = None
) -> list[PipelineEntry]:
    """The pipeline of the given municipalities, soonest stop first."""
    if not codes:
        return []
    items, extra = _items(session, codes)
    entries = []
    rows = pipeline(items, today or date.today())
    listed = [
        p
        for key, (_, _, _, p, _, _) in extra.items()
        if p is not None and key in {r.item.key for r in rows}
    ]
    tops = matching.rank_for_practices(session=session, practices=listed, limit=1)
    for row in rows:
        title, holder, status, practice, contact, note = extra[row.item.key]
        top = tops.get(practice.id or 0, []) if practice is not None else []
        best = top[0].score if top else None
        muni = gazetteer().municipality(row.item.gemeentecode)
        entries.append(
            PipelineEntry(
                row,
                title,
                holder,
                muni.name if muni else "",
                status,
                best,
                practice.id if practice else None,
                contact,
                note,
            )
        )
    return entries


def send_alerts(*, session: Session, today: date | None = None) -> int:
    """Email each recruiter the at-risk items in their regions not alerted before."""
    alerted = set(session.exec(select(PipelineAlert.key)))
    regions: dict[int, list[str]] = defaultdict(list)
    for user_id, code in session.exec(
        select(RecruiterRegion.user_id, RecruiterRegion.gemeentecode)
    ):
        regions[user_id].append(code)
    sent = 0
    new_keys: set[str] = set()
    for user_id, codes in regions.items():
        user = session.get(User, user_id)
        fresh = [
            e
            for e in for_regions(session=session, codes=codes, today=today)
            if e.row.at_risk and e.row.item.key not in alerted
        ]
        if user is None or not user.is_active or not fresh:
            continue
        notifications.notify(session=session, kind="pipeline_alert", to=user, entries=fresh)
        new_keys.update(e.row.item.key for e in fresh)
        sent += 1
    for key in new_keys:
        session.add(PipelineAlert(key=key))
    session.commit()
    return sent


PIPELINE_COLUMNS = (
    "item",
    "title",
    "holder",
    "municipality",
    "patients",
    "stop",
    "months_left",
    "status",
    "furthest_introduction",
    "best_match",
    "at_risk",
)


def table(entries: list[PipelineEntry]) -> Table:
    """The pipeline as one spreadsheet block."""
    return Table(
        PIPELINE_COLUMNS,
        [
            (
                e.row.item.key,
                e.title,
                e.holder,
                e.municipality,
                e.row.item.patients,
                e.row.item.stop,
                e.row.months_left,
                e.status,
                e.row.item.furthest_introduction or "",
                e.best_score,
                e.row.at_risk,
            )
            for e in entries
        ],
        codes={"furthest_introduction": "intro", "status": "status"},
    )
