"""Warm workers: gunicorn builds each worker's caches before its first request (issue 21);
their metrics add up across workers (issue 24)."""

from __future__ import annotations

import os
import re
import selectors
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sqlmodel import Session

from matchmaker.config import ROOT
from matchmaker.services import warmup
from matchmaker.services.matching import cache
from tests.factories import create_candidate, create_practice


def test_warming_fills_the_caches(session: Session) -> None:
    """After warming, the first ranking finds its rows built already."""
    create_practice(session)
    create_candidate(session)
    cache.clear_cache()
    warmup.warm(session=session)
    rows = cache.practice_rows(session)
    assert len(rows.ids) == 1
    assert cache.practice_rows(session) is rows  # nothing was built again


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_gunicorn_workers_warm_up_before_serving(tmp_path: Path) -> None:
    """`make serve`'s gunicorn.conf.py runs the warm-up in every worker, then serves."""
    database = f"sqlite:///{tmp_path / 'serve.db'}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_")},
        "MATCHMAKER_DATABASE_URL": database,
        "MATCHMAKER_HUEY_FILE": str(tmp_path / "huey.db"),
        "MATCHMAKER_METRICS_TOKEN": "scrape-token-for-the-test",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    subprocess.run(
        [sys.executable, "-m", "matchmaker.cli", "migrate"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"),
            *("--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "info"),
            "matchmaker:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 60
        with selectors.DefaultSelector() as waiting:  # read the log as it comes: no sleeping
            assert server.stderr is not None
            waiting.register(server.stderr, selectors.EVENT_READ)
            while sum("warmed its caches" in x for x in lines) < 2:
                assert time.monotonic() < deadline, "".join(lines)[-2000:]
                if waiting.select(timeout=5):
                    line = server.stderr.readline()
                    assert line, "gunicorn stopped: " + "".join(lines)[-2000:]
                    lines.append(line)
        frozen = [re.search(r"froze (\d+) objects", x) for x in lines if "warmed its" in x]
        assert all(m and int(m.group(1)) > 10_000 for m in frozen), frozen  # out of the GC's way
        compiled = [re.search(r"compiled (\d+) templates", x) for x in lines if "warmed its" in x]
        assert all(m and int(m.group(1)) > 100 for m in compiled), compiled  # none on a request
        for _ in range(10):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as answer:
                assert '"ok"' in answer.read().decode()
        # Both workers answered some of them: the scrape (of either) adds all ten up.
        scrape = urllib.request.Request(
            f"http://127.0.0.1:{port}/metrics",
            headers={"Authorization": "Bearer scrape-token-for-the-test"},
        )
        with urllib.request.urlopen(scrape, timeout=10) as answer:
            text = answer.read().decode()
        counted = [
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith('matchmaker_responses_total{status="200"}')
        ]
        assert counted == [10.0], text[:2000]
        assert "matchmaker_outbox_messages" in text and "matchmaker_request_seconds_bucket" in text
    finally:
        server.terminate()
        server.communicate(timeout=30)
