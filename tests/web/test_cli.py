"""The matchmaker command line."""

from __future__ import annotations

import pytest
from flask.testing import FlaskCliRunner
from sqlmodel import Session, func, select

from matchmaker.models import Practice
from matchmaker.services import accounts


def test_seed_demo_command_reports_and_fills(runner: FlaskCliRunner, session: Session) -> None:
    """seed-demo prints what it made and the demo accounts."""
    result = runner.invoke(args=["seed-demo", "--practices", "12", "--candidates", "5"])
    assert result.exit_code == 0, result.output
    assert "Seeded 12 demo practices and 5 demo candidates" in result.output
    assert "huisarts@demo.example" in result.output
    assert session.exec(select(func.count()).select_from(Practice)).one() == 14


def test_seed_if_empty_does_nothing_on_existing_data(
    runner: FlaskCliRunner, session: Session
) -> None:
    """--if-empty leaves a populated database alone."""
    runner.invoke(args=["seed-demo", "--practices", "1", "--candidates", "0"])
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "not seeding" in result.output
    assert session.exec(select(func.count()).select_from(Practice)).one() == 3


def test_seed_refused_in_production(
    runner: FlaskCliRunner, monkeypatch: pytest.MonkeyPatch, session: Session
) -> None:
    """Demo data never goes into a production database."""
    monkeypatch.setenv("MATCHMAKER_ENV", "production")
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "production" in result.output
    assert session.exec(select(func.count()).select_from(Practice)).one() == 0


def test_create_recruiter_with_regions(runner: FlaskCliRunner, session: Session) -> None:
    """Admins and recruiters are created on the command line, with their municipalities."""
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "werver@example.org",
            "--name",
            "Werver",
            "--role",
            "recruiter",
            "--region",
            "GM0171",
            "--region",
            "GM0184",
            "--password",
            "long-enough-pw",
        ]
    )
    assert result.exit_code == 0, result.output
    user = accounts.find_user(session=session, email="werver@example.org")
    assert user is not None and user.role == "recruiter"
    assert accounts.recruiter_regions(session=session, user=user) == ["GM0171", "GM0184"]


def test_create_user_rejects_unknown_region_atomically(
    runner: FlaskCliRunner, session: Session
) -> None:
    """An unknown municipality code is an error message, not a traceback."""
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--role",
            "recruiter",
            "--region",
            "GM0000",
            "--password",
            "long-enough-pw",
        ]
    )
    assert result.exit_code != 0
    assert "unknown municipality" in result.output


def test_purge_audit_command(runner, session) -> None:
    """The daily command removes entries older than the retention period."""
    from datetime import timedelta

    from matchmaker.models import AuditEvent
    from matchmaker.models._common import utcnow
    from matchmaker.services import audit

    session.add(
        AuditEvent(action="export_csv", at=utcnow() - timedelta(days=audit.RETENTION_DAYS + 2))
    )
    session.add(AuditEvent(action="export_csv"))
    session.commit()
    result = runner.invoke(args=["purge-audit"])
    assert "Removed 1 audit entries" in result.output
