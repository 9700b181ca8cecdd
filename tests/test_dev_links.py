"""Development links follow the port the server runs on (issue 24, item 8)."""

from __future__ import annotations

import os
import subprocess
import sys


def _public_url(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("PORT", "MATCHMAKER_PUBLIC_URL")}
    out = subprocess.run(
        [sys.executable, "-c", "from matchmaker.config import Config; print(Config.PUBLIC_URL)"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_public_url_follows_port() -> None:
    """PORT=5140 make run: emailed links point at 5140; without PORT at 5000; nonsense ignored;
    an explicit MATCHMAKER_PUBLIC_URL always wins."""
    assert _public_url(PORT="5140") == "http://127.0.0.1:5140"
    assert _public_url() == "http://127.0.0.1:5000"
    assert _public_url(PORT="99999") == "http://127.0.0.1:5000"
    assert (
        _public_url(PORT="5140", MATCHMAKER_PUBLIC_URL="https://example.org")
        == "https://example.org"
    )
