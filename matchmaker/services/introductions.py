"""Introductions with consent: interest, an answer, then shared contact details."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, col, select

from matchmaker.domain.errors import Code, DomainError, Issue, NotFound, raise_if
from matchmaker.domain.introductions import IntroStatus, check_move, contact_shared
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.roles import Role
from matchmaker.models import CandidateProfile, Introduction, IntroductionEvent, Practice, User
from matchmaker.models._common import utcnow
from matchmaker.services import (
    accounts,
    candidates,
    conversations,
    inbox,
    matching,
)
from matchmaker.services.practices import public_title, to_public
from matchmaker.services.takeover import dossier

CANDIDATE, HOLDER = "candidate", "holder"


@dataclass(frozen=True)
class IntroView:
    """An introduction as one of its two parties sees it."""

    intro: Introduction
    practice: Any  # PracticePublic
    candidate: Any  # MatchCandidate
    side: str  # the viewer's side
    received: bool  # the other side started it
    can_answer: bool
    contact: dict[str, str] | None  # the other side's name and contact, once shared
    other_big_verified: bool = False  # the other side's BIG number was checked
    score: float | None = None  # the pair's score as the viewer's own match cards show it
    unread: int = 0  # messages in the conversation the viewer has not read


INTRODUCTIONS = "/introductions"  # where both sides act on their introductions


def _pair_score(profile: CandidateProfile, practice: Practice, session: Session) -> float:
    """The score both sides saw on their cards when the request was made (a snapshot kept
    for the funnel; pages show the live score, see :func:`for_user`)."""
    return matching.pair_score(session=session, profile=profile, practice=practice, weights=None)


def _record(session: Session, intro: Introduction, user: User, note: str = "") -> None:
    intro.updated_at = utcnow()
    session.add(intro)
    session.flush()
    assert intro.id is not None
    session.add(
        IntroductionEvent(
            introduction_id=intro.id, status=intro.status, by_user_id=user.id, note=note
        )
    )


def express_interest(
    *,
    session: Session,
    user: User,
    practice_id: int,
    message: str,
    candidate_id: int | None = None,
) -> Introduction:
    """A candidate asks for an introduction to a practice, or a holder to a candidate."""
    practice = session.get(Practice, practice_id)
    if user.role == Role.CANDIDATE:
        profile = candidates.get_profile(session=session, user=user)
        if profile is None:
            raise DomainError([Issue("profile", Code.MISSING, "save your own profile first")])
        if practice is None or practice.status not in PUBLIC_STATUSES:
            raise NotFound(practice_id)
        side, receiver = CANDIDATE, session.get(User, practice.owner_id)
    elif user.role == Role.HOLDER:
        if practice is None or practice.owner_id != user.id:
            raise NotFound(practice_id)
        if practice.status not in PUBLIC_STATUSES:
            # A draft is nobody's to see: it cannot be the practice a candidate is asked about.
            raise DomainError([Issue("practice", Code.PUBLISH_FIRST, "publish the listing first")])
        profile = session.get(CandidateProfile, candidate_id) if candidate_id else None
        if profile is None or not profile.consent:
            raise NotFound(candidate_id)  # without consent a candidate does not exist to holders
        side, receiver = HOLDER, session.get(User, profile.user_id)
    else:
        raise NotFound(practice_id)
    raise_if(_check_new(session, user, practice, profile))
    assert practice.id is not None and profile.id is not None
    intro = Introduction(
        practice_id=practice.id,
        candidate_id=profile.id,
        initiated_by=side,
        message=message.strip()[:1000],
        score=_pair_score(profile, practice, session),
    )
    _record(session, intro, user)
    assert receiver is not None
    inbox.tell(
        session=session,
        to=receiver,
        kind="intro_requested",
        link=INTRODUCTIONS,
        title=public_title(practice),
        email={
            "intro": intro,
            "message": intro.message,
            "from_holder": side == HOLDER,
            "duo": profile.duo_partner_id is not None,
            "practice_title": public_title(practice),
        },
    )
    session.commit()
    return intro


def introduce_mutually(
    *, session: Session, practice: Practice, profile: CandidateProfile, by: User
) -> Introduction | None:
    """Both sides marked interest: the introduction is made, accepted on both sides, and both
    are told (names and contact are shared as after any accepted introduction). A pending
    request between them is accepted; an introduction further along or declined is left as
    it is (None)."""
    assert practice.id is not None and profile.id is not None
    intro = session.exec(
        select(Introduction).where(
            Introduction.practice_id == practice.id, Introduction.candidate_id == profile.id
        )
    ).first()
    if intro is not None and intro.status != IntroStatus.REQUESTED:
        return None
    if intro is None:
        intro = Introduction(
            practice_id=practice.id,
            candidate_id=profile.id,
            initiated_by=CANDIDATE if by.id == profile.user_id else HOLDER,
            message="",
            score=_pair_score(profile, practice, session),
        )
        _record(session, intro, by)
    intro.status = IntroStatus.INTRODUCED
    _record(session, intro, by, note="mutual interest")
    for person_id in (profile.user_id, practice.owner_id):
        person = session.get(User, person_id)
        assert person is not None
        inbox.tell(
            session=session,
            to=person,
            kind="mutual_interest",
            link=INTRODUCTIONS,
            title=practice.name,
            email={"intro": intro, "title": practice.name},
        )
    return intro


def _check_new(
    session: Session, user: User, practice: Practice, profile: CandidateProfile
) -> list[Issue]:
    if practice.owner_id == profile.user_id:
        return [Issue("practice", Code.SELF, "you cannot ask yourself")]
    existing = session.exec(
        select(Introduction).where(
            Introduction.practice_id == practice.id, Introduction.candidate_id == profile.id
        )
    ).first()
    if existing is not None:
        return [Issue("practice", Code.EXISTS, "an introduction for this pair already exists")]
    return []


def _load(
    session: Session, user: User, intro_id: int
) -> tuple[Introduction, Practice, CandidateProfile, str]:
    """The introduction and the viewer's side; NotFound for anyone but the two parties."""
    intro = session.get(Introduction, intro_id)
    if intro is None:
        raise NotFound(intro_id)
    practice = session.get(Practice, intro.practice_id)
    profile = session.get(CandidateProfile, intro.candidate_id)
    if practice is None or profile is None:
        raise NotFound(intro_id)
    if user.id == profile.user_id:
        return intro, practice, profile, CANDIDATE
    if user.id == practice.owner_id:
        return intro, practice, profile, HOLDER
    raise NotFound(intro_id)


def respond(*, session: Session, user: User, intro_id: int, accept: bool) -> Introduction:
    """The receiving side accepts (sharing contact details) or declines."""
    intro, practice, profile, side = _load(session, user, intro_id)
    target = IntroStatus.INTRODUCED if accept else IntroStatus.DECLINED
    raise_if(check_move(intro.status, target, by_receiver=side != intro.initiated_by))
    intro.status = target
    _record(session, intro, user)
    if accept:
        requester = session.get(
            User, profile.user_id if intro.initiated_by == CANDIDATE else practice.owner_id
        )
        assert requester is not None
        inbox.tell(
            session=session,
            to=requester,
            kind="intro_accepted",
            link=INTRODUCTIONS,
            title=practice.name,
            email={"intro": intro, "title": practice.name},
        )
    session.commit()
    return intro


def move(
    *, session: Session, user: User, intro_id: int, status: str, reason: str = ""
) -> Introduction:
    """Either party moves an accepted introduction forward, step by step (a skipped step needs a
    ``reason``), or withdraws. "Started in the practice" counts only once the other side
    confirms it: the first side's record waits for that."""
    intro, practice, profile, side = _load(session, user, intro_id)
    reason = reason.strip()[:300]
    confirming = status == IntroStatus.SETTLED and intro.settle_proposed_by not in (None, side)
    if not confirming:
        raise_if(
            check_move(intro.status, status, by_receiver=side != intro.initiated_by, reason=reason)
        )
    if status == IntroStatus.SETTLED and not confirming:
        if intro.settle_proposed_by == side:
            raise DomainError([Issue("status", Code.CONFIRM_OTHER, "waiting for the other side")])
        intro.settle_proposed_by = side  # recorded, not yet counted
        session.add(intro)
        step = "settled_proposed"
    else:
        intro.status = status
        intro.settle_proposed_by = None
        _record(session, intro, user, note=reason)
        step = status
        if status == IntroStatus.NEGOTIATION:
            dossier.open_for(session, intro)  # the takeover file, with the steps to take
    other = session.get(User, practice.owner_id if side == CANDIDATE else profile.user_id)
    if other is not None:
        # The holder knows their own practice; a candidate sees the public title until the
        # holder agreed to contact (a request can be withdrawn before that).
        shared = side == CANDIDATE or contact_shared(intro.status)
        title = practice.name if shared else public_title(practice)
        inbox.tell(
            session=session,
            to=other,
            kind="step_recorded",
            link=INTRODUCTIONS,
            title=title,
            step=step,
            email={"title": title, "step": step},
        )
    session.commit()
    return intro


def _contact(
    session: Session, practice: Practice, profile: CandidateProfile, side: str
) -> dict[str, str]:
    if side == CANDIDATE:
        owner = session.get(User, practice.owner_id)
        return {
            "name": owner.display_name if owner else "",
            "practice": practice.name,
            "email": practice.contact_email or (owner.email if owner else ""),
            "phone": practice.contact_phone or "",
        }
    user = session.get(User, profile.user_id)
    return {"name": profile.display_name, "email": user.email if user else "", "phone": ""}


def for_user(*, session: Session, user: User) -> list[IntroView]:
    """Every introduction the user is part of, newest activity first."""
    where: Any
    if user.role == Role.CANDIDATE:
        profile = candidates.get_profile(session=session, user=user)
        where = Introduction.candidate_id == (profile.id if profile else -1)
    elif user.role == Role.HOLDER:
        owned = select(Practice.id).where(Practice.owner_id == user.id)
        where = col(Introduction.practice_id).in_(owned)
    else:
        return []
    intros = session.exec(
        select(Introduction).where(where).order_by(col(Introduction.updated_at).desc())
    ).all()
    views = []
    for intro in intros:
        _, practice, profile, side = _load(session, user, intro.id or 0)
        received = intro.initiated_by != side
        other = session.get(User, practice.owner_id if side == CANDIDATE else profile.user_id)
        other_verified = other is not None and accounts.big_verified(other)
        views.append(
            IntroView(
                intro=intro,
                practice=to_public(practice, reveal=contact_shared(intro.status)),
                candidate=matching.candidate_summary(
                    profile,
                    big_verified=side == HOLDER and other_verified,
                    everything=contact_shared(intro.status),
                ),
                side=side,
                received=received,
                can_answer=received and intro.status == IntroStatus.REQUESTED,
                contact=_contact(session, practice, profile, side)
                if contact_shared(intro.status)
                else None,
                other_big_verified=other_verified,
                score=matching.pair_score(
                    session=session,
                    profile=profile,
                    practice=practice,
                    weights=profile.match_weights,
                )
                if side == CANDIDATE
                else matching.holder_score(
                    session=session,
                    profile=profile,
                    practice=practice,
                    everything=contact_shared(intro.status),
                ),
            )
        )
    unread = conversations.unread_counts(
        session=session,
        user=user,
        intro_ids=[v.intro.id for v in views if v.contact and v.intro.id],
    )
    return [replace(v, unread=unread.get(v.intro.id or 0, 0)) for v in views]
