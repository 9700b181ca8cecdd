"""Every page each role reaches, and every email the demo sends, in Dutch and in English:
no English message may reach a Dutch page untranslated, and no Dutch one an English page."""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from functools import lru_cache
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.config import ROOT
from matchmaker.services import seed
from tests.conftest import csrf_token
from tests.crawl import SKIP, START, kind_of

MAX_PAGES = 60  # per role and language; pages of one kind (/practices/12, /13) count once
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}")


def _chunks(text: str) -> list[str]:
    """The literal stretches of a message long enough to be recognised on a page."""
    return [
        c.strip(" .,:;—-")
        for c in PLACEHOLDER.split(text)
        if len(c.strip()) >= 20 and len(c.split()) >= 4
    ]


@lru_cache(maxsize=1)
def _catalogue() -> tuple[frozenset[str], frozenset[str]]:
    """English and Dutch stretches of every translated message that differ between the two."""
    with (ROOT / "translations/nl/LC_MESSAGES/messages.po").open("rb") as fh:
        nl = read_po(fh)
    english, dutch = set(), set()
    for m in nl:
        if not m.id or m.fuzzy:
            continue
        ids = (m.id,) if isinstance(m.id, str) else tuple(m.id)
        strings = (m.string,) if isinstance(m.string, str) else tuple(m.string)
        for source, target in zip(ids, strings, strict=False):
            if not target or source == target:
                continue
            english.update(c for c in _chunks(source) if c not in target)
            dutch.update(c for c in _chunks(target) if c not in source)
    return frozenset(english), frozenset(dutch)


def _visible(page: str) -> str:
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _foreign(text: str, language: str) -> list[str]:
    english, dutch = _catalogue()
    other = english if language == "nl" else dutch
    return sorted(c for c in other if c in text)[:5]


def _links(page: str) -> list[str]:
    out = []
    for href in re.findall(r'href="([^"#]+)', page):
        href = html.unescape(href)
        parts = urlsplit(href)
        if parts.netloc or SKIP.search(href) or not href.startswith("/"):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


@pytest.fixture
def demo(session: Session) -> Session:
    """A small demo: the named accounts, their listings, profile, campaign and offers."""
    seed.seed_demo(session=session, n_practices=30, n_candidates=10)
    return session


def _crawl(client: FlaskClient, language: str) -> tuple[int, list[str]]:
    queue = deque(START)
    seen: set[str] = set()
    problems: list[str] = []
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        if kind_of(path) in seen:
            continue
        seen.add(kind_of(path))
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        visited += 1
        page = response.get_data(as_text=True)
        found = _foreign(_visible(page), language)
        if found:
            problems.append(f"{path}: {found}")
        queue.extend(_links(page))
    return visited, problems


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "email", [None, seed.HOLDER_EMAIL, seed.STARTER_EMAIL, seed.RECRUITER_EMAIL, seed.ADMIN_EMAIL]
)
def test_no_message_reaches_a_page_untranslated(
    app: Flask, demo: Session, email: str | None, language: str
) -> None:
    """Crawl every page the role reaches, in the chosen language."""
    client = app.test_client()
    client.post(
        "/language", data={"lang": language, "next": "/", "csrf_token": csrf_token(client, "/")}
    )
    if email:
        client.post(
            "/login",
            data={"email": email, "password": seed.DEMO_PASSWORD, "csrf_token": csrf_token(client)},
        )
    visited, problems = _crawl(client, language)
    assert visited >= 8
    assert not problems, "\n".join(problems)


class Stub:
    """Whatever an email template asks of its context: enough to render every branch's text."""

    DATES = {"day", "stop", "starts_on", "ends_on", "planned_stop", "handover_from"}

    def __getattr__(self, name: str) -> object:
        if name in self.DATES:
            return date(2027, 3, 1)
        if name in ("starts", "ends"):
            return time(10) if name == "starts" else time(16)
        if name.endswith("_at"):
            return datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
        if name in ("kind",):
            return "introduction_day"
        return Stub()

    def __call__(self, *args: object, **kwargs: object) -> Stub:
        return Stub()

    def __getitem__(self, key: object) -> Stub:
        return Stub()

    def __iter__(self) -> Iterator[Stub]:
        return iter([Stub()])

    def __len__(self) -> int:
        return 2

    def __int__(self) -> int:
        return 2

    __index__ = __int__

    def __float__(self) -> float:
        return 0.8

    def __mul__(self, other: object) -> float:
        return 0.8

    __rmul__ = __add__ = __radd__ = __sub__ = __truediv__ = __mul__

    def __str__(self) -> str:
        return "Stub"

    def __lt__(self, other: object) -> bool:
        return False

    __gt__ = __le__ = __ge__ = __lt__


def _email_kinds() -> list[str]:
    return sorted(
        p.stem for p in (ROOT / "templates/email").glob("*.txt") if not p.stem.startswith("_")
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_email_template_reads_in_one_language(app: Flask, language: str) -> None:
    """Each email, subject, text and HTML, rendered in Dutch and in English."""
    from matchmaker.web.mail import render_mail

    problems = []
    with app.test_request_context(base_url="http://localhost"):
        for kind in _email_kinds():
            context = {
                name: Stub()
                for name in (
                    "recipient campaign event practice entries items token activation title"
                    " practice_title sender intro_id inviter_name campaign_name changed"
                    " has_account from_holder areas offers message url campaign_id event_id"
                    " search_name municipality province unsubscribe_token"
                ).split()
            }
            context |= {"changed": ["day", "place"], "campaign_id": 1, "event_id": 1, "intro_id": 1}
            context |= {
                "practice_id": 1,
                "items": [{"practice_id": 1, "title": "T", "municipality": "M", "score": 0.8}],
            }
            mail = render_mail(kind, language, context)
            text = f"{mail.subject} {mail.text} {_visible(mail.html)}"
            if found := _foreign(" ".join(text.split()), language):
                problems.append(f"{kind}: {found}")
    assert len(_email_kinds()) >= 18
    assert not problems, "\n".join(problems)


def test_the_catalogue_check_would_see_an_untranslated_message() -> None:
    """The check is not empty-handed: a known English message is recognised in a Dutch text."""
    english, dutch = _catalogue()
    assert len(english) > 200 and len(dutch) > 200
    sentence = (
        "Every household question is optional except your home postcode, which we need for"
        " distances."
    )
    assert _foreign(f"Uw gegevens. {sentence} Verder.", "nl")
    assert not _foreign(f"Uw gegevens. {sentence} Verder.", "en")
