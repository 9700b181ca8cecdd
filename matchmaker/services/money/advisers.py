"""Independent advisers an operator lists (an association, accountants, banks' health desks)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from matchmaker.domain.errors import Code, DomainError, Issue, raise_if

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "advisers.json"
KINDS = ("association", "accountant", "bank", "other")
MAX_ADVISERS = 30
_configured: Path = DEFAULT


@dataclass(frozen=True)
class Adviser:
    """One place to get advice."""

    name: str
    kind: str
    url: str
    about: dict[str, str]


def _check(i: int, raw: object) -> list[Issue]:
    where = f"advisers[{i}]"
    if not isinstance(raw, dict):
        return [Issue(where, Code.MALFORMED, "not an object")]
    issues = []
    if not isinstance(raw.get("name"), str) or not 0 < len(raw["name"]) <= 120:
        issues.append(Issue(f"{where}.name", Code.REQUIRED, "a name"))
    if raw.get("kind") not in KINDS:
        issues.append(Issue(f"{where}.kind", Code.INVALID_CHOICE, "/".join(KINDS)))
    url = raw.get("url")
    parts = urlsplit(url) if isinstance(url, str) else None
    if not isinstance(url, str) or parts is None or parts.scheme != "https" or len(url) > 300:
        issues.append(Issue(f"{where}.url", Code.MALFORMED, "an https address"))
    elif not parts.hostname:
        issues.append(Issue(f"{where}.url", Code.MALFORMED, "an https address"))
    about = raw.get("about")
    if not isinstance(about, dict) or not all(
        isinstance(about.get(lang), str) for lang in ("nl", "en")
    ):
        issues.append(Issue(f"{where}.about", Code.MISSING, "a text in nl and en"))
    return issues


def parse(text: str) -> list[Adviser]:
    """The advisers of an operator's file (DomainError naming every problem)."""
    try:
        raw = json.loads(text).get("advisers")
    except (ValueError, AttributeError):
        raise DomainError([Issue("advisers", Code.MALFORMED, "not JSON")]) from None
    if not isinstance(raw, list) or len(raw) > MAX_ADVISERS:
        raise DomainError([Issue("advisers", Code.MALFORMED, f"a list of at most {MAX_ADVISERS}")])
    raise_if([issue for i, a in enumerate(raw) for issue in _check(i, a)])
    return [Adviser(a["name"], a["kind"], a["url"], dict(a["about"])) for a in raw]


def configure(path: str | Path | None) -> list[Adviser]:
    """Use the operator's file (or the packaged one); a bad file stops the app at start-up."""
    global _configured
    _configured = Path(path) if path else DEFAULT
    return current()


def current() -> list[Adviser]:
    """The configured advisers, in the file's order."""
    return _read(str(_configured), _configured.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _read(path: str, _mtime: int) -> list[Adviser]:
    return parse(Path(path).read_text(encoding="utf-8"))
