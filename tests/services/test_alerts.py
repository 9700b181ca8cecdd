"""Which saved searches a listing fits: the match score, the owner, changes seen."""

from __future__ import annotations

from sqlmodel import Session

from matchmaker.domain.alerts import Criteria
from matchmaker.domain.roles import Role
from matchmaker.services import matching
from matchmaker.services.alerts import matcher, searches
from tests.factories import create_candidate, create_practice, create_user


def _search(  # type: ignore[no-untyped-def]
    session: Session, user, frequency: str = "daily", scope: str = "matches", **criteria: object
):
    return searches.save(
        session=session,
        user=user,
        scope=scope,
        criteria=Criteria(**criteria),  # type: ignore[arg-type]
        frequency=frequency,
        name="s",
    )


def test_min_score_is_the_owners_own_match_score(session: Session) -> None:
    """A search asking at least the listing's score fits; one asking more does not."""
    user = create_user(session, Role.CANDIDATE)
    profile = create_candidate(session, user=user, max_distance_km=200, search_regions=[])
    practice = create_practice(session, postcode="3511")
    score = matching.pair_score(
        session=session, profile=profile, practice=practice, weights=profile.match_weights
    )
    low = _search(session, user, min_score=int(score * 100) - 1)
    high = _search(session, user, min_score=min(100, int(score * 100) + 2))
    fitted = {s for s, _u in matcher.fitting(session, practice)}
    assert low.id in fitted and high.id not in fitted


def test_own_listing_never_alerts_and_a_moved_home_is_seen(session: Session) -> None:
    """The owner of the listing is left out; a profile's new home counts at the next listing."""
    holder = create_user(session, Role.HOLDER)
    _search(session, holder)  # a holder with a search: their own listing is not news to them
    user = create_user(session, Role.CANDIDATE)
    profile = create_candidate(session, user=user, home_postcode="9711")  # Groningen
    near = _search(session, user, max_distance_km=20)
    utrecht = create_practice(session, owner=holder, postcode="3511")
    assert matcher.fitting(session, utrecht) == []
    profile.home_lat, profile.home_lon = 52.09, 5.12  # moved to Utrecht
    session.add(profile)
    session.commit()
    assert matcher.fitting(session, utrecht) == [(near.id, user.id)]


# --- alerts only on news (issue 30, item 6) ----------------------------------------------------


def _after_request(session: Session) -> int:
    """What the web layer does after a request: raise alerts for the listings it changed."""
    from matchmaker.services.alerts import changes, sender

    return sum(
        sender.raise_alerts(session=session, practice_id=pid, before=before)
        for pid, before in changes.take_changed(session).items()
    )


def _instant(session: Session, user, **criteria: object):  # type: ignore[no-untyped-def]
    return _search(session, user, frequency="instant", scope="practices", **criteria)


def _edit(session: Session, practice, **changes: object) -> None:  # type: ignore[no-untyped-def]
    from matchmaker.services import practices
    from tests.factories import practice_input

    fields = {"postcode": practice.postcode, "status": practice.status}
    practices.update_listing(
        session=session, practice=practice, data=practice_input(**{**fields, **changes})
    )


def _mails(session: Session) -> list[str]:
    from sqlmodel import select

    from matchmaker.models import OutboxMessage

    found = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "search_alert"))
    return [m.to_email for m in found]


def test_an_edit_of_what_nobody_filtered_on_alerts_nobody(session: Session) -> None:
    """Finding: editing a published listing sent 'Nieuwe praktijk voor uw zoekopdracht' again
    - to a search saved after the listing was published, whenever the holder saved it."""
    from sqlmodel import select

    from matchmaker.models import Practice
    from matchmaker.services import practices

    listing = create_practice(session, postcode="4331")  # Middelburg, Zeeland
    _after_request(session)
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user)
    _instant(session, user, province="Zeeland")
    for text in ("Nieuwe tekst", "Nog een tekst"):
        _edit(session, listing, description=text)
        assert _after_request(session) == 0
    practices.set_status(session=session, practice=listing, status="published")  # saved again
    assert _after_request(session) == 0 and _mails(session) == []
    assert session.exec(select(Practice)).one().description == "Nog een tekst"


def test_a_change_into_a_search_alerts_once(session: Session) -> None:
    """A listing that moves into what a search asks is news, once; moving out and back is not."""
    listing = create_practice(session, postcode="4331", form="solo")
    _after_request(session)
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user)
    _instant(session, user, province="Zeeland", form="duo")
    _edit(session, listing, form="duo")
    assert _after_request(session) == 1 and _mails(session) == [user.email]
    for form in ("solo", "duo"):
        _edit(session, listing, form=form)
        assert _after_request(session) == 0
    assert _mails(session) == [user.email]


def test_first_publication_alerts_and_a_new_search_does_not_tell_twice(session: Session) -> None:
    """Published: the searcher hears once. A new search after deleting the old one, and a
    withdrawal and return of the listing, do not tell the same person again."""
    from matchmaker.services import practices

    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user)
    first = _instant(session, user, province="Zeeland")
    listing = create_practice(session, postcode="4331", status="draft")
    practices.set_status(session=session, practice=listing, status="published")
    assert _after_request(session) == 1
    searches.delete(session=session, user=user, search_id=first.id or 0)
    _instant(session, user, province="Zeeland")
    practices.set_status(session=session, practice=listing, status="withdrawn")
    _after_request(session)
    practices.set_status(session=session, practice=listing, status="published")
    assert _after_request(session) == 0
    late = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=late)
    _instant(session, late, province="Zeeland")
    practices.set_status(session=session, practice=listing, status="withdrawn")
    _after_request(session)
    practices.set_status(session=session, practice=listing, status="published")
    assert _after_request(session) == 1  # back on the market: news to who never heard
    assert sorted(_mails(session)) == sorted([user.email, late.email])
