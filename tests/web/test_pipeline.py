"""The holder's stop plan and the recruiter's pipeline pages."""

from __future__ import annotations

from datetime import date, timedelta

from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.services import pipeline
from tests.conftest import login, post_form
from tests.factories import create_practice, create_recruiter, create_user


def test_holder_saves_plan_and_recruiter_sees_it(app, session: Session) -> None:
    """A plan given on the holder page appears in the recruiter's pipeline, not publicly."""
    holder = create_user(session, Role.HOLDER, display_name="Dr. Stop")
    recruiter = create_recruiter(session)
    h, r = app.test_client(), app.test_client()
    login(h, holder.email)
    stop = (date.today() + timedelta(days=500)).isoformat()
    response = post_form(
        h,
        "/my/practices/plan",
        {
            "planned_stop": stop,
            "postcode": "8302",
            "patients": "1900",
            "note": "Wil geleidelijk afbouwen",
            "patient_stop": "yes",
        },
        token_page="/my/practices",
    )
    plan = pipeline.get_plan(session=session, user=holder)
    assert response.status_code == 302 and plan is not None and plan.patient_stop == "yes"
    login(r, recruiter.email)
    page = r.get("/recruiter").get_data(as_text=True)
    assert "Dr. Stop" in page and "stopplan, niet gepubliceerd" in page
    anonymous = app.test_client().get("/practices").get_data(as_text=True)
    assert "Dr. Stop" not in anonymous and "Wil geleidelijk" not in anonymous


def test_plan_form_errors(client: FlaskClient, session: Session) -> None:
    """An unknown postcode is a field error and nothing is saved."""
    holder = create_user(session, Role.HOLDER)
    login(client, holder.email)
    html = post_form(
        client,
        "/my/practices/plan",
        {"planned_stop": "2028-01-01", "postcode": "1000", "patients": "10"},
        token_page="/my/practices",
    ).get_data(as_text=True)
    assert "Deze postcode kennen we niet." in html
    assert pipeline.get_plan(session=session, user=holder) is None


def test_pipeline_page_flags_risk_and_exports(client: FlaskClient, session: Session) -> None:
    """At-risk practices are highlighted; the CSV export has them."""
    soon = date.today() + timedelta(days=150)
    create_practice(
        session, handover_from=soon, handover_until=soon + timedelta(days=30), name="Dringend"
    )
    login(client, create_recruiter(session).email)
    html = client.get("/recruiter").get_data(as_text=True)
    assert 'class="at-risk"' in html and "geen — kom in actie" in html
    export = client.get("/recruiter/export/pipeline.csv")
    assert export.mimetype == "text/csv" and "Dringend" in export.get_data(as_text=True)


def test_a_plan_names_the_recruiter_and_shares_contact_only_when_asked(
    app, session: Session
) -> None:
    """The recruiter sees the practice's name where the note used to stand, and the holder's
    email and phone only when the holder ticked sharing them."""
    holder = create_user(session, Role.HOLDER, display_name="Dr. Stop", email="stop@example.org")
    recruiter = create_recruiter(session)
    h, r = app.test_client(), app.test_client()
    login(h, holder.email)
    plan = {
        "planned_stop": (date.today() + timedelta(days=400)).isoformat(),
        "postcode": "8302",
        "patients": "1900",
        "practice_name": "Huisartsenpraktijk De Polderhoeve",
        "note": "Wil geleidelijk afbouwen",
        "phone": "0527 111 222",
    }
    post_form(h, "/my/practices/plan", plan, token_page="/my/practices")
    mine = h.get("/my/practices").get_data(as_text=True)
    assert recruiter.display_name in mine and recruiter.email in mine  # who sees the plan
    login(r, recruiter.email)
    page = r.get("/recruiter").get_data(as_text=True)
    assert "Huisartsenpraktijk De Polderhoeve" in page and "Wil geleidelijk afbouwen" in page
    assert "stop@example.org" not in page and "0527 111 222" not in page
    post_form(h, "/my/practices/plan", {**plan, "share_contact": "y"}, token_page="/my/practices")
    page = r.get("/recruiter").get_data(as_text=True)
    assert "stop@example.org · 0527 111 222" in page
    with app.app_context():
        assert pipeline.send_alerts(session=session, today=date.today()) == 1
    from sqlmodel import select

    from matchmaker.models import OutboxMessage

    mail = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "pipeline_alert")).one()
    assert "Huisartsenpraktijk De Polderhoeve" in mail.body_text
    assert "stop@example.org" in mail.body_text
