"""The email outbox: queue in the same transaction as the event, deliver later, retry."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any, Protocol

from sqlalchemy import update
from sqlmodel import Session, col, select

from matchmaker.models import OutboxMessage
from matchmaker.models._common import utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_BASE_MINUTES = 2  # 2, 4, 8, 16, 32 minutes between attempts
BATCH = 50
# A claimed row is the sender's for this long; an SMTP send times out after 10 s, so a row
# still "sending" after five minutes belongs to a sender that was killed or reloaded.
LEASE = timedelta(minutes=5)


class Transport(Protocol):
    """Something that sends one email or raises."""

    def send(self, message: EmailMessage) -> None:
        """Send or raise."""


@dataclass(frozen=True)
class SMTPTransport:
    """Send through an SMTP server."""

    host: str
    port: int = 25
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0

    def send(self, message: EmailMessage) -> None:
        """Deliver over SMTP."""
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)


class ConsoleTransport:
    """Development: write the email to the log instead of sending it."""

    def send(self, message: EmailMessage) -> None:
        """Log the email."""
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        log.warning("email to %s: %s\n%s", message["To"], message["Subject"], text)


def transport_from_config(config: dict[str, Any]) -> Transport:
    """SMTP when a host is configured, the console otherwise."""
    if config.get("SMTP_HOST"):
        return SMTPTransport(
            host=config["SMTP_HOST"],
            port=int(config.get("SMTP_PORT") or 25),
            username=config.get("SMTP_USERNAME"),
            password=config.get("SMTP_PASSWORD"),
            starttls=bool(config.get("SMTP_STARTTLS")),
        )
    return ConsoleTransport()


def queue(
    *,
    session: Session,
    kind: str,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    locale: str = "nl",
    unsubscribe_url: str | None = None,
) -> OutboxMessage:
    """Add an email to the outbox; it is committed with the caller's transaction."""
    message = OutboxMessage(
        kind=kind,
        to_email=to,
        subject=subject,
        body_text=text,
        body_html=html,
        locale=locale,
        unsubscribe_url=unsubscribe_url,
    )
    session.add(message)
    return message


def _email(row: OutboxMessage, mail_from: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = row.to_email
    message["Subject"] = row.subject
    message["Message-ID"] = row.message_id or make_msgid(domain="matchmaker.local")
    message.set_content(row.body_text)
    if row.body_html:
        message.add_alternative(row.body_html, subtype="html")
    message["Content-Language"] = row.locale  # after the body: set_content clears Content-* headers
    if row.unsubscribe_url:  # RFC 2369 and RFC 8058: one click in the mail app stops it
        message["List-Unsubscribe"] = f"<{row.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery run did."""

    sent: int
    retried: int
    failed: int


def _claim(session: Session, message_id: int, now: datetime) -> bool:
    """Take a due message for a lease, unless another sender got it first.

    The attempt is counted and the Message-ID fixed here, before anything is sent.
    """
    result = session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == message_id, col(OutboxMessage.status) == "pending")
        .values(status="sending", claimed_at=now, attempts=OutboxMessage.attempts + 1)
    )
    row = session.get(OutboxMessage, message_id)
    if result.rowcount and row is not None and row.message_id is None:  # type: ignore[attr-defined]
        row.message_id = make_msgid(domain="matchmaker.local")
        session.add(row)
    session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def release_expired(*, session: Session, now: datetime | None = None) -> int:
    """Rows whose sender died while sending go back to pending, or fail after the last try."""
    now = now or utcnow()
    stale = session.exec(
        select(OutboxMessage).where(
            OutboxMessage.status == "sending", col(OutboxMessage.claimed_at) < now - LEASE
        )
    ).all()
    for row in stale:
        row.claimed_at = None
        if row.attempts >= MAX_ATTEMPTS:
            row.status, row.last_error = "failed", "sender stopped while sending"
        else:
            row.status, row.next_attempt_at = "pending", now
        session.add(row)
    session.commit()
    return len(stale)


def deliver_pending(
    *, session: Session, transport: Transport, mail_from: str, now: datetime | None = None
) -> DeliveryReport:
    """Send due messages; failures are retried with backoff, then marked failed."""
    now = now or utcnow()
    release_expired(session=session, now=now)
    due = session.exec(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == "pending", col(OutboxMessage.next_attempt_at) <= now)
        .order_by(col(OutboxMessage.id))
        .limit(BATCH)
    ).all()
    sent = retried = failed = 0
    for message_id in due:
        if message_id is None or not _claim(session, message_id, now):
            continue
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        try:
            transport.send(_email(row, mail_from))
        except (OSError, smtplib.SMTPException) as exc:
            row.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if row.attempts >= MAX_ATTEMPTS:
                row.status, failed = "failed", failed + 1
            else:
                row.status, retried = "pending", retried + 1
                row.next_attempt_at = now + timedelta(minutes=BACKOFF_BASE_MINUTES**row.attempts)
            log.warning("email %s failed: %s", row.id, row.last_error)  # no address in logs
        else:
            row.status, row.sent_at = "sent", utcnow()
            sent += 1
        row.claimed_at = None
        session.add(row)
        session.commit()
    return DeliveryReport(sent, retried, failed)


def failed_messages(*, session: Session, limit: int = 100) -> list[OutboxMessage]:
    """Messages given up on, newest first (for the admin console)."""
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.status == "failed")
        .order_by(col(OutboxMessage.id).desc())
        .limit(limit)
    )
    return list(session.exec(stmt))
