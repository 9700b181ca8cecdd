"""The steps of a takeover: the packaged list, or the operator's own file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from matchmaker.domain.takeover import Step, parse_steps

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "takeover_steps.json"
_configured: Path = DEFAULT


def configure(path: str | Path | None) -> list[Step]:
    """Use the operator's file (or the packaged one); a bad file stops the app at start-up
    with every problem named, rather than a page failing later."""
    global _configured
    _configured = Path(path) if path else DEFAULT
    return current()


def current() -> list[Step]:
    """The steps of the configured file."""
    return _read(str(_configured), _configured.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _read(path: str, _mtime: int) -> list[Step]:
    return parse_steps(Path(path).read_text(encoding="utf-8"))
