"""Export and deletion of personal data."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, func, select

from matchmaker.domain.errors import DomainError
from matchmaker.domain.roles import Role
from matchmaker.models import CandidateProfile, DuoInvitation, Practice, User
from matchmaker.services import candidates, privacy
from tests.factories import (
    PASSWORD,
    create_candidate,
    create_introduction,
    create_practice,
    create_user,
)


def test_export_holds_household_but_no_password_hash(session: Session) -> None:
    """The export is complete for the user and only for the user."""
    user = create_user(session, Role.CANDIDATE, email="me@example.org")
    create_candidate(session, user=user)
    create_candidate(session)  # someone else
    data = privacy.export_user_data(session=session, user=user)
    text = json.dumps(data)
    assert data["account"]["email"] == "me@example.org"
    assert data["candidate_profile"]["children_birth_years"] == [2021, 2024]
    assert data["candidate_profile"]["partner_sector"] == "education"
    assert "password_hash" not in text and "$argon2" not in text
    assert text.count('"user_id"') == 1


def test_export_of_holder_includes_private_listing_fields(session: Session) -> None:
    """A holder's export includes contact details of their own listings."""
    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder)
    data = privacy.export_user_data(session=session, user=holder)
    assert data["practices"][0]["contact_email"] == "secret-contact@example.org"


def test_delete_needs_the_password(session: Session) -> None:
    """A wrong password deletes nothing."""
    user = create_user(session)
    with pytest.raises(DomainError):
        privacy.delete_account(session=session, user=user, password="wrong")
    assert session.get(User, user.id) is not None


def test_delete_removes_everything_and_frees_the_duo_partner(session: Session) -> None:
    """Profile, listings and invitations go; the duo partner stays, unlinked."""
    me = create_user(session, Role.CANDIDATE, email="leaving@example.org")
    mine = create_candidate(session, user=me)
    partner_user = create_user(session, Role.CANDIDATE, email="partner@example.org")
    partner = create_candidate(session, user=partner_user)
    invitation = candidates.invite_duo(
        session=session, profile=partner, email="leaving@example.org"
    )
    candidates.respond_to_invitation(
        session=session, user=me, invitation_id=invitation.id, accept=True
    )
    other = create_candidate(session)
    candidates.invite_duo(session=session, profile=other, email="leaving@example.org")
    user_id, profile_id = me.id, mine.id

    privacy.delete_account(session=session, user=me, password=PASSWORD)

    assert session.get(User, user_id) is None
    assert session.get(CandidateProfile, profile_id) is None
    remaining = session.exec(
        select(DuoInvitation).where(DuoInvitation.invitee_email == "leaving@example.org")
    ).all()
    assert remaining == []
    assert session.get(CandidateProfile, partner.id).duo_partner_id is None


def test_delete_holder_removes_listings(session: Session) -> None:
    """A holder's listings disappear with the account."""
    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder)
    create_practice(session)
    privacy.delete_account(session=session, user=holder, password=PASSWORD)
    assert session.exec(select(func.count()).select_from(Practice)).one() == 1


def test_export_leaves_out_every_credential(session) -> None:
    """No hash, session token or TOTP secret ends up in a downloaded file."""
    from matchmaker.services import privacy, two_factor
    from tests.factories import create_user

    user = create_user(session)
    two_factor.start_enrolment(session=session, user=user)
    account = privacy.export_user_data(session=session, user=user)["account"]
    assert not privacy.SECRETS & set(account)
    assert account["email"] == user.email


def test_export_and_delete_cover_introductions_stop_plans_and_emails(app, session) -> None:
    """The export holds every trace of the person; deletion leaves none of their name or address."""
    from matchmaker.models import Introduction, IntroductionEvent, OutboxMessage, StopPlan
    from matchmaker.models.succession import StopPlanInput
    from matchmaker.services import introductions
    from matchmaker.services.pipeline import save_plan

    holder = create_user(session, Role.HOLDER, display_name="Dr. Weg")
    practice = create_practice(session, owner=holder)
    profile = create_candidate(session)
    candidate = session.get(User, profile.user_id)
    with app.test_request_context(base_url="http://localhost"):
        intro = introductions.express_interest(
            session=session, user=candidate, practice_id=practice.id, message="Graag kennismaken"
        )
        introductions.respond(session=session, user=holder, intro_id=intro.id, accept=True)
    save_plan(
        session=session,
        user=holder,
        data=StopPlanInput(planned_stop=practice.handover_from, postcode="8302", patients=2400),
    )
    data = privacy.export_user_data(session=session, user=holder)
    assert [i["message"] for i in data["introductions"]] == ["Graag kennismaken"]
    assert [h["status"] for h in data["introductions"][0]["history"]] == ["requested", "introduced"]
    assert data["stop_plan"]["patients"] == 2400
    assert [m["kind"] for m in data["emails_sent_to_you"]] == ["intro_requested"]
    json.dumps(data)  # everything is JSON-ready

    privacy.delete_account(session=session, user=holder, password=PASSWORD)
    assert (
        session.exec(select(OutboxMessage).where(OutboxMessage.to_email == holder.email)).all()
        == []
    )
    assert session.exec(select(StopPlan)).all() == []
    assert session.exec(select(Introduction)).all() == []
    assert session.exec(select(IntroductionEvent)).all() == []
    leftovers = " ".join(m.body_text + m.subject for m in session.exec(select(OutboxMessage)))
    assert "Dr. Weg" not in leftovers


def test_delete_takes_the_photos_and_takeover_documents_off_the_disk(
    app, session: Session, tmp_path
) -> None:
    """A holder's listing photos (every size) and the documents of the takeover files of their
    introductions leave the disk with the account; another holder's photo stays."""
    from matchmaker.models import (
        ListingPhoto,
        TakeoverDocument,
        TakeoverFile,
        TakeoverItem,
    )
    from matchmaker.services import storage

    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder)
    other = create_practice(session)
    sizes = {str(w): storage.save(tmp_path, b"jpeg") for w in (480, 960)}
    kept = storage.save(tmp_path, b"jpeg")
    session.add(ListingPhoto(practice_id=practice.id or 0, files=sizes))
    session.add(ListingPhoto(practice_id=other.id or 0, files={"480": kept}))
    intro = create_introduction(session, practice, "negotiation")
    takeover = TakeoverFile(introduction_id=intro.id or 0)
    session.add(takeover)
    session.flush()
    item = TakeoverItem(
        file_id=takeover.id or 0, step_key="jaarcijfers", title_nl="Jaarcijfers",
        title_en="Annual figures", party="holder",
    )  # fmt: skip
    session.add(item)
    session.flush()
    document = storage.save(tmp_path, b"%PDF-1.4 figures")
    session.add(TakeoverDocument(item_id=item.id or 0, name="cijfers.pdf", key=document))
    session.commit()
    privacy.delete_account(session=session, user=holder, password=PASSWORD, attachments=tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {kept}


def test_an_expired_registration_leaves_with_its_files_and_introductions(
    session: Session, tmp_path
) -> None:
    """A registration never confirmed is erased as a deletion would be: its listing's photo
    files leave the disk, and its introductions and their history go first (left to the
    cascades, PostgreSQL failed on history rows the person wrote)."""
    from datetime import timedelta

    from matchmaker.models import Introduction, IntroductionEvent, ListingPhoto
    from matchmaker.models._common import utcnow
    from matchmaker.services import storage

    holder = create_user(session, Role.HOLDER, verified=False)
    holder.created_at = utcnow() - timedelta(days=privacy.UNCONFIRMED_DAYS + 1)
    session.add(holder)
    practice = create_practice(session, owner=holder)
    photo = storage.save(tmp_path, b"jpeg")
    session.add(ListingPhoto(practice_id=practice.id or 0, files={"480": photo}))
    intro = create_introduction(session, practice, "requested")
    session.add(
        IntroductionEvent(introduction_id=intro.id or 0, status="requested", by_user_id=holder.id)
    )
    session.commit()
    assert privacy.expire_unconfirmed(session=session, attachments=tmp_path) == 1
    assert session.get(User, holder.id) is None
    assert session.exec(select(Introduction)).all() == []
    assert list(tmp_path.iterdir()) == []
