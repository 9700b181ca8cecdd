"""SQLite as the documented default: concurrent saves wait for each other instead of failing."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlmodel import SQLModel, select

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.db import Database
from matchmaker.domain.roles import Role
from matchmaker.extensions import db
from matchmaker.models import Practice
from tests.conftest import csrf_token, login
from tests.factories import create_practice, create_user
from tests.web.test_practices import _form

WRITERS = 6
SAVES = 8


def test_concurrent_listing_saves_on_an_sqlite_file_never_fail(tmp_path: Path) -> None:
    """Six holders save their listing eight times each, at once, while others read: no 5xx."""

    class FileConfig(TestConfig):
        DATABASE_URL = f"sqlite:///{tmp_path / 'busy.db'}"
        RATELIMIT_ENABLED = False

    app = create_app(FileConfig)
    SQLModel.metadata.create_all(Database.state(app).engine)
    with app.app_context():
        owners = []
        for _ in range(WRITERS):
            holder = create_user(db.session, Role.HOLDER)
            owners.append((holder.email, create_practice(db.session, owner=holder).id))
    statuses: list[int] = []

    def write(email: str, practice_id: int) -> None:
        client = app.test_client()
        login(client, email)
        token = csrf_token(client, f"/my/practices/{practice_id}/edit")
        for n in range(SAVES):
            response = client.post(
                f"/my/practices/{practice_id}/edit",
                data={**_form(name=f"Praktijk {n}"), "csrf_token": token},
            )
            statuses.append(response.status_code)

    def read() -> None:
        client = app.test_client()
        for _ in range(SAVES):
            statuses.append(client.get("/practices").status_code)

    threads = [threading.Thread(target=write, args=owner) for owner in owners]
    threads += [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [s for s in statuses if s >= 500] == []
    assert statuses.count(302) == WRITERS * SAVES
    with app.app_context():
        names = {p.name for p in db.session.exec(select(Practice))}
    assert names == {f"Praktijk {SAVES - 1}"}
