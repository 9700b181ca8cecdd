"""Practice listings: location, validation, ownership, public view and search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, func, select

from matchmaker.domain.errors import DomainError, NotFound, PostcodeError
from matchmaker.domain.roles import Role
from matchmaker.models import Practice
from matchmaker.services import practices
from matchmaker.services.practices import PracticeFilters
from tests.factories import create_practice, create_user, practice_input


def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Practice)).one()


def test_listing_derives_municipality_province_and_point(session: Session) -> None:
    """The postcode decides municipality, province and coordinates."""
    practice = create_practice(session, postcode="7811 AB")
    assert (practice.postcode, practice.gemeentecode, practice.province) == (
        "7811",
        "GM0114",
        "Drenthe",
    )
    assert 52.7 < practice.lat < 52.9


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"postcode": "0000"}, PostcodeError),
        ({"postcode": "1000"}, PostcodeError),
        ({"handover_until": date.today()}, DomainError),
        ({"goodwill_min": 50_000, "goodwill_max": 1_000}, DomainError),
    ],
)
def test_invalid_listing_stores_nothing(
    session: Session, overrides: dict[str, object], error: type[Exception]
) -> None:
    """Bad input raises and leaves no row behind."""
    owner = create_user(session, Role.HOLDER)
    before = _count(session)
    with pytest.raises(error):
        practices.create_listing(session=session, owner=owner, data=practice_input(**overrides))
    assert _count(session) == before


def test_only_the_owner_gets_their_listing(session: Session) -> None:
    """Another holder's listing is NotFound, as if it did not exist."""
    practice = create_practice(session)
    other = create_user(session, Role.HOLDER)
    with pytest.raises(NotFound):
        practices.get_owned(session=session, practice_id=practice.id, owner=other)
    owner_view = practices.get_owned(
        session=session, practice_id=practice.id, owner=practices_owner(session, practice)
    )
    assert owner_view.id == practice.id


def practices_owner(session: Session, practice: Practice):
    from matchmaker.models import User

    return session.get(User, practice.owner_id)


def test_anonymous_public_view_hides_name(session: Session) -> None:
    """An anonymous listing's title names only the municipality."""
    practice = create_practice(session, anonymous=True, name="Praktijk Geheim")
    public = practices.to_public(practice)
    assert public.title == "Huisartsenpraktijk in Noordoostpolder"
    assert "Geheim" not in public.model_dump_json()
    assert not {"street", "contact_email", "contact_phone", "owner_id", "name"} & set(
        public.model_dump()
    )


def test_drafts_and_handed_over_listings_are_not_public(session: Session) -> None:
    """Only published and in-talks listings can be seen by others."""
    draft = create_practice(session, status="draft")
    done = create_practice(session, status="handed_over")
    talks = create_practice(session, status="in_talks")
    for hidden in (draft, done):
        with pytest.raises(NotFound):
            practices.get_public(session=session, practice_id=hidden.id)
    assert practices.get_public(session=session, practice_id=talks.id).status == "in_talks"


def test_search_filters_and_orders_by_handover(session: Session) -> None:
    """Province, form, dispensing and handover-window filters narrow the list."""
    soon = date.today() + timedelta(days=60)
    late = date.today() + timedelta(days=900)
    a = create_practice(
        session,
        postcode="4331",
        form="solo",
        dispensing=True,
        handover_from=late,
        handover_until=late + timedelta(days=30),
    )  # Middelburg
    b = create_practice(
        session,
        postcode="4331",
        form="group",
        handover_from=soon,
        handover_until=soon + timedelta(days=30),
    )
    create_practice(session, postcode="1011", form="solo")  # Amsterdam
    create_practice(session, postcode="4331", status="draft")

    def ids(**kw: object) -> list[int]:
        page = practices.search_public(
            session=session, filters=PracticeFilters(**kw), page=1, per_page=50
        )
        return [p.id for p in page.items]

    assert ids(province="Zeeland") == [b.id, a.id]
    assert ids(province="Zeeland", form="solo") == [a.id]
    assert ids(province="Zeeland", dispensing=True) == [a.id]
    assert ids(province="Zeeland", window_until=soon + timedelta(days=10)) == [b.id]
    assert ids(province="Zeeland", window_from=late) == [a.id]
    assert ids(gemeentecode="GM0363") and all(
        p.gemeentecode == "GM0363"
        for p in practices.search_public(
            session=session, filters=PracticeFilters(gemeentecode="GM0363"), page=1, per_page=50
        ).items
    )


def test_pagination_reports_total_and_pages(session: Session) -> None:
    """A page holds per_page items and knows the total."""
    for _ in range(5):
        create_practice(session, postcode="9401")
    page = practices.search_public(
        session=session, filters=PracticeFilters(province="Drenthe"), page=2, per_page=2
    )
    assert (len(page.items), page.total, page.pages, page.has_prev, page.has_next) == (
        2,
        5,
        3,
        True,
        True,
    )


def test_update_moves_listing_and_status(session: Session) -> None:
    """Editing the postcode moves the listing; status changes are saved."""
    practice = create_practice(session)
    practices.update_listing(
        session=session, practice=practice, data=practice_input(postcode="9711")
    )
    assert practice.gemeentecode == "GM0014"
    practices.set_status(
        session=session, practice=practice, status=practices.ListingStatus.IN_TALKS
    )
    assert session.get(Practice, practice.id).status == "in_talks"
