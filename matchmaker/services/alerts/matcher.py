"""Which saved searches a listing fits.

Every search's criteria and its owner's home live in one :class:`~domain.alerts.CriteriaTable`,
kept until a search or a profile changes (a census of both tables tells); fitting a listing is
then numpy comparisons over all searches, and the match score of the few that ask for one is
computed for their owners in one scoring pass per set of weights.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from matchmaker.db import bind_key
from matchmaker.domain import scoring as s
from matchmaker.domain.alerts import AlertListing, Criteria, CriteriaTable, Scope, fits
from matchmaker.domain.practice import Building
from matchmaker.domain.shortage import SHORTAGE_REGION
from matchmaker.models import CandidateProfile, Practice, SavedSearch
from matchmaker.services import offers, shortage
from matchmaker.services.matching import candidate_pool, practice_features
from matchmaker.services.matching.features import PRACTICE_COLUMNS
from matchmaker.services.matching.rows import take_rows


@dataclass(frozen=True)
class Searches:
    """Every saved search as columns, with who owns it and what score it asks."""

    census: tuple[Any, ...]
    ids: Any  # int64 search ids
    users: Any  # int64 owner user ids
    profiles: Any  # int64 owner profile ids (0: none)
    min_score: Any  # float 0-100, NaN where none is asked
    weights: list[dict[str, int]]
    table: CriteriaTable


_lock = threading.Lock()
_cache: dict[str, Searches] = {}


def _census(session: Session) -> tuple[Any, ...]:
    searches = session.execute(
        sa_select(func.count(), func.max(col(SavedSearch.id)), func.max(SavedSearch.updated_at))
    ).one()
    profiles = session.execute(sa_select(func.count(), func.max(CandidateProfile.updated_at))).one()
    return (*searches, *profiles)


def _load(session: Session, census: tuple[Any, ...]) -> Searches:
    rows = session.execute(
        sa_select(
            col(SavedSearch.id),
            col(SavedSearch.user_id),
            col(SavedSearch.scope),
            col(SavedSearch.criteria),
            col(SavedSearch.weights),
            col(CandidateProfile.id).label("profile_id"),
            col(CandidateProfile.home_lat),
            col(CandidateProfile.home_lon),
        )
        .outerjoin(CandidateProfile, col(CandidateProfile.user_id) == SavedSearch.user_id)
        .order_by(col(SavedSearch.id))
    ).all()
    criteria = [Criteria.from_json(r.criteria or {}) for r in rows]
    homes = [(r.home_lat, r.home_lon) if r.profile_id else None for r in rows]
    return Searches(
        census=census,
        ids=np.array([r.id for r in rows], dtype=np.int64),
        users=np.array([r.user_id for r in rows], dtype=np.int64),
        profiles=np.array([r.profile_id or 0 for r in rows], dtype=np.int64),
        min_score=np.array(
            [np.nan if c.min_score is None else float(c.min_score) for c in criteria]
        ),
        weights=[dict(r.weights or {}) if r.scope == Scope.MATCHES else {} for r in rows],
        table=CriteriaTable.of(criteria, homes),
    )


def searches(session: Session) -> Searches:
    """Every saved search as columns, read again only when a search or a profile changed."""
    census = _census(session)
    key = bind_key(session)
    cached = _cache.get(key)
    if cached is not None and cached.census == census:
        return cached
    with _lock:
        built = _load(session, census)
        _cache[key] = built
        return built


def clear_cache() -> None:
    """Forget the searches (tests)."""
    _cache.clear()


def alert_listing(session: Session, practice: Any) -> AlertListing:
    """What searches can ask of this listing (a ``Practice``, or its ``changes.snapshot``
    from before a change, as a namespace)."""
    region = shortage.current(session).by_code.get(practice.gemeentecode)
    score = region.score if region is not None else None
    return AlertListing(
        province=practice.province,
        gemeentecode=practice.gemeentecode,
        form=practice.form,
        dispensing=practice.dispensing,
        with_house=practice.building == Building.WITH_HOUSE,
        handover_from=practice.handover_from,
        handover_until=practice.handover_until,
        in_shortage=score is not None and score >= SHORTAGE_REGION,
        goodwill_min=practice.goodwill_min,
        lat=practice.lat,
        lon=practice.lon,
    )


def _scores(session: Session, practice: Practice, found: Searches, rows: Any) -> Any:
    """The match score (0-100) of the listing for the owners of searches ``rows``."""
    out = np.full(len(rows), np.nan)
    pool = candidate_pool(session)
    position = {int(pid): i for i, pid in enumerate(pool.ids)}
    at = np.array([position.get(int(found.profiles[r]), -1) for r in rows], dtype=np.int64)
    known = at >= 0
    if not known.any():
        return out
    levels = shortage.levels_for_table(session)[1]
    row = session.execute(sa_select(*PRACTICE_COLUMNS).where(col(Practice.id) == practice.id)).one()
    p = practice_features([row], levels, offers.arrays(session))
    groups: dict[tuple[tuple[str, int], ...], list[int]] = {}
    for k in np.flatnonzero(known):
        groups.setdefault(tuple(sorted(found.weights[rows[k]].items())), []).append(int(k))
    for weights, members in groups.items():
        features = take_rows(pool.features, at[members])
        scores = s.score(features, p, s.merged_weights(dict(weights)))
        out[members] = np.asarray(scores.total).reshape(-1) * 100
    return out


def fitted_before(session: Session, before: Any) -> set[int]:
    """The searches whose criteria the listing met as it was (``before``: its snapshot as a
    namespace); the match score is left out, the old listing's features are gone."""
    found = searches(session)
    if len(found.ids) == 0:
        return set()
    ok = fits(alert_listing(session, before), found.table)
    return {int(i) for i in found.ids[ok]}


def fitting(session: Session, practice: Practice) -> list[tuple[int, int]]:
    """(search id, owner id) of every search the listing fits, the owner's own listing
    left out."""
    found = searches(session)
    if len(found.ids) == 0:
        return []
    ok = fits(alert_listing(session, practice), found.table)
    ok &= found.users != practice.owner_id
    rows = np.flatnonzero(ok & ~np.isnan(found.min_score))
    if len(rows):
        scores = _scores(session, practice, found, rows)
        with np.errstate(invalid="ignore"):
            ok[rows] = scores >= found.min_score[rows]  # NaN (no profile): no fit
    hit = np.flatnonzero(ok)
    return [(int(found.ids[i]), int(found.users[i])) for i in hit]
