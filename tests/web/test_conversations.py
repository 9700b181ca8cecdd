"""Conversations after an accepted introduction: messages, PDFs, recruiters, and who sees them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import Message, Notification, OutboxMessage
from matchmaker.services import accounts, introductions
from tests.conftest import csrf_token, login
from tests.factories import create_candidate, create_practice, create_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def pair(app: Flask, session: Session, tmp_path: Path) -> dict[str, Any]:
    """A holder and a candidate whose introduction was accepted; attachments go to tmp_path."""
    app.config["ATTACHMENT_DIR"] = str(tmp_path / "attachments")
    holder = create_user(session, Role.HOLDER, display_name="Dr. Postma")
    practice = create_practice(session, owner=holder, name="Praktijk De Linde", postcode="8301")
    cand = create_user(session, Role.CANDIDATE, display_name="Sanne de Boer")
    create_candidate(session, user=cand)
    with app.app_context():
        intro = introductions.express_interest(
            session=session, user=cand, practice_id=practice.id, message=""
        )
        introductions.respond(session=session, user=holder, intro_id=intro.id, accept=True)
    return {"holder": holder, "cand": cand, "intro": intro, "practice": practice}


def _write(client: FlaskClient, intro_id: int, body: str, pdf: tuple[bytes, str] | None = None):
    data: dict[str, Any] = {
        "body": body,
        "csrf_token": csrf_token(client, f"/introductions/{intro_id}/thread"),
    }
    if pdf is not None:
        import io

        data["attachment"] = (io.BytesIO(pdf[0]), pdf[1])
    return client.post(
        f"/introductions/{intro_id}/thread", data=data, content_type="multipart/form-data"
    )


def test_both_sides_write_share_a_pdf_and_the_counts_follow(
    client: FlaskClient, session: Session, pair: dict[str, Any], tmp_path: Path
) -> None:
    intro = pair["intro"]
    login(client, pair["cand"].email)
    sent = _write(client, intro.id, "Zullen we donderdag bellen?", (PDF, "../../NDA praktijk.pdf"))
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/thread#last")
    message = session.exec(select(Message)).one()
    assert message.attachment_name == "NDA praktijk.pdf"  # no path, whatever was sent
    stored = tmp_path / "attachments" / str(message.attachment_key)
    assert stored.read_bytes() == PDF
    # The holder hears it once in the app and once by email; a second message: no second email.
    _write(client, intro.id, "En nog iets.")
    holder_notes = session.exec(
        select(Notification).where(
            Notification.user_id == pair["holder"].id, Notification.kind == "message"
        )
    ).all()
    assert len(holder_notes) == 2
    mails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "message")).all()
    assert [m.to_email for m in mails] == [pair["holder"].email]
    assert "Zullen we" not in mails[0].body_text  # the email points to the platform, no content
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, pair["holder"].email)
    page = client.get("/introductions").get_data(as_text=True)
    assert f'data-thread="{intro.id}"' in page and "2 ongelezen berichten" in page
    thread = client.get(f"/introductions/{intro.id}/thread").get_data(as_text=True)
    assert "Zullen we donderdag bellen?" in thread and "NDA praktijk.pdf" in thread
    assert "2 ongelezen berichten" not in client.get("/introductions").get_data(as_text=True)
    pdf = client.get(f"/introductions/{intro.id}/files/{message.id}")
    assert pdf.status_code == 200 and pdf.data == PDF
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "attachment" in pdf.headers["Content-Disposition"]
    assert pdf.headers["Cache-Control"] == "no-store"


def test_only_pdfs_up_to_5_mb(client: FlaskClient, session: Session, pair: dict[str, Any]) -> None:
    login(client, pair["cand"].email)
    page = _write(client, pair["intro"].id, "", (b"MZ\x90\x00 not a pdf", "factuur.pdf"))
    assert page.status_code == 200
    assert "factuur.pdf is geen pdf" in page.get_data(as_text=True)
    big = PDF + b"0" * (5 * 1024 * 1024)
    page = _write(client, pair["intro"].id, "", (big, "groot.pdf"))
    assert "Een bestand mag hoogstens 5 MB zijn." in page.get_data(as_text=True)
    empty = _write(client, pair["intro"].id, "   ")
    assert empty.status_code == 200 and session.exec(select(Message)).all() == []


def test_nobody_outside_the_thread_sees_it(
    client: FlaskClient, session: Session, pair: dict[str, Any]
) -> None:
    intro = pair["intro"]
    login(client, pair["cand"].email)
    _write(client, intro.id, "Alleen voor ons", (PDF, "lease.pdf"))
    message = session.exec(select(Message)).one()
    recruiter = create_user(session, Role.RECRUITER)
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0171"])
    strangers = [
        create_user(session, Role.CANDIDATE),
        create_user(session, Role.HOLDER),  # another holder
        recruiter,  # of the right municipality, but not invited
        create_user(session, Role.ADMIN),
    ]
    for stranger in strangers:
        client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
        login(client, stranger.email)
        for path in (
            f"/introductions/{intro.id}/thread",
            f"/introductions/{intro.id}/files/{message.id}",
        ):
            assert client.get(path).status_code in (403, 404), (stranger.role, path)
        assert _write(client, intro.id, "ingebroken").status_code in (403, 404)
    assert session.exec(select(Message)).one().body == "Alleen voor ons"


def test_a_party_invites_the_municipalitys_recruiter(
    client: FlaskClient, session: Session, pair: dict[str, Any]
) -> None:
    intro = pair["intro"]
    recruiter = create_user(session, Role.RECRUITER, display_name="Regioadviseur Polder")
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0171"])
    elsewhere = create_user(session, Role.RECRUITER)
    accounts.set_recruiter_regions(session=session, user=elsewhere, codes=["GM0363"])
    login(client, pair["holder"].email)
    page = client.get(f"/introductions/{intro.id}/thread").get_data(as_text=True)
    assert "Regioadviseur Polder" in page and elsewhere.display_name not in page
    token = csrf_token(client, f"/introductions/{intro.id}/thread")
    refused = client.post(
        f"/introductions/{intro.id}/recruiters",
        data={"recruiter_id": elsewhere.id, "csrf_token": token},
    )
    assert refused.status_code == 404
    client.post(
        f"/introductions/{intro.id}/recruiters",
        data={"recruiter_id": recruiter.id, "csrf_token": token, "confirm": "y"},
    )
    note = session.exec(select(Notification).where(Notification.user_id == recruiter.id)).one()
    assert note.kind == "thread_invitation" and note.link == f"/introductions/{intro.id}/thread"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, recruiter.email)
    assert client.get(f"/introductions/{intro.id}/thread").status_code == 200
    assert _write(client, intro.id, "Ik help met de woning.").status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, elsewhere.email)
    assert client.get(f"/introductions/{intro.id}/thread").status_code == 404


def test_no_thread_before_acceptance(app: Flask, client: FlaskClient, session: Session) -> None:
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder)
    cand = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=cand)
    with app.app_context():
        intro = introductions.express_interest(
            session=session, user=cand, practice_id=practice.id, message=""
        )
    login(client, cand.email)
    assert client.get(f"/introductions/{intro.id}/thread").status_code == 404


def test_an_hour_later_the_next_message_emails_again(
    client: FlaskClient, session: Session, pair: dict[str, Any]
) -> None:
    from datetime import timedelta

    from matchmaker.models import ThreadMember
    from matchmaker.models._common import utcnow

    intro = pair["intro"]
    login(client, pair["cand"].email)
    _write(client, intro.id, "Eerste")
    member = session.get(ThreadMember, (intro.id, pair["holder"].id))
    assert member is not None and member.emailed_at is not None
    member.emailed_at = utcnow() - timedelta(minutes=61)
    session.add(member)
    session.commit()
    _write(client, intro.id, "Tweede")
    mails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "message")).all()
    assert len(mails) == 2


def test_deleting_an_account_removes_its_messages_and_files(
    app: Flask, session: Session, pair: dict[str, Any], client: FlaskClient, tmp_path: Path
) -> None:
    from matchmaker.services import privacy
    from tests.factories import PASSWORD

    login(client, pair["cand"].email)
    _write(client, pair["intro"].id, "Met bijlage", (PDF, "cijfers.pdf"))
    message = session.exec(select(Message)).one()
    stored = tmp_path / "attachments" / str(message.attachment_key)
    assert stored.exists()
    with app.app_context():
        exported = privacy.export_user_data(session=session, user=pair["cand"])
        assert [m["body"] for m in exported["messages_you_wrote"]] == ["Met bijlage"]
        privacy.delete_account(
            session=session,
            user=pair["cand"],
            password=PASSWORD,
            attachments=tmp_path / "attachments",
        )
    assert session.exec(select(Message)).all() == [] and not stored.exists()


# --- a conversation is between its two parties (issue 30, item 4) -------------------------------


def _as(client: FlaskClient, user: Any) -> None:
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, user.email)


def _post(client: FlaskClient, intro_id: int, path: str, **data: Any):
    token = csrf_token(client, f"/introductions/{intro_id}/thread")
    return client.post(f"/introductions/{intro_id}{path}", data={"csrf_token": token, **data})


def test_a_recruiter_joins_only_after_a_confirmation_and_the_other_party_is_told(
    client: FlaskClient, session: Session, pair: dict[str, Any]
) -> None:
    """Without the box ticked nobody joins; with it, the recruiter joins and the other party
    hears who invited whom, and sees them among the members."""
    from matchmaker.models import ThreadMember

    intro = pair["intro"]
    recruiter = create_user(session, Role.RECRUITER, display_name="Regioadviseur Polder")
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0171"])
    login(client, pair["holder"].email)
    refused = _post(client, intro.id, "/recruiters", recruiter_id=recruiter.id)
    assert refused.status_code == 302
    assert "Vink het vakje aan" in client.get(refused.headers["Location"]).get_data(as_text=True)
    assert session.get(ThreadMember, (intro.id, recruiter.id)) is None
    _post(client, intro.id, "/recruiters", recruiter_id=recruiter.id, confirm="y")
    assert session.get(ThreadMember, (intro.id, recruiter.id)) is not None
    told = session.exec(
        select(Notification).where(
            Notification.user_id == pair["cand"].id, Notification.kind == "thread_members"
        )
    ).all()
    assert [(n.kind, n.params["change"], n.params["recruiter"]) for n in told] == [
        ("thread_members", "added", "Regioadviseur Polder")
    ]
    _as(client, pair["cand"])
    page = client.get(f"/introductions/{intro.id}/thread").get_data(as_text=True)
    assert 'data-member="recruiter"' in page and "Regioadviseur Polder" in page
    bell = client.get("/notifications").get_data(as_text=True)
    assert "Dr. Postma heeft Regioadviseur Polder uitgenodigd" in bell


def test_what_came_before_stays_hidden_until_both_parties_agree(
    client: FlaskClient, session: Session, pair: dict[str, Any]
) -> None:
    """The recruiter reads what is written after joining; earlier messages and their PDFs only
    once both parties let them, and not after one takes it back."""
    intro = pair["intro"]
    recruiter = create_user(session, Role.RECRUITER)
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0171"])
    login(client, pair["cand"].email)
    _write(client, intro.id, "Ons budget is krap", (PDF, "jaarcijfers.pdf"))
    early = session.exec(select(Message)).one()
    early.created_at = early.created_at.replace(year=early.created_at.year - 1)
    session.add(early)
    session.commit()
    _post(client, intro.id, "/recruiters", recruiter_id=recruiter.id, confirm="y")
    _write(client, intro.id, "Welkom, regio!")

    def seen() -> tuple[str, int]:
        _as(client, recruiter)
        page = client.get(f"/introductions/{intro.id}/thread").get_data(as_text=True)
        pdf = client.get(f"/introductions/{intro.id}/files/{early.id}").status_code
        return page, pdf

    page, pdf = seen()
    assert "Welkom, regio!" in page and "Ons budget" not in page and "jaarcijfers" not in page
    assert 'data-hidden="1"' in page and pdf == 404
    _as(client, pair["cand"])
    _post(client, intro.id, f"/recruiters/{recruiter.id}/history", share="1")
    own = client.get(f"/introductions/{intro.id}/thread").get_data(as_text=True)
    assert "U vindt het goed; de andere partij (nog) niet." in own and 'data-history="1"' in own
    page, pdf = seen()
    assert "Ons budget" not in page and pdf == 404  # one party is not enough
    _as(client, pair["holder"])
    _post(client, intro.id, f"/recruiters/{recruiter.id}/history", share="1")
    page, pdf = seen()
    assert "Ons budget is krap" in page and pdf == 200
    _as(client, pair["holder"])
    _post(client, intro.id, f"/recruiters/{recruiter.id}/history", share="0")
    page, pdf = seen()
    assert "Ons budget" not in page and pdf == 404


def test_either_party_can_take_the_recruiter_out(
    client: FlaskClient, session: Session, pair: dict[str, Any]
) -> None:
    """The party who did not invite takes the recruiter out: the thread is gone for them, with
    its notifications; the recruiter cannot take anyone out, nor can an outsider."""
    intro = pair["intro"]
    recruiter = create_user(session, Role.RECRUITER, display_name="Regioadviseur Polder")
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0171"])
    login(client, pair["holder"].email)
    _post(client, intro.id, "/recruiters", recruiter_id=recruiter.id, confirm="y")
    _as(client, recruiter)
    assert client.get(f"/introductions/{intro.id}/thread").status_code == 200
    tried = _post(client, intro.id, f"/recruiters/{recruiter.id}/remove")
    assert tried.status_code in (403, 404)
    _as(client, pair["cand"])
    _post(client, intro.id, f"/recruiters/{recruiter.id}/remove")
    _as(client, recruiter)
    assert client.get(f"/introductions/{intro.id}/thread").status_code == 404
    notes = session.exec(select(Notification).where(Notification.user_id == recruiter.id)).all()
    assert [(n.kind, n.params.get("change")) for n in notes] == [("thread_members", "removed")]
    holder_notes = session.exec(
        select(Notification).where(
            Notification.user_id == pair["holder"].id, Notification.kind == "thread_members"
        )
    ).all()
    assert [n.params["change"] for n in holder_notes] == ["removed"]
