"""The conversation of an introduction: after both sides accepted they write to each other here,
with PDF attachments (an NDA, practice figures, a lease), and may invite a regional recruiter.

Only the thread's members ever see it: the candidate, the holder, and recruiters one of them
invited. Everyone else gets NotFound, as if the thread did not exist. A conversation is
between its two parties: a party invites a recruiter only after confirming what it means, the
other party is told and sees who is in the thread, either party can take the recruiter out
again, and a recruiter reads what was written before they joined (messages and PDFs) only
while both parties agree. Attachments live in a
directory outside the web root (``storage``) under random names and are served only through
:func:`attachment`, after the same check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from matchmaker.domain.errors import Code, DomainError, Issue, NotFound, raise_if
from matchmaker.domain.introductions import CLOSED, IntroStatus, contact_shared
from matchmaker.models import (
    CandidateProfile,
    Introduction,
    Message,
    Practice,
    ThreadMember,
    User,
)
from matchmaker.models._common import as_utc, utcnow
from matchmaker.services import accounts, inbox
from matchmaker.services import storage as storage_files

MAX_BODY = 4000  # characters in one message
MAX_ATTACHMENT = storage_files.MAX_PDF
EMAIL_GAP = timedelta(hours=1)  # at most one email per thread and reader in this time
CANDIDATE, HOLDER, RECRUITER = "candidate", "holder", "recruiter"


def thread_link(intro_id: int) -> str:
    """Where an introduction's conversation is (notifications point here)."""
    return f"/introductions/{intro_id}/thread"


Attachment = storage_files.Upload  # an uploaded file as the web layer received it


@dataclass(frozen=True)
class Line:
    """One message as a member sees it."""

    message: Message
    sender: str  # display name, or "" for a deleted account
    mine: bool
    unread: bool


@dataclass(frozen=True)
class MemberView:
    """Someone in the thread as a member sees them; for a recruiter, whether each party lets
    them read what was written before they joined."""

    user_id: int
    name: str
    role: str
    joined_at: datetime
    history_by_candidate: bool = False
    history_by_holder: bool = False
    history_by_viewer: bool = False  # the viewing party lets this recruiter read back
    history_by_other: bool = False  # the other party does

    @property
    def reads_history(self) -> bool:
        """Whether this member reads the messages from before they joined."""
        return self.role != RECRUITER or (self.history_by_candidate and self.history_by_holder)


@dataclass(frozen=True)
class ThreadView:
    """A thread: its introduction, who is in it, the messages, and what the viewer may do."""

    intro: Introduction
    title: str
    role: str  # the viewer's place in the thread
    lines: list[Line]
    members: list[MemberView]
    can_write: bool
    recruiters: list[User]  # recruiters of the practice's municipality not yet in the thread
    hidden: int = 0  # messages from before the viewer (a recruiter) joined, not shown to them

    @property
    def party(self) -> bool:
        """Whether the viewer is one of the two parties (not an invited recruiter)."""
        return self.role != RECRUITER


def _parties(session: Session, intro: Introduction) -> tuple[Practice, CandidateProfile]:
    practice = session.get(Practice, intro.practice_id)
    profile = session.get(CandidateProfile, intro.candidate_id)
    if practice is None or profile is None:
        raise NotFound(intro.id)
    return practice, profile


def _member(session: Session, user: User, intro_id: int) -> tuple[Introduction, ThreadMember]:
    """The introduction and the user's membership; NotFound for anyone outside the thread."""
    intro = session.get(Introduction, intro_id)
    if intro is None or not contact_shared(intro.status) and intro.status != IntroStatus.WITHDRAWN:
        raise NotFound(intro_id)
    practice, profile = _parties(session, intro)
    role = (
        CANDIDATE
        if user.id == profile.user_id
        else HOLDER
        if user.id == practice.owner_id
        else None
    )
    member = session.get(ThreadMember, (intro.id, user.id))
    if role is not None and member is None:
        member = ThreadMember(introduction_id=intro.id or 0, user_id=user.id or 0, role=role)
        session.add(member)
        session.flush()
    if member is None:
        raise NotFound(intro_id)
    return intro, member


def _ensure_parties(session: Session, intro: Introduction) -> None:
    """Both parties have a membership row (for their read marks and email pauses)."""
    practice, profile = _parties(session, intro)
    for user_id, role in ((profile.user_id, CANDIDATE), (practice.owner_id, HOLDER)):
        if session.get(ThreadMember, (intro.id, user_id)) is None:
            session.add(ThreadMember(introduction_id=intro.id or 0, user_id=user_id, role=role))
    session.flush()


def _visible_from(member: ThreadMember) -> datetime | None:
    """From when a member reads the thread: a recruiter from their joining, unless both
    parties let them read what came before; None: everything."""
    if member.role != RECRUITER or (member.history_by_candidate and member.history_by_holder):
        return None
    return as_utc(member.joined_at)


def thread(*, session: Session, user: User, intro_id: int) -> ThreadView:
    """The thread as ``user`` sees it; opening it marks every message read."""
    intro, me = _member(session, user, intro_id)
    _ensure_parties(session, intro)
    practice, _profile = _parties(session, intro)
    read_before = as_utc(me.read_at) if me.read_at else None
    rows = session.exec(
        select(Message, User)
        .join(User, col(User.id) == Message.sender_id, isouter=True)
        .where(Message.introduction_id == intro.id)
        .order_by(col(Message.created_at), col(Message.id))
    ).all()
    since = _visible_from(me)
    shown = [(m, s) for m, s in rows if since is None or as_utc(m.created_at) >= since]
    lines = [
        Line(
            message=m,
            sender=sender.display_name if sender else "",
            mine=m.sender_id == user.id,
            unread=m.sender_id != user.id
            and (read_before is None or as_utc(m.created_at) > read_before),
        )
        for m, sender in shown
    ]
    members = session.exec(
        select(ThreadMember, User)
        .join(User, col(User.id) == ThreadMember.user_id)
        .where(ThreadMember.introduction_id == intro.id)
        .order_by(col(ThreadMember.joined_at))
    ).all()
    in_thread = {u.id for _, u in members}
    me.read_at = utcnow()
    session.add(me)
    inbox.mark_read_for(session=session, user=user, link=thread_link(intro.id or 0))
    session.commit()
    return ThreadView(
        intro=intro,
        title=practice.name,
        role=me.role,
        lines=lines,
        members=[
            MemberView(
                user_id=u.id or 0,
                name=u.display_name,
                role=m.role,
                joined_at=m.joined_at,
                history_by_candidate=m.history_by_candidate,
                history_by_holder=m.history_by_holder,
                history_by_viewer=m.history_by_candidate
                if me.role == CANDIDATE
                else m.history_by_holder,
                history_by_other=m.history_by_holder
                if me.role == CANDIDATE
                else m.history_by_candidate,
            )
            for m, u in members
        ],
        can_write=intro.status not in CLOSED or intro.status == IntroStatus.SETTLED,
        recruiters=[r for r in recruiters_for(session, practice) if r.id not in in_thread]
        if me.role != RECRUITER
        else [],
        hidden=len(rows) - len(shown),
    )


def recruiters_for(session: Session, practice: Practice) -> list[User]:
    """Active recruiters who work for the practice's municipality."""
    return accounts.recruiters_of(session=session, gemeentecode=practice.gemeentecode)


def _check(body: str, attachment: Attachment | None) -> list[Issue]:
    issues = []
    if not body and attachment is None:
        issues.append(Issue("body", Code.REQUIRED, "write a message or attach a file"))
    if len(body) > MAX_BODY:
        issues.append(Issue("body", Code.TOO_LONG, "message too long", str(MAX_BODY)))
    if attachment is not None:
        issues += storage_files.check_pdf(attachment)
    return issues


def post(
    *,
    session: Session,
    user: User,
    intro_id: int,
    body: str,
    attachment: Attachment | None,
    storage: Path,
) -> Message:
    """Add a message (and its PDF); the other members hear of it in the app, and by email at
    most once an hour per thread."""
    intro, me = _member(session, user, intro_id)
    if intro.status in CLOSED and intro.status != IntroStatus.SETTLED:
        raise DomainError([Issue("body", Code.CLOSED, "this introduction is closed")])
    body = body.strip()
    raise_if(_check(body, attachment))
    _ensure_parties(session, intro)
    message = Message(introduction_id=intro.id or 0, sender_id=user.id, body=body)
    if attachment is not None:
        message.attachment_key = storage_files.save(storage, attachment.data)
        message.attachment_name = storage_files.clean_pdf_name(attachment.name)
        message.attachment_size = len(attachment.data)
    session.add(message)
    me.read_at = utcnow()
    session.add(me)
    try:
        _tell_members(session, intro, user)
        session.commit()
    except BaseException:
        storage_files.discard(storage, message.attachment_key)  # no file without its message
        raise
    return message


def _tell_members(session: Session, intro: Introduction, sender: User) -> None:
    practice, _profile = _parties(session, intro)
    now = utcnow()
    others = session.exec(
        select(ThreadMember, User)
        .join(User, col(User.id) == ThreadMember.user_id)
        .where(ThreadMember.introduction_id == intro.id, ThreadMember.user_id != sender.id)
    ).all()
    for member, person in others:
        pause_over = member.emailed_at is None or now - as_utc(member.emailed_at) >= EMAIL_GAP
        email_now = pause_over and inbox.wants(person, "email", "message")
        inbox.tell(
            session=session,
            to=person,
            kind="message",
            link=thread_link(intro.id or 0),
            title=practice.name,
            name=sender.display_name,
            email={"title": practice.name, "sender": sender.display_name, "intro_id": intro.id}
            if email_now
            else None,
        )
        if email_now:
            member.emailed_at = now
            session.add(member)


def attachment(
    *, session: Session, user: User, intro_id: int, message_id: int, storage: Path
) -> tuple[Path, str]:
    """The stored file and its download name; NotFound for anyone outside the thread."""
    intro, me = _member(session, user, intro_id)
    message = session.get(Message, message_id)
    if message is None or message.introduction_id != intro.id or not message.attachment_key:
        raise NotFound(message_id)
    since = _visible_from(me)
    if since is not None and as_utc(message.created_at) < since:
        raise NotFound(message_id)  # written before this recruiter joined
    path = storage_files.path_of(storage, message.attachment_key)
    session.commit()  # the membership row a party may have just got
    return path, message.attachment_name or "document.pdf"


def _other_party(session: Session, intro: Introduction, me: ThreadMember) -> User | None:
    practice, profile = _parties(session, intro)
    return session.get(User, practice.owner_id if me.role == CANDIDATE else profile.user_id)


def invite_recruiter(
    *, session: Session, user: User, intro_id: int, recruiter_id: int, confirmed: bool
) -> None:
    """A party brings in a recruiter of the practice's municipality, after confirming what
    that means; the recruiter and the other party hear of it. The recruiter reads what is
    written from now on, and what came before only when both parties agree
    (``share_history``)."""
    intro, me = _member(session, user, intro_id)
    if me.role == RECRUITER:
        raise NotFound(intro_id)
    practice, _profile = _parties(session, intro)
    recruiter = next((r for r in recruiters_for(session, practice) if r.id == recruiter_id), None)
    if recruiter is None:
        raise NotFound(recruiter_id)
    if not confirmed:
        raise DomainError([Issue("confirm", Code.REQUIRED, "confirm the invitation")])
    if session.get(ThreadMember, (intro.id, recruiter.id)) is None:
        session.add(
            ThreadMember(
                introduction_id=intro.id or 0,
                user_id=recruiter.id or 0,
                role=RECRUITER,
                invited_by=user.id,
            )
        )
        inbox.tell(
            session=session,
            to=recruiter,
            kind="thread_invitation",
            link=thread_link(intro.id or 0),
            title=practice.name,
            name=user.display_name,
        )
        other = _other_party(session, intro, me)
        if other is not None:
            _tell_members_changed(
                session, other, thread_link(intro.id or 0), practice, user, recruiter, "added"
            )
    session.commit()


def _tell_members_changed(
    session: Session,
    to: User,
    link: str,
    practice: Practice,
    by: User,
    recruiter: User | None,
    change: str,
) -> None:
    """``to`` hears that ``by`` brought ``recruiter`` into the thread or took them out."""
    inbox.tell(
        session=session,
        to=to,
        kind="thread_members",
        link=link,
        title=practice.name,
        name=by.display_name,
        recruiter=recruiter.display_name if recruiter else "",
        change=change,
    )


def _recruiter_member(
    session: Session, user: User, intro_id: int, recruiter_id: int
) -> tuple[Introduction, ThreadMember, ThreadMember]:
    """The introduction, the acting party's membership and the recruiter's; NotFound when the
    user is no party or the recruiter is not in the thread."""
    intro, me = _member(session, user, intro_id)
    them = session.get(ThreadMember, (intro.id, recruiter_id))
    if me.role == RECRUITER or them is None or them.role != RECRUITER:
        raise NotFound(recruiter_id)
    return intro, me, them


def remove_recruiter(*, session: Session, user: User, intro_id: int, recruiter_id: int) -> None:
    """Either party takes a recruiter out of the thread (NotFound for anyone else); the
    recruiter no longer reads it, and the recruiter and the other party hear of it."""
    intro, me, them = _recruiter_member(session, user, intro_id, recruiter_id)
    practice, _profile = _parties(session, intro)
    session.delete(them)
    inbox.forget(session=session, user_id=recruiter_id, link=thread_link(intro.id or 0))
    recruiter = session.get(User, recruiter_id)
    other = _other_party(session, intro, me)
    for person in (p for p in (other, recruiter) if p is not None):
        link = thread_link(intro.id or 0) if person is other else "/notifications"
        _tell_members_changed(session, person, link, practice, user, recruiter, "removed")
    session.commit()


def share_history(
    *, session: Session, user: User, intro_id: int, recruiter_id: int, share: bool
) -> None:
    """A party lets a recruiter in the thread read what was written before they joined, or
    takes that back; the recruiter reads it only while both parties let them."""
    _intro, me, them = _recruiter_member(session, user, intro_id, recruiter_id)
    if me.role == CANDIDATE:
        them.history_by_candidate = share
    else:
        them.history_by_holder = share
    session.add(them)
    session.commit()


def unread_counts(*, session: Session, user: User, intro_ids: list[int]) -> dict[int, int]:
    """Per introduction: messages from others since the user last opened its thread."""
    if not intro_ids:
        return {}
    rows = session.exec(
        select(Message.introduction_id, func.count())
        .join(
            ThreadMember,
            (col(ThreadMember.introduction_id) == Message.introduction_id)
            & (col(ThreadMember.user_id) == user.id),
            isouter=True,
        )
        .where(
            col(Message.introduction_id).in_(intro_ids),
            col(Message.sender_id) != user.id,
            col(ThreadMember.read_at).is_(None) | (col(Message.created_at) > ThreadMember.read_at),
        )
        .group_by(col(Message.introduction_id))
    ).all()
    return {intro_id: int(n) for intro_id, n in rows}


def erase_for_account(
    *, session: Session, user: User, intro_ids: list[int], storage: Path | None
) -> None:
    """Account deletion: the person's messages everywhere, and every message of the
    introductions that go with the account, leave together with their files (no commit)."""
    gone = session.exec(
        select(Message).where(
            (col(Message.sender_id) == user.id) | col(Message.introduction_id).in_(intro_ids)
        )
    ).all()
    for message in gone:
        if storage is not None:
            storage_files.discard(storage, message.attachment_key)
        session.delete(message)
