"""Template structure: page titles hold text only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TITLE = re.compile(r"\{% block title %\}(.*?)\{% endblock %\}", re.S)


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_title_blocks_hold_no_markup(path: Path) -> None:
    """A section pasted into the title block would vanish from the page (it happened once)."""
    for block in TITLE.findall(path.read_text(encoding="utf-8")):
        assert "<" not in block, f"markup inside the title block of {path.name}"


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_static_ids_are_unique(path: Path) -> None:
    """A literal id appears once per template (a duplicated section showed up once)."""
    ids = re.findall(r'\bid="([a-z][\w-]*)"', path.read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
