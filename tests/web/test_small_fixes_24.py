"""Issue 24, item 4: BIG checks for campaign participants, event emails that fit the event and
follow the settings, and a duo partner who hears that the duo ended."""

from __future__ import annotations

from datetime import date, time, timedelta

from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import Notification, OutboxMessage
from matchmaker.models.campaign import CampaignEventInput
from matchmaker.services import admin, candidates, events, inbox, privacy
from tests.factories import PASSWORD, create_candidate, create_user
from tests.web.test_campaign_events import _setup


def test_recruiter_verifies_big_of_campaign_participants_living_elsewhere(
    app: Flask, session: Session
) -> None:
    """Anna lives in Utrecht (outside the recruiter's region) but takes part: in the queue."""
    _r, campaign, _practice, _holder, anna = _setup(app, session)
    from matchmaker.models import Campaign, CampaignMember, User

    member = session.exec(select(CampaignMember)).one()
    assert member.profile_id is not None
    anna.big_number = "12345678901"
    session.add(anna)
    session.commit()
    recruiter = session.get(User, session.exec(select(Campaign)).one().owner_id)
    queue = admin.verification_queue(session=session, viewer=recruiter)
    assert anna.id in {u.id for u in queue}
    stranger = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=stranger)
    stranger.big_number = "12345678902"
    session.add(stranger)
    session.commit()
    assert stranger.id not in {
        u.id for u in admin.verification_queue(session=session, viewer=recruiter)
    }


def test_event_emails_fit_the_event_and_follow_settings(app: Flask, session: Session) -> None:
    """A meeloopdag's announcement does not invite partners; someone who switched event email
    off gets the bell only."""
    _r, campaign, practice, _holder, anna = _setup(app, session)
    with app.test_request_context():
        event = events.plan(
            session=session,
            campaign=campaign,
            data=CampaignEventInput(
                kind="trial_day",
                title="Meeloopdag",
                day=date.today() + timedelta(days=10),
                starts=time(9),
                ends=time(16),
                place="In de praktijk",
                capacity=1,
                practice_id=practice.id,
            ),
        )
    mail = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "event_announced")).all()
    assert mail and all("partner" not in m.body_text for m in mail)
    inbox.save_preferences(session=session, user=anna, on={f"app:{k}" for k in inbox.KINDS})
    session.commit()
    before = len(session.exec(select(OutboxMessage)).all())
    with app.test_request_context():
        events.sign_up(session=session, user=anna, event_id=event.id or 0)
        events.cancel(session=session, campaign=campaign, event_id=event.id or 0)
    cancelled = session.exec(
        select(OutboxMessage).where(OutboxMessage.kind == "event_cancelled")
    ).all()
    assert cancelled == [] and len(session.exec(select(OutboxMessage)).all()) >= before
    bell = session.exec(
        select(Notification).where(
            Notification.user_id == anna.id, Notification.kind == "event_changed"
        )
    ).all()
    assert any(n.params.get("change") == "cancelled" for n in bell)


def test_duo_partner_hears_when_the_duo_ends(app: Flask, session: Session) -> None:
    """Leaving or deleting the account tells the colleague, in the bell and by email."""
    first, second = (create_user(session, Role.CANDIDATE) for _ in range(2))
    a = create_candidate(session, user=first)
    b = create_candidate(session, user=second)
    a.duo_partner_id, b.duo_partner_id = b.id, a.id
    session.add(a)
    session.add(b)
    session.commit()
    with app.test_request_context():
        privacy.delete_account(session=session, user=first, password=PASSWORD)
    told = session.exec(select(Notification).where(Notification.user_id == second.id)).all()
    assert [(n.kind, n.params.get("change")) for n in told] == [("duo_ended", "deleted")]
    mails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "duo_ended")).all()
    assert [m.to_email for m in mails] == [second.email]
    assert candidates.get_profile(session=session, user=second).duo_partner_id is None
