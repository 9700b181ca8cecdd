"""Scores turned into ranked pairs with their reasons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import partial
from typing import Any

import numpy as np
from sqlmodel import Session

from matchmaker.db import bind_key
from matchmaker.domain import explain
from matchmaker.domain import scoring as s
from matchmaker.domain.explain import Reason
from matchmaker.domain.geo import distance_band
from matchmaker.domain.shortage import SHORTAGE_REGION
from matchmaker.models import CandidateProfile, Practice, data_version
from matchmaker.services import offers, shortage
from matchmaker.services.matching.cache import (
    CandidatePool,
    holder_pool,
    rankings,
    stamped_practices,
)
from matchmaker.services.matching.features import (
    days_since_epoch,
    practice_features,
    profile_features,
)
from matchmaker.services.practices import PracticeFilters
from matchmaker.services.regions import region_table

NO_FILTERS = PracticeFilters()


@dataclass(frozen=True)
class Match:
    """One ranked pair: who, the total, each component with its status, and why."""

    practice_id: int
    candidate_id: int
    score: float
    values: dict[str, float | None]
    status: dict[str, str]
    distance_km: float | None  # None where the viewer may only see the band
    reasons: list[Reason]
    distance_band: str = ""
    # "all": every component counts (what the candidate sees); "shared": only what the
    # candidate shares with holders, location banded (what a holder sees).
    score_basis: str = "all"


def _filter_mask(p: s.PracticeFeatures, filters: PracticeFilters) -> Any:
    keep = np.ones(len(p), dtype=bool)
    table = region_table()
    if filters.gemeentecode in table.index and p.municipality is not None:
        keep &= p.municipality == table.index[filters.gemeentecode]
    if filters.dispensing is not None:
        keep &= p.dispensing == filters.dispensing
    if filters.province in table.province_index:
        keep &= p.province == table.province_index[filters.province]
    forms = [f.value for f in s.FORMS]
    if filters.form in forms:
        keep &= p.form == forms.index(filters.form)
    if filters.shortage_only:
        keep &= np.nan_to_num(p.shortage) >= SHORTAGE_REGION / 100
    if filters.window_until:
        keep &= p.start <= days_since_epoch(filters.window_until)
    if filters.window_from:
        keep &= p.end >= days_since_epoch(filters.window_from)
    if filters.exclude:
        keep &= ~np.isin(p.ids, np.fromiter(filters.exclude, dtype=np.int64))
    return keep


def explained(
    c: s.CandidateFeatures,
    p: s.PracticeFeatures,
    scores: s.Scores,
    order: Any,
    practice_ids: Any,
    candidate_ids: Any,
) -> list[Match]:
    shape = scores.total.shape
    order = np.asarray(order, dtype=np.intp)
    views = explain.pairs(c, p, scores, order)
    practice_at = np.broadcast_to(practice_ids, shape)[order].tolist()
    candidate_at = np.broadcast_to(candidate_ids, shape)[order].tolist()
    totals = np.asarray(scores.total)[order].astype(float).tolist()
    out = []
    for k, view in enumerate(views):
        status = {n: int(view[n + "_status"]) for n in s.COMPONENTS}
        values = {
            n: None
            if status[n] == s.UNKNOWN or status[n] == s.NEUTRAL
            else round(float(view[n]), 3)
            for n in s.COMPONENTS
        }
        km = float(view["distance_km"])
        out.append(
            Match(
                practice_id=int(practice_at[k]),
                candidate_id=int(candidate_at[k]),
                score=round(totals[k], 3),
                values=values,
                status={n: s.STATUS_NAMES[status[n]] for n in s.COMPONENTS},
                distance_km=round(km, 1),
                reasons=explain.reasons(view),
                distance_band=distance_band(km),
            )
        )
    return out


def rank_for_candidate(
    *,
    session: Session,
    profile: CandidateProfile,
    limit: int,
    filters: PracticeFilters = NO_FILTERS,
    weights: Mapping[str, int] | None = None,
    tokens: dict[str, int] | None = None,
) -> list[Match]:
    """The best published practices for a candidate, with reasons (``tokens``: the change
    stamps, when the caller read them already)."""
    c = profile_features(session, profile)
    stamp, p = stamped_practices(session, tokens)
    chosen = s.merged_weights(weights if weights is not None else profile.match_weights)

    def ranked() -> list[Match]:
        if len(p) == 0:
            return []
        scores = s.score(c, p, chosen)
        scores.excluded = scores.excluded | ~_filter_mask(p, filters)
        return explained(c, p, scores, s.rank(scores, limit), p.ids, profile.id)

    key = (stamp, profile.id, _fingerprint(c), tuple(sorted(chosen.items())), filters, limit)
    return list(rankings.get(key, ranked))


def _fingerprint(features: Any) -> tuple[Any, ...]:
    """Every value of a candidate's features, exactly (bytes of each array)."""
    out = []
    for f in fields(features):
        value = np.asarray(getattr(features, f.name))
        out.append((value.dtype.str, value.shape, value.tobytes()))
    return tuple(out)


def rank_for_practices(
    *,
    session: Session,
    practices: list[Practice],
    limit: int,
    tokens: dict[str, int] | None = None,
) -> dict[int, list[Match]]:
    """The best candidates for each practice (default weights), with reasons, computed from
    what each candidate shares with holders (``cache.holder_pool``): the holder's own inputs
    cannot draw out anything else.

    The change stamps (``tokens``, when the caller read them already), candidate pool,
    shortage levels and offer counts are read once for all practices.
    """
    tokens = tokens if tokens is not None else data_version.read(session)
    pool = holder_pool(session, tokens)
    if len(pool.ids) == 0 or not practices:
        return {p.id or 0: [] for p in practices}
    levels = shortage.levels_for_table(session, tokens)[1]
    regional = offers.arrays(session, tokens)
    out = {}
    for practice in practices:
        p = practice_features([practice], levels, regional)
        key = (bind_key(session), tokens.get("candidates"), _fingerprint(p), practice.id, limit)
        ranked = partial(_best_candidates, pool, p, practice.id, limit)
        out[practice.id or 0] = list(rankings.get(key, ranked))
    return out


def _best_candidates(
    pool: CandidatePool, p: s.PracticeFeatures, practice_id: int | None, limit: int
) -> list[Match]:
    scores = s.score(pool.features, p)
    return explained(pool.features, p, scores, s.rank(scores, limit), practice_id, pool.ids)
