"""deploy/: nginx limits bodies exactly like the app; the systemd units restart what dies."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from matchmaker.config import ROOT, Config


def test_nginx_body_limit_equals_the_apps() -> None:
    """A body nginx lets through is one the app accepts, and the other way round."""
    site = (ROOT / "deploy" / "nginx" / "matchmaker.conf").read_text()
    found = re.search(r"client_max_body_size (\d+)k;", site)
    assert found and int(found.group(1)) * 1024 == Config.MAX_CONTENT_LENGTH


def test_systemd_units_restart_and_read_their_settings() -> None:
    """Web and worker restart on failure, run as their own user, take settings from a file."""
    for name in ("matchmaker-web.service", "matchmaker-worker.service"):
        unit = (ROOT / "deploy" / "systemd" / name).read_text()
        assert re.search(r"^Restart=(on-failure|always)$", unit, re.M), name
        assert "User=matchmaker" in unit and "EnvironmentFile=/etc/matchmaker/env" in unit


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_units_parse() -> None:
    """systemd reads the units without complaint beyond the paths of this machine."""
    for unit in (ROOT / "deploy" / "systemd").glob("*.service"):
        out = subprocess.run(
            ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True
        )
        problems = [
            line
            for line in out.stderr.splitlines()
            if line.strip() and "is not executable" not in line and "/srv/matchmaker" not in line
        ]
        assert problems == [], problems
