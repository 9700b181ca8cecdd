"""Load under `make serve`: public pages, matches and a write mix, on SQLite and PostgreSQL.

For each database a seeded copy is served by gunicorn (2 workers) with its task worker
off; then for BENCH_LOAD_SECONDS (default 30; the audit used 60) twenty users save forms
(ten holders their listing, ten candidates their match weights) while ten readers browse
the public pages and candidates read their matches. It prints requests, responses >= 500
and p50/p99 per group. Every loop is bounded in time and only talks to 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlmodel import Session  # noqa: E402

from matchmaker.commands import upgrade_database  # noqa: E402
from matchmaker.db import make_engine  # noqa: E402
from matchmaker.services import seed  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from _server import User, pg_database, serve  # noqa: E402

SAVED = "Uw advertentie is opgeslagen"
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "30"))
WRITERS, READERS = 20, 10
PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PUBLIC = (
    "/",
    "/practices",
    "/practices?province=Zeeland",
    "/map",
    "/api/v1/practices",
    "/regions/GM0171",
    "/api/v1/regions",
)


def _listing_form(version: str, token: str, n: int) -> dict[str, str]:
    start = date.today() + timedelta(days=200)
    return {
        "csrf_token": token,
        "version": version,
        "name": f"Praktijk onder last {n}",
        "postcode": "8302",
        "street": "Lastweg 1",
        "patients": str(2000 + n % 500),
        "fte": "1.0",
        "form": "solo",
        "building": "rented",
        "handover_from": start.isoformat(),
        "handover_until": (start + timedelta(days=180)).isoformat(),
        "handover_model": "gradual",
        "goodwill_min": "",
        "goodwill_max": "",
        "days_per_week": "4",
        "anw_hours_per_month": "8",
        "staff_assistants": "2",
        "staff_poh": "1",
        "description": "Demo onder belasting.",
        "contact_email": "",
        "contact_phone": "",
        "status": "published",
    }


def _run(base: str, holders: list[tuple[str, int]], candidates: list[str]) -> dict[str, Any]:
    timings: dict[str, list[float]] = {"public": [], "matches": [], "writes": []}
    errors: dict[str, int] = {k: 0 for k in timings}
    saved = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def record(group: str, started: float, status: int) -> None:
        with lock:
            timings[group].append((time.perf_counter() - started) * 1000)
            errors[group] += status >= 500

    def holder(email: str, practice_id: int) -> None:
        user = User(base)
        user.login(email)
        n = 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, page = user.get(f"/my/practices/{practice_id}/edit")
            record("writes", started, status)
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)
            version = re.search(r'name="version" type="hidden" value="(\d+)"', page)
            if not token or not version:
                continue
            started = time.perf_counter()
            status, after = user.post(
                f"/my/practices/{practice_id}/edit",
                _listing_form(version.group(1), token.group(1), n),
            )
            record("writes", started, status)
            with lock:  # urllib follows the redirect to the listings, which confirm the save
                saved[0] += SAVED in after
            n += 1

    def candidate(email: str) -> None:
        user = User(base)
        user.login(email)
        n = 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, page = user.get("/matches")
            record("matches", started, status)
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)
            if token:
                started = time.perf_counter()
                status, _ = user.post(
                    "/matches/weights",
                    {
                        "csrf_token": token.group(1),
                        "w_location": str(1 + n % 5),
                        "w_housing": "3",
                    },
                )
                record("writes", started, status)
            n += 1

    def reader(offset: int) -> None:
        user = User(base)
        n = offset
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _ = user.get(PUBLIC[n % len(PUBLIC)])
            record("public", started, status)
            n += 1

    threads = [threading.Thread(target=holder, args=h) for h in holders]
    threads += [threading.Thread(target=candidate, args=(c,)) for c in candidates]
    threads += [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"timings": timings, "errors": errors, "saved": saved[0]}


def _serve(url: str) -> tuple[subprocess.Popen[bytes], str]:
    env = {"MATCHMAKER_RATELIMIT_ENABLED": "0", "MATCHMAKER_TASKS_IMMEDIATE": "1"}
    return serve(url, threads=4, env=env)


def _seeded(url: str) -> tuple[list[tuple[str, int]], list[str]]:
    upgrade_database(url)
    engine = make_engine(url)
    with Session(engine) as session:
        seed.seed_demo(session=session, n_practices=2000, n_candidates=500)
        rows = session.execute(
            text(
                "SELECT u.email, min(p.id) FROM users u JOIN practices p ON p.owner_id = u.id "
                "WHERE u.email LIKE 'holder%' GROUP BY u.email ORDER BY u.email LIMIT :n"
            ),
            {"n": WRITERS // 2},
        ).all()
        cands = (
            session.execute(
                text(
                    "SELECT email FROM users WHERE email LIKE 'candidate%' ORDER BY email LIMIT :n"
                ),
                {"n": WRITERS // 2},
            )
            .scalars()
            .all()
        )
    engine.dispose()
    return [(e, int(i)) for e, i in rows], list(cands)


def _report(name: str, result: dict[str, Any]) -> None:
    print(f"{name:11s}{'saved listings':18s}{result['saved']:>9d}")
    for group, values in result["timings"].items():
        if not values:
            continue
        values.sort()
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        print(
            f"{name:11s}{group:9s}{len(values):>9d}{result['errors'][group]:>8d}"
            f"{statistics.median(values):>10.1f}{p99:>10.1f}"
        )


def _measure(name: str, url: str) -> None:
    """Seed the database at ``url``, serve it, load it, and print the figures."""
    holders, cands = _seeded(url)
    server, base = _serve(url)
    try:
        _report(name, _run(base, holders, cands))
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    print(
        f"\nLoad: {WRITERS} users saving forms and {READERS} readers for {SECONDS:.0f} s, "
        "gunicorn 2 workers × 4 threads (target: 0 responses >= 500)"
    )
    print(
        f"{'database':11s}{'group':9s}{'requests':>9s}{'>=500':>8s}{'p50 ms':>10s}{'p99 ms':>10s}"
    )
    with TemporaryDirectory() as tmp:
        _measure("SQLite", f"sqlite:///{Path(tmp) / 'load.db'}")
    with pg_database("mm_load") as url:
        if url is None:
            print("PostgreSQL    skipped: no server")
            return
        _measure("PostgreSQL", url)


if __name__ == "__main__":
    main()
