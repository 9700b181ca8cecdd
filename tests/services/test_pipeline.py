"""Stop plans, the pipeline per region, and alerts to recruiters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.errors import NotFound
from matchmaker.domain.roles import Role
from matchmaker.models import OutboxMessage, PipelineAlert
from matchmaker.models.succession import StopPlanInput
from matchmaker.services import pipeline
from tests.factories import (
    create_introduction,
    create_practice,
    create_recruiter,
    create_user,
)


def _plan(months: int) -> StopPlanInput:
    return StopPlanInput(
        planned_stop=date.today() + timedelta(days=30 * months),
        postcode="8305",
        patients=2100,
        practice_name="Solopraktijk in Ens",
        note="Wil in 2027 stoppen",
    )


def test_holder_plan_is_saved_and_replaced(session: Session) -> None:
    """One plan per holder; candidates cannot have one."""
    holder = create_user(session, Role.HOLDER)
    pipeline.save_plan(session=session, user=holder, data=_plan(30))
    plan = pipeline.save_plan(session=session, user=holder, data=_plan(20))
    assert (
        plan.gemeentecode == "GM0171"
        and pipeline.get_plan(session=session, user=holder).id == plan.id
    )
    with pytest.raises(NotFound):
        pipeline.save_plan(
            session=session, user=create_user(session, Role.CANDIDATE), data=_plan(20)
        )


def test_pipeline_lists_listings_and_plans_with_risk(session: Session) -> None:
    """Soonest first; introduced ones not at risk; handed over and other regions left out."""
    soon = date.today() + timedelta(days=200)
    risky = create_practice(
        session, handover_from=soon, handover_until=soon + timedelta(days=60), name="Risico"
    )
    safe = create_practice(
        session,
        handover_from=soon + timedelta(days=10),
        handover_until=soon + timedelta(days=90),
        name="Veilig",
    )
    create_practice(session, status="handed_over")
    create_practice(session, postcode="1011")
    create_introduction(session, safe, "meeting")
    session.commit()
    pipeline.save_plan(session=session, user=create_user(session, Role.HOLDER), data=_plan(40))
    entries = pipeline.for_regions(session=session, codes=["GM0171"])
    assert [e.title for e in entries] == ["Risico", "Veilig", "Solopraktijk in Ens"]
    assert [e.row.at_risk for e in entries] == [True, False, False]
    assert entries[1].row.item.furthest_introduction == "meeting"
    assert entries[0].best_score is not None and entries[2].status == "plan"
    assert entries[2].note == "Wil in 2027 stoppen" and entries[2].contact == ""
    table = pipeline.table(entries)
    assert table.columns[:2] == ("item", "title") and table.rows[0][1] == "Risico"
    assert table.rows[0][-1] is True and isinstance(table.rows[0][5], date)
    assert risky.id


def test_alerts_are_sent_once_per_item(app: Flask, session: Session) -> None:
    """The recruiter gets one email listing new at-risk items; the next run sends nothing."""
    recruiter = create_recruiter(session)
    soon = date.today() + timedelta(days=100)
    create_practice(
        session, handover_from=soon, handover_until=soon + timedelta(days=30), name="Alarm"
    )
    with app.test_request_context(base_url="http://localhost"):
        assert pipeline.send_alerts(session=session) == 1
        assert pipeline.send_alerts(session=session) == 0
    mail = session.exec(select(OutboxMessage)).one()
    assert mail.to_email == recruiter.email and "Alarm" in mail.body_text
    assert len(session.exec(select(PipelineAlert)).all()) == 1
