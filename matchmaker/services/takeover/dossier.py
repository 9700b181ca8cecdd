"""The takeover file: opened at negotiation, kept by both sides, counted for recruiters.

Only the holder and the successor (the candidate) of the introduction see a file; everyone
else gets NotFound. A recruiter of the municipality sees progress counts, never contents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from matchmaker.domain.errors import NotFound, raise_if
from matchmaker.domain.introductions import IntroStatus
from matchmaker.domain.takeover import (
    Party,
    Progress,
    check_update,
    is_overdue,
    progress,
    responsible,
)
from matchmaker.models import (
    CandidateProfile,
    Introduction,
    Practice,
    TakeoverChange,
    TakeoverDocument,
    TakeoverFile,
    TakeoverItem,
    User,
)
from matchmaker.models._common import utcnow
from matchmaker.services import inbox
from matchmaker.services import storage as files
from matchmaker.services.takeover import steps

# A file exists from negotiation on, and stays readable after the agreement and the start.
OPEN_FROM = (IntroStatus.NEGOTIATION, IntroStatus.AGREEMENT, IntroStatus.SETTLED)
HOLDER, SUCCESSOR = Party.HOLDER, Party.SUCCESSOR


def link(intro_id: int) -> str:
    """Where an introduction's takeover file is."""
    return f"/introductions/{intro_id}/takeover"


def open_for(session: Session, intro: Introduction, today: date | None = None) -> TakeoverFile:
    """The file of the introduction, opened with the configured steps if it has none yet
    (not committed: it belongs to the caller's transaction)."""
    found = session.exec(
        select(TakeoverFile).where(TakeoverFile.introduction_id == intro.id)
    ).first()
    if found is not None:
        return found
    today = today or utcnow().date()
    opened = TakeoverFile(introduction_id=intro.id or 0)
    session.add(opened)
    session.flush()
    for position, step in enumerate(steps.current()):
        session.add(
            TakeoverItem(
                file_id=opened.id or 0,
                position=position,
                step_key=step.key,
                title_nl=step.title["nl"],
                title_en=step.title["en"],
                help_nl=step.help["nl"],
                help_en=step.help["en"],
                party=step.party,
                due=today + timedelta(days=step.due_days),
            )
        )
    return opened


@dataclass(frozen=True)
class Parties:
    """An introduction with a file, and which side the viewer is on."""

    intro: Introduction
    practice: Practice
    profile: CandidateProfile
    side: Party  # HOLDER or SUCCESSOR

    def other_ids(self) -> list[int]:
        """The account on the other side."""
        return [self.profile.user_id if self.side == HOLDER else self.practice.owner_id]


def resolve(session: Session, user: User, intro_id: int) -> Parties:
    intro = session.get(Introduction, intro_id)
    if intro is None or intro.status not in OPEN_FROM:
        raise NotFound(intro_id)
    practice = session.get(Practice, intro.practice_id)
    profile = session.get(CandidateProfile, intro.candidate_id)
    if practice is None or profile is None:
        raise NotFound(intro_id)
    if user.id == practice.owner_id:
        return Parties(intro, practice, profile, HOLDER)
    if user.id == profile.user_id:
        return Parties(intro, practice, profile, SUCCESSOR)
    raise NotFound(intro_id)


@dataclass(frozen=True)
class ItemView:
    """One step with its documents, history and whether it is overdue."""

    item: TakeoverItem
    documents: list[TakeoverDocument]
    history: list[tuple[TakeoverChange, str]]  # change and who made it ("" for a deleted account)
    overdue: bool
    mine: bool  # the viewer is (one of) the side(s) doing it


@dataclass(frozen=True)
class Dossier:
    """The file as one of the two sides sees it."""

    intro: Introduction
    practice: Practice
    profile: CandidateProfile
    side: str
    items: list[ItemView]
    progress: Progress
    open: bool  # steps can still change (not after the start or a withdrawal)


def view(*, session: Session, user: User, intro_id: int, today: date | None = None) -> Dossier:
    """The file of one's own introduction (opened now if negotiation began before files
    existed); NotFound for anyone else and before negotiation."""
    today = today or utcnow().date()
    p = resolve(session, user, intro_id)
    opened = open_for(session, p.intro, today)
    session.commit()
    items = list(
        session.exec(
            select(TakeoverItem)
            .where(TakeoverItem.file_id == opened.id)
            .order_by(col(TakeoverItem.position), col(TakeoverItem.id))
        )
    )
    ids = [i.id for i in items]
    documents: dict[int, list[TakeoverDocument]] = defaultdict(list)
    for doc in session.exec(
        select(TakeoverDocument)
        .where(col(TakeoverDocument.item_id).in_(ids))
        .order_by(col(TakeoverDocument.id))
    ):
        documents[doc.item_id].append(doc)
    history: dict[int, list[tuple[TakeoverChange, str]]] = defaultdict(list)
    for change, name in session.exec(
        select(TakeoverChange, User.display_name)
        .join(User, col(User.id) == TakeoverChange.by_user_id, isouter=True)
        .where(col(TakeoverChange.item_id).in_(ids))
        .order_by(col(TakeoverChange.at).desc(), col(TakeoverChange.id).desc())
    ):
        history[change.item_id].append((change, name or ""))
    shown = [
        ItemView(
            i,
            documents[i.id or 0],
            history[i.id or 0][:10],
            is_overdue(i.status, i.due, today),
            i.party in (Party.BOTH, p.side),
        )
        for i in items
    ]
    return Dossier(
        p.intro,
        p.practice,
        p.profile,
        p.side,
        shown,
        progress([(i.status, i.due) for i in items], today),
        p.intro.status != IntroStatus.SETTLED,
    )


def _item(session: Session, p: Parties, item_id: int) -> TakeoverItem:
    item = session.get(TakeoverItem, item_id)
    opened = session.exec(
        select(TakeoverFile).where(TakeoverFile.introduction_id == p.intro.id)
    ).first()
    if item is None or opened is None or item.file_id != opened.id:
        raise NotFound(item_id)
    return item


def _tell(session: Session, p: Parties, item: TakeoverItem, what: str) -> None:
    for user_id in p.other_ids():
        person = session.get(User, user_id)
        if person is not None:
            inbox.tell(
                session=session,
                to=person,
                kind="takeover_changed",
                link=link(p.intro.id or 0),
                title=p.practice.name,
                step=item.title_nl if (person.locale or "nl") == "nl" else item.title_en,
                what=what,
            )


def update(
    *,
    session: Session,
    user: User,
    intro_id: int,
    item_id: int,
    status: str,
    due: date | None,
    notes: str,
    today: date | None = None,
) -> TakeoverItem:
    """Record a step's status, due date and notes; the change is kept in the history and the
    other side hears of it."""
    today = today or utcnow().date()
    p = resolve(session, user, intro_id)
    item = _item(session, p, item_id)
    notes = notes.replace("\x00", "").strip()
    raise_if(
        check_update(status=status, due=due, notes=notes, today=today, due_changed=due != item.due)
    )
    changed = [
        (name, str(old or ""), str(new or ""))
        for name, old, new in (
            ("status", item.status, status),
            ("due", item.due.isoformat() if item.due else "", due.isoformat() if due else ""),
            ("notes", item.notes[:300], notes[:300]),
        )
        if str(old or "") != str(new or "")
    ]
    if not changed:
        return item
    if due != item.due:
        item.overdue_told_at = None  # a new due date may be overdue again later
    item.status, item.due, item.notes = status, due, notes
    item.updated_at, item.updated_by = utcnow(), user.id
    session.add(item)
    for name, old, new in changed:
        session.add(
            TakeoverChange(item_id=item.id or 0, by_user_id=user.id, field=name, old=old, new=new)
        )
    _tell(session, p, item, changed[0][0])
    session.commit()
    return item


def attach(
    *,
    session: Session,
    user: User,
    intro_id: int,
    item_id: int,
    upload: files.Upload,
    storage: Path,
) -> TakeoverDocument:
    """Add a PDF to a step (checked by content); kept in the history, the other side told."""
    p = resolve(session, user, intro_id)
    item = _item(session, p, item_id)
    raise_if(files.check_pdf(upload, "document"))
    key = files.save(storage, upload.data)
    name = files.clean_pdf_name(upload.name)
    doc = TakeoverDocument(
        item_id=item.id or 0, name=name, key=key, size=len(upload.data), by_user_id=user.id
    )
    try:
        session.add(doc)
        session.add(
            TakeoverChange(item_id=item.id or 0, by_user_id=user.id, field="document", new=name)
        )
        _tell(session, p, item, "document")
        session.commit()
    except BaseException:
        files.discard(storage, key)  # no file without its row
        raise
    return doc


def document(
    *, session: Session, user: User, intro_id: int, document_id: int, storage: Path
) -> tuple[Path, str]:
    """A step's PDF for one of the two sides (NotFound for anyone else)."""
    p = resolve(session, user, intro_id)
    doc = session.get(TakeoverDocument, document_id)
    if doc is None:
        raise NotFound(document_id)
    _item(session, p, doc.item_id)
    return files.path_of(storage, doc.key), doc.name


def remind_overdue(*, session: Session, today: date | None = None) -> int:
    """Daily: the side(s) doing an unfinished step past its due date hear of it in the bell,
    once per due date; returns how many reminders."""
    today = today or utcnow().date()
    rows = session.exec(
        select(TakeoverItem, Introduction, Practice, CandidateProfile)
        .join(TakeoverFile, col(TakeoverFile.id) == TakeoverItem.file_id)
        .join(Introduction, col(Introduction.id) == TakeoverFile.introduction_id)
        .join(Practice, col(Practice.id) == Introduction.practice_id)
        .join(CandidateProfile, col(CandidateProfile.id) == Introduction.candidate_id)
        .where(
            col(TakeoverItem.due) < today,
            col(TakeoverItem.overdue_told_at).is_(None),
            col(TakeoverItem.status).notin_(["done", "not_needed"]),
            col(Introduction.status).in_([IntroStatus.NEGOTIATION, IntroStatus.AGREEMENT]),
        )
    ).all()
    told = 0
    for item, intro, practice, profile in rows:
        for user_id in responsible(item.party, practice.owner_id, profile.user_id):
            person = session.get(User, user_id)
            if person is None:
                continue
            inbox.tell(
                session=session,
                to=person,
                kind="takeover_overdue",
                link=link(intro.id or 0),
                title=practice.name,
                step=item.title_nl if (person.locale or "nl") == "nl" else item.title_en,
                day=item.due.isoformat() if item.due else "",
            )
            told += 1
        item.overdue_told_at = utcnow()
        session.add(item)
    session.commit()
    return told


def progress_by_introduction(
    *, session: Session, intro_ids: list[int], today: date | None = None
) -> dict[int, Progress]:
    """Counts per introduction with a file (for a recruiter's funnel: no contents)."""
    if not intro_ids:
        return {}
    today = today or utcnow().date()
    rows = session.exec(
        select(col(TakeoverFile.introduction_id), col(TakeoverItem.status), col(TakeoverItem.due))
        .join(TakeoverItem, col(TakeoverItem.file_id) == TakeoverFile.id)
        .where(col(TakeoverFile.introduction_id).in_(intro_ids))
    ).all()
    grouped: dict[int, list[tuple[str, date | None]]] = defaultdict(list)
    for intro_id, status, due in rows:
        grouped[intro_id].append((status, due))
    return {i: progress(items, today) for i, items in grouped.items()}
