"""The takeover file: opened at negotiation, both sides keep it, the other side hears of it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import (
    Introduction,
    Notification,
    TakeoverChange,
    TakeoverDocument,
    TakeoverItem,
)
from matchmaker.services import introductions
from matchmaker.services.takeover import dossier
from tests.conftest import login, post_form
from tests.factories import create_candidate, create_practice, create_user

HX = {"HX-Request": "true"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _negotiating(app: Flask, session: Session):  # type: ignore[no-untyped-def]
    holder = create_user(session, Role.HOLDER, display_name="Hanneke Houder")
    practice = create_practice(
        session,
        owner=holder,
        postcode="8302",
        name="Praktijk De Polder",
        goodwill_min=40_000,
        goodwill_max=60_000,
        street="Polderweg 1",
    )
    cand = create_user(session, Role.CANDIDATE, display_name="Sanne Starter")
    profile = create_candidate(session, user=cand, display_name="Sanne Starter")
    with app.test_request_context():
        intro = introductions.express_interest(
            session=session, user=cand, practice_id=practice.id or 0, message="Hallo"
        )
        introductions.respond(session=session, user=holder, intro_id=intro.id or 0, accept=True)
        for step in ("meeting", "trial_day", "negotiation"):
            introductions.move(session=session, user=cand, intro_id=intro.id or 0, status=step)
    h, c = app.test_client(), app.test_client()
    login(h, holder.email)
    login(c, cand.email)
    return intro, practice, holder, cand, profile, h, c


def test_negotiation_opens_the_file_both_sides_keep_it(app: Flask, session: Session) -> None:
    """Twelve steps with parties and due dates; a change is kept and told to the other side."""
    intro, _practice, holder, cand, _p, h, c = _negotiating(app, session)
    items = session.exec(select(TakeoverItem).order_by(TakeoverItem.position)).all()
    assert len(items) == 12 and items[0].step_key == "intentieverklaring"
    assert {i.party for i in items} == {"holder", "successor", "both"}
    page = c.get(f"/introductions/{intro.id}/takeover").get_data(as_text=True)
    assert "Overnamedossier: Praktijk De Polder" in page and 'data-progress="0/12"' in page
    first = items[0]
    answer = post_form(
        c,
        f"/introductions/{intro.id}/takeover/items/{first.id}",
        {"status": "done", "due": first.due.isoformat(), "notes": "Getekend op 3 maart"},
        headers=HX,
        token_page=f"/introductions/{intro.id}/takeover",
    )
    html = answer.get_data(as_text=True)
    assert "<html" not in html and 'data-status="done"' in html and "Getekend op 3 maart" in html
    changes = session.exec(select(TakeoverChange)).all()
    assert {(ch.field, ch.new) for ch in changes} == {
        ("status", "done"),
        ("notes", "Getekend op 3 maart"),
    }
    told = session.exec(
        select(Notification).where(
            Notification.user_id == holder.id, Notification.kind == "takeover_changed"
        )
    ).all()
    assert len(told) == 1 and told[0].link == f"/introductions/{intro.id}/takeover"
    assert 'data-progress="1/12"' in h.get(f"/introductions/{intro.id}/takeover").get_data(
        as_text=True
    )
    assert cand.id


def test_bad_input_is_refused_with_a_message(app: Flask, session: Session, tmp_path) -> None:
    """A past due date, a file that is not a PDF, an unknown status: a message, nothing stored."""
    intro, *_rest, c = _negotiating(app, session)
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    item = session.exec(select(TakeoverItem)).first()
    base = f"/introductions/{intro.id}/takeover"
    past = (date.today() - timedelta(days=3)).isoformat()
    for data in (
        {"status": "open", "due": past},
        {"status": "weird", "due": ""},
        {"status": "open", "due": "3 maart"},
    ):
        answer = post_form(c, f"{base}/items/{item.id}", data, headers=HX, token_page=base)
        assert 'role="alert"' in answer.get_data(as_text=True), data
    fake = post_form(
        c,
        f"{base}/items/{item.id}/documents",
        {"document": (__import__("io").BytesIO(b"<html>not a pdf</html>"), "cijfers.pdf")},
        headers=HX,
        token_page=base,
        content_type="multipart/form-data",
    )
    assert "geen PDF" in fake.get_data(as_text=True) or 'role="alert"' in fake.get_data(
        as_text=True
    )
    assert session.exec(select(TakeoverChange)).all() == []
    assert session.exec(select(TakeoverDocument)).all() == [] and list(tmp_path.iterdir()) == []


def test_documents_only_for_the_two_sides(app: Flask, session: Session, tmp_path) -> None:
    """A PDF on a step downloads for both sides; others (a third holder) get 404 everywhere."""
    import io

    intro, _practice, _holder, _cand, _p, h, c = _negotiating(app, session)
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    item = session.exec(select(TakeoverItem).where(TakeoverItem.step_key == "jaarcijfers")).one()
    base = f"/introductions/{intro.id}/takeover"
    post_form(
        h,
        f"{base}/items/{item.id}/documents",
        {"document": (io.BytesIO(PDF), "jaarcijfers 2025.pdf")},
        headers=HX,
        token_page=base,
        content_type="multipart/form-data",
    )
    doc = session.exec(select(TakeoverDocument)).one()
    got = c.get(f"{base}/documents/{doc.id}")
    assert got.status_code == 200 and got.data == PDF and got.mimetype == "application/pdf"
    other = app.test_client()
    login(other, create_user(session, Role.HOLDER).email)
    assert other.get(base).status_code == 404
    assert other.get(f"{base}/documents/{doc.id}").status_code == 404
    assert other.get(f"/introductions/{intro.id}/intentieverklaring.pdf").status_code == 404


def test_overdue_steps_reach_the_bell_once(app: Flask, session: Session) -> None:
    """A step past its due date: the side doing it is told once; done steps are not."""
    intro, _practice, holder, cand, *_rest = _negotiating(app, session)
    items = session.exec(select(TakeoverItem)).all()
    late = next(i for i in items if i.party == "holder")
    late.due = date.today() - timedelta(days=1)
    finished = next(i for i in items if i.party == "successor")
    finished.due, finished.status = date.today() - timedelta(days=1), "done"
    session.add(late)
    session.add(finished)
    session.commit()
    with app.app_context():
        assert dossier.remind_overdue(session=session) == 1
        assert dossier.remind_overdue(session=session) == 0
    told = session.exec(select(Notification).where(Notification.kind == "takeover_overdue")).all()
    assert [n.user_id for n in told] == [holder.id]
    counts = dossier.progress_by_introduction(session=session, intro_ids=[intro.id or 0])
    assert counts[intro.id or 0].overdue == 1 and counts[intro.id or 0].done == 1
    assert cand.id


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_letter_of_intent_is_a_pdf_with_both_parties(
    app: Flask, session: Session, tmp_path
) -> None:
    """The draft names both parties, the practice and the goodwill, says it is a draft and not
    legal advice, in Dutch; in English when asked."""
    intro, _practice, _h, _c, _p, h, c = _negotiating(app, session)
    answer = c.get(f"/introductions/{intro.id}/intentieverklaring.pdf")
    assert answer.mimetype == "application/pdf" and answer.data.startswith(b"%PDF")
    path = tmp_path / "letter.pdf"
    path.write_bytes(answer.data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for needle in (
        "Intentieverklaring",
        "Hanneke Houder",
        "Sanne Starter",
        "Praktijk De Polder",
        "Polderweg 1",
        "40.000",
        "CONCEPT",
        "geen juridisch advies",
    ):
        assert needle in " ".join(text.split()), needle
    h.post("/language", data={"language": "en"})
    assert h.get(f"/introductions/{intro.id}/intentieverklaring.pdf").status_code == 200


def test_no_file_before_negotiation(app: Flask, session: Session) -> None:
    """An introduction still at 'introduced' has no file (404), and none is created."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder)
    cand = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=cand)
    with app.test_request_context():
        intro = introductions.express_interest(
            session=session, user=cand, practice_id=practice.id or 0, message=""
        )
    c = app.test_client()
    login(c, cand.email)
    assert c.get(f"/introductions/{intro.id}/takeover").status_code == 404
    assert session.exec(select(TakeoverItem)).all() == []
    assert session.get(Introduction, intro.id)


def test_the_recruiter_sees_counts_not_contents(app: Flask, session: Session) -> None:
    """On the campaign page: how many steps are done, never a step's notes."""
    from tests.web.test_campaign_events import _setup

    r, campaign, practice, holder, anna = _setup(app, session)
    with app.test_request_context():
        intro = introductions.express_interest(
            session=session, user=anna, practice_id=practice.id or 0, message=""
        )
        introductions.respond(session=session, user=holder, intro_id=intro.id or 0, accept=True)
        for step in ("meeting", "trial_day", "negotiation"):
            introductions.move(session=session, user=anna, intro_id=intro.id or 0, status=step)
    item = session.exec(select(TakeoverItem)).first()
    with app.test_request_context():
        dossier.update(
            session=session,
            user=holder,
            intro_id=intro.id or 0,
            item_id=item.id or 0,
            status="done",
            due=item.due,
            notes="Vertrouwelijk: vraagprijs 45.000",
        )
    page = r.get(f"/recruiter/campaigns/{campaign.id}").get_data(as_text=True)
    assert 'data-takeover-progress="1/12"' in page and "Vertrouwelijk" not in page
    assert r.get(f"/introductions/{intro.id}/takeover").status_code in (403, 404)


def test_progress_before_joining_is_not_the_campaigns(app: Flask, session: Session) -> None:
    """An introduction from before the invitation gives the campaign no credit; one after it
    does."""
    from datetime import timedelta

    from matchmaker.models import CampaignMember
    from matchmaker.models._common import utcnow
    from matchmaker.services import campaign_dashboard
    from tests.web.test_campaign_events import _setup

    _r, campaign, practice, holder, anna = _setup(app, session)
    with app.test_request_context():
        intro = introductions.express_interest(
            session=session, user=anna, practice_id=practice.id or 0, message=""
        )
        introductions.respond(session=session, user=holder, intro_id=intro.id or 0, accept=True)

    def stages() -> dict[str, int]:
        board = campaign_dashboard.dashboard(session=session, campaign=campaign)
        return {s.stage: s.count for s in board.report.stages}

    assert stages()["interested"] == 1  # invited first, then asked: the campaign's
    member = session.exec(select(CampaignMember)).one()
    member.invited_at = utcnow() + timedelta(seconds=5)  # as if invited after asking
    session.add(member)
    session.commit()
    assert stages()["interested"] == 0
