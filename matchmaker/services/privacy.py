"""Personal data on request: export everything we hold on a user, or delete it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, or_
from sqlmodel import Session, col, select

from matchmaker.domain.errors import Code, DomainError, Issue
from matchmaker.models import (
    AuditEvent,
    CampaignMember,
    CampaignRanking,
    CandidateProfile,
    DuoInvitation,
    EventSignup,
    Introduction,
    IntroductionEvent,
    Message,
    Notification,
    OutboxMessage,
    Practice,
    RoundProposal,
    StopPlan,
    User,
)
from matchmaker.models._common import utcnow
from matchmaker.services import accounts, candidates, conversations
from matchmaker.services import storage as storage_files

EXPORT_VERSION = 1
# Credentials are not personal data to hand out: a file with them could log anyone in.
SECRETS = {"password_hash", "session_token", "totp_secret", "recovery_codes", "totp_last_step"}


def export_user_data(*, session: Session, user: User) -> dict[str, Any]:
    """All personal data linked to ``user`` as JSON-ready values (no password hash)."""
    profile = candidates.get_profile(session=session, user=user)
    practices = session.exec(select(Practice).where(Practice.owner_id == user.id)).all()
    # What others sent to this address belongs to the account only once the address is proven.
    own_address = accounts.email_confirmed(user)
    received = (
        session.exec(select(DuoInvitation).where(DuoInvitation.invitee_email == user.email)).all()
        if own_address
        else []
    )
    sent = (
        session.exec(select(DuoInvitation).where(DuoInvitation.inviter_id == profile.id)).all()
        if profile
        else []
    )
    return {
        "export_version": EXPORT_VERSION,
        "exported_at": utcnow().isoformat(),
        "account": user.model_dump(mode="json", exclude=SECRETS),
        "regions": accounts.recruiter_regions(session=session, user=user),
        "candidate_profile": profile.model_dump(mode="json") if profile else None,
        "practices": [p.model_dump(mode="json") for p in practices],
        "duo_invitations_sent": [i.model_dump(mode="json") for i in sent],
        "duo_invitations_received": [i.model_dump(mode="json") for i in received],
        "campaign_invitations": [
            m.model_dump(mode="json", exclude={"token"})
            for m in session.exec(select(CampaignMember).where(CampaignMember.email == user.email))
            if own_address
        ],
        "event_signups": [
            s.model_dump(mode="json")
            for s in session.exec(select(EventSignup).where(EventSignup.user_id == user.id))
        ],
        "introductions": _introductions(session, profile, practices),
        "stop_plan": _dump(
            session.exec(select(StopPlan).where(StopPlan.owner_id == user.id)).first()
        ),
        "campaign_rankings": [_dump(r) for r in _rankings(session, profile, practices)],
        "round_proposals": [_dump(p) for p in _proposals(session, profile, practices)],
        "emails_sent_to_you": [
            m.model_dump(mode="json", exclude={"message_id"})
            for m in session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.to_email == user.email)
                .order_by(col(OutboxMessage.id))
            )
        ],
        "messages_you_wrote": [
            _dump(m)
            for m in session.exec(
                select(Message).where(Message.sender_id == user.id).order_by(col(Message.id))
            )
        ],
        "notifications": [
            _dump(n)
            for n in session.exec(
                select(Notification)
                .where(Notification.user_id == user.id)
                .order_by(col(Notification.id))
            )
        ],
        "audit_entries_about_you": [
            e.model_dump(mode="json", exclude={"actor_id"})
            for e in session.exec(select(AuditEvent).where(AuditEvent.subject_user_id == user.id))
        ],
    }


def _dump(row: Any) -> Any:
    return row.model_dump(mode="json") if row is not None else None


def _introduction_ids(
    session: Session, profile: CandidateProfile | None, practices: Sequence[Practice]
) -> list[int]:
    """The ids of every introduction the person is part of, oldest first."""
    mine: list[Any] = [Introduction.candidate_id == profile.id] if profile else []
    if practices:
        mine.append(col(Introduction.practice_id).in_([p.id for p in practices]))
    if not mine:
        return []
    stmt = select(Introduction.id).where(or_(*mine)).order_by(col(Introduction.id))
    return [i for i in session.exec(stmt) if i is not None]


def _introductions(
    session: Session, profile: CandidateProfile | None, practices: Sequence[Practice]
) -> list[dict[str, Any]]:
    """Every introduction the person is part of, with its message and each recorded step."""
    out = []
    for intro_id in _introduction_ids(session, profile, practices):
        intro = session.get(Introduction, intro_id)
        history = session.exec(
            select(IntroductionEvent)
            .where(IntroductionEvent.introduction_id == intro_id)
            .order_by(col(IntroductionEvent.id))
        )
        row = _dump(intro) or {}
        if profile is None or intro is None or intro.candidate_id != profile.id:
            # The stored score is the candidate's total over their whole household: a holder
            # sees only what the candidate shares (matching.holder_score), so not this.
            row.pop("score", None)
        out.append({**row, "history": [_dump(h) for h in history]})
    return out


def _rankings(
    session: Session, profile: CandidateProfile | None, practices: Sequence[Practice]
) -> list[CampaignRanking]:
    mine = []
    if profile is not None:
        mine.append(
            and_(
                col(CampaignRanking.side) == "candidate",
                col(CampaignRanking.owner_id) == profile.id,
            )
        )
    if practices:
        mine.append(
            and_(
                col(CampaignRanking.side) == "practice",
                col(CampaignRanking.owner_id).in_([p.id for p in practices]),
            )
        )
    return list(session.exec(select(CampaignRanking).where(or_(*mine)))) if mine else []


def _proposals(
    session: Session, profile: CandidateProfile | None, practices: Sequence[Practice]
) -> list[RoundProposal]:
    mine: list[Any] = [RoundProposal.candidate_id == profile.id] if profile else []
    if practices:
        mine.append(col(RoundProposal.practice_id).in_([p.id for p in practices]))
    return list(session.exec(select(RoundProposal).where(or_(*mine)))) if mine else []


def delete_account(
    *, session: Session, user: User, password: str, attachments: Path | None = None
) -> None:
    """Delete the account and everything hanging off it, after checking the password."""
    if not accounts.verify_password(user, password):
        raise DomainError([Issue("password", Code.WRONG, "password is not correct")])
    erase_account(session=session, user=user, attachments=attachments)


UNCONFIRMED_DAYS = 14  # twice the confirmation link's life: then the registration is dropped


def expire_unconfirmed(
    *, session: Session, now: datetime | None = None, attachments: Path | None = None
) -> int:
    """Erase self-registered accounts whose address was never confirmed (data minimisation),
    as the person deleting them would: with their files (in ``attachments``)."""
    cutoff = (now or utcnow()) - timedelta(days=UNCONFIRMED_DAYS)
    stale = session.exec(
        select(User.id).where(
            col(User.email_verified_at).is_(None),
            col(User.invited).is_(False),
            col(User.is_demo).is_(False),
            col(User.created_at) < cutoff,
        )
    ).all()
    for user_id in stale:
        user = session.get(User, user_id)
        if user is not None:
            erase_account(session=session, user=user, attachments=attachments)
    return len(stale)


def erase_account(*, session: Session, user: User, attachments: Path | None = None) -> None:
    """Delete the account and everything hanging off it, files included (and commit)."""
    if accounts.email_confirmed(user):  # an unproven address cannot wipe others' invitations
        session.execute(delete(DuoInvitation).where(col(DuoInvitation.invitee_email) == user.email))
        session.execute(delete(CampaignMember).where(col(CampaignMember.email) == user.email))
    profile = candidates.get_profile(session=session, user=user)
    if profile is not None and profile.duo_partner_id is not None:
        candidates.leave_duo(session=session, profile=profile, deleted=True)
    practices = session.exec(select(Practice).where(Practice.owner_id == user.id)).all()
    # The person's introductions and their history go first: left to the cascades, PostgreSQL
    # would set the history's by_user_id to NULL on rows its other cascade already removed.
    intro_ids = _introduction_ids(session, profile, practices)
    # Photos of the listings and documents of the takeover files go with their rows (read
    # now: the cascades below take the rows but leave the files).
    stored = storage_files.keys_of(
        session, practices=[p.id for p in practices], introductions=list(intro_ids)
    )
    # What the person wrote in conversations, and the conversations that go with their
    # introductions, leave with their files (in ``attachments``).
    conversations.erase_for_account(
        session=session, user=user, intro_ids=list(intro_ids), storage=attachments
    )
    if intro_ids:
        session.execute(
            delete(IntroductionEvent).where(col(IntroductionEvent.introduction_id).in_(intro_ids))
        )
        session.execute(delete(Introduction).where(col(Introduction.id).in_(intro_ids)))
    for ranking in _rankings(session, profile, practices):  # rankings name their owner by id only
        session.delete(ranking)
    # Emails to the person held their name and address: they go too.
    session.execute(delete(OutboxMessage).where(col(OutboxMessage.to_email) == user.email))
    session.execute(delete(Notification).where(col(Notification.user_id) == user.id))
    # Listings, profile, introductions with their history, proposals, stop plan, sign-ups and
    # regions go with the account (ON DELETE CASCADE); audit entries keep no link to it.
    session.execute(delete(User).where(col(User.id) == user.id))
    session.commit()
    session.expunge_all()
    storage_files.discard_all(attachments, stored)


__all__ = [
    "CandidateProfile",
    "delete_account",
    "erase_account",
    "expire_unconfirmed",
    "export_user_data",
]
