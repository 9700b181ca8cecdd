"""The admin console: accounts, roles, locks, BIG verification and the audit log."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import AuditEvent, OutboxMessage
from matchmaker.services import accounts, audit
from tests.conftest import login, post_form
from tests.factories import (
    create_candidate,
    create_practice,
    create_recruiter,
    create_user,
)


def _admin(client: FlaskClient, session: Session):
    admin = create_user(session, Role.ADMIN)
    login(client, admin.email)
    return admin


def test_only_admins_see_the_console(client: FlaskClient, session: Session) -> None:
    """Recruiters and others get 403 on the console pages."""
    login(client, create_recruiter(session).email)
    for path in ("/admin", "/admin/users", "/admin/audit"):
        assert client.get(path).status_code == 403, path
    assert client.get("/admin/verification").status_code == 200


def test_figures_and_search(client: FlaskClient, session: Session) -> None:
    """The front page counts accounts per role; search finds by email or name."""
    _admin(client, session)
    create_user(session, Role.HOLDER, email="zoek.mij@example.org", display_name="Dr. Vinder")
    html = client.get("/admin").get_data(as_text=True)
    assert 'data-figure="accounts-holder"' in html
    found = client.get("/admin/users?q=VINDER").get_data(as_text=True)
    assert 'data-user="zoek.mij@example.org"' in found
    assert client.get("/admin/users?q=nobody-here").get_data(as_text=True).count("data-user=") == 0
    assert 'data-user="zoek.mij@example.org"' not in client.get(
        "/admin/users?role=recruiter"
    ).get_data(as_text=True)


def test_lock_ends_sessions_and_unlock_restores(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """A locked account is logged out at once and cannot log in; each step is audited."""
    admin = _admin(client, session)
    target = create_user(session, Role.CANDIDATE)
    victim = app.test_client()
    login(victim, target.email)
    assert victim.get("/account").status_code == 200
    post_form(client, f"/admin/users/{target.id}/lock", {}, token_page=f"/admin/users/{target.id}")
    assert victim.get("/account").status_code == 302
    assert login(victim, target.email).status_code == 200  # refused: the form again
    post_form(
        client, f"/admin/users/{target.id}/unlock", {}, token_page=f"/admin/users/{target.id}"
    )
    assert login(victim, target.email).status_code == 302
    actions = [
        e.action for e in session.exec(select(AuditEvent).where(AuditEvent.actor_id == admin.id))
    ]
    assert actions == ["admin_lock", "admin_unlock"]


def test_role_and_regions(client: FlaskClient, session: Session) -> None:
    """An admin makes someone a recruiter for two municipalities; not themselves."""
    admin = _admin(client, session)
    user = create_user(session, Role.CANDIDATE)
    page = f"/admin/users/{user.id}"
    post_form(client, f"{page}/role", {"role": "recruiter"}, token_page=page)
    post_form(client, f"{page}/regions", {"regions": "GM0171, gm0184"}, token_page=page)
    session.refresh(user)
    assert user.role == "recruiter"
    assert accounts.recruiter_regions(session=session, user=user) == ["GM0171", "GM0184"]
    own = f"/admin/users/{admin.id}"
    post_form(client, f"{own}/role", {"role": "holder"}, token_page=own)
    session.refresh(admin)
    assert admin.role == "admin"


def test_resend_activation_to_an_unclaimed_import(client: FlaskClient, session: Session) -> None:
    """An imported, unclaimed account gets a fresh activation link by email."""
    from tests.factories import create_imported_candidate

    _admin(client, session)
    imported = create_imported_candidate(session, "import@example.org", consent=True)
    page = f"/admin/users/{imported.id}"
    post_form(client, f"{page}/resend", {}, token_page=page)
    mail = session.exec(select(OutboxMessage).where(OutboxMessage.to_email == imported.email)).one()
    assert mail.kind == "activation" and "/account/activate/" in mail.body_text


def test_big_verification_by_a_recruiter_of_the_region(
    client: FlaskClient, session: Session
) -> None:
    """A recruiter sees and verifies BIG numbers of people in their municipalities only."""
    near = create_candidate(session, home_postcode="8302")  # Noordoostpolder
    far = create_candidate(session, home_postcode="3512")  # Utrecht
    for profile in (near, far):
        user = accounts.get_user(session=session, user_id=profile.user_id)
        assert user is not None
        accounts.set_big_number(session=session, user=user, number="19012345601")
    recruiter = create_recruiter(session)
    login(client, recruiter.email)
    queue = client.get("/admin/verification").get_data(as_text=True)
    near_user = accounts.get_user(session=session, user_id=near.user_id)
    far_user = accounts.get_user(session=session, user_id=far.user_id)
    assert near_user and far_user
    assert f'data-verify="{near_user.email}"' in queue and far_user.email not in queue
    missing_note = post_form(
        client,
        f"/admin/verification/{near_user.id}",
        {"note": ""},
        token_page="/admin/verification",
    )
    assert missing_note.status_code == 302
    session.refresh(near_user)
    assert near_user.big_verified_at is None
    post_form(
        client,
        f"/admin/verification/{near_user.id}",
        {"note": "BIG-register online"},
        token_page="/admin/verification",
    )
    post_form(
        client,
        f"/admin/verification/{far_user.id}",
        {"note": "x"},
        token_page="/admin/verification",
    )
    session.refresh(near_user)
    session.refresh(far_user)
    assert near_user.big_verified_by == recruiter.id and far_user.big_verified_at is None


def test_verified_badge_shows_on_the_holders_match_card(
    client: FlaskClient, session: Session
) -> None:
    """Holders see "BIG geverifieerd" on a verified candidate's card."""
    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder)
    profile = create_candidate(session, home_postcode="8301", max_distance_km=150)
    user = accounts.get_user(session=session, user_id=profile.user_id)
    assert user is not None
    accounts.set_big_number(session=session, user=user, number="19012345601")
    login(client, holder.email)
    assert "BIG geverifieerd" not in client.get("/matches").get_data(as_text=True)
    from matchmaker.models._common import utcnow

    user.big_verified_at = utcnow()
    session.add(user)
    session.commit()
    assert "BIG geverifieerd" in client.get("/matches").get_data(as_text=True)


def test_changing_the_big_number_needs_verifying_again(session: Session) -> None:
    """A new number drops an earlier verification; bad numbers are refused."""
    import pytest

    from matchmaker.domain.errors import DomainError
    from matchmaker.models._common import utcnow

    user = create_user(session)
    accounts.set_big_number(session=session, user=user, number="19012345601")
    user.big_verified_at = utcnow()
    accounts.set_big_number(session=session, user=user, number="29012345601")
    assert user.big_verified_at is None
    with pytest.raises(DomainError):
        accounts.set_big_number(session=session, user=user, number="１２３")


def test_exports_and_contact_views_are_audited(client: FlaskClient, session: Session) -> None:
    """Downloading one's data, a recruiter export, and seeing contacts leave a trace."""
    recruiter = create_recruiter(session)
    login(client, recruiter.email)
    client.get("/recruiter/export/pipeline.csv")
    client.get("/account/export")
    client.get("/recruiter/import/housing.csv")  # an empty template: no personal data
    entries = audit.recent(session=session)
    assert [(e.action, e.actor) for e in entries] == [
        ("export_own_data", recruiter.email),
        ("export_csv", recruiter.email),
    ]


def test_audit_log_page_and_retention(client: FlaskClient, session: Session) -> None:
    """Admins read the log; entries older than the retention period are purged."""
    from datetime import timedelta

    from matchmaker.models._common import utcnow

    admin = _admin(client, session)
    audit.record(session=session, actor=admin, action=audit.Action.EXPORT_CSV, detail="x.csv")
    html = client.get("/admin/audit").get_data(as_text=True)
    assert 'data-audit="export_csv"' in html and "x.csv" in html
    future = utcnow() + timedelta(days=audit.RETENTION_DAYS + 1)
    assert audit.purge(session=session, now=future) == 1
