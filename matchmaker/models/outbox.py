"""Emails waiting to be sent (sending never happens inside a web request)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class OutboxMessage(SQLModel, table=True):
    """One email: queued, sent, or failed after retries."""

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32, index=True)
    to_email: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body_text: str
    body_html: str | None = None
    locale: str = Field(default="nl", max_length=5)
    status: str = Field(
        default="pending", max_length=16, index=True
    )  # pending, sending, sent, failed
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, max_length=500)
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    # A sender claims a row for a lease; a row whose sender died goes back to pending after it.
    claimed_at: datetime | None = None
    # Fixed when first claimed and reused on every retry, so a resend after a crash between
    # the SMTP server's "250 OK" and our commit is the same message to the recipient's mail.
    message_id: str | None = Field(default=None, max_length=255)
    sent_at: datetime | None = None
    # Mailings one can stop (saved-search alerts): sent with List-Unsubscribe (RFC 8058).
    unsubscribe_url: str | None = Field(default=None, max_length=500)
