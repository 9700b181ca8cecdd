"""A holder cannot read back what a candidate did not share by moving their own listing (issue 30).

Each test puts two candidates side by side who differ only in items they do not share, moves
the holder's own inputs (goodwill, handover dates) to extremes, and compares what the holder's
API and candidate page say of them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.models import CandidateProfile, Practice
from matchmaker.services import practices
from tests.conftest import login
from tests.factories import create_candidate, create_practice, create_user, practice_input


def _seen(client: FlaskClient, profile: CandidateProfile) -> dict[str, Any] | None:
    """The holder's API item for this candidate, without the candidate's own reference."""
    for item in client.get("/api/v1/me/matches?limit=50").get_json()["items"]:
        if item["candidate"]["ref"] == profile.id:
            item["candidate"].pop("ref")
            return dict(item)
    return None


def _move(session: Session, listing: Practice, **changes: Any) -> None:
    """The holder edits their own published listing."""
    practices.update_listing(
        session=session, practice=listing, data=practice_input(postcode="8302", **changes)
    )


def test_an_unshared_goodwill_budget_cannot_be_read_with_the_listings_goodwill(
    client: FlaskClient, session: Session
) -> None:
    """Finding (high): minimum goodwill at €900,000 made the reason quote the candidate's
    budget ("boven het budget van de kandidaat van € 123.456") and moved practice_fit."""
    holder = create_user(session, Role.HOLDER)
    listing = create_practice(session, owner=holder, postcode="8302")
    rich = create_candidate(session, home_postcode="8302", goodwill_budget=123_456)
    poor = create_candidate(session, home_postcode="8302", goodwill_budget=0)
    login(client, holder.email)
    for low in (900_000, 1, None):
        _move(session, listing, goodwill_min=low, goodwill_max=low and low * 2)
        one, other = _seen(client, rich), _seen(client, poor)
        assert one is not None and one == other, low
        assert not any("budget" in r["key"] for r in one["reasons"])
    page = client.get(f"/candidates/{rich.id}?practice={listing.id}").get_data(as_text=True)
    assert "123.456" not in page and "123,456" not in page


def test_a_shared_budget_is_used_and_shown(client: FlaskClient, session: Session) -> None:
    """Shared, the budget counts and the holder reads it: the candidate chose so."""
    holder = create_user(session, Role.HOLDER)
    listing = create_practice(session, owner=holder, postcode="8302")
    profile = create_candidate(
        session, home_postcode="8302", goodwill_budget=123_456, share_with_holders=["budget"]
    )
    login(client, holder.email)
    _move(session, listing, goodwill_min=900_000, goodwill_max=1_000_000)
    item = _seen(client, profile)
    assert item is not None and item["candidate"]["goodwill_budget"] == 123_456
    assert any(r["key"] == "goodwill_over_budget" for r in item["reasons"])


def test_an_unshared_start_window_cannot_be_read_with_the_handover_dates(
    client: FlaskClient, session: Session
) -> None:
    """Finding (medium): timing gave the window to the day, and whether a candidate was in the
    list at all answered yes/no questions about it."""
    holder = create_user(session, Role.HOLDER)
    listing = create_practice(session, owner=holder, postcode="8302")
    soon = create_candidate(
        session,
        home_postcode="8302",
        earliest_start=date(2027, 1, 1),
        latest_start=date(2027, 2, 1),
    )
    late = create_candidate(
        session,
        home_postcode="8302",
        earliest_start=date(2031, 1, 1),
        latest_start=date(2031, 6, 1),
    )
    login(client, holder.email)
    for start, end in (
        (date(2027, 1, 10), date(2027, 1, 20)),
        (date(2031, 3, 1), date(2031, 4, 1)),
    ):
        _move(session, listing, handover_from=start, handover_until=end)
        one, other = _seen(client, soon), _seen(client, late)
        assert one is not None and one == other, start
        assert one["component_status"]["timing"] == "private"
        assert one["components"]["timing"] is None


def test_an_unshared_search_area_does_not_decide_who_is_listed(
    client: FlaskClient, session: Session
) -> None:
    """Moving a listing cannot find the edge of a search area the candidate keeps to
    themselves; a shared one keeps the holder out."""
    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder, postcode="9711")  # Groningen
    kept = create_candidate(session, home_postcode="3511", max_distance_km=20, search_regions=[])
    said = create_candidate(
        session,
        home_postcode="3511",
        max_distance_km=20,
        search_regions=[],
        share_with_holders=["area"],
    )
    login(client, holder.email)
    assert _seen(client, kept) is not None
    assert _seen(client, said) is None
    near = create_candidate(session, home_postcode="3512", max_distance_km=300, search_regions=[])
    one, other = _seen(client, kept), _seen(client, near)
    assert one is not None and other is not None
    assert one["score"] == other["score"]  # distance from the same municipality counts alike


def test_the_home_counts_only_as_its_municipality(client: FlaskClient, session: Session) -> None:
    """Two homes in one municipality look the same to a holder (the municipality is always
    shown, the postcode never)."""
    holder = create_user(session, Role.HOLDER)
    create_practice(session, owner=holder, postcode="8302")
    town = create_candidate(session, home_postcode="8302")  # Emmeloord
    farm = create_candidate(session, home_postcode="8316")  # Marknesse, also Noordoostpolder
    login(client, holder.email)
    assert _seen(client, town) == _seen(client, farm)
