"""What a candidate or a holder sees of their matches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import bindparam, case, literal, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.orm import load_only
from sqlmodel import Session, col, select

from matchmaker.db import bind_key
from matchmaker.domain import scoring as s
from matchmaker.domain import sharing
from matchmaker.domain.errors import NotFound
from matchmaker.domain.household import ChildStage, PartnerWork, Shared, children_needs
from matchmaker.domain.incentives import IncentiveSummary, value_for
from matchmaker.domain.introductions import contact_shared
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.shortlist import Mark
from matchmaker.models import CandidateProfile, Introduction, Practice, User, data_version
from matchmaker.schemas import MatchCandidate
from matchmaker.services import offers, shortage
from matchmaker.services.geodata import gazetteer
from matchmaker.services.households import household_of
from matchmaker.services.matching.cache import (
    candidate_rows,
    public_practices,
    public_views,
    summaries,
)
from matchmaker.services.matching.features import (
    holder_features,
    practice_features,
    profile_features,
)
from matchmaker.services.matching.ranking import (
    NO_FILTERS,
    Match,
    explained,
    rank_for_candidate,
    rank_for_practices,
)
from matchmaker.services.practices import PracticeFilters, to_public
from matchmaker.services.shortlist import marks


@dataclass(frozen=True)
class RankedItem:
    """A match with the public practice and, for holders, the anonymous candidate."""

    match: Match
    practice: Any  # schemas.PracticePublic
    candidate: Any | None  # schemas.MatchCandidate
    introduction: str | None = None  # status of an introduction for this pair, if any
    incentives: IncentiveSummary | None = None  # what the region's incentives are worth
    saved: bool = False  # on the viewer's shortlist (the star)
    interested: bool = False  # the viewer marked 'Interesse' (one half of a mutual match)


@dataclass(frozen=True)
class MatchPage:
    """A user's ranked matches and the weights used."""

    items: list[RankedItem]
    weights: dict[str, int]
    has_profile: bool = True


# What ``candidate_summary`` reads of a profile.
SUMMARISED = tuple(
    getattr(CandidateProfile, name)
    for name in (
        "id", "user_id", "gemeentecode", "province", "stage", "duo_partner_id", "partner_sector",
        "partner_work", "children_birth_years", "housing_need", "earliest_start",
        "days_per_week", "about", "share_with_holders", "is_demo", "latest_start",
        "max_distance_km", "search_regions", "forms_acceptable", "dispensing_ok",
        "building_wishes", "goodwill_budget", "housing_budget",
    )
)  # fmt: skip


# The candidates on a holder's page with their BIG check, only the columns their summary
# shows (not their search wishes: a third of the reading); built once.
_SUMMARIES = (
    select(CandidateProfile, col(User.big_verified_at).is_not(None))
    .join(User, col(User.id) == CandidateProfile.user_id)
    .where(col(CandidateProfile.id).in_(bindparam("ids", expanding=True)))
    .options(load_only(*SUMMARISED))
)


def _summaries(
    session: Session, checked: dict[int, bool], tokens: dict[str, int]
) -> dict[int, MatchCandidate]:
    """The summaries of these consenting candidates (id -> BIG check), made again only for a
    profile whose change stamp or BIG check moved since it was last shown (cache.summaries)."""
    stamps = candidate_rows(session, tokens).stamps  # as of ``tokens``: the ranking's own
    key = bind_key(session)
    out: dict[int, MatchCandidate] = {}
    for i, big in checked.items():
        if (kept := summaries.get(key, i, (stamps.get(i), big))) is not None:
            out[i] = kept
    missing = [i for i in checked if i not in out]
    if missing:
        for profile, big in session.exec(_SUMMARIES, params={"ids": missing}):
            i = profile.id or 0
            out[i] = candidate_summary(profile, big_verified=bool(big))
            if i in stamps:  # read now, so never older than the stamp it is kept under
                summaries.put(key, i, (stamps[i], bool(big)), out[i])
    return out


def candidate_summary(
    profile: CandidateProfile, *, big_verified: bool = False, everything: bool = False
) -> Any:
    """A candidate as a holder sees them: only what the candidate chose to share before an
    introduction (``everything`` once an introduction is accepted)."""
    muni = gazetteer().municipality(profile.gemeentecode)
    known = {str(x) for x in Shared}
    shared = known if everything else {x for x in profile.share_with_holders if x in known}

    def when(item: Shared, value: Any) -> Any:
        return value if item in shared else None

    year = (profile.earliest_start if Shared.AVAILABILITY in shared else None) or date.today()
    needs = children_needs(profile.children_birth_years, year.year)
    return MatchCandidate(
        ref=profile.id or 0,
        stage=profile.stage,
        municipality=muni.name if muni else "",
        province=profile.province,
        duo=profile.duo_partner_id is not None,
        partner_sector=when(Shared.HOUSEHOLD, profile.partner_sector),
        partner_needs_job=when(Shared.HOUSEHOLD, profile.partner_work == PartnerWork.NEEDS_JOB),
        children=when(Shared.CHILDREN, len(profile.children_birth_years)),
        children_needs=when(Shared.CHILDREN, [str(x) for x in ChildStage if x in needs]),
        housing_need=when(Shared.HOUSING, profile.housing_need),
        earliest_start=when(Shared.AVAILABILITY, profile.earliest_start),
        latest_start=when(Shared.AVAILABILITY, profile.latest_start),
        days_per_week=when(Shared.AVAILABILITY, profile.days_per_week),
        max_distance_km=when(Shared.AREA, profile.max_distance_km),
        search_regions=when(Shared.AREA, sorted(profile.search_regions)),
        forms_acceptable=when(Shared.WISHES, sorted(profile.forms_acceptable)),
        dispensing_ok=when(Shared.WISHES, profile.dispensing_ok),
        building_wishes=when(Shared.WISHES, sorted(profile.building_wishes)),
        goodwill_budget=when(Shared.BUDGET, profile.goodwill_budget),
        housing_budget=when(Shared.BUDGET, profile.housing_budget),
        about=when(Shared.ABOUT, profile.about or None),
        shared=sorted(shared),
        is_demo=profile.is_demo,
        big_verified=big_verified,
    )


def for_candidate(
    *,
    session: Session,
    profile: CandidateProfile | None,
    limit: int,
    filters: PracticeFilters = NO_FILTERS,
    weights: Mapping[str, int] | None = None,
) -> MatchPage:
    """Ranked practices for a candidate's profile."""
    if profile is None:
        return MatchPage([], s.merged_weights(weights), has_profile=False)
    chosen = s.merged_weights(weights if weights is not None else profile.match_weights)
    own = marks.of_user(session=session, user_id=profile.user_id)
    filters = replace(filters, exclude=filters.exclude | own[Mark.HIDDEN])
    tokens = data_version.read(session)
    matches = rank_for_candidate(
        session=session,
        profile=profile,
        limit=limit,
        filters=filters,
        weights=chosen,
        tokens=tokens,
    )
    by_id = public_views(session, [m.practice_id for m in matches], tokens)
    status = _intro_statuses(session, [(m.practice_id, m.candidate_id) for m in matches])
    household = household_of(profile)
    packages = offers.incentives_by_municipality(
        session=session, codes=sorted({p.gemeentecode for p in by_id.values()}), tokens=tokens
    )
    items = [
        RankedItem(
            m,
            by_id[m.practice_id],
            None,
            status.get((m.practice_id, m.candidate_id)),
            value_for(packages.get(by_id[m.practice_id].gemeentecode, []), household),
            saved=m.practice_id in own[Mark.SAVED],
            interested=m.practice_id in own[Mark.INTEREST],
        )
        for m in matches
    ]
    return MatchPage(items, chosen)


# Built once (match pages run them on every request): the introductions of one candidate,
# and of some practices with some candidates; on a holder's page together with the marks.
_INTRO_COLUMNS = (Introduction.practice_id, Introduction.candidate_id, Introduction.status)
_CANDIDATE_INTROS = select(*_INTRO_COLUMNS).where(
    Introduction.candidate_id == bindparam("candidate")
)
_PAIR_INTROS = select(*_INTRO_COLUMNS).where(
    col(Introduction.practice_id).in_(bindparam("practices", expanding=True)),
    col(Introduction.candidate_id).in_(bindparam("candidates", expanding=True)),
)
_INTRO, _MARK, _BIG = 0, 1, 2  # what a row of _PAIR_FACTS tells
_BIG_CHECKS = (
    sa_select(
        literal(0).label("practice_id"),
        col(CandidateProfile.id),
        case((col(User.big_verified_at).is_not(None), "big"), else_=""),
    )
    .join(User, col(User.id) == CandidateProfile.user_id)
    .where(col(CandidateProfile.id).in_(bindparam("candidates", expanding=True)))
)
_PAIR_FACTS = union_all(
    _PAIR_INTROS.add_columns(literal(_INTRO).label("fact")),
    marks.CANDIDATE_MARKS.add_columns(literal(_MARK).label("fact")),
    _BIG_CHECKS.add_columns(literal(_BIG).label("fact")),
)


def _intro_statuses(session: Session, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Introduction status per (practice, candidate) pair, in one query."""
    if not pairs:
        return {}
    wanted = set(pairs)
    candidates = {c for _, c in pairs}
    if len(candidates) == 1:  # a candidate's page: their few introductions, by one index
        rows = session.connection().execute(_CANDIDATE_INTROS, {"candidate": pairs[0][1]})
    else:
        rows = session.connection().execute(_PAIR_INTROS, _pair_params(pairs))
    return {(p, c): st for p, c, st in rows if (p, c) in wanted}


def _pair_params(pairs: list[tuple[int, int]]) -> dict[str, list[int]]:
    return {"practices": sorted({p for p, _ in pairs}), "candidates": sorted({c for _, c in pairs})}


@dataclass(frozen=True)
class _PairFacts:
    status: dict[tuple[int, int], str]  # introduction status by (practice, candidate)
    marked: dict[Mark, set[tuple[int, int]]]  # the holder's marks by kind
    big: dict[int, bool]  # each candidate's BIG check


def _pair_facts(session: Session, owner: int, pairs: list[tuple[int, int]]) -> _PairFacts:
    """A holder's page: the introduction status of each pair, the holder's marks on them and
    the candidates' BIG checks, read in one round trip."""
    wanted = set(pairs)
    if not wanted:
        return _PairFacts({}, marks.by_kind([], wanted), {})
    params = _pair_params(pairs) | marks.marks_params(owner, wanted)
    rows = session.connection().execute(_PAIR_FACTS, params).all()
    return _PairFacts(
        status={(p, c): st for p, c, st, fact in rows if fact == _INTRO and (p, c) in wanted},
        marked=marks.by_kind([(p, c, k) for p, c, k, fact in rows if fact == _MARK], wanted),
        big={int(c): st == "big" for _p, c, st, fact in rows if fact == _BIG},
    )


PRIVATE = "private"  # the status a holder sees for a component the candidate did not share


LOCATION_STEP = 0.25  # a holder sees the location score in quarters: about a band's width


def _banded(match: Match, shared: set[str]) -> Match:
    """The match as a holder sees it: distance only as a band (in the score and reasons too),
    and the components whose items the candidate did not share marked private.

    The match itself was computed from the shared items only (``domain.sharing``); the total
    is computed again over the banded location with the default weights holders rank by, and
    ``score_basis`` says so.
    """
    hidden = sharing.hidden_components(shared)
    reasons = [
        replace(r, params={**r.params, "km": match.distance_band})
        if r.component == "location" and "km" in r.params
        else r  # other distances describe the practice's area, not the candidate's home
        for r in match.reasons
        if r.component not in hidden
    ]
    values = {k: None if k in hidden else v for k, v in match.values.items()}
    if values.get("location") is not None:
        values["location"] = round(float(values["location"] or 0) / LOCATION_STEP) * LOCATION_STEP
    status = {k: PRIVATE if k in hidden else v for k, v in match.status.items()}
    return replace(
        match,
        score=_visible_total(values, status),
        score_basis="shared",
        distance_km=None,
        reasons=reasons,
        values=values,
        status=status,
    )


def _visible_total(values: dict[str, float | None], status: dict[str, str]) -> float:
    """The weighted mean of the scored components a holder may see (default weights)."""
    numerator = denominator = 0.0
    for name, value in values.items():
        weight = float(s.DEFAULT_WEIGHTS.get(name, 0))
        if value is None or status.get(name) != "scored" or weight == 0.0:
            continue
        numerator += weight * float(value)
        denominator += weight
    return round(numerator / denominator, 4) if denominator else 0.0


def for_holder(*, session: Session, practices: list[Practice], limit: int) -> MatchPage:
    """Ranked candidates for a holder's published listings, best pairs first.

    Drafts are not ranked, and distances are shown only in bands, so that a holder
    cannot locate a candidate's home from a few (draft) listings.
    """
    practices = [p for p in practices if p.status in PUBLIC_STATUSES]
    tokens = data_version.read(session)
    per_practice = rank_for_practices(
        session=session, practices=practices, limit=limit, tokens=tokens
    )
    ranked = [(m, practice) for practice in practices for m in per_practice[practice.id or 0]]
    ranked.sort(key=lambda pair: (-pair[0].score, pair[0].distance_km or 0.0))
    ranked = ranked[:limit]
    pairs = [(m.practice_id, m.candidate_id) for m, _ in ranked]
    owner = practices[0].owner_id if practices else 0
    facts = _pair_facts(session, owner, pairs)
    summaries = _summaries(session, facts.big, tokens)
    status, starred, keen = facts.status, facts.marked[Mark.SAVED], facts.marked[Mark.INTEREST]
    shown = {pr.id: to_public(pr) for pr in practices}  # one listing, many candidates
    items = [
        RankedItem(
            _banded(m, set(summaries[m.candidate_id].shared)),
            shown[pr.id],
            summaries[m.candidate_id],
            status.get((m.practice_id, m.candidate_id)),
            saved=(m.practice_id, m.candidate_id) in starred,
            interested=(m.practice_id, m.candidate_id) in keen,
        )
        for m, pr in ranked
    ]
    items.sort(key=lambda item: -item.match.score)  # by what the holder may see
    return MatchPage(items, dict(s.DEFAULT_WEIGHTS))


def for_practice(
    *, session: Session, profile: CandidateProfile, practice_id: int
) -> tuple[RankedItem, bool] | None:
    """One published practice as a match for a candidate, scored exactly as on the matches
    page (their own weights), and whether it lies outside their search area (None when the
    practice is not published)."""
    one = _published(session, practice_id)
    if one is None:
        return None
    c = profile_features(session, profile)
    scores = s.score(c, one, s.merged_weights(profile.match_weights))
    (match,) = explained(c, one, scores, np.array([0]), one.ids, profile.id)
    practice = session.get(Practice, practice_id)
    assert practice is not None
    status = _intro_statuses(session, [(practice_id, profile.id or 0)])
    packages = offers.incentives_by_municipality(session=session, codes=[practice.gemeentecode])
    item = RankedItem(
        match,
        to_public(practice),
        None,
        status.get((practice_id, profile.id or 0)),
        value_for(packages.get(practice.gemeentecode, []), household_of(profile)),
        saved=marks.has(session, profile.user_id, practice_id, Mark.SAVED),
    )
    return item, bool(scores.excluded[0])


def pair_score(
    *,
    session: Session,
    profile: CandidateProfile,
    practice: Practice,
    weights: Mapping[str, int] | None,
) -> float:
    """The total of one candidate–practice pair, computed as every card computes it: the
    candidate sees it with their own weights, a holder with the defaults."""
    scores = s.score(
        profile_features(session, profile), _features(session, practice), s.merged_weights(weights)
    )
    return round(float(scores.total[0]), 3)


def holder_score(
    *, session: Session, profile: CandidateProfile, practice: Practice, everything: bool
) -> float:
    """The total of a pair as the practice's holder may see it: over what the candidate
    shares (location banded), or over everything once they agreed to an introduction."""
    if everything:
        return pair_score(session=session, profile=profile, practice=practice, weights=None)
    match, _outside = _holder_pair(session, profile, practice, everything=False)
    return _banded(match, set(profile.share_with_holders)).score


def _holder_pair(
    session: Session, profile: CandidateProfile, practice: Practice, *, everything: bool
) -> tuple[Match, bool]:
    """One pair scored and explained with the default weights holders rank by, and whether
    it lies outside the candidate's search area: from what the candidate shares, or from
    everything once they agreed to an introduction."""
    c = profile_features(session, profile) if everything else holder_features(profile)
    one = _features(session, practice)
    scores = s.score(c, one)
    (match,) = explained(c, one, scores, np.array([0]), practice.id, profile.id)
    return match, bool(scores.excluded[0])


def _published(session: Session, practice_id: int) -> s.PracticeFeatures | None:
    """One published practice's features, from the cache every ranking uses."""
    features = public_practices(session)
    index = np.flatnonzero(np.asarray(features.ids) == practice_id)
    return s.take(features, index) if len(index) else None


def _features(session: Session, practice: Practice) -> s.PracticeFeatures:
    """A practice's features: from the cache when published, else built (a draft)."""
    cached = _published(session, practice.id or 0)
    if cached is not None:
        return cached
    levels, regional = shortage.levels_for_table(session)[1], offers.arrays(session)
    return practice_features([practice], levels, regional)


def for_holder_candidate(
    *, session: Session, holder: User, profile_id: int, practice_id: int
) -> RankedItem:
    """One candidate as the holder of a matching published practice sees them: what the
    candidate shares, the score with every component and reason (distances in bands), the BIG
    check. NotFound for another holder's practice, a draft, a candidate without consent, or a
    pair excluded by what the candidate shares (a shared search area, start window or practice
    form): a holder only reaches candidates that match, as far as the holder may know."""
    practice = session.get(Practice, practice_id)
    profile = session.get(CandidateProfile, profile_id)
    if (
        practice is None
        or practice.owner_id != holder.id
        or practice.status not in PUBLIC_STATUSES
        or profile is None
        or not profile.consent
    ):
        raise NotFound(profile_id)
    status = _intro_statuses(session, [(practice.id or 0, profile.id or 0)]).get(
        (practice.id or 0, profile.id or 0)
    )
    everything = status is not None and contact_shared(status)
    match, outside = _holder_pair(session, profile, practice, everything=everything)
    if outside:
        raise NotFound(profile_id)
    owner = session.get(User, profile.user_id)
    summary = candidate_summary(
        profile, big_verified=bool(owner and owner.big_verified_at), everything=everything
    )
    return RankedItem(_banded(match, set(summary.shared)), to_public(practice), summary, status)
