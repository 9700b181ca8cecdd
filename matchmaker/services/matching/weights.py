"""A candidate's own weights for the match components."""

from __future__ import annotations

from collections.abc import Mapping

from sqlmodel import Session

from matchmaker.domain import scoring as s
from matchmaker.models import CandidateProfile


def save_weights(
    *, session: Session, profile: CandidateProfile, weights: Mapping[str, int]
) -> None:
    """Remember a candidate's own weights."""
    profile.match_weights = s.merged_weights(weights)
    session.add(profile)
    session.commit()
