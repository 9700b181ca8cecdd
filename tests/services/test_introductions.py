"""Introductions with consent, and their emails through a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.errors import Code, DomainError, NotFound
from matchmaker.domain.roles import Role
from matchmaker.models import IntroductionEvent, OutboxMessage, User
from matchmaker.services import introductions, outbox
from tests.factories import create_candidate, create_practice, create_user
from tests.mail import smtp_server


@pytest.fixture
def ctx(app: Flask):
    """A request context (emails are rendered with url_for and in the recipient's language)."""
    with app.test_request_context(base_url="http://localhost"):
        yield


def _pair(session: Session):
    holder = create_user(session, Role.HOLDER, locale="en")
    practice = create_practice(session, owner=holder, name="Praktijk Het Anker", anonymous=True)
    cand_user = create_user(session, Role.CANDIDATE)
    profile = create_candidate(session, user=cand_user, display_name="Fleur Visser")
    return holder, practice, cand_user, profile


def test_candidate_interest_notifies_holder_without_names(session: Session, ctx: None) -> None:
    """A request is stored with its score and history; the holder's email hides the candidate."""
    holder, practice, cand_user, profile = _pair(session)
    intro = introductions.express_interest(
        session=session, user=cand_user, practice_id=practice.id, message="Graag kennismaken!"
    )
    assert (intro.status, intro.initiated_by) == ("requested", "candidate")
    assert intro.score is not None and 0 < intro.score <= 1
    assert session.exec(select(IntroductionEvent)).one().status == "requested"
    mail = session.exec(select(OutboxMessage)).one()
    assert mail.to_email == holder.email and mail.locale == "en"
    assert mail.subject == "Request for an introduction: Huisartsenpraktijk in Noordoostpolder"
    assert "Fleur" not in mail.body_text and cand_user.email not in mail.body_text
    assert (
        "Graag kennismaken!" in mail.body_text
        and "http://localhost/introductions" in mail.body_text
    )


def test_contact_details_only_after_acceptance(session: Session, ctx: None) -> None:
    """Both see each other's names and contact only once the receiver accepts."""
    holder, practice, cand_user, profile = _pair(session)
    intro = introductions.express_interest(
        session=session, user=cand_user, practice_id=practice.id, message=""
    )
    (mine,) = introductions.for_user(session=session, user=cand_user)
    (theirs,) = introductions.for_user(session=session, user=holder)
    assert (
        mine.contact is None
        and theirs.contact is None
        and theirs.can_answer
        and not mine.can_answer
    )
    with pytest.raises(DomainError):
        introductions.respond(session=session, user=cand_user, intro_id=intro.id, accept=True)
    introductions.respond(session=session, user=holder, intro_id=intro.id, accept=True)
    (mine,) = introductions.for_user(session=session, user=cand_user)
    (theirs,) = introductions.for_user(session=session, user=holder)
    assert mine.contact == {
        "name": holder.display_name,
        "practice": "Praktijk Het Anker",
        "email": "secret-contact@example.org",
        "phone": "0527123456",
    }
    assert theirs.contact == {"name": "Fleur Visser", "email": cand_user.email, "phone": ""}
    accepted = session.exec(
        select(OutboxMessage).where(OutboxMessage.kind == "intro_accepted")
    ).one()
    assert accepted.to_email == cand_user.email and accepted.subject.startswith(
        "Kennismaking geaccepteerd"
    )


def test_strangers_get_not_found(session: Session, ctx: None) -> None:
    """Nobody but the two parties can see, answer or move an introduction."""
    _, practice, cand_user, _ = _pair(session)
    intro = introductions.express_interest(
        session=session, user=cand_user, practice_id=practice.id, message=""
    )
    for stranger in (create_user(session, Role.HOLDER), create_user(session, Role.CANDIDATE)):
        with pytest.raises(NotFound):
            introductions.respond(session=session, user=stranger, intro_id=intro.id, accept=True)
        with pytest.raises(NotFound):
            introductions.move(
                session=session, user=stranger, intro_id=intro.id, status="withdrawn"
            )
        assert introductions.for_user(session=session, user=stranger) == []


def test_refusals(session: Session, ctx: None) -> None:
    """No duplicates, no drafts or handed-over practices, no profile-less candidates."""
    holder, practice, cand_user, _ = _pair(session)
    introductions.express_interest(
        session=session, user=cand_user, practice_id=practice.id, message=""
    )
    with pytest.raises(DomainError) as exc:
        introductions.express_interest(
            session=session, user=cand_user, practice_id=practice.id, message=""
        )
    assert exc.value.issues[0].code == "exists"
    for status in ("draft", "handed_over"):
        closed = create_practice(session, owner=holder, status=status)
        with pytest.raises(NotFound):
            introductions.express_interest(
                session=session, user=cand_user, practice_id=closed.id, message=""
            )
    with pytest.raises(DomainError):
        introductions.express_interest(
            session=session, user=create_user(session), practice_id=practice.id, message=""
        )


def test_holder_can_approach_a_candidate_for_own_practice_only(session: Session, ctx: None) -> None:
    """Holders start introductions from their own listings."""
    holder, practice, _, profile = _pair(session)
    intro = introductions.express_interest(
        session=session, user=holder, practice_id=practice.id, candidate_id=profile.id, message=""
    )
    assert intro.initiated_by == "holder"
    other = create_practice(session)
    with pytest.raises(NotFound):
        introductions.express_interest(
            session=session, user=holder, practice_id=other.id, candidate_id=profile.id, message=""
        )


def test_a_draft_listing_cannot_ask_for_an_introduction(session: Session, ctx: None) -> None:
    """A holder approaches candidates only from a published listing (issue 20, item 9)."""
    holder, _, _, profile = _pair(session)
    draft = create_practice(session, owner=holder, status="draft", name="Conceptpraktijk")
    with pytest.raises(DomainError) as refused:
        introductions.express_interest(
            session=session, user=holder, practice_id=draft.id, candidate_id=profile.id, message=""
        )
    assert [i.code for i in refused.value.issues] == [Code.PUBLISH_FIRST]
    assert introductions.for_user(session=session, user=holder) == []


def test_funnel_moves_forward_and_withdraws(session: Session, ctx: None) -> None:
    """After acceptance both sides record steps; each step is in the history."""
    holder, practice, cand_user, _ = _pair(session)
    intro = introductions.express_interest(
        session=session, user=cand_user, practice_id=practice.id, message=""
    )
    introductions.respond(session=session, user=holder, intro_id=intro.id, accept=True)
    introductions.move(session=session, user=cand_user, intro_id=intro.id, status="meeting")
    introductions.move(session=session, user=holder, intro_id=intro.id, status="trial_day")
    with pytest.raises(DomainError):
        introductions.move(session=session, user=holder, intro_id=intro.id, status="meeting")
    introductions.move(session=session, user=holder, intro_id=intro.id, status="withdrawn")
    history = [
        e.status for e in session.exec(select(IntroductionEvent).order_by(IntroductionEvent.id))
    ]
    assert history == ["requested", "introduced", "meeting", "trial_day", "withdrawn"]


def test_emails_arrive_over_smtp_in_two_parts(session: Session, ctx: None) -> None:
    """The outbox delivers through a real SMTP server: plain text plus HTML, right language."""
    holder, practice, cand_user, _ = _pair(session)
    introductions.express_interest(
        session=session, user=cand_user, practice_id=practice.id, message="Hallo"
    )
    with smtp_server() as (port, received):
        report = outbox.deliver_pending(
            session=session,
            transport=outbox.SMTPTransport("127.0.0.1", port),
            mail_from="matchmaker <no-reply@matchmaker.test>",
        )
    assert (report.sent, report.failed) == (1, 0)
    (msg,) = received
    assert msg["To"] == holder.email and msg["Content-Language"] == "en"
    assert msg["Subject"].startswith("Request for an introduction")
    plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert "would like to get to know you" in plain.get_content()
    assert "<blockquote>Hallo</blockquote>" in html.get_content()
    assert session.exec(select(OutboxMessage)).one().status == "sent"


def test_failed_delivery_is_retried_with_backoff_then_given_up(session: Session, ctx: None) -> None:
    """A dead SMTP server never raises into the caller; the message waits and retries."""
    holder = create_user(session, Role.HOLDER)
    from matchmaker.services import notifications

    notifications.notify(session=session, kind="intro_accepted", to=holder, intro=None, title="X")
    session.commit()
    dead = outbox.SMTPTransport("127.0.0.1", 1, timeout=1)
    row = session.exec(select(OutboxMessage)).one()
    report = outbox.deliver_pending(session=session, transport=dead, mail_from="x@y.z")
    assert (report.sent, report.retried) == (0, 1)
    assert row.status == "pending" and row.attempts == 1 and row.last_error
    assert (
        outbox.deliver_pending(session=session, transport=dead, mail_from="x@y.z").retried == 0
    )  # not due yet
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.deliver_pending(
            session=session,
            transport=dead,
            mail_from="x@y.z",
            now=row.next_attempt_at + timedelta(seconds=1),
        )
    assert row.status == "failed" and row.attempts == outbox.MAX_ATTEMPTS
    assert session.get(User, holder.id) is not None
