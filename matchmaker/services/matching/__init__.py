"""Rank practices for a candidate, and candidates for a practice.

The package in layers, each using only the ones above it:

- ``features``: listing rows and profiles turned into the domain's feature arrays;
- ``cache``: the features of every public practice and every candidate, rebuilt on change;
- ``ranking``: scores turned into ranked :class:`Match` pairs with their reasons;
- ``pages``: what a candidate or a holder sees (view models);
- ``weights``: a candidate's own weights.
"""

from __future__ import annotations

from matchmaker.services.matching.cache import (
    CandidatePool,
    candidate_pool,
    clear_cache,
    holder_pool,
    public_practices,
)
from matchmaker.services.matching.features import candidate_features, practice_features
from matchmaker.services.matching.pages import (
    MatchPage,
    RankedItem,
    candidate_summary,
    for_candidate,
    for_holder,
    for_holder_candidate,
    for_practice,
    holder_score,
    pair_score,
)
from matchmaker.services.matching.ranking import Match, rank_for_candidate, rank_for_practices
from matchmaker.services.matching.weights import save_weights

__all__ = [
    "CandidatePool",
    "Match",
    "MatchPage",
    "RankedItem",
    "candidate_features",
    "candidate_pool",
    "holder_pool",
    "candidate_summary",
    "clear_cache",
    "for_candidate",
    "for_holder",
    "for_holder_candidate",
    "for_practice",
    "holder_score",
    "pair_score",
    "practice_features",
    "public_practices",
    "rank_for_candidate",
    "rank_for_practices",
    "save_weights",
]
