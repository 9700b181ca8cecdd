"""Seeding and removing the demo data as a whole."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, select

from matchmaker.domain.roles import Role
from matchmaker.models import (
    CandidateProfile,
    DuoInvitation,
    Introduction,
    IntroductionEvent,
    Offer,
    Practice,
    RecruiterRegion,
    User,
)
from matchmaker.services import accounts
from matchmaker.services import storage as files
from matchmaker.services.seed.campaign import seed_demo_campaign
from matchmaker.services.seed.logins import (
    DEMO_PASSWORD,
    HOLDER_EMAIL,
    RECRUITER_EMAIL,
    bulk_users,
    next_index,
)
from matchmaker.services.seed.population import (
    TRAINING_CITIES,
    TRAINING_CITY_SHARE,
    candidate_row,
    municipality_weights,
    pair_duos,
    pc4s_by_municipality,
    practice_row,
    user_rows,
)
from matchmaker.services.seed.returning import seed_returning
from matchmaker.services.seed.showcase import demo_introductions, named_accounts
from matchmaker.services.seed.takeover import seed_takeover


@dataclass(frozen=True)
class SeedReport:
    """What a seed run created."""

    practices: int
    candidates: int
    seconds: float


def reset_demo(*, session: Session, storage: Path | None = None) -> None:
    """Delete every row labelled as demo data (and, given ``storage``, the demo files)."""
    demo_users = select(User.id).where(col(User.is_demo))
    demo_profiles = select(CandidateProfile.id).where(col(CandidateProfile.is_demo))
    demo_practices = select(Practice.id).where(col(Practice.owner_id).in_(demo_users))
    demo_intros = select(Introduction.id).where(
        col(Introduction.candidate_id).in_(demo_profiles)
        | col(Introduction.practice_id).in_(demo_practices)
    )
    stored = files.keys_of(session, practices=demo_practices, introductions=demo_intros)
    session.execute(
        delete(IntroductionEvent).where(col(IntroductionEvent.introduction_id).in_(demo_intros))
    )
    session.execute(delete(Introduction).where(col(Introduction.id).in_(demo_intros)))
    session.execute(delete(Offer).where(col(Offer.is_demo)))
    session.execute(delete(DuoInvitation).where(col(DuoInvitation.inviter_id).in_(demo_profiles)))
    session.execute(
        update(CandidateProfile)
        .values(duo_partner_id=None)
        .where(col(CandidateProfile.duo_partner_id).in_(demo_profiles))
    )
    session.execute(delete(CandidateProfile).where(col(CandidateProfile.user_id).in_(demo_users)))
    session.execute(delete(Practice).where(col(Practice.owner_id).in_(demo_users)))
    session.execute(delete(RecruiterRegion).where(col(RecruiterRegion.user_id).in_(demo_users)))
    session.execute(delete(User).where(col(User.is_demo)))
    session.commit()
    files.discard_all(storage, stored)


def seed_demo(
    *,
    session: Session,
    n_practices: int,
    n_candidates: int,
    reset: bool = False,
    random_seed: int = 2026,
    storage: Path | None = None,
) -> SeedReport:
    """Create the named demo accounts plus N practices and M candidate households (and, with
    ``storage`` for the files, the demo listing's photos)."""
    started = time.perf_counter()
    rng = random.Random(random_seed)
    if reset:
        reset_demo(session=session, storage=storage)
    pw = accounts.hash_password(DEMO_PASSWORD)
    named_accounts(session, pw)

    by_code = pc4s_by_municipality()
    codes = sorted(by_code)
    weights = municipality_weights(codes)
    first = next_index(session, "holder")
    n_holders = max(1, round(n_practices * 0.9)) if n_practices else 0
    holder_ids = bulk_users(session, user_rows(rng, "holder", Role.HOLDER, first, n_holders, pw))
    rows = []
    for i in range(n_practices):
        code = rng.choices(codes, weights)[0]
        owner = holder_ids[i % len(holder_ids)]
        rows.append(practice_row(rng, owner, rng.choice(by_code[code]), first + i))
    if rows:
        session.execute(insert(Practice), rows)

    first = next_index(session, "candidate")
    users = user_rows(rng, "candidate", Role.CANDIDATE, first, n_candidates, pw)
    candidate_ids = bulk_users(session, users)
    profile_rows = []
    for user_id, user in zip(candidate_ids, users, strict=True):
        code = (
            rng.choice(TRAINING_CITIES) if rng.random() < TRAINING_CITY_SHARE else rng.choice(codes)
        )
        profile_rows.append(
            candidate_row(rng, user_id, user["display_name"], rng.choice(by_code[code]))
        )
    profile_ids: list[int] = []
    if profile_rows:
        stmt = insert(CandidateProfile).returning(
            col(CandidateProfile.id), sort_by_parameter_order=True
        )
        profile_ids = list(session.scalars(stmt, profile_rows))
    pair_duos(session, rng, profile_ids)
    demo_introductions(session, profile_ids)
    recruiter = accounts.find_user(session=session, email=RECRUITER_EMAIL)
    if recruiter is not None:
        seed_demo_campaign(
            session=session,
            rng=rng,
            recruiter=recruiter,
            holder=accounts.find_user(session=session, email=HOLDER_EMAIL),
            profile_ids=profile_ids,
        )
    seed_returning(session, rng, profile_ids)
    seed_takeover(session, storage)
    session.commit()
    return SeedReport(n_practices, n_candidates, time.perf_counter() - started)
