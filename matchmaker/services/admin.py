"""The admin console's use cases: find and manage accounts, verify BIG numbers, figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, union
from sqlmodel import Session, col, func, select

from matchmaker.domain.errors import Code, DomainError, Issue, NotFound
from matchmaker.domain.introductions import IntroStatus
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.roles import Role
from matchmaker.models import (
    Campaign,
    CampaignMember,
    CandidateProfile,
    Introduction,
    OutboxMessage,
    Practice,
    RecruiterRegion,
    User,
)
from matchmaker.models._common import utcnow
from matchmaker.services import accounts, audit, notifications, throttles
from matchmaker.services.audit import Action
from matchmaker.services.pagination import Page, paginate

PER_PAGE = 50


def search_users(
    *, session: Session, query: str = "", role: str | None = None, page: int = 1
) -> Page[User]:
    """Accounts whose email or name contains ``query``, newest first."""
    stmt = select(User).order_by(col(User.id).desc())
    text = query.strip()[:100]
    if text:
        like = f"%{text.lower()}%"
        stmt = stmt.where(
            or_(col(User.email).like(like), func.lower(col(User.display_name)).like(like))
        )
    if role in set(Role):
        stmt = stmt.where(User.role == role)
    return paginate(session, stmt, page=page, per_page=PER_PAGE)


@dataclass(frozen=True)
class UserView:
    """One account as the console shows it."""

    user: User
    regions: list[str]
    listings: int
    has_profile: bool
    verified_by: str | None


def get_user(*, session: Session, user_id: int) -> User:
    """The account with this id (NotFound otherwise)."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(user_id)
    return user


def user_view(*, session: Session, user_id: int) -> UserView:
    """An account with what hangs off it; NotFound when unknown."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(user_id)
    listings = session.exec(
        select(func.count()).select_from(Practice).where(Practice.owner_id == user.id)
    ).one()
    profile = session.exec(
        select(CandidateProfile.id).where(CandidateProfile.user_id == user.id)
    ).first()
    checker = session.get(User, user.big_verified_by) if user.big_verified_by else None
    return UserView(
        user=user,
        regions=accounts.recruiter_regions(session=session, user=user),
        listings=int(listings),
        has_profile=profile is not None,
        verified_by=checker.email if checker else None,
    )


def set_role(*, session: Session, actor: User, user: User, role: str) -> None:
    """Give an account another role (never one's own: an admin cannot lock themselves out)."""
    if role not in set(Role):
        raise DomainError([Issue("role", Code.INVALID_CHOICE, "unknown role")])
    if user.id == actor.id:
        raise DomainError([Issue("role", Code.SELF, "you cannot change your own role")])
    before = user.role
    user.role = role
    session.add(user)
    if before == Role.RECRUITER and role != Role.RECRUITER:
        for link in session.exec(select(RecruiterRegion).where(RecruiterRegion.user_id == user.id)):
            session.delete(link)
    audit.record(
        session=session,
        actor=actor,
        action=Action.ADMIN_ROLE,
        subject=user,
        detail=f"{before} -> {role}",
        commit=False,
    )
    accounts.end_sessions(session=session, user=user)


def set_regions(*, session: Session, actor: User, user: User, codes: list[str]) -> None:
    """Replace a recruiter's municipalities."""
    accounts.set_recruiter_regions(session=session, user=user, codes=codes)
    audit.record(
        session=session,
        actor=actor,
        action=Action.ADMIN_REGIONS,
        subject=user,
        detail=",".join(codes)[:300],
    )


def lock(*, session: Session, actor: User, user: User) -> None:
    """Lock an account: it cannot log in and every session ends at once."""
    if user.id == actor.id:
        raise DomainError([Issue("user", Code.SELF, "you cannot lock yourself")])
    user.is_active, user.locked_at = False, utcnow()
    audit.record(session=session, actor=actor, action=Action.ADMIN_LOCK, subject=user, commit=False)
    accounts.end_sessions(session=session, user=user)


def unlock(*, session: Session, actor: User, user: User) -> None:
    """Unlock an account; its owner logs in again."""
    user.is_active, user.locked_at = True, None
    throttles.clear(session=session, key=throttles.login_key(user.email), commit=False)
    throttles.clear(session=session, key=throttles.code_key(user.id), commit=False)
    audit.record(
        session=session, actor=actor, action=Action.ADMIN_UNLOCK, subject=user, commit=False
    )
    accounts.end_sessions(session=session, user=user)


def resend_activation(*, session: Session, actor: User, user: User, secret: str) -> str:
    """Send an unclaimed imported account its activation link, or an unconfirmed one its
    confirmation link; returns which ("activation", "verification" or "none")."""
    if user.invited:
        token = accounts.activation_token(user=user, secret=secret)
        notifications.notify(session=session, kind="activation", to=user, token=token)
        sent = "activation"
    elif not accounts.email_confirmed(user):
        token = accounts.verification_token(user=user, secret=secret)
        notifications.notify(session=session, kind="verify_email", to=user, token=token)
        sent = "verification"
    else:
        return "none"
    audit.record(
        session=session, actor=actor, action=Action.ADMIN_RESEND, subject=user, detail=sent
    )
    return sent


def _scope(session: Session, viewer: User) -> list[str] | None:
    """The municipalities a recruiter verifies for (None: an admin, everywhere)."""
    if viewer.role == Role.ADMIN:
        return None
    return accounts.recruiter_regions(session=session, user=viewer)


def verification_queue(*, session: Session, viewer: User) -> list[User]:
    """People who gave a BIG number not verified yet (a recruiter: in their municipalities
    and their campaigns)."""
    stmt = (
        select(User)
        .where(col(User.big_number).is_not(None), col(User.big_verified_at).is_(None))
        .order_by(col(User.id))
    )
    codes = _scope(session, viewer)
    if codes is not None:
        # Their municipalities' candidates and holders, and everyone who takes part in one of
        # their campaigns, wherever they live (a trainee from Utrecht in a Drenthe campaign).
        in_area = union(
            select(CandidateProfile.user_id).where(col(CandidateProfile.gemeentecode).in_(codes)),
            select(Practice.owner_id).where(col(Practice.gemeentecode).in_(codes)),
            select(CandidateProfile.user_id)
            .join(CampaignMember, col(CampaignMember.profile_id) == CandidateProfile.id)
            .join(Campaign, col(Campaign.id) == CampaignMember.campaign_id)
            .where(Campaign.owner_id == viewer.id),
        )
        stmt = stmt.where(col(User.id).in_(in_area))
    return list(session.exec(stmt))


def verify_big(*, session: Session, actor: User, user_id: int, note: str) -> User:
    """Record that ``actor`` checked the BIG number against the register, and how."""
    user = next(
        (u for u in verification_queue(session=session, viewer=actor) if u.id == user_id), None
    )
    if user is None:
        raise NotFound(user_id)
    if not note.strip():
        raise DomainError([Issue("note", Code.REQUIRED, "say how you checked the register")])
    user.big_verified_at, user.big_verified_by = utcnow(), actor.id
    user.big_verification_note = note.strip()[:200]
    session.add(user)
    audit.record(session=session, actor=actor, action=Action.VERIFY_BIG, subject=user, detail="BIG")
    return user


@dataclass(frozen=True)
class Figures:
    """The platform in numbers."""

    accounts_per_role: dict[str, int]
    listings: int
    published: int
    introductions: int
    settlements: int
    failed_emails: int
    awaiting_verification: int


def figures(*, session: Session) -> Figures:
    """Counts for the console's front page."""

    def count(stmt: Any) -> int:
        return int(session.execute(stmt).scalar_one())

    per_role = dict(session.exec(select(User.role, func.count()).group_by(col(User.role))).all())
    return Figures(
        accounts_per_role={r.value: int(per_role.get(r.value, 0)) for r in Role},
        listings=count(select(func.count()).select_from(Practice)),
        published=count(
            select(func.count())
            .select_from(Practice)
            .where(col(Practice.status).in_(PUBLIC_STATUSES))
        ),
        introductions=count(select(func.count()).select_from(Introduction)),
        settlements=count(
            select(func.count())
            .select_from(Introduction)
            .where(Introduction.status == IntroStatus.SETTLED)
        ),
        failed_emails=count(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "failed")
        ),
        awaiting_verification=count(
            select(func.count())
            .select_from(User)
            .where(col(User.big_number).is_not(None), col(User.big_verified_at).is_(None))
        ),
    )
