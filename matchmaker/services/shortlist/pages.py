"""The public list with the viewer's stars, the shortlist page and the compare page."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from matchmaker.domain.errors import NotFound
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.roles import Role
from matchmaker.domain.shortage import Dimension
from matchmaker.domain.shortlist import Mark, compare_ids
from matchmaker.models import CandidateMark, CandidateProfile, Practice, User
from matchmaker.schemas import PracticePublic
from matchmaker.services import candidates, practices, shortage
from matchmaker.services.matching import RankedItem, candidate_summary, for_practice
from matchmaker.services.pagination import Page
from matchmaker.services.practices import PracticeFilters
from matchmaker.services.shortlist import marks


@dataclass(frozen=True)
class Browse:
    """A page of public listings without those the viewer hid, and which of them are starred."""

    page: Page[PracticePublic]
    saved: frozenset[int]
    can_star: bool  # the viewer keeps a shortlist (candidates)


def browse(
    *, session: Session, viewer: User | None, filters: PracticeFilters, page: int, per_page: int
) -> Browse:
    """Published listings for a visitor or a candidate."""
    keeps = viewer is not None and viewer.role == Role.CANDIDATE and viewer.id is not None
    own = marks.of_user(session=session, user_id=viewer.id or 0) if keeps and viewer else {}
    found = practices.search_public(
        session=session,
        filters=replace(filters, exclude=filters.exclude | own.get(Mark.HIDDEN, frozenset())),
        page=page,
        per_page=per_page,
    )
    return Browse(found, own.get(Mark.SAVED, frozenset()), keeps)


@dataclass(frozen=True)
class Column:
    """One listing on the shortlist or in the comparison."""

    practice: PracticePublic
    match: RankedItem | None  # scored for the candidate's profile (None without one)
    outside_area: bool
    shortage: dict[str, float | None]  # the municipality's two dimensions, 0-100
    goodwill_gap: int | None  # asking minimum minus the candidate's budget (> 0: over budget)


@dataclass(frozen=True)
class Shortlist:
    """A candidate's starred listings and what they asked not to see."""

    columns: list[Column]
    hidden: list[PracticePublic]
    has_profile: bool


def _columns(session: Session, profile: CandidateProfile | None, ids: list[int]) -> list[Column]:
    rows = {
        p.id: p
        for p in session.exec(
            select(Practice).where(
                col(Practice.id).in_(ids), col(Practice.status).in_(PUBLIC_STATUSES)
            )
        )
    }
    index = shortage.current(session).by_code
    out = []
    for i in ids:
        practice = rows.get(i)
        if practice is None:
            continue  # withdrawn since it was starred
        scored = for_practice(session=session, profile=profile, practice_id=i) if profile else None
        region = index.get(practice.gemeentecode)
        budget = profile.goodwill_budget if profile else None
        out.append(
            Column(
                practice=scored[0].practice if scored else practices.to_public(practice),
                match=scored[0] if scored else None,
                outside_area=bool(scored and scored[1]),
                shortage={d.value: region.scores.get(d) if region else None for d in Dimension},
                goodwill_gap=(practice.goodwill_min or 0) - budget
                if budget is not None and practice.goodwill_min is not None
                else None,
            )
        )
    return out


def shortlist(*, session: Session, user: User) -> Shortlist:
    """The shortlist, newest star first, scored for the candidate; the hidden listings."""
    profile = candidates.get_profile(session=session, user=user)
    saved = marks.saved_ids(session=session, user_id=user.id or 0)
    hidden_ids = sorted(marks.hidden_ids(session=session, user_id=user.id))
    hidden = [
        practices.to_public(p)
        for p in session.exec(
            select(Practice).where(
                col(Practice.id).in_(hidden_ids), col(Practice.status).in_(PUBLIC_STATUSES)
            )
        )
    ]
    return Shortlist(_columns(session, profile, saved), hidden, profile is not None)


@dataclass(frozen=True)
class Comparison:
    """Up to three starred listings side by side, and the rest of the shortlist to pick from."""

    columns: list[Column]
    shortlist: list[PracticePublic]
    budget: int | None  # the candidate's goodwill budget


def compare(*, session: Session, user: User, requested: list[int]) -> Comparison:
    """The starred listings asked for (at most three), scored for the candidate."""
    profile = candidates.get_profile(session=session, user=user)
    saved = marks.saved_ids(session=session, user_id=user.id or 0)
    listed = {
        p.id: practices.to_public(p)
        for p in session.exec(
            select(Practice).where(
                col(Practice.id).in_(saved), col(Practice.status).in_(PUBLIC_STATUSES)
            )
        )
    }
    starred = [listed[i] for i in saved if i in listed]
    chosen = compare_ids(requested, [p.id for p in starred])
    return Comparison(
        _columns(session, profile, chosen),
        starred,
        profile.goodwill_budget if profile else None,
    )


@dataclass(frozen=True)
class StarredCandidate:
    """A candidate a holder starred for one listing, as the holder may see them."""

    practice_id: int
    practice_title: str
    candidate: object  # schemas.MatchCandidate


def star_candidate(
    *, session: Session, holder: User, practice_id: int, candidate_id: int, on: bool
) -> bool:
    """Star a consenting candidate for one of the holder's own listings."""
    practice = practices.get_owned(session=session, practice_id=practice_id, owner=holder)
    profile = session.get(CandidateProfile, candidate_id)
    if profile is None or not profile.consent:
        raise NotFound(candidate_id)
    return marks.set_candidate_mark(
        session=session,
        holder=holder,
        practice=practice,
        candidate_id=candidate_id,
        kind=Mark.SAVED,
        on=on,
    )


def holder_shortlist(*, session: Session, user: User) -> list[StarredCandidate]:
    """The candidates the holder starred, per listing, newest first."""
    rows = session.exec(
        select(CandidateMark, Practice, CandidateProfile)
        .join(Practice, col(Practice.id) == CandidateMark.practice_id)
        .join(CandidateProfile, col(CandidateProfile.id) == CandidateMark.candidate_id)
        .where(
            CandidateMark.user_id == user.id,
            CandidateMark.kind == Mark.SAVED,
            col(CandidateProfile.consent),
        )
        .order_by(col(CandidateMark.created_at).desc(), col(CandidateMark.id).desc())
    )
    return [StarredCandidate(p.id or 0, p.name, candidate_summary(c)) for _mark, p, c in rows]
