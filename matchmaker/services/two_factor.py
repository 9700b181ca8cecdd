"""Two-factor login with TOTP (RFC 6238, pyotp) and one-time recovery codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp
from sqlmodel import Session

from matchmaker.domain.errors import Code, DomainError, Issue
from matchmaker.models import User
from matchmaker.models._common import utcnow
from matchmaker.services import accounts, throttles

ISSUER = "matchmaker"
RECOVERY_CODES = 10
DRIFT_STEPS = 1  # accept the previous and next 30-second code: phones' clocks drift


def enabled(user: User) -> bool:
    """Whether the account logs in with a second factor."""
    return user.totp_enabled_at is not None


def recovery_digests(user: User) -> list[str]:
    """The hashes of the recovery codes not used yet."""
    return user.recovery_codes.split()


def start_enrolment(*, session: Session, user: User) -> str:
    """A new secret for the authenticator app; it counts once a first code confirms it."""
    if enabled(user):
        raise DomainError([Issue("code", Code.ALREADY_ENABLED, "two-factor login is already on")])
    if not accounts.email_confirmed(user):
        # A second factor set before the address is proven could be a squatter's (the owner
        # of the address must end up in sole control of the account).
        raise DomainError([Issue("code", Code.UNCONFIRMED, "confirm the email address first")])
    user.totp_secret = pyotp.random_base32()
    session.add(user)
    session.commit()
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(user.totp_secret or "").provisioning_uri(name=user.email, issuer_name=ISSUER)


def confirm_enrolment(*, session: Session, user: User, code: str) -> list[str]:
    """Turn two-factor login on with a first valid code; returns the recovery codes, once.

    Every other session of the account ends, as after a password change.
    """
    if enabled(user) or not user.totp_secret or not _totp_ok(user, code):
        raise DomainError([Issue("code", Code.WRONG_CODE, "the code is not correct")])
    user.totp_enabled_at = utcnow()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    user.recovery_codes = " ".join(_digest(c) for c in codes)
    accounts.end_sessions(session=session, user=user)
    return codes


def verify(*, session: Session, user: User, code: str, now: datetime | None = None) -> bool:
    """Check a login code: a current TOTP code (each usable once) or an unused recovery code.

    Wrong codes are counted on the server per account with the password back-off, so no
    cookie, browser or address starts the count afresh; raises ``throttles.Throttled``
    while the account backs off.
    """
    key = throttles.code_key(user.id)
    throttles.check(session=session, key=key, now=now)
    if enabled(user) and _code_ok(user, code, now=now):
        throttles.clear(session=session, key=key, commit=False)
        session.add(user)
        session.commit()
        return True
    throttles.fail(session=session, key=key, now=now)
    return False


def _code_ok(user: User, code: str, *, now: datetime | None) -> bool:
    """A fresh TOTP code, or an unused recovery code (which is then used up)."""
    cleaned = code.replace(" ", "").replace("-", "").strip().lower()
    if _totp_ok(user, cleaned, now=now):
        return True
    digest = _digest(cleaned)
    stored = recovery_digests(user)
    if any(hmac.compare_digest(digest, kept) for kept in stored):
        user.recovery_codes = " ".join(c for c in stored if c != digest)
        return True
    return False


def disable(*, session: Session, user: User, password: str) -> None:
    """Turn two-factor login off after the password is confirmed."""
    if not accounts.verify_password(user, password):
        raise DomainError([Issue("password", Code.WRONG, "password is not correct")])
    accounts.forget_second_factor(user)
    accounts.end_sessions(session=session, user=user)


def _totp_ok(user: User, code: str, *, now: datetime | None = None) -> bool:
    """A valid code for a time step after the last one used (no replay); records the step."""
    if not code.isascii() or not code.isdigit() or len(code) != 6 or not user.totp_secret:
        return False
    totp = pyotp.TOTP(user.totp_secret)
    current = totp.timecode(now or utcnow())
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        fresh = user.totp_last_step is None or step > user.totp_last_step
        if fresh and hmac.compare_digest(totp.generate_otp(step), code):
            user.totp_last_step = step
            return True
    return False


def _new_recovery_code() -> str:
    raw = secrets.token_hex(5)  # 40 bits, shown as xxxxx-xxxxx
    return f"{raw[:5]}-{raw[5:]}"


def _digest(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").lower().encode()).hexdigest()
