"""Stars, hides and interest on listings; stars on candidates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, delete
from sqlmodel import Session, col, select

from matchmaker.domain.errors import NotFound, raise_if
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.shortlist import Mark, check_saved
from matchmaker.models import CandidateMark, Practice, PracticeMark, User


def _public(session: Session, practice_id: int) -> Practice:
    practice = session.get(Practice, practice_id)
    if practice is None or practice.status not in PUBLIC_STATUSES:
        raise NotFound(practice_id)
    return practice


def has(session: Session, user_id: int, practice_id: int, kind: Mark) -> bool:
    """Whether the person put this mark on the listing."""
    return (
        session.exec(
            select(PracticeMark.id).where(
                PracticeMark.user_id == user_id,
                PracticeMark.practice_id == practice_id,
                PracticeMark.kind == kind,
            )
        ).first()
        is not None
    )


def set_mark(*, session: Session, user: User, practice_id: int, kind: Mark, on: bool) -> bool:
    """Put or take away a mark on a published listing (idempotent); returns the new state.

    Hiding takes the star away: a hidden listing is on no list."""
    _public(session, practice_id)
    user_id = user.id or 0
    present = has(session, user_id, practice_id, kind)
    if on and not present:
        if kind == Mark.SAVED:
            raise_if(check_saved(len(saved_ids(session=session, user_id=user_id))))
        if kind == Mark.HIDDEN:
            _remove(session, user_id, practice_id, Mark.SAVED)
        session.add(PracticeMark(user_id=user_id, practice_id=practice_id, kind=kind))
    elif not on and present:
        _remove(session, user_id, practice_id, kind)
    session.commit()
    return on


def _remove(session: Session, user_id: int, practice_id: int, kind: Mark) -> None:
    session.execute(
        delete(PracticeMark).where(
            col(PracticeMark.user_id) == user_id,
            col(PracticeMark.practice_id) == practice_id,
            col(PracticeMark.kind) == kind,
        )
    )


# A candidate's match page reads it on every request: built once.
_MARKS_OF_USER = select(PracticeMark.practice_id, PracticeMark.kind).where(
    PracticeMark.user_id == bindparam("user")
)


def of_user(*, session: Session, user_id: int) -> dict[Mark, frozenset[int]]:
    """Every listing the person marked, by kind, in one query."""
    found: dict[Mark, set[int]] = {kind: set() for kind in Mark}
    for practice_id, kind in session.connection().execute(_MARKS_OF_USER, {"user": user_id}):
        if kind in found:
            found[Mark(kind)].add(practice_id)
    return {kind: frozenset(ids) for kind, ids in found.items()}


def _ids(session: Session, user_id: int, kind: Mark) -> list[int]:
    return list(
        session.exec(
            select(PracticeMark.practice_id)
            .where(PracticeMark.user_id == user_id, PracticeMark.kind == kind)
            .order_by(col(PracticeMark.created_at).desc(), col(PracticeMark.id).desc())
        )
    )


def saved_ids(*, session: Session, user_id: int) -> list[int]:
    """The person's shortlist, newest first."""
    return _ids(session, user_id, Mark.SAVED)


def hidden_ids(*, session: Session, user_id: int | None) -> frozenset[int]:
    """Listings the person asked not to see again."""
    return frozenset(_ids(session, user_id, Mark.HIDDEN)) if user_id is not None else frozenset()


# --- a holder's marks on candidates ----------------------------------------------------------


def candidate_marks(
    *, session: Session, user_id: int, pairs: Iterable[tuple[int, int]]
) -> dict[Mark, set[tuple[int, int]]]:
    """Per kind, the (practice, candidate) pairs this holder marked, in one query."""
    wanted = set(pairs)
    if not wanted:
        return by_kind([], wanted)
    rows = session.connection().execute(CANDIDATE_MARKS, marks_params(user_id, wanted))
    return by_kind(rows, wanted)


# (practice, candidate, kind) of a holder's marks on some candidates (see marks_params):
# built once, a holder's match page runs it on every request.
CANDIDATE_MARKS = select(
    CandidateMark.practice_id, CandidateMark.candidate_id, CandidateMark.kind
).where(
    CandidateMark.user_id == bindparam("owner"),
    col(CandidateMark.candidate_id).in_(bindparam("candidates", expanding=True)),
)


def marks_params(user_id: int, pairs: Iterable[tuple[int, int]]) -> dict[str, Any]:
    """The parameters of ``CANDIDATE_MARKS`` for this holder and these pairs."""
    return {"owner": user_id, "candidates": sorted({c for _, c in pairs})}


def by_kind(
    rows: Iterable[tuple[int, int, str]], wanted: set[tuple[int, int]]
) -> dict[Mark, set[tuple[int, int]]]:
    """The rows of ``CANDIDATE_MARKS`` as the wanted pairs per kind of mark."""
    found: dict[Mark, set[tuple[int, int]]] = {kind: set() for kind in Mark}
    for p, c, kind in rows:
        if (p, c) in wanted and kind in found:
            found[Mark(kind)].add((p, c))
    return found


def candidate_marked(
    *, session: Session, user_id: int, pairs: Iterable[tuple[int, int]], kind: Mark
) -> set[tuple[int, int]]:
    """The (practice, candidate) pairs this holder marked with ``kind``."""
    return candidate_marks(session=session, user_id=user_id, pairs=pairs)[kind]


def set_candidate_mark(
    *, session: Session, holder: User, practice: Practice, candidate_id: int, kind: Mark, on: bool
) -> bool:
    """Star (or take away) a candidate on a holder's own listing; returns the new state."""
    if practice.owner_id != holder.id:
        raise NotFound(practice.id)
    user_id = holder.id or 0
    present = bool(
        candidate_marked(
            session=session, user_id=user_id, pairs=[(practice.id or 0, candidate_id)], kind=kind
        )
    )
    if on and not present:
        session.add(
            CandidateMark(
                user_id=user_id, practice_id=practice.id or 0, candidate_id=candidate_id, kind=kind
            )
        )
    elif not on and present:
        session.execute(
            delete(CandidateMark).where(
                col(CandidateMark.user_id) == user_id,
                col(CandidateMark.practice_id) == practice.id,
                col(CandidateMark.candidate_id) == candidate_id,
                col(CandidateMark.kind) == kind,
            )
        )
    session.commit()
    return on
