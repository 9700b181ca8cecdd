"""Accounts, roles and recruiters' regions."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlmodel import Field, SQLModel

from matchmaker.domain.roles import Role
from matchmaker.models._common import utcnow


def new_session_token() -> str:
    """A fresh random token that identifies the account's current sessions."""
    return secrets.token_urlsafe(32)


class UserBase(SQLModel):
    """Fields shared by the account table and its input models."""

    email: str = Field(max_length=254, unique=True, index=True)
    display_name: str = Field(max_length=120)
    role: str = Field(max_length=16, index=True)
    locale: str = Field(default="nl", max_length=5)


class User(UserBase, table=True):
    """A person who can log in."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=255)
    is_active: bool = Field(default=True)
    is_demo: bool = Field(default=False)
    invited: bool = Field(default=False)  # created by a recruiter's import; no password yet
    # The recruiter whose import created the account (None: self-registered, or the command
    # line). Imports may change only listings of unclaimed accounts their recruiter created.
    invited_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
    # Set when the person proved the address is theirs (a signed link sent to it); nothing
    # addressed to this email (invitations, duo requests) is linked to the account before.
    email_verified_at: datetime | None = None
    # Two-factor login (TOTP, RFC 6238). The secret is set at enrolment and counts once a
    # first code confirmed it; the last used time step stops a code being replayed.
    totp_secret: str | None = Field(default=None, max_length=64)
    totp_enabled_at: datetime | None = None
    totp_last_step: int | None = None
    # SHA-256 hashes of the unused recovery codes, space-separated (text, not JSON, so that
    # SELECT DISTINCT over users works on PostgreSQL).
    recovery_codes: str = Field(default="", max_length=700)
    # Professional registration (BIG register). The register itself is not reachable from
    # here: a recruiter or admin checks it and records who, when and how.
    big_number: str | None = Field(default=None, max_length=11)
    big_verified_at: datetime | None = None
    big_verified_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    big_verification_note: str | None = Field(default=None, max_length=200)
    locked_at: datetime | None = None  # an admin locked the account (is_active is False)
    # Notification channels the person switched off, space-separated "channel:kind" tokens
    # (e.g. "email:message app:step_recorded"); everything else is on. Text, not JSON, so
    # that SELECT DISTINCT over users works on PostgreSQL.
    notify_off: str = Field(default="", max_length=1000)
    # The secret in the personal calendar feed's URL (None: no feed); renewing it kills the
    # old URL, as calendar apps keep subscriptions for years.
    calendar_token: str | None = Field(default=None, max_length=64, unique=True)
    # Flask-Login's alternative id: sessions and remember cookies carry this token, not the id,
    # so rotating it (logout, password change or reset, lock) ends every copy of them.
    session_token: str = Field(
        default_factory=new_session_token,
        max_length=64,
        unique=True,
        index=True,
        sa_column_kwargs={"default": new_session_token},
    )

    @property
    def is_authenticated(self) -> bool:
        """Flask-Login: a loaded user is always authenticated."""
        return True

    @property
    def is_anonymous(self) -> bool:
        """Flask-Login: a loaded user is never anonymous."""
        return False

    def get_id(self) -> str:
        """Flask-Login: the session token kept in the session and the remember cookie."""
        return self.session_token


class UserCreate(SQLModel):
    """Input for a new account."""

    email: str = Field(max_length=254)
    display_name: str = Field(max_length=120)
    role: Role
    password: str = Field(min_length=12, max_length=200)
    locale: str = "nl"


class RecruiterRegion(SQLModel, table=True):
    """A municipality a recruiter works for."""

    __tablename__ = "recruiter_regions"

    user_id: int = Field(foreign_key="users.id", primary_key=True, ondelete="CASCADE")
    gemeentecode: str = Field(max_length=6, primary_key=True)
