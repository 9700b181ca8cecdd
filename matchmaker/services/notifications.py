"""Emails to people, in their own language, queued in the outbox.

Services decide *who* hears *what*; how a message looks (templates, translations, links)
belongs to the web layer, which installs a :class:`Renderer` when the app is created.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlmodel import Session

from matchmaker.services import outbox

MAIL_QUEUED = "mail_queued"  # key in ``Session.info``: this session queued email


class Addressee(Protocol):
    """Whom an email goes to: an account, or an invitee who has none yet."""

    @property
    def email(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def locale(self) -> str: ...


@dataclass(frozen=True)
class Invitee:
    """An address without an account (campaign invitations): Dutch until they choose."""

    email: str
    display_name: str
    locale: str = "nl"
    id: None = None  # no account: the email footer says why they hear from us


@dataclass(frozen=True)
class Rendered:
    """One email, ready to queue."""

    subject: str
    text: str
    html: str
    unsubscribe_url: str | None = None  # a mailing one can stop: its one-click link


class Renderer(Protocol):
    """Turns a kind of email and its context into text, in the recipient's language."""

    def __call__(self, kind: str, locale: str, context: Mapping[str, Any]) -> Rendered: ...


_renderer: Renderer | None = None


def use_renderer(renderer: Renderer) -> None:
    """Install how emails are rendered (the app does this once, at start-up)."""
    global _renderer
    _renderer = renderer


def notify(*, session: Session, kind: str, to: Addressee, **context: Any) -> None:
    """Render ``kind`` in the recipient's language and queue it."""
    if _renderer is None:
        raise RuntimeError("no email renderer installed: call notifications.use_renderer first")
    locale = to.locale or "nl"
    mail = _renderer(kind, locale, {"recipient": to, **context})
    outbox.queue(
        session=session,
        kind=kind,
        to=to.email,
        subject=mail.subject,
        text=mail.text,
        html=mail.html,
        locale=locale,
        unsubscribe_url=mail.unsubscribe_url,
    )
    session.info[MAIL_QUEUED] = True
