"""'Interesse' on both sides makes the introduction at once."""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import Introduction, Notification, OutboxMessage
from tests.conftest import login, post_form
from tests.factories import create_candidate, create_practice, create_user

HX = {"HX-Request": "true"}


def test_interest_on_both_sides_introduces_them(app: Flask, session: Session) -> None:
    """One side alone changes nothing the other can see; both: accepted, both told, names shared."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(
        session, owner=holder, postcode="3511", anonymous=True, name="Praktijk Geheim"
    )
    cand_user = create_user(session, Role.CANDIDATE)
    profile = create_candidate(session, user=cand_user, display_name="Fleur Visser")
    cand, hold = app.test_client(), app.test_client()
    login(cand, cand_user.email)
    login(hold, holder.email)
    first = post_form(
        cand, f"/shortlist/{practice.id}/interest", {"on": "1"}, headers=HX, token_page="/matches"
    )
    assert 'aria-pressed="true"' in first.get_data(as_text=True)
    assert session.exec(select(Introduction)).all() == []
    assert session.exec(select(Notification).where(Notification.user_id == holder.id)).all() == []
    cards = hold.get("/matches").get_data(as_text=True)
    assert f'data-interest="{profile.id}"' in cards and "Fleur" not in cards
    second = post_form(
        hold,
        f"/shortlist/candidates/{practice.id}/{profile.id}/interest",
        {"on": "1"},
        headers=HX,
        token_page="/matches",
    )
    assert "data-mutual" in second.get_data(as_text=True)
    intro = session.exec(select(Introduction)).one()
    assert intro.status == "introduced"
    told = {
        n.user_id
        for n in session.exec(select(Notification).where(Notification.kind == "mutual_interest"))
    }
    assert told == {holder.id, cand_user.id}
    mails = {
        m.to_email
        for m in session.exec(select(OutboxMessage).where(OutboxMessage.kind == "mutual_interest"))
    }
    assert mails == {holder.email, cand_user.email}
    assert "Fleur Visser" in hold.get("/introductions").get_data(as_text=True)
    assert "Praktijk Geheim" in cand.get("/introductions").get_data(as_text=True)


def test_interest_is_refused_without_a_profile_and_for_others_listings(
    app: Flask, session: Session
) -> None:
    """No profile: a message, nothing stored; a holder cannot mark for someone else's listing."""
    practice = create_practice(session, postcode="3511")
    user = create_user(session, Role.CANDIDATE)
    c = app.test_client()
    login(c, user.email)
    answer = post_form(
        c, f"/shortlist/{practice.id}/interest", {"on": "1"}, headers=HX, token_page="/practices"
    )
    assert 'role="alert"' in answer.get_data(as_text=True)
    profile = create_candidate(session)
    h = app.test_client()
    login(h, create_user(session, Role.HOLDER).email)
    refused = post_form(
        h,
        f"/shortlist/candidates/{practice.id}/{profile.id}/interest",
        {"on": "1"},
        token_page="/practices",
    )
    assert refused.status_code == 404
    assert session.exec(select(Introduction)).all() == []
