"""Backups: SQLite through its online backup API, PostgreSQL through pg_dump and pg_restore."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

SQLITE_HEADER = b"SQLite format 3\x00"
PG_TIMEOUT_SECONDS = 3600


class BackupError(Exception):
    """The backup or restore could not be made; the message says why and what to do."""


def backup(*, url: str, path: Path) -> Path:
    """Write a consistent copy of the database at ``url`` to ``path`` while it stays online."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        source = _sqlite_file(url)
        with sqlite3.connect(source) as src, sqlite3.connect(path) as dest:
            src.backup(dest)  # pages copied under SQLite's own locking: writers may go on
        return path
    if parsed.get_backend_name() == "postgresql":
        _run("pg_dump", "--format=custom", "--no-owner", f"--file={path}", _libpq(url))
        return path
    raise BackupError(f"backups of {parsed.get_backend_name()} databases are not supported")


def restore(*, url: str, path: Path) -> None:
    """Replace the database at ``url`` with the backup at ``path``."""
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if path.read_bytes()[: len(SQLITE_HEADER)] != SQLITE_HEADER:
            raise BackupError(f"{path} is not an SQLite backup")
        with sqlite3.connect(path) as src, sqlite3.connect(_sqlite_file(url)) as dest:
            src.backup(dest)
        return
    if parsed.get_backend_name() == "postgresql":
        _run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={_libpq(url)}",
            str(path),
        )
        return
    raise BackupError(f"restores of {parsed.get_backend_name()} databases are not supported")


def _sqlite_file(url: str) -> str:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up")
    return database


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as libpq understands it (no "+psycopg" driver part)."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _run(tool: str, *args: str) -> None:
    if shutil.which(tool) is None:
        raise BackupError(
            f"{tool} is not installed: install PostgreSQL's client tools "
            "(Debian: apt-get install postgresql-client) and try again"
        )
    done = subprocess.run(
        [tool, *args], capture_output=True, text=True, timeout=PG_TIMEOUT_SECONDS, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip()[-500:]}")
