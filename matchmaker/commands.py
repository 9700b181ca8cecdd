"""CLI commands (registered on ``app.cli``): migrate, seed-demo, create-user."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from pydantic import ValidationError

from matchmaker.config import ROOT
from matchmaker.domain.errors import DomainError
from matchmaker.domain.roles import Role
from matchmaker.extensions import db
from matchmaker.models.user import UserCreate


def alembic_config(url: str):
    """Alembic configuration pointing at ``migrations/`` and ``url``."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade_database(url: str) -> None:
    """Bring the database at ``url`` to the newest migration."""
    from alembic import command

    command.upgrade(alembic_config(url), "head")


@click.command("migrate")
@with_appcontext
def migrate_command() -> None:
    """Apply all database migrations."""
    url = current_app.config["DATABASE_URL"]
    upgrade_database(url)
    click.echo(f"Database is up to date ({_redacted(url)}).")


@click.command("seed-demo")
@click.option("--practices", "n_practices", default=80, show_default=True, type=click.IntRange(0))
@click.option("--candidates", "n_candidates", default=50, show_default=True, type=click.IntRange(0))
@click.option("--reset", is_flag=True, help="Delete all demo data first.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has accounts.")
@click.option("--random-seed", default=2026, show_default=True)
@with_appcontext
def seed_demo_command(
    n_practices: int, n_candidates: int, reset: bool, if_empty: bool, random_seed: int
) -> None:
    """Fill the database with synthetic, clearly labelled demo data."""
    from matchmaker.services import accounts, seed

    if os.environ.get("MATCHMAKER_ENV") == "production":
        raise click.ClickException("Refusing to seed demo data when MATCHMAKER_ENV=production.")
    if if_empty and accounts.count_users(session=db.session) > 0:
        click.echo("Database already has data; not seeding.")
        return
    report = seed.seed_demo(
        session=db.session,
        n_practices=n_practices,
        n_candidates=n_candidates,
        reset=reset,
        random_seed=random_seed,
        storage=Path(current_app.config["ATTACHMENT_DIR"]),
    )
    click.echo(
        f"Seeded {report.practices} demo practices and {report.candidates} demo candidates "
        f"in {report.seconds:.1f} s. Demo accounts: "
        + ", ".join(seed.DEMO_ACCOUNTS)
        + f" (password: {seed.DEMO_PASSWORD})"
    )


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--region", "regions", multiple=True, help="GM code (recruiters; repeatable).")
@click.password_option()
@with_appcontext
def create_user_command(
    email: str, display_name: str, role: str, regions: tuple[str, ...], password: str
) -> None:
    """Create an account of any role (admins and recruiters are made only here)."""
    from matchmaker.services import accounts

    try:
        user = accounts.create_user(
            session=db.session,
            data=UserCreate(
                email=email, display_name=display_name, role=Role(role), password=password
            ),
            verified=True,  # an administrator vouches for the address
        )
        if regions:
            accounts.set_recruiter_regions(session=db.session, user=user, codes=list(regions))
    except (DomainError, ValidationError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {role} {user.email}.")


@click.command("worker")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 8))
@with_appcontext
def worker_command(workers: int) -> None:
    """Run the task queue's consumer with its periodic tasks (mail, digest, alerts, reminders)."""
    from matchmaker import tasks

    tasks.bind_app(current_app._get_current_object())  # type: ignore[attr-defined]
    tasks.huey.create_consumer(workers=workers, periodic=True, worker_type="thread").run()


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent backup of the database to PATH (the app may keep running)."""
    from matchmaker.services import backup

    try:
        backup.backup(url=current_app.config["DATABASE_URL"], path=path)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backup written to {path} ({path.stat().st_size:,} bytes).")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database with the backup at PATH (stop the app and worker first)."""
    from matchmaker.services import backup

    url = current_app.config["DATABASE_URL"]
    if not yes:
        click.confirm(f"Replace everything in {_redacted(url)} with {path}?", abort=True)
    try:
        backup.restore(url=url, path=path)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored {_redacted(url)} from {path}.")


@click.command("purge-audit")
@with_appcontext
def purge_audit_command() -> None:
    """Delete audit log entries older than the retention period (daily cron)."""
    from matchmaker.services import audit

    removed = audit.purge(session=db.session)
    click.echo(f"Removed {removed} audit entries older than {audit.RETENTION_DAYS} days.")


def _redacted(url: str) -> str:
    if "@" not in url:
        return url if not url.startswith("sqlite:///") else str(Path(url[10:]))
    scheme, rest = url.split("://", 1)
    return f"{scheme}://…@{rest.split('@', 1)[1]}"


@click.command("deliver-mail")
@with_appcontext
def deliver_mail_command() -> None:
    """Send queued emails that are due (run from cron to retry failures)."""
    from matchmaker import tasks

    report = tasks.deliver_now(current_app._get_current_object())  # type: ignore[attr-defined]
    click.echo(f"Sent {report.sent}, will retry {report.retried}, failed {report.failed}.")


@click.command("send-digest")
@with_appcontext
def send_digest_command() -> None:
    """Queue the weekly email of new matches for candidates who asked for it."""
    from matchmaker.services import digest

    queued = digest.send_weekly(
        session=db.session, min_score=current_app.config["DIGEST_MIN_SCORE"]
    )
    click.echo(f"Queued {queued} digests.")


@click.command("import")
@click.argument(
    "kind",
    type=click.Choice(
        ["practices", "candidates", "housing", "job_leads", "childcare", "training", "incentives"]
    ),
)
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--as", "as_email", help="Import as this recruiter (limits to their regions).")
@click.option(
    "--existing",
    type=click.Choice(["error", "skip", "update"]),
    default="error",
    show_default=True,
    help="Rows already in the database: refuse the file, skip them, or update them.",
)
@with_appcontext
def import_command(kind: str, path: str, as_email: str | None, existing: str) -> None:
    """Import a CSV file: every row is stored, or none (errors name row and column)."""
    from matchmaker.services import accounts, imports
    from matchmaker.web.labels import import_vocabulary, row_error_text

    user = accounts.find_user(session=db.session, email=as_email) if as_email else None
    if as_email and user is None:
        raise click.ClickException(f"No account {as_email}.")
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        report = imports.run_import(
            session=db.session,
            kind=kind,
            data=data,
            user=user,
            on_existing=imports.OnExisting(existing),
            # The web page's templates (Dutch or English headers and values) read the same here.
            vocabulary=import_vocabulary("nl"),
            secret=str(current_app.config["SECRET_KEY"]),
        )
    except imports.ImportFailed as exc:
        with current_app.test_request_context():
            for error in exc.errors:
                click.echo(f"row {error.row}, {error.field}: {row_error_text(error)}", err=True)
        raise click.ClickException(f"Nothing imported: {len(exc.errors)} problem(s).") from None
    click.echo(
        f"Imported {report.created + report.updated} {kind} "
        f"({report.created} new, {report.updated} updated, {report.skipped} skipped)."
    )


@click.command("round")
@click.argument("campaign_id", type=int)
@with_appcontext
def round_command(campaign_id: int) -> None:
    """Run a match round for a campaign on the rankings saved so far."""
    from matchmaker.models import Campaign
    from matchmaker.services import match_rounds

    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        raise click.ClickException(f"No campaign {campaign_id}.")
    round_ = match_rounds.run(session=db.session, campaign=campaign)
    proposals = match_rounds.latest(session=db.session, campaign=campaign).proposals
    click.echo(
        f"Round {round_.id}: {len(proposals)} proposals, {round_.unplaced} unplaced, "
        f"{len(round_.blocking)} blocking pairs."
    )


@click.command("pipeline-alerts")
@with_appcontext
def pipeline_alerts_command() -> None:
    """Email recruiters the practices stopping within two years without an introduction."""
    from matchmaker.services import pipeline

    sent = pipeline.send_alerts(session=db.session)
    click.echo(f"Alerted {sent} recruiters.")


def register(app: Flask) -> None:
    """Add the commands to ``app.cli``."""
    commands = (
        migrate_command,
        seed_demo_command,
        create_user_command,
        deliver_mail_command,
        send_digest_command,
        import_command,
        pipeline_alerts_command,
        round_command,
        purge_audit_command,
        worker_command,
        backup_command,
        restore_command,
    )
    for command in commands:
        app.cli.add_command(command)
