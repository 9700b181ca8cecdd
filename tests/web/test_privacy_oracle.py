"""The privacy oracle: nothing identifying reaches anyone without consent, on any page.

It builds a small world with an anonymous listing, a listing a recruiter imported for a
holder who has not claimed it, a trial day at the anonymous practice, and candidates who
share nothing with holders. Then, for each actor (a visitor, another holder, the anonymous
practice's own holder, candidates without consent, a recruiter of another region), it
requests every GET route of the URL map with every id that exists, follows every link on
the pages it gets and in the actor's own emails, and reads every answer - HTML, JSON, CSV,
ICS - and every email in the outbox. It fails when a string that identifies an anonymous
practice, or a household item a candidate did not share, reaches someone the rules in
``_may_know_*`` do not allow. The rules are written here again on purpose, independently
of the app's own ``services/disclosure``.

New pages and routes are crawled without editing this test. Limits: it looks for strings
unique to this world (names, streets, postcodes, contact details, a free text, an amount)
and for the exact location score and total of a pair in JSON; coded labels shared by many
people ("ICT", "huur") are left to the dedicated tests of each page.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any
from unittest.mock import patch
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, SQLModel, select
from werkzeug.routing import AnyConverter, IntegerConverter

from matchmaker.domain.alerts import Criteria
from matchmaker.domain.introductions import REVEALED
from matchmaker.domain.roles import Role
from matchmaker.domain.scoring import COMPONENTS
from matchmaker.models import (
    CandidateProfile,
    Introduction,
    OutboxMessage,
    Practice,
    User,
)
from matchmaker.models.campaign import CampaignEvent, CampaignEventInput, CampaignMember
from matchmaker.services import (
    accounts,
    campaigns,
    events,
    feeds,
    imports,
    introductions,
    matching,
)
from matchmaker.services.alerts import searches, sender
from tests.conftest import login
from tests.factories import (
    PASSWORD,
    create_campaign,
    create_candidate,
    create_practice,
    create_recruiter,
    create_user,
)

MAX_REQUESTS_PER_ACTOR = 450
MAX_VARIANTS_PER_PATH = 12  # the same page with other query strings
HIDDEN_BUDGET = 734_519  # a housing budget nobody else has
HIDDEN_ABOUT = "Wij zoeken rust bij de Zilvermeeuwhoeve"


@dataclass
class World:
    """Who is who, and what each must not learn."""

    actors: dict[str, User]
    practice_secrets: dict[int, list[str]]  # practice id -> its identifying strings
    household_secrets: dict[int, list[str]]  # candidate user id -> unshared items
    numeric_secrets: dict[int, list[float]]  # holder user id -> exact scores they must not see
    found_by_consent: list[tuple[str, str]] = field(default_factory=list)
    subjects: dict[str, Any] = field(default_factory=dict)  # whose private data is varied


def _accepted(session: Session, *where: Any) -> bool:
    """Whether an introduction that reached 'introduced' matches ``where``."""
    stmt = (
        select(Introduction)
        .join(CandidateProfile, CandidateProfile.id == Introduction.candidate_id)  # type: ignore[arg-type]
        .join(Practice, Practice.id == Introduction.practice_id)  # type: ignore[arg-type]
        .where(Introduction.status.in_(list(REVEALED)), *where)  # type: ignore[attr-defined]
    )
    return session.exec(stmt).first() is not None


def _may_know_practice(session: Session, practice: Practice, viewer: User | None) -> bool:
    """The holder, admins, the municipality's recruiters, and candidates the holder accepted."""
    if viewer is None:
        return False
    if viewer.id == practice.owner_id or viewer.role == Role.ADMIN:
        return True
    if viewer.role == Role.RECRUITER:
        return practice.gemeentecode in accounts.recruiter_regions(session=session, user=viewer)
    return _accepted(
        session, Introduction.practice_id == practice.id, CandidateProfile.user_id == viewer.id
    )


def _may_know_household(session: Session, candidate: User, viewer: User | None) -> bool:
    """The candidate, admins, and holders of a practice the candidate accepted (or was
    accepted by)."""
    if viewer is None:
        return False
    if viewer.id == candidate.id or viewer.role == Role.ADMIN:
        return True
    return _accepted(
        session, CandidateProfile.user_id == candidate.id, Practice.owner_id == viewer.id
    )


def _identifying(session: Session, practice: Practice) -> list[str]:
    owner = session.get(User, practice.owner_id)
    assert owner is not None
    found = [practice.name, practice.street or "", practice.contact_email or ""]
    found += [practice.contact_phone or "", owner.display_name, owner.email, practice.postcode]
    return [s for s in found if s]


def _build(app: Flask, session: Session) -> World:
    """The world: every flow runs through the services, as the web would run them."""
    holder = create_user(
        session, Role.HOLDER, email="hendrika@zilverberk.nl", display_name="Hendrika Zilverberk"
    )
    anonymous = create_practice(
        session,
        owner=holder,
        name="Praktijk Zilverberk",
        anonymous=True,
        postcode="9531",
        street="Verborgenlaan 13",
        contact_email="balie@zilverberk.nl",
        contact_phone="0599-271828",
    )
    other_holder = create_user(session, Role.HOLDER, display_name="Open Holder")
    open_practice = create_practice(
        session, owner=other_holder, name="Open Praktijk Utrecht", postcode="3512"
    )
    local_recruiter = create_recruiter(session, regions=("GM1681",), display_name="Regio Borger")
    far_recruiter = create_recruiter(session, regions=("GM0363",), display_name="Regio Amsterdam")

    secretive = create_user(
        session, Role.CANDIDATE, email="fenna.quist@example.org", display_name="Fenna Quist-Ovaal"
    )
    create_candidate(
        session,
        user=secretive,
        display_name="Fenna Quist-Ovaal",
        home_postcode="3512",
        max_distance_km=400,
        search_regions=[],
        housing_budget=HIDDEN_BUDGET,
        about=HIDDEN_ABOUT,
        share_with_holders=[],
    )
    stranger = create_user(session, Role.CANDIDATE, display_name="Cas Zonder Consent")
    create_candidate(session, user=stranger, display_name="Cas Zonder Consent")
    accepted = create_user(session, Role.CANDIDATE, display_name="Anouk Geaccepteerd")
    create_candidate(session, user=accepted, display_name="Anouk Geaccepteerd")

    with app.test_request_context(base_url="http://localhost"):
        introductions.express_interest(
            session=session, user=secretive, practice_id=anonymous.id or 0, message="Hallo"
        )
        welcome = introductions.express_interest(
            session=session, user=accepted, practice_id=anonymous.id or 0, message="Hoi"
        )
        introductions.respond(session=session, user=holder, intro_id=welcome.id or 0, accept=True)

        # A recruiter imports a 'published', named listing for a holder without an account.
        row = (
            "vos@vossenhol.nl;Dr. Reinout Vossenhol;Praktijk Vossenhol;nee;9533;Holweg 4;1.900;"
            "1,0;solo;nee;rented;01-03-2027;2027-09-01;gradual;;;4;12;3;1;;vossen@hol.nl;;"
            "published"
        )
        imports.run_import(
            session=session,
            kind="practices",
            data=f"{';'.join(imports.PRACTICE_COLUMNS)}\n{row}\n".encode(),
            user=local_recruiter,
            secret="test-secret",
        )
        imported = session.exec(select(Practice).where(Practice.name == "Praktijk Vossenhol")).one()

        campaign = create_campaign(
            session, local_recruiter, name="Drentse Dokters", municipalities=["GM1681"]
        )
        campaigns.set_practices(
            session=session,
            campaign=campaign,
            practice_ids=[anonymous.id or 0],
            secret="test-secret",
        )
        campaigns.invite(
            session=session,
            campaign=campaign,
            emails=[stranger.email, secretive.email, "nog.geen.account@example.org"],
        )
        # A text that names the practice, as stored before issue 30 refused it: what people
        # without consent are shown of it is masked word by word.
        with patch.object(events.disclosure, "naming_problems", lambda **_kw: []):
            events.plan(
                session=session,
                campaign=campaign,
                data=CampaignEventInput(
                    kind="trial_day",
                    title="Meeloopdag bij Praktijk Zilverberk",
                    day=date.today() + timedelta(days=20),
                    starts=time(9),
                    ends=time(16),
                    place="Verborgenlaan 13, Borger",
                    description="Dokter Zilverberk laat u de praktijk zien.",
                    capacity=4,
                    practice_id=anonymous.id,
                ),
            )

        # Saved searches and calendar feeds (issue 22): the candidate without consent keeps a
        # search the anonymous listing fits, and every account has a feed, linked from its
        # account page, so the alert emails and the feeds are read like any page.
        searches.save(
            session=session,
            user=stranger,
            scope="practices",
            criteria=Criteria(province=anonymous.province),
            frequency="instant",
            name="Drenthe",
        )
        sender.raise_alerts(session=session, practice_id=anonymous.id or 0)
        trial = session.exec(select(CampaignEvent)).one()
        events.sign_up(session=session, user=stranger, event_id=trial.id or 0)
        for person in (holder, other_holder, stranger, secretive, accepted, far_recruiter):
            feeds.renew(session=session, user=person)

    numeric: dict[int, list[float]] = {}
    ranked = matching.rank_for_practices(
        session=session, practices=[anonymous, open_practice], limit=50
    )
    profile = session.exec(
        select(CandidateProfile).where(CandidateProfile.user_id == secretive.id)
    ).one()
    for practice in (anonymous, open_practice):
        for match in ranked[practice.id or 0]:
            if match.candidate_id != profile.id:
                continue
            exact = [match.score, match.values.get("location")]
            numeric[practice.owner_id] = [
                float(v) for v in exact if v is not None and round(float(v) * 4) != float(v) * 4
            ]
    assert numeric.get(other_holder.id or 0), "the open practice must rank the candidate"

    return World(
        actors={
            "visitor": None,  # type: ignore[dict-item]
            "other holder": other_holder,
            "the anonymous practice's holder": holder,
            "candidate without consent": stranger,
            "candidate who asked, not yet accepted": secretive,
            "candidate the holder accepted": accepted,
            "recruiter of another region": far_recruiter,
        },
        practice_secrets={p.id or 0: _identifying(session, p) for p in (anonymous, imported)},
        household_secrets={
            secretive.id or 0: [
                "Fenna Quist-Ovaal",
                "fenna.quist@example.org",
                HIDDEN_ABOUT,
                f"{HIDDEN_BUDGET}",
                f"{HIDDEN_BUDGET:,}".replace(",", "."),
                f"{HIDDEN_BUDGET:,}",
            ]
        },
        numeric_secrets=numeric,
        subjects={
            "candidate": secretive,
            "practice": anonymous,
            "holder": holder,
            "open practice": open_practice,
            "event": trial,
        },
    )


# --- the crawl -------------------------------------------------------------------------------


def _ids_by_argument(session: Session) -> dict[str, list[int]]:
    """Every id that exists, by the URL argument that names its table; all ids for others."""
    by_table: dict[str, list[int]] = {}
    for table in SQLModel.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key:
            by_table[table.name] = list(session.exec(select(table.c.id)).all())  # type: ignore[call-overload]
    names = {
        "practice_id": "practices",
        "profile_id": "candidate_profiles",
        "intro_id": "introductions",
        "campaign_id": "campaigns",
        "event_id": "campaign_events",
        "offer_id": "region_offers",
        "user_id": "users",
        "notification_id": "notifications",
        "message_id": "messages",
    }
    everything = sorted({i for ids in by_table.values() for i in ids})
    out = {arg: by_table.get(table, everything) for arg, table in names.items()}
    out["*"] = everything
    return out


def _values(converter: Any, arg: str, ids: dict[str, list[int]], words: dict[str, list[str]]):
    if isinstance(converter, IntegerConverter):
        return ids.get(arg, ids["*"])
    if isinstance(converter, AnyConverter):
        return list(converter.items) if hasattr(converter, "items") else []
    return words.get(arg, [])


def _seeds(app: Flask, session: Session) -> list[str]:
    """Every GET route of the URL map with the ids and codes that exist."""
    ids = _ids_by_argument(session)
    tokens = list(session.exec(select(CampaignMember.token)).all())
    codes = sorted({p.gemeentecode for p in session.exec(select(Practice))})
    words = {
        "code": codes,
        "kind": [*imports.KINDS],
        "token": tokens,
    }
    urls: list[str] = []
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        for rule in app.url_map.iter_rules():
            if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
                continue
            args = sorted(rule.arguments)
            choices = [_values(rule._converters[a], a, ids, words) for a in args]
            for combo in itertools.islice(itertools.product(*choices), 300):
                try:
                    urls.append(adapter.build(rule.endpoint, dict(zip(args, combo, strict=True))))
                except Exception:  # a value the converter refuses: not a URL that exists
                    continue
    return urls


_LINK = re.compile(r'(?:href|hx-get|src|action)="(/[^"#]*)')
_SKIP = re.compile(r"^/(static/|logout|language|account/delete)")


def _links(text: str) -> list[str]:
    return [u.replace("&amp;", "&") for u in _LINK.findall(text) if not _SKIP.match(u)]


def _pdf_text(data: bytes) -> str:
    """The text of a PDF (letters, printouts), read like any page."""
    found = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(found.split())


def _crawl(client: FlaskClient, seeds: list[str]) -> Iterator[tuple[str, str, Any]]:
    """Every page reachable from the seeds: (url, text, parsed JSON or None)."""
    queue = deque(seeds)
    seen: set[str] = set()
    per_path: dict[str, int] = {}
    while queue and len(seen) < MAX_REQUESTS_PER_ACTOR:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or per_path.get(path, 0) >= MAX_VARIANTS_PER_PATH:
            continue
        seen.add(url)
        per_path[path] = per_path.get(path, 0) + 1
        response = client.get(url)
        text = (
            _pdf_text(response.data)
            if response.mimetype == "application/pdf"
            else (response.get_data(as_text=True))
        )
        data = None
        if response.is_json:
            data = response.get_json(silent=True)
        elif "html" in response.mimetype:
            queue.extend(_links(text))
        yield url, text, data


_TOKENS = re.compile(
    r'(name="csrf_token" value|name="csrf-token" content)="[^"]*"'
    r'|data-request-id="[^"]*"[^<]*'  # the random request id on error pages (a code to quote)
    r'|"request_id":\s*"[^"]*"'
)


def _leaks(text: str, secrets: list[str]) -> list[str]:
    cleaned = _TOKENS.sub("", text).lower()
    found = []
    for secret in secrets:
        if secret.isdigit():  # postcodes and amounts: whole numbers only
            if re.search(rf"(?<![\d.,]){re.escape(secret)}(?![\d.,]\d)", cleaned):
                found.append(secret)
        elif secret.lower() in cleaned:
            found.append(secret)
    return found


_DECIMAL = re.compile(r"(?<![\w.])0\.\d{2,}")  # scores in [0, 1] as pages print them


def _floats(data: Any) -> Iterator[float]:
    if isinstance(data, float):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _floats(value)
    elif isinstance(data, list):
        for value in data:
            yield from _floats(value)


def _check(
    session: Session, world: World, viewer: User | None, where: str, text: str, data: Any
) -> list[str]:
    problems = []
    for practice_id, secrets in world.practice_secrets.items():
        practice = session.get(Practice, practice_id)
        assert practice is not None
        leaked = _leaks(text, secrets)
        if leaked and _may_know_practice(session, practice, viewer):
            world.found_by_consent.append((where, leaked[0]))
        elif leaked:
            problems.append(f"{where}: practice {practice.name!r} shown by {leaked}")
    for candidate_id, secrets in world.household_secrets.items():
        candidate = session.get(User, candidate_id)
        assert candidate is not None
        leaked = _leaks(text, secrets)
        if leaked and not _may_know_household(session, candidate, viewer):
            problems.append(f"{where}: unshared household item(s) {leaked}")
    exact = world.numeric_secrets.get(viewer.id or 0, []) if viewer else []
    if exact:
        numbers = [*_floats(data), *(float(n) for n in _DECIMAL.findall(text))]
        shown = [x for x in numbers for e in exact if abs(x - round(e, 3)) < 1e-9 or x == e]
        if shown:
            problems.append(f"{where}: an exact score that bands hide ({shown[0]})")
    return problems


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="reads PDFs with pdftotext")
def test_nothing_identifying_reaches_anyone_without_consent(app: Flask, session: Session) -> None:
    """Crawl everything each actor can reach, read every email: no leak (issue 20)."""
    world = _build(app, session)
    seeds = _seeds(app, session)
    problems: list[str] = []
    crawled = feeds_read = 0
    for name, actor in world.actors.items():
        client = app.test_client()
        if actor is not None:
            assert login(client, actor.email, PASSWORD).status_code == 302, name
        own_mail = session.exec(
            select(OutboxMessage).where(OutboxMessage.to_email == (actor.email if actor else ""))
        ).all()
        mail_links = [
            urlsplit(u).path
            for m in own_mail
            for u in re.findall(r"http://localhost\S+", m.body_text)
        ]
        own_feed = (
            [f"/calendar/{actor.calendar_token}.ics"] if actor and actor.calendar_token else []
        )
        feeds_read += len(own_feed)
        for url, text, data in _crawl(client, ["/", *own_feed, *mail_links, *seeds]):
            crawled += 1
            problems += _check(session, world, actor, f"{name} GET {url}", text, data)

    by_address = {u.email: u for u in world.actors.values() if u is not None}
    for mail in session.exec(select(OutboxMessage)).all():
        viewer = by_address.get(mail.to_email) or accounts.find_user(
            session=session, email=mail.to_email
        )
        text = f"{mail.subject}\n{mail.body_text}\n{mail.body_html}"
        problems += _check(
            session, world, viewer, f"email {mail.kind} to {mail.to_email}", text, None
        )

    assert crawled > 300, "the crawl must reach the platform's pages"
    assert feeds_read >= 6, "every account's own calendar feed is read"
    kinds = {m.kind for m in session.exec(select(OutboxMessage))}
    assert "search_alert" in kinds, "a saved-search alert about the anonymous listing is read"
    assert any("accepted" in where for where, _ in world.found_by_consent), (
        "the oracle must see the practice where consent allows it, or it sees nothing"
    )
    assert problems == [], "\n".join(sorted(set(problems))[:40])


# --- differential mode (issue 30) --------------------------------------------------------------
#
# The crawl above reads a fixed world; it cannot see a holder who reads a candidate's private
# item back by moving their own listing. Here, for each actor without consent, every private
# item of the other party is changed to another valid value - before and after the actor
# moved their own inputs to extremes - and everything the actor can fetch must stay the same,
# byte for byte, apart from per-request tokens.

_PER_REQUEST = re.compile(
    r'(name="csrf_token" value|name="csrf-token" content)="[^"]*"'
    r'|data-request-id="[^"]*"'
    r'|"request_id":\s*"[^"]*"'
    r"|DTSTAMP:\S+"  # an ICS feed's time of writing
    r"|code: [0-9a-f]{12}"  # the request's code on an error page
    r'|"X-CSRFToken": "[^"]*"'
)


_OWN_LOG = ("audit_entries_about_you", "exported_at")


def _without_own_log(data: Any) -> Any:
    """A JSON answer without the actor's own audit log and the moment of writing (each crawl
    of the export adds to the one and moves the other)."""
    if isinstance(data, dict):
        return {k: _without_own_log(v) for k, v in data.items() if k not in _OWN_LOG}
    if isinstance(data, list):
        return [_without_own_log(v) for v in data]
    return data


def _everything(app: Flask, actor: User, seeds: list[str]) -> dict[str, str]:
    """Every page, fragment and file the actor reaches, by URL, per-request tokens out."""
    client = app.test_client()
    assert login(client, actor.email, PASSWORD).status_code == 302
    feed = [f"/calendar/{actor.calendar_token}.ics"] if actor.calendar_token else []
    return {
        url: _PER_REQUEST.sub("", json.dumps(_without_own_log(data)) if data else text)
        for url, text, data in _crawl(client, [*feed, *seeds])
    }


def _differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """URLs whose answer changed, or that one crawl reached and the other did not."""
    out = [f"reached in one world only: {u}" for u in sorted(set(before) ^ set(after))]
    for url in sorted(set(before) & set(after)):
        if before[url] != after[url]:
            a, b = before[url], after[url]
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), 0)
            out.append(
                f"{url}: …{a[max(0, at - 80) : at + 80]!r} ≠ …{b[max(0, at - 80) : at + 80]!r}"
            )
    return out


# A candidate's own weights as far as they go: all on place and time, nothing on the rest.
EXTREME_WEIGHTS = {c: 5 if c in ("location", "timing") else 0 for c in COMPONENTS}


def _differential(
    app: Flask,
    actor: User,
    seeds: list[str],
    *,
    vary: Callable[[int], None],
    move: Callable[[], None],
    label: tuple[str, str],
) -> list[str]:
    """Everything ``actor`` fetches in world 0 against world 1 (``vary`` makes one), and again
    after ``move`` put the actor's own inputs at extremes: what differs, by URL."""
    _everything(app, actor, seeds)  # reading settles what reading changes (notifications)
    problems = []
    for moved in (False, True):
        if moved:
            move()
        first = 1 if moved else 0  # each round starts from the world the last one left
        vary(first)
        before = _everything(app, actor, seeds)
        vary(1 - first)
        after = _everything(app, actor, seeds)
        assert len(before) > 150, label[0]
        where = f"{label[0]}{f' ({label[1]})' if moved else ''}"
        problems += [f"{where}: {d}" for d in _differences(before, after)]
    return problems


# Two profiles that agree on nothing a holder may see (stage, municipality, duo): every other
# field - budgets, start window, days, children, partner, home within Utrecht, search area,
# practice wishes, free text, name - differs.
_CANDIDATE_WORLDS = (
    {
        "display_name": "Fenna Quist-Ovaal",
        "home_postcode": "3512",
        "max_distance_km": 400,
        "search_regions": [],
        "housing_budget": HIDDEN_BUDGET,
        "about": HIDDEN_ABOUT,
        "share_with_holders": [],
    },
    {
        "display_name": "Fenna Ander-Woord",
        "home_postcode": "3511",
        "earliest_start": date.today() + timedelta(days=1400),
        "latest_start": date.today() + timedelta(days=1500),
        "days_per_week": 1,
        "max_distance_km": 5,
        "search_regions": ["Zeeland"],
        "forms_acceptable": ["group"],
        "dispensing_ok": False,
        "building_wishes": ["with_house"],
        "goodwill_budget": 0,
        "partner_work": "no_partner",
        "partner_sector": None,
        "children_birth_years": [2010],
        "housing_need": "rent",
        "housing_budget": 900,
        "bedrooms_min": 1,
        "about": "Een heel andere tekst over mijzelf",
        "share_with_holders": [],
    },
)


def _candidate_world(session: Session, world: World, k: int) -> None:
    from matchmaker.services import candidates
    from tests.factories import profile_input

    user = world.subjects["candidate"]
    candidates.save_profile(session=session, user=user, data=profile_input(**_CANDIDATE_WORLDS[k]))
    user.display_name = _CANDIDATE_WORLDS[k]["display_name"]
    session.add(user)
    session.commit()


def _listing_at_extremes(session: Session, practice: Practice) -> None:
    """The holder moves their own listing's goodwill and handover dates as far as they go."""
    from matchmaker.services import practices
    from tests.factories import practice_input

    data = practice_input(
        name=practice.name,
        anonymous=practice.anonymous,
        postcode=practice.postcode,
        street=practice.street,
        contact_email=practice.contact_email,
        contact_phone=practice.contact_phone,
        goodwill_min=900_000,
        goodwill_max=2_000_000,
        handover_from=date.today() + timedelta(days=1),
        handover_until=date.today() + timedelta(days=2),
        days_per_week=5,
    )
    practices.update_listing(session=session, practice=practice, data=data)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="reads PDFs with pdftotext")
def test_what_a_candidate_did_not_share_changes_nothing_a_holder_sees(
    app: Flask, session: Session
) -> None:
    """Differential mode for holders: the candidate's private items varied, before and after
    the holder moved their listing's goodwill and handover dates to extremes (issue 30)."""
    world = _build(app, session)
    seeds = _seeds(app, session)
    problems: list[str] = []
    holders = {
        "holder the candidate asked": world.subjects["holder"],
        "holder of a named listing": world.actors["other holder"],
    }
    own_listing = {
        "holder the candidate asked": world.subjects["practice"],
        "holder of a named listing": world.subjects["open practice"],
    }
    for name, holder in holders.items():
        problems += _differential(
            app,
            holder,
            seeds,
            vary=lambda k: _candidate_world(session, world, k),
            move=lambda name=name: _listing_at_extremes(session, own_listing[name]),
            label=(name, "listing at extremes"),
        )
    assert problems == [], "\n".join(problems[:30])


# The anonymous practice in two worlds: everything that identifies it differs (name, street,
# postcode within Borger-Odoorn, contact details, the holder's name); what every candidate may
# see (municipality, the listing's figures) is the same. A recruiter who named the holder in an
# event's text named the holder of that world.
_PRACTICE_WORLDS = (
    {
        "name": "Praktijk Zilverberk",
        "postcode": "9531",
        "street": "Verborgenlaan 13",
        "contact_email": "balie@zilverberk.nl",
        "contact_phone": "0599-271828",
        "holder": "Hendrika Zilverberk",
        "family": "Zilverberk",
    },
    {
        "name": "Huisartsen Berkenhout",
        "postcode": "9521",
        "street": "Dennenpad 2",
        "contact_email": "post@berkenhout.nl",
        "contact_phone": "0599-314159",
        "holder": "Gerrit Berkenhout",
        "family": "Berkenhout",
    },
)


def _practice_world(session: Session, world: World, k: int) -> None:
    from matchmaker.services import practices
    from tests.factories import practice_input

    new, old = _PRACTICE_WORLDS[k], _PRACTICE_WORLDS[1 - k]
    practice: Practice = world.subjects["practice"]
    holder: User = world.subjects["holder"]
    fields = {key: value for key, value in new.items() if key not in ("holder", "family")}
    data = practice_input(**fields, anonymous=True)
    practices.update_listing(session=session, practice=practice, data=data)
    holder.display_name = new["holder"]
    event: CampaignEvent = world.subjects["event"]
    for key in ("title", "description", "place"):
        text = getattr(event, key)
        for part in ("name", "holder", "street", "family"):
            text = text.replace(old[part], new[part])
        setattr(event, key, text)
    session.add_all([holder, event])
    session.commit()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="reads PDFs with pdftotext")
def test_what_identifies_an_anonymous_practice_changes_nothing_a_candidate_sees(
    app: Flask, session: Session
) -> None:
    """Differential mode for candidates: the anonymous practice's identity varied, before and
    after the candidate moved their own weights and home to extremes (issue 30)."""
    from matchmaker.services import candidates
    from matchmaker.services.matching import save_weights

    world = _build(app, session)
    seeds = _seeds(app, session)
    problems: list[str] = []
    for name in ("candidate without consent", "candidate who asked, not yet accepted"):
        actor = world.actors[name]
        profile = candidates.get_profile(session=session, user=actor)
        assert profile is not None
        problems += _differential(
            app,
            actor,
            seeds,
            vary=lambda k: _practice_world(session, world, k),
            move=lambda profile=profile: save_weights(
                session=session, profile=profile, weights=EXTREME_WEIGHTS
            ),
            label=(name, "own weights at extremes"),
        )
    assert problems == [], "\n".join(problems[:30])
