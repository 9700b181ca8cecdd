"""Accounts: registration, authentication, passwords, recruiter regions."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from matchmaker.domain.errors import DomainError
from matchmaker.domain.roles import Role
from matchmaker.models import User
from matchmaker.services import accounts
from tests.factories import PASSWORD, create_user


def test_password_is_stored_as_argon2_hash(session: Session) -> None:
    """Passwords are never stored in the clear."""
    user = create_user(session, email="hash@example.org")
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith("$argon2id$")


def test_duplicate_email_is_refused_case_insensitively(session: Session) -> None:
    """One account per email, whatever the capitals."""
    create_user(session, email="dup@example.org")
    with pytest.raises(DomainError) as exc:
        create_user(session, email="  DUP@Example.org ")
    assert exc.value.issues[0].code == "taken"
    assert len(session.exec(select(User).where(User.email == "dup@example.org")).all()) == 1


def test_authenticate_accepts_right_and_rejects_wrong_password(session: Session) -> None:
    """Only the right password for an active account logs in."""
    user = create_user(session, email="auth@example.org")
    assert (
        accounts.authenticate(session=session, email="AUTH@example.org", password=PASSWORD) == user
    )
    assert (
        accounts.authenticate(session=session, email="auth@example.org", password="nope-nope-nope")
        is None
    )
    assert (
        accounts.authenticate(session=session, email="ghost@example.org", password=PASSWORD) is None
    )
    user.is_active = False
    session.commit()
    assert (
        accounts.authenticate(session=session, email="auth@example.org", password=PASSWORD) is None
    )


def test_change_password_requires_current_password(session: Session) -> None:
    """The old password must be given; afterwards only the new one works."""
    user = create_user(session)
    with pytest.raises(DomainError):
        accounts.change_password(
            session=session, user=user, current="wrong", new="new-password-123"
        )
    accounts.change_password(session=session, user=user, current=PASSWORD, new="new-password-123")
    assert accounts.verify_password(user, "new-password-123")
    assert not accounts.verify_password(user, PASSWORD)


def test_recruiter_regions_are_replaced_and_validated(session: Session) -> None:
    """Recruiters get known municipalities only; others have none."""
    recruiter = create_user(session, Role.RECRUITER)
    accounts.set_recruiter_regions(
        session=session, user=recruiter, codes=["GM0171", "GM0184", "GM0171"]
    )
    assert accounts.recruiter_regions(session=session, user=recruiter) == ["GM0171", "GM0184"]
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0014"])
    assert accounts.recruiter_regions(session=session, user=recruiter) == ["GM0014"]
    with pytest.raises(DomainError):
        accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM9999"])
    with pytest.raises(DomainError):
        accounts.set_recruiter_regions(session=session, user=create_user(session), codes=["GM0171"])


def test_registrations_never_confirmed_expire(session) -> None:
    """Two weeks after registering without confirming, the account and its data go."""
    from datetime import timedelta

    from matchmaker.models._common import utcnow
    from matchmaker.services import privacy

    stale = create_user(session, verified=False)
    kept = create_user(session)  # confirmed
    fresh = create_user(session, verified=False)
    stale.created_at = utcnow() - timedelta(days=privacy.UNCONFIRMED_DAYS + 1)
    session.add(stale)
    session.commit()
    assert privacy.expire_unconfirmed(session=session) == 1
    remaining = {u.email for u in session.exec(select(User))}
    assert stale.email not in remaining and {kept.email, fresh.email} <= remaining
