"""Features of every public practice and every candidate, kept until the data change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from matchmaker.db import bind_key
from matchmaker.domain import scoring as s
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.models import CandidateProfile, Practice, data_version
from matchmaker.services import offers, shortage
from matchmaker.services.caching import StampedCache
from matchmaker.services.matching.features import (
    PRACTICE_COLUMNS,
    candidate_features,
    practice_features,
    stack,
)

_cache: StampedCache[Any] = StampedCache()


def clear_cache() -> None:
    """Forget cached features (tests; after bulk loads in the same process)."""
    _cache.clear()


def public_practices(session: Session) -> s.PracticeFeatures:
    """Cached features of every published listing."""
    public = col(Practice.status).in_(PUBLIC_STATUSES)

    tokens = data_version.read(session)
    version, levels = shortage.levels_for_table(session, tokens)
    regional = offers.arrays(session, tokens)

    def build() -> s.PracticeFeatures:
        stmt = sa_select(*PRACTICE_COLUMNS).where(public).order_by(col(Practice.id))
        rows = session.execute(stmt).all()
        return practice_features(list(rows), levels, regional)

    stamp = (tokens.get("practices"), version, regional.version)
    return _cache.get((bind_key(session), "practices"), stamp, build)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class CandidatePool:
    """Features of all candidates as arrays, with their profile ids."""

    ids: Any
    features: s.CandidateFeatures


def candidate_pool(session: Session) -> CandidatePool:
    """Cached features of every candidate profile."""

    def build() -> CandidatePool:
        profiles = list(
            session.exec(
                select(CandidateProfile)
                .where(col(CandidateProfile.consent))
                .order_by(col(CandidateProfile.id))
            )
        )
        by_id = {p.id: p for p in profiles}
        feats = [candidate_features(p, by_id.get(p.duo_partner_id)) for p in profiles]
        return CandidatePool(np.array([p.id for p in profiles], dtype=np.int64), stack(feats))

    stamp = data_version.read(session).get("candidates")
    return _cache.get((bind_key(session), "candidates"), stamp, build)  # type: ignore[no-any-return]
