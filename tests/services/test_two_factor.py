"""TOTP enrolment and login codes: valid once, with drift, recovery codes single-use."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlmodel import Session

from matchmaker.domain.errors import DomainError
from matchmaker.models._common import utcnow
from matchmaker.services import two_factor
from tests.factories import create_user


def _enrolled(session: Session):
    user = create_user(session)
    secret = two_factor.start_enrolment(session=session, user=user)
    codes = two_factor.confirm_enrolment(session=session, user=user, code=pyotp.TOTP(secret).now())
    return user, secret, codes


def test_enrolment_needs_a_valid_first_code(session: Session) -> None:
    """A wrong first code leaves two-factor login off."""
    user = create_user(session)
    two_factor.start_enrolment(session=session, user=user)
    with pytest.raises(DomainError):
        two_factor.confirm_enrolment(session=session, user=user, code="000000")
    assert not two_factor.enabled(user)


def test_a_code_works_once(session: Session) -> None:
    """A code cannot be replayed, even within its 30 seconds."""
    user, secret, _ = _enrolled(session)
    later = utcnow() + timedelta(seconds=60)
    code = pyotp.TOTP(secret).at(later)
    assert two_factor.verify(session=session, user=user, code=code, now=later)
    assert not two_factor.verify(session=session, user=user, code=code, now=later)


def test_clock_drift_of_one_step_is_accepted(session: Session) -> None:
    """The previous 30-second code still works; one from two minutes ago does not."""
    user, secret, _ = _enrolled(session)
    now = utcnow() + timedelta(minutes=5)
    totp = pyotp.TOTP(secret)
    assert not two_factor.verify(
        session=session, user=user, code=totp.at(now - timedelta(minutes=2)), now=now
    )
    assert two_factor.verify(
        session=session, user=user, code=totp.at(now - timedelta(seconds=30)), now=now
    )


def test_recovery_codes_work_once_each(session: Session) -> None:
    """Ten codes, stored hashed, each usable once."""
    user, _, codes = _enrolled(session)
    assert len(codes) == 10 and all(c not in user.recovery_codes for c in codes)
    assert two_factor.verify(session=session, user=user, code=codes[0].upper())
    assert not two_factor.verify(session=session, user=user, code=codes[0])
    assert len(two_factor.recovery_digests(user)) == 9
