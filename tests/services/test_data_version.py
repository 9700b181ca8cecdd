"""Change stamps: every write to a tracked table gives its topic a new token, nothing else does,
and the caches built on them see each change without being cleared."""

from __future__ import annotations

from sqlalchemy import insert, update
from sqlmodel import Session

from matchmaker.models import Practice, data_version
from matchmaker.services import matching, practices
from tests.factories import create_candidate, create_practice, create_user, practice_input


def _token(session: Session, topic: str) -> int:
    return data_version.read(session)[topic]


def test_a_new_listing_changes_the_practices_and_succession_tokens_only(
    session: Session,
) -> None:
    before = data_version.read(session)
    create_practice(session)
    after = data_version.read(session)
    moved = {"practices", data_version.SUCCESSION}
    assert all(after[k] != before[k] for k in moved)
    assert {k: v for k, v in after.items() if k not in moved} == {
        k: v for k, v in before.items() if k not in moved
    }


def test_only_what_the_index_reads_moves_the_succession_token(session: Session) -> None:
    """A new description is not worth recomputing the shortage index; new patients are."""
    practice = create_practice(session)
    before = data_version.read(session)
    practice.description = "Nieuwe tekst"
    session.add(practice)
    session.commit()
    middle = data_version.read(session)
    assert middle["practices"] != before["practices"]
    assert middle[data_version.SUCCESSION] == before[data_version.SUCCESSION]
    practice.patients += 100
    session.add(practice)
    session.commit()
    assert _token(session, data_version.SUCCESSION) != middle[data_version.SUCCESSION]


def test_demo_listings_never_move_the_succession_token(session: Session) -> None:
    """The index never reads demo listings, so saving one keeps the succession token; a
    listing that stops or starts being demo moves it."""
    practice = create_practice(session)
    practice.is_demo = True
    session.add(practice)
    session.commit()
    before = data_version.read(session)
    practice.patients += 100
    session.add(practice)
    session.commit()
    middle = data_version.read(session)
    assert middle["practices"] != before["practices"]
    assert middle[data_version.SUCCESSION] == before[data_version.SUCCESSION]
    practice.is_demo = False
    session.add(practice)
    session.commit()
    assert _token(session, data_version.SUCCESSION) != middle[data_version.SUCCESSION]


def test_an_unrelated_write_keeps_every_token(session: Session) -> None:
    before = data_version.read(session)
    create_user(session)
    assert data_version.read(session) == before


def test_bulk_statements_change_the_token(session: Session) -> None:
    owner = create_user(session)
    practice = create_practice(session, owner=owner)
    first = _token(session, "practices")
    session.execute(update(Practice).where(Practice.id == practice.id).values(patients=2000))
    second = _token(session, "practices")
    row = practice_input().model_dump() | {"owner_id": owner.id, "lat": 52.0, "lon": 5.0}
    row |= {"gemeentecode": practice.gemeentecode, "province": practice.province}
    session.execute(insert(Practice), [row])
    third = _token(session, "practices")
    assert len({first, second, third}) == 3


def test_a_rolled_back_write_never_brings_an_old_token_back(session: Session) -> None:
    practice = create_practice(session)
    start = _token(session, "practices")
    nested = session.begin_nested()
    practice.patients += 1
    session.flush()
    inside = _token(session, "practices")
    nested.rollback()
    assert _token(session, "practices") == start != inside
    create_practice(session)
    assert _token(session, "practices") not in (start, inside)


def test_the_match_cache_sees_a_new_listing_without_being_cleared(session: Session) -> None:
    cand = create_candidate(session, max_distance_km=60, search_regions=[])
    first = create_practice(session, postcode="3511")
    assert [
        i.match.practice_id
        for i in matching.for_candidate(session=session, profile=cand, limit=10).items
    ] == [first.id]
    second = create_practice(session, postcode="3512")
    ids = {
        i.match.practice_id
        for i in matching.for_candidate(session=session, profile=cand, limit=10).items
    }
    assert ids == {first.id, second.id}
    practices.set_status(session=session, practice=second, status="draft")
    ids = {
        i.match.practice_id
        for i in matching.for_candidate(session=session, profile=cand, limit=10).items
    }
    assert ids == {first.id}
