"""The introduction flow through the web, with emails received by a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import Introduction, OutboxMessage
from matchmaker.models._common import utcnow
from matchmaker.services import outbox
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_candidate, create_practice, create_user
from tests.mail import smtp_server


def test_end_to_end_with_emails(app: Flask, session: Session) -> None:
    """Candidate asks via htmx, holder accepts, both receive email, contact appears."""
    holder = create_user(session, Role.HOLDER, display_name="Dr. Anker")
    practice = create_practice(session, owner=holder, postcode="3511", anonymous=True)
    cand_user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=cand_user, display_name="Fleur Visser")
    cand, hold = app.test_client(), app.test_client()
    login(cand, cand_user.email)
    login(hold, holder.email)

    assert f'name="practice_id" value="{practice.id}"' in cand.get("/matches").get_data(
        as_text=True
    )
    sent = cand.post(
        "/introductions",
        data={
            "practice_id": practice.id,
            "message": "Wij komen graag kijken.",
            "csrf_token": csrf_token(cand, "/matches"),
        },
        headers={"HX-Request": "true"},
    )
    assert "Uw verzoek is verstuurd" in sent.get_data(
        as_text=True
    ) and "<html" not in sent.get_data(as_text=True)
    assert 'data-status="requested"' in cand.get("/introductions").get_data(as_text=True)

    inbox = hold.get("/introductions").get_data(as_text=True)
    assert (
        "Wij komen graag kijken." in inbox and "Fleur" not in inbox and cand_user.email not in inbox
    )
    intro = session.exec(select(Introduction)).one()
    post_form(hold, f"/introductions/{intro.id}/accept", {}, token_page="/introductions")
    assert "Fleur Visser" in hold.get("/introductions").get_data(as_text=True)
    assert "secret-contact@example.org" in cand.get("/introductions").get_data(as_text=True)

    with smtp_server() as (port, received):
        with app.app_context():
            report = outbox.deliver_pending(
                session=session,
                transport=outbox.SMTPTransport("127.0.0.1", port),
                mail_from=app.config["MAIL_FROM"],
            )
    assert report.sent == 2
    by_to = {m["To"]: m for m in received}
    assert (
        by_to[holder.email]["Subject"] == "Verzoek om kennismaking: Huisartsenpraktijk in Utrecht"
    )
    assert by_to[cand_user.email]["Subject"].startswith("Kennismaking geaccepteerd")
    assert "Fleur" not in by_to[holder.email].get_body(("plain",)).get_content()


def test_third_party_cannot_touch_an_introduction(client: FlaskClient, session: Session) -> None:
    """Accepting or moving someone else's introduction is 404 and changes nothing."""
    practice = create_practice(session)
    profile = create_candidate(session)
    intro = Introduction(practice_id=practice.id, candidate_id=profile.id, initiated_by="candidate")
    session.add(intro)
    session.commit()
    login(client, create_user(session, Role.HOLDER).email)
    token = csrf_token(client, "/introductions")
    assert (
        client.post(f"/introductions/{intro.id}/accept", data={"csrf_token": token}).status_code
        == 404
    )
    assert (
        client.post(
            f"/introductions/{intro.id}/status", data={"status": "withdrawn", "csrf_token": token}
        ).status_code
        == 404
    )
    session.refresh(intro)
    assert intro.status == "requested"


def test_interest_is_rate_limited(client: FlaskClient, session: Session) -> None:
    """More than 20 requests an hour from one account get 429."""
    cand_user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=cand_user)
    practices = [create_practice(session) for _ in range(21)]
    login(client, cand_user.email)
    token = csrf_token(client, "/matches")
    codes = [
        client.post("/introductions", data={"practice_id": p.id, "csrf_token": token}).status_code
        for p in practices
    ]
    assert codes[:20] == [302] * 20 and codes[20] == 429
    assert len(session.exec(select(Introduction)).all()) == 20


def test_recruiters_have_no_introductions(client: FlaskClient, session: Session) -> None:
    """Introductions are between candidates and holders."""
    login(client, create_user(session, Role.RECRUITER).email)
    assert client.get("/introductions").status_code == 403


def test_weekly_digest_only_for_opted_in_and_new(app: Flask, session: Session) -> None:
    """Opted-in candidates get one digest of new good matches; others none; no repeats."""
    from matchmaker.services import digest

    keen = create_user(session, Role.CANDIDATE, locale="en")
    create_candidate(session, user=keen, digest_opt_in=True)
    create_candidate(session, digest_opt_in=False)
    create_practice(session, postcode="3511", goodwill_min=None, goodwill_max=None)
    with app.test_request_context(base_url="http://localhost"):
        assert digest.send_weekly(session=session, min_score=0.5) == 1
        assert (
            digest.send_weekly(session=session, min_score=0.5, now=utcnow() + timedelta(minutes=1))
            == 0
        )
    (mail,) = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "digest")).all()
    assert mail.to_email == keen.email and mail.subject == "1 new match for you"
    assert "http://localhost/matches" in mail.body_text


def test_step_menu_offers_only_later_steps_until_settled(
    client: FlaskClient, session: Session
) -> None:
    """From an agreement the holder records the start in the practice; it counts once the
    candidate confirms, and then the menu closes."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder)
    cand = create_user(session, Role.CANDIDATE)
    profile = create_candidate(session, user=cand)
    intro = Introduction(
        practice_id=practice.id,
        candidate_id=profile.id,
        initiated_by="candidate",
        status="agreement",
    )
    session.add(intro)
    session.commit()
    login(client, holder.email)
    html = client.get("/introductions").get_data(as_text=True)
    assert 'value="settled"' in html and 'value="meeting"' not in html
    post_form(
        client,
        f"/introductions/{intro.id}/status",
        {"status": "settled"},
        token_page="/introductions",
    )
    session.refresh(intro)
    assert (intro.status, intro.settle_proposed_by) == ("agreement", "holder")
    assert "data-waiting-settled" in client.get("/introductions").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, cand.email)
    assert "data-confirm-settled" in client.get("/introductions").get_data(as_text=True)
    post_form(
        client,
        f"/introductions/{intro.id}/status",
        {"status": "settled"},
        token_page="/introductions",
    )
    session.refresh(intro)
    assert (intro.status, intro.settle_proposed_by) == ("settled", None)
    assert f'action="/introductions/{intro.id}/status"' not in client.get(
        "/introductions"
    ).get_data(as_text=True)
