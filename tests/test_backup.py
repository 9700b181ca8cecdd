"""Backup and restore round-trip a seeded database, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, text
from sqlmodel import Session, select

from matchmaker.commands import upgrade_database
from matchmaker.db import make_engine
from matchmaker.models import CandidateProfile, Practice, User
from matchmaker.services import backup, seed
from tests.conftest import TEST_DATABASE_URL


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database of the backend under test (a scratch PG database)."""
    if TEST_DATABASE_URL.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'live.db'}"
        upgrade_database(url)
        yield url
        return
    name = f"mm_backup_{uuid.uuid4().hex[:8]}"
    admin = make_engine(TEST_DATABASE_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = TEST_DATABASE_URL.rsplit("/", 1)[0] + f"/{name}"
    upgrade_database(url)
    yield url
    make_engine(url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _counts(url: str) -> tuple[int, int, int]:
    engine = make_engine(url)
    with Session(engine) as session:
        counts = tuple(
            session.exec(select(func.count()).select_from(model)).one()
            for model in (User, Practice, CandidateProfile)
        )
    engine.dispose()
    return counts


def test_backup_and_restore_round_trip(database_url: str, tmp_path: Path) -> None:
    """Seed, back up, lose the data, restore: every row is back."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        seed.seed_demo(session=session, n_practices=12, n_candidates=6)
    engine.dispose()
    before = _counts(database_url)
    assert before[1] >= 12
    copy = backup.backup(url=database_url, path=tmp_path / "backup.dump")
    assert copy.stat().st_size > 0

    engine = make_engine(database_url)
    with Session(engine) as session:
        seed.reset_demo(session=session)
        session.commit()
    engine.dispose()
    assert _counts(database_url) != before

    backup.restore(url=database_url, path=copy)
    assert _counts(database_url) == before


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    """A wrong file is a clear error, and nothing is touched."""
    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade_database(url)
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a database")
    with pytest.raises(backup.BackupError, match="not an SQLite backup"):
        backup.restore(url=url, path=wrong)


def test_missing_postgres_tools_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without pg_dump the message says what to install."""
    monkeypatch.setattr(backup.shutil, "which", lambda _tool: None)
    with pytest.raises(backup.BackupError, match="postgresql-client"):
        backup.backup(url="postgresql+psycopg://postgres@127.0.0.1/x", path=tmp_path / "b")
