"""Which saved searches a listing fits: the match score, the owner, changes seen."""

from __future__ import annotations

from sqlmodel import Session

from matchmaker.domain.alerts import Criteria
from matchmaker.domain.roles import Role
from matchmaker.services import matching
from matchmaker.services.alerts import matcher, searches
from tests.factories import create_candidate, create_practice, create_user


def _search(session: Session, user, **criteria: object):  # type: ignore[no-untyped-def]
    return searches.save(
        session=session,
        user=user,
        scope="matches",
        criteria=Criteria(**criteria),  # type: ignore[arg-type]
        frequency="daily",
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
