"""What the benchmarks share: gunicorn on a free loopback port, a throwaway PostgreSQL
database, and a cookie-keeping HTTP user."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(
    url: str, *, threads: int = 1, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """gunicorn with 2 workers on the database at ``url``; returns the process and base URL."""
    port = free_port()
    environment = {
        **os.environ,
        "MATCHMAKER_DATABASE_URL": url,
        "MATCHMAKER_ENV": "development",
        **(env or {}),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",  # warm workers: caches built before the first request
            "--workers",
            "2",
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "matchmaker:create_app()",
        ],
        cwd=ROOT,
        env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):  # up to 20 s for the workers to boot
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return server, base


PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DEMO_PASSWORD = "demo-password"


@contextmanager
def pg_database(prefix: str) -> Iterator[str | None]:
    """A fresh PostgreSQL database for one run (None when no server answers), dropped after."""
    from sqlalchemy import text

    from matchmaker.db import make_engine

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(PG_ADMIN).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception:  # no PostgreSQL here
        admin.dispose()
        yield None
        return
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class User:
    """One browser: cookies, a CSRF token, and the timings of what it did."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        return self._send(path, None)

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        return self._send(path, urllib.parse.urlencode(data).encode())

    def _send(self, path: str, body: bytes | None) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    def login(self, email: str) -> None:
        _, page = self.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        self.post("/login", {"email": email, "password": DEMO_PASSWORD, "csrf_token": token})
