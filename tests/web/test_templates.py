"""Template structure: page titles hold text only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session

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


def test_every_public_page_describes_itself(client: FlaskClient, session: Session) -> None:
    """Search engines and shared links get a meta description in the page's language."""
    from tests.factories import create_practice

    practice = create_practice(session, anonymous=True)
    for path in ("/", "/practices", f"/practices/{practice.id}", "/map", "/regions/GM0171"):
        html = client.get(path).get_data(as_text=True)
        found = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert found and len(found.group(1)) >= 50, path
    page = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert "Huisartsenpraktijk in Noordoostpolder" in re.search(
        r'<meta name="description" content="([^"]+)"', page
    ).group(1)  # type: ignore[union-attr]
