"""The notification centre: who hears what, in the app and by email, and who may open it."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from matchmaker.domain.errors import NotFound
from matchmaker.domain.roles import Role
from matchmaker.models import Notification, OutboxMessage
from matchmaker.services import candidates, inbox, introductions
from tests.factories import create_candidate, create_practice, create_user


def _notes(session: Session, user_id: int | None) -> list[Notification]:
    return list(session.exec(select(Notification).where(Notification.user_id == user_id)))


def _mails(session: Session, kind: str) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind)))


def test_a_request_reaches_the_holder_in_the_app_and_by_email(session: Session) -> None:
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, name="Praktijk Het Anker", anonymous=True)
    cand = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=cand)
    introductions.express_interest(session=session, user=cand, practice_id=practice.id, message="")
    (note,) = _notes(session, holder.id)
    assert (note.kind, note.link, note.read_at) == ("intro_requested", "/introductions", None)
    assert note.params["title"] == "Huisartsenpraktijk in Noordoostpolder"
    assert [m.to_email for m in _mails(session, "intro_requested")] == [holder.email]
    assert inbox.unread_count(session=session, user=holder) == 1
    assert inbox.unread_count(session=session, user=cand) == 0


def test_each_step_reaches_the_other_side(session: Session) -> None:
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder)
    cand = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=cand)
    intro = introductions.express_interest(
        session=session, user=cand, practice_id=practice.id, message=""
    )
    introductions.respond(session=session, user=holder, intro_id=intro.id, accept=True)
    assert [n.kind for n in _notes(session, cand.id)] == ["intro_accepted"]
    introductions.move(session=session, user=cand, intro_id=intro.id, status="meeting")
    assert [n.kind for n in _notes(session, holder.id)] == ["intro_requested", "step_recorded"]
    assert _notes(session, holder.id)[1].params["step"] == "meeting"
    assert [m.to_email for m in _mails(session, "step_recorded")] == [holder.email]


def test_switched_off_channels_stay_quiet(session: Session) -> None:
    holder = create_user(session, Role.HOLDER)
    inbox.save_preferences(
        session=session,
        user=holder,
        on={f"{c}:{k}" for c in inbox.CHANNELS for k in inbox.KINDS} - {"email:intro_requested"},
    )
    assert holder.notify_off == "email:intro_requested"
    practice = create_practice(session, owner=holder)
    cand = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=cand)
    introductions.express_interest(session=session, user=cand, practice_id=practice.id, message="")
    assert len(_notes(session, holder.id)) == 1 and _mails(session, "intro_requested") == []
    inbox.save_preferences(session=session, user=holder, on=set())
    assert not any(
        on for channels in inbox.preferences(holder).values() for on in channels.values()
    )


def test_a_duo_invitation_reaches_an_account_or_only_the_address(session: Session) -> None:
    inviter = create_user(session, Role.CANDIDATE, display_name="Sanne de Boer")
    profile = create_candidate(session, user=inviter)
    colleague = create_user(session, Role.CANDIDATE, email="joost@example.org")
    unconfirmed = create_user(session, Role.CANDIDATE, email="nog@example.org", verified=False)
    candidates.invite_duo(session=session, profile=profile, email="joost@example.org")
    candidates.invite_duo(session=session, profile=profile, email="nog@example.org")
    candidates.invite_duo(session=session, profile=profile, email="vreemd@example.org")
    (note,) = _notes(session, colleague.id)
    assert (note.kind, note.link, note.params["name"]) == (
        "duo_invitation",
        "/profile",
        "Sanne de Boer",
    )
    assert _notes(session, unconfirmed.id) == []  # typed an address that is not proven theirs
    mails = {m.to_email: m for m in _mails(session, "duo_invitation")}
    assert set(mails) == {"joost@example.org", "nog@example.org", "vreemd@example.org"}
    assert "Sanne de Boer" in mails["vreemd@example.org"].subject
    assert "/register" in mails["vreemd@example.org"].body_text
    assert "/profile" in mails["joost@example.org"].body_text


def test_only_the_owner_opens_a_notification(session: Session) -> None:
    holder, other = create_user(session, Role.HOLDER), create_user(session, Role.HOLDER)
    inbox.tell(session=session, to=holder, kind="intro_accepted", link="/introductions", title="X")
    session.commit()
    (note,) = _notes(session, holder.id)
    with pytest.raises(NotFound):
        inbox.open_one(session=session, user=other, notification_id=note.id)
    assert note.read_at is None
    assert inbox.open_one(session=session, user=holder, notification_id=note.id) == "/introductions"
    assert note.read_at is not None and inbox.unread_count(session=session, user=holder) == 0


def test_links_stay_on_this_site(session: Session) -> None:
    user = create_user(session)
    inbox.tell(session=session, to=user, kind="intro_accepted", link="//evil.example/x", title="X")
    session.commit()
    (note,) = _notes(session, user.id)
    assert note.link == "/"
