"""Registration, email confirmation and password reset: the account journeys by email."""

from __future__ import annotations

from sqlmodel import Session

from matchmaker.models import User
from matchmaker.models.user import UserCreate
from matchmaker.services import accounts, campaigns, candidates, notifications


def register(*, session: Session, data: UserCreate, secret: str) -> None:
    """Register, answering the same way whether or not the address has an account.

    A new account gets a confirmation link; the owner of an existing one hears that
    someone tried to register with their address, with the way to log in or reset.
    """
    outcome = accounts.register(session=session, data=data)
    if outcome.new is not None:
        _send_confirmation(session, outcome.new, secret)
    elif outcome.existing is not None and outcome.existing.is_active:
        notifications.notify(session=session, kind="account_exists", to=outcome.existing)
    session.commit()


def resend_confirmation(*, session: Session, user: User, secret: str) -> None:
    """Send the confirmation link again (the page limits how often)."""
    if not accounts.email_confirmed(user):
        _send_confirmation(session, user, secret)
        session.commit()


def _send_confirmation(session: Session, user: User, secret: str) -> None:
    token = accounts.verification_token(user=user, secret=secret)
    notifications.notify(session=session, kind="verify_email", to=user, token=token)


def confirm_address(*, session: Session, user: User, password: str | None) -> None:
    """Confirm an address (see ``accounts.confirm_email``); invitations sent to it before
    now reach the account."""
    accounts.confirm_email(session=session, user=user, password=password)
    profile = candidates.get_profile(session=session, user=user)
    if profile is not None:
        campaigns.link_new_profile(session=session, user=user, profile=profile)
    session.commit()


def request_reset(*, session: Session, email: str, secret: str) -> bool:
    """Queue a one-hour reset link if the address has an active, claimed account.

    Runs on the task queue: the page answers the same, in the same time, either way, so it
    reveals nothing about who has an account. Returns whether a link was queued.
    """
    user = accounts.find_user(session=session, email=email)
    if user is None or not user.is_active or user.invited:
        return False
    token = accounts.reset_token(user=user, secret=secret)
    notifications.notify(session=session, kind="password_reset", to=user, token=token)
    session.commit()
    return True
