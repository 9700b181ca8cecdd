"""'Interesse' in one tap: a candidate on a listing, a holder on a candidate; both is a match.

When both sides have marked interest in each other, the introduction is made at once and
accepted on both sides (``introductions.introduce_mutually``); until then a mark is private to
whoever set it and can be taken back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from matchmaker.domain.errors import Code, DomainError, Issue, NotFound
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.shortlist import Mark
from matchmaker.models import CandidateProfile, Practice, User
from matchmaker.services import candidates, introductions, practices
from matchmaker.services.shortlist import marks


@dataclass(frozen=True)
class Interest:
    """The mark's new state and whether it completed a mutual match."""

    on: bool
    introduced: bool


def _both(session: Session, practice: Practice, profile: CandidateProfile) -> bool:
    candidate_side = marks.has(session, profile.user_id, practice.id or 0, Mark.INTEREST)
    holder_side = bool(
        marks.candidate_marked(
            session=session,
            user_id=practice.owner_id,
            pairs=[(practice.id or 0, profile.id or 0)],
            kind=Mark.INTEREST,
        )
    )
    return candidate_side and holder_side


def _settle(session: Session, practice: Practice, profile: CandidateProfile, by: User) -> bool:
    if not _both(session, practice, profile):
        return False
    made = introductions.introduce_mutually(
        session=session, practice=practice, profile=profile, by=by
    )
    session.commit()
    return made is not None


def candidate_interest(*, session: Session, user: User, practice_id: int, on: bool) -> Interest:
    """A candidate marks (or unmarks) interest in a published listing."""
    profile = candidates.get_profile(session=session, user=user)
    if profile is None:
        raise DomainError([Issue("profile", Code.MISSING, "save your own profile first")])
    practice = session.get(Practice, practice_id)
    if practice is None or practice.status not in PUBLIC_STATUSES:
        raise NotFound(practice_id)
    if practice.owner_id == user.id:
        raise DomainError([Issue("practice", Code.SELF, "your own listing")])
    state = marks.set_mark(
        session=session, user=user, practice_id=practice_id, kind=Mark.INTEREST, on=on
    )
    return Interest(state, state and _settle(session, practice, profile, user))


def holder_interest(
    *, session: Session, holder: User, practice_id: int, candidate_id: int, on: bool
) -> Interest:
    """A holder marks (or unmarks) interest in a consenting candidate for a published listing."""
    practice = practices.get_owned(session=session, practice_id=practice_id, owner=holder)
    if practice.status not in PUBLIC_STATUSES:
        raise DomainError([Issue("practice", Code.PUBLISH_FIRST, "publish the listing first")])
    profile = session.get(CandidateProfile, candidate_id)
    if profile is None or not profile.consent:
        raise NotFound(candidate_id)
    state = marks.set_candidate_mark(
        session=session,
        holder=holder,
        practice=practice,
        candidate_id=candidate_id,
        kind=Mark.INTEREST,
        on=on,
    )
    return Interest(state, state and _settle(session, practice, profile, holder))
