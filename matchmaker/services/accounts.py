"""Accounts: registration, authentication, passwords and recruiter regions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import bindparam
from sqlmodel import Session, col, func, select

from matchmaker.domain.emails import normalise_email
from matchmaker.domain.errors import Code, DomainError, Issue, raise_if
from matchmaker.domain.passwords import check_password
from matchmaker.domain.roles import Role
from matchmaker.models import RecruiterRegion, User
from matchmaker.models._common import utcnow
from matchmaker.models.user import UserCreate, new_session_token
from matchmaker.services import throttles
from matchmaker.services.geodata import gazetteer

_hasher = PasswordHasher()


def use_hasher(hasher: PasswordHasher) -> None:
    """Swap the password hasher (the test suite uses a cheap one)."""
    global _hasher
    _hasher = hasher


def hash_password(password: str) -> str:
    """Hash a password with Argon2id."""
    return _hasher.hash(password)


def verify_password(user: User, password: str) -> bool:
    """Check ``password`` against the user's hash."""
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def find_user(*, session: Session, email: str) -> User | None:
    """The account with this email address, if any."""
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


def get_user(*, session: Session, user_id: int) -> User | None:
    """The active account with this id, if any."""
    user = session.get(User, user_id)
    return user if user is not None and user.is_active else None


def user_for_session(*, session: Session, token: str) -> User | None:
    """The active account whose current session token this is (Flask-Login's loader)."""
    if not token or len(token) > 64:
        return None
    user = session.exec(_BY_SESSION_TOKEN, params={"token": token}).first()
    return user if user is not None and user.is_active else None


_BY_SESSION_TOKEN = select(User).where(User.session_token == bindparam("token"))  # every request


def end_sessions(*, session: Session, user: User, commit: bool = True) -> None:
    """Rotate the session token: every session and remember cookie of the account ends."""
    user.session_token = new_session_token()
    session.add(user)
    if commit:
        session.commit()


def create_user(
    *, session: Session, data: UserCreate, commit: bool = True, verified: bool = False
) -> User:
    """Create an account; raises ``DomainError`` when the email is taken or the password weak.

    ``verified`` is for accounts an administrator vouches for (the command line); everyone
    else confirms their address through the link emailed at registration.
    """
    email = normalise_email(data.email)
    if find_user(session=session, email=email) is not None:
        raise DomainError([Issue("email", Code.TAKEN, "an account with this email already exists")])
    raise_if(check_password(data.password, personal=[email, data.display_name]))
    user = User(
        email=email,
        display_name=data.display_name.strip(),
        role=data.role,
        locale=data.locale,
        password_hash=hash_password(data.password),
        email_verified_at=utcnow() if verified else None,
    )
    session.add(user)
    if commit:
        session.commit()
    else:
        session.flush()
    return user


@dataclass(frozen=True)
class Registration:
    """What a registration did: a new account, or nothing because the address has one."""

    new: User | None
    existing: User | None


def register(*, session: Session, data: UserCreate) -> Registration:
    """Self-registration that never reveals whether an address already has an account.

    A new address gets an unconfirmed account; a known one gets nothing new (the caller
    emails its owner instead). Both answer the same way on screen.
    """
    existing = find_user(session=session, email=data.email)
    if existing is not None:
        _hasher.hash(data.password)  # the same work as a new account: timing tells nothing
        return Registration(new=None, existing=existing)
    return Registration(new=create_user(session=session, data=data), existing=None)


LoginThrottled = throttles.Throttled  # the name the login page knows


def authenticate(
    *, session: Session, email: str, password: str, now: datetime | None = None
) -> User | None:
    """The active account for these credentials, or None; ``LoginThrottled`` while backing off.

    The back-off is kept per address, known or not (ASVS 2.2.1), and both kinds of address
    do the same work: one password hash and one counter write. So neither the answer, nor
    its status, nor its time tells whether the address has an account.
    """
    key = throttles.login_key(email)
    throttles.check(session=session, key=key, now=now)
    user = find_user(session=session, email=email)
    if user is None:
        _hasher.hash(password)  # the same time as checking a real hash
        throttles.fail(session=session, key=key, now=now)
        return None
    if not verify_password(user, password) or not user.is_active:
        throttles.fail(session=session, key=key, now=now)
        return None
    throttles.clear(session=session, key=key, commit=False)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.add(user)
    session.commit()
    return user


def set_password(*, session: Session, user: User, new: str, field: str = "password") -> None:
    """Store a new password that meets the policy; every session of the account ends."""
    issues = check_password(new, personal=[user.email, user.display_name])
    if issues:
        raise DomainError([Issue(field, i.code, i.message) for i in issues])
    user.password_hash = hash_password(new)
    end_sessions(session=session, user=user)


def change_password(*, session: Session, user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one."""
    if not verify_password(user, current):
        raise DomainError([Issue("current_password", Code.WRONG, "current password is wrong")])
    set_password(session=session, user=user, new=new, field="new_password")


def set_language(*, session: Session, user: User, locale: str) -> None:
    """Remember the account's interface language."""
    user.locale = locale
    session.add(user)
    session.commit()


def set_recruiter_regions(*, session: Session, user: User, codes: list[str]) -> None:
    """Replace the municipalities a recruiter works for."""
    if user.role != Role.RECRUITER:
        raise DomainError([Issue("role", Code.NOT_RECRUITER, "only recruiters have regions")])
    unknown = [c for c in codes if gazetteer().municipality(c) is None]
    if unknown:
        raise DomainError(
            [
                Issue(
                    "regions",
                    Code.UNKNOWN_MUNICIPALITY,
                    f"unknown municipality {unknown[0]}",
                    unknown[0],
                )
            ]
        )
    for link in session.exec(select(RecruiterRegion).where(RecruiterRegion.user_id == user.id)):
        session.delete(link)
    session.flush()
    for code in dict.fromkeys(codes):
        session.add(RecruiterRegion(user_id=user.id, gemeentecode=code))  # type: ignore[arg-type]
    session.commit()


def recruiter_regions(*, session: Session, user: User) -> list[str]:
    """CBS codes of the municipalities a recruiter works for."""
    stmt = select(RecruiterRegion.gemeentecode).where(RecruiterRegion.user_id == user.id)
    return sorted(session.exec(stmt))


def count_users(*, session: Session) -> int:
    """Number of accounts."""
    return session.exec(select(func.count(col(User.id)))).one()


ACTIVATION_SALT = "matchmaker-activate"
ACTIVATION_DAYS = 30


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def activation_token(*, user: User, secret: str) -> str:
    """A signed link token for an imported account; it stops working once a password is set."""
    return URLSafeTimedSerializer(secret, salt=ACTIVATION_SALT).dumps(
        {"u": user.id, "f": _fingerprint(user)}
    )


def user_for_activation(*, session: Session, token: str, secret: str) -> User | None:
    """The imported account a token was made for, if it is valid, recent and still unclaimed."""
    try:
        data = URLSafeTimedSerializer(secret, salt=ACTIVATION_SALT).loads(
            token, max_age=ACTIVATION_DAYS * 86_400
        )
    except BadSignature:  # also covers expired tokens
        return None
    user = session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not user.invited or _fingerprint(user) != data.get("f"):
        return None
    return user


def activate(*, session: Session, user: User, password: str) -> None:
    """Claim an imported account: the link came by email, so the address is confirmed too."""
    user.invited = False
    mark_email_confirmed(user)
    set_password(session=session, user=user, new=password)


# --- email ownership and password reset ------------------------------------------------------

VERIFY_SALT = "matchmaker-verify-email"
VERIFY_DAYS = 7
RESET_SALT = "matchmaker-reset-password"
RESET_SECONDS = 3600  # a reset link works for one hour


def email_confirmed(user: User) -> bool:
    """Whether the account's owner has shown the address is theirs."""
    return user.email_verified_at is not None


def mark_email_confirmed(user: User) -> None:
    """Record that the address is confirmed (a signed link sent to it was used)."""
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()


def verification_token(*, user: User, secret: str) -> str:
    """A signed link token proving the address; bound to the address it was sent to."""
    return URLSafeTimedSerializer(secret, salt=VERIFY_SALT).dumps({"u": user.id, "e": user.email})


def user_for_verification(*, session: Session, token: str, secret: str) -> User | None:
    """The unconfirmed account a confirmation token was sent for; None once it is used.

    The token only ever confirms the address: it is single use (the account is confirmed
    after its first use) and never logs anybody in.
    """
    data = _load(token, secret, VERIFY_SALT, VERIFY_DAYS * 86_400)
    user = session.get(User, data.get("u")) if data else None
    if user is None or not user.is_active or user.email != data.get("e"):
        return None
    return None if email_confirmed(user) else user


def forget_second_factor(user: User) -> None:
    """Remove a second factor and its recovery codes (not committed)."""
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = None, None, None
    user.recovery_codes = ""


def confirm_email(*, session: Session, user: User, password: str | None) -> None:
    """Confirm the address of ``user``; ``password`` must be right unless it is None.

    The caller passes None only when the person is already logged in to this account.
    Everything set before the owner proved the address (a second factor, recovery codes,
    sessions elsewhere) ends here, so that whoever registered somebody else's address
    cannot keep a way in. Wrong passwords back off like logins; ``Throttled`` meanwhile.
    """
    if password is not None:
        key = throttles.login_key(user.email)
        throttles.check(session=session, key=key)
        if not verify_password(user, password):
            throttles.fail(session=session, key=key)
            raise DomainError([Issue("password", Code.WRONG, "password is not correct")])
        throttles.clear(session=session, key=key, commit=False)
    mark_email_confirmed(user)
    forget_second_factor(user)
    end_sessions(session=session, user=user, commit=False)
    session.add(user)


def reset_token(*, user: User, secret: str) -> str:
    """A signed, one-hour, single-use token: it is tied to the current password hash."""
    return URLSafeTimedSerializer(secret, salt=RESET_SALT).dumps(
        {"u": user.id, "f": _fingerprint(user)}
    )


def user_for_reset(*, session: Session, token: str, secret: str) -> User | None:
    """The account a reset token was made for, if valid, recent and not used yet."""
    data = _load(token, secret, RESET_SALT, RESET_SECONDS)
    user = session.get(User, data.get("u")) if data else None
    if user is None or not user.is_active or user.invited or _fingerprint(user) != data.get("f"):
        return None
    return user


def reset_password(*, session: Session, user: User, password: str) -> None:
    """Set a new password from a reset link: the address is proven, all sessions end.

    On an account whose address was not confirmed yet, a second factor set before goes too:
    the owner of the address ends up in sole control.
    """
    if not email_confirmed(user):
        forget_second_factor(user)
    mark_email_confirmed(user)
    set_password(session=session, user=user, new=password)


def _load(token: str, secret: str, salt: str, max_age: int) -> dict[str, Any]:
    if len(token) > 500:
        return {}
    try:
        data = URLSafeTimedSerializer(secret, salt=salt).loads(token, max_age=max_age)
    except BadSignature:  # also covers expired tokens
        return {}
    return data if isinstance(data, dict) else {}


# --- professional registration (BIG) ----------------------------------------------------------


def set_big_number(*, session: Session, user: User, number: str | None) -> None:
    """Record one's BIG number; a changed number needs verifying again."""
    cleaned = "".join((number or "").split()) or None
    if cleaned is not None and (
        not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) != 11
    ):
        raise DomainError([Issue("big_number", Code.BIG_FORMAT, "a BIG number has 11 digits")])
    if cleaned != user.big_number:
        user.big_number = cleaned
        user.big_verified_at, user.big_verified_by, user.big_verification_note = None, None, None
    session.add(user)
    session.commit()


def big_verified(user: User) -> bool:
    """Whether a recruiter or admin has checked the BIG number against the register."""
    return user.big_verified_at is not None and user.big_number is not None


def recruiters_of(*, session: Session, gemeentecode: str) -> list[User]:
    """Active regional recruiters who work for the municipality, by name."""
    return list(
        session.exec(
            select(User)
            .join(RecruiterRegion, col(RecruiterRegion.user_id) == User.id)
            .where(
                RecruiterRegion.gemeentecode == gemeentecode,
                col(User.is_active),
                User.role == Role.RECRUITER,
            )
            .order_by(col(User.display_name))
        )
    )
