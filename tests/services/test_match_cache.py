"""The match caches follow every write by patching the rows that changed (issue 21): after
any mix of saves, publishing, withdrawing, deleting and duo changes, the patched features and
the shortage index scored again where reports moved equal those built from scratch, and a
save reads back only the rows it touched."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update
from sqlmodel import Session, select

from matchmaker.models import CandidateProfile, Practice
from matchmaker.services import matching, practices, shortage
from matchmaker.services.matching import cache, rows
from tests.factories import create_candidate, create_practice, practice_input


def _same(a: Any, b: Any) -> None:
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if x is None or y is None:
            assert x is None and y is None, f.name
        else:
            np.testing.assert_array_equal(np.asarray(x), np.asarray(y), err_msg=f.name)


def _fresh(session: Session) -> tuple[Any, Any]:
    """Features built from every row, leaving the patched caches as they are."""
    from matchmaker.services import offers

    _, levels = shortage.levels_for_table(session)
    rows = cache._practice_source(session).read(None)[2]
    practices_now = cache._gathered(rows, levels, offers.arrays(session))
    ids, _, features = cache._candidate_source(session).read(None)
    return practices_now, matching.CandidatePool(np.asarray(ids, dtype=np.int64), features)


ACTIONS = st.lists(
    st.sampled_from(["new", "edit", "withdraw", "republish", "delete", "profile", "duo"]),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS, patients=st.integers(min_value=100, max_value=9_000))
def test_patched_caches_equal_a_fresh_build(
    session: Session, actions: list[str], patients: int
) -> None:
    """Whatever was written, the patched arrays are the freshly built ones."""
    listings = [create_practice(session, name=f"P{i}") for i in range(3)]
    profiles = [create_candidate(session, display_name=f"C{i}") for i in range(3)]
    matching.public_practices(session)
    matching.candidate_pool(session)  # warm: what follows patches
    for n, action in enumerate(actions):
        target = listings[n % len(listings)]
        if action == "new":
            listings.append(create_practice(session, name=f"N{n}", patients=patients))
        elif action == "edit" and session.get(Practice, target.id) is not None:
            practices.update_listing(
                session=session, practice=target, data=practice_input(patients=patients + n)
            )
        elif action in ("withdraw", "republish") and session.get(Practice, target.id):
            target.status = "draft" if action == "withdraw" else "published"
            session.add(target)
            session.commit()
        elif action == "delete" and session.get(Practice, target.id) is not None:
            session.delete(target)
            session.commit()
        elif action == "profile":
            profile = profiles[n % len(profiles)]
            profile.max_distance_km = 50 + n
            profile.earliest_start = date(2027, 1 + n % 12, 1)
            session.add(profile)
            session.commit()
        elif action == "duo":
            first, second = profiles[0], profiles[1]
            first.duo_partner_id, second.duo_partner_id = second.id, first.id
            session.add_all([first, second])
            session.commit()
            second.home_lat += 0.01  # the partner moves: the first's features change too
            session.add(second)
            session.commit()
        patched_p, patched_c = matching.public_practices(session), matching.candidate_pool(session)
        fresh_p, fresh_c = _fresh(session)
        _same(patched_p, fresh_p)
        _same(patched_c.features, fresh_c.features)
        np.testing.assert_array_equal(patched_c.ids, fresh_c.ids)
        for kept in (cache.practice_rows(session), cache.candidate_rows(session)):
            assert kept.tally == rows.census(kept.ids.tolist())  # kept by what changed
        assert shortage.current(session).by_code == shortage.from_scratch(session)
    for row in [*session.exec(select(Practice)).all(), *session.exec(select(CandidateProfile))]:
        session.delete(row)  # hypothesis runs every example in the same transaction
    session.commit()


def test_a_save_reads_back_only_the_row_it_changed(session: Session) -> None:
    """One listing saved: one row read again, not all of them."""
    listings = [create_practice(session, name=f"P{i}") for i in range(5)]
    matching.public_practices(session)
    practices.update_listing(
        session=session, practice=listings[2], data=practice_input(patients=4321)
    )
    rows = cache.practice_rows(session)
    assert rows.changed == 1
    features = matching.public_practices(session)
    index = int(np.flatnonzero(features.ids == listings[2].id)[0])
    assert features.patients[index] == 4321


def test_an_edit_is_written_into_copies_in_place_and_counts_only_what_changed(
    session: Session, monkeypatch: Any
) -> None:
    """A save of a listing already held replaces its row in copies of the arrays: the arrays
    a request may still be ranking with stay as they were, the ids stay in place, and no
    census is taken of every row in Python."""
    listings = [create_practice(session, name=f"P{i}", patients=1000 + i) for i in range(6)]
    before = cache.practice_rows(session)
    kept = before.features.patients.copy()
    counted: list[int] = []
    real_census = rows.census

    def census(ids: Any) -> tuple[int, int, int]:
        values = list(ids)
        counted.append(len(values))
        return real_census(values)

    monkeypatch.setattr(rows, "census", census)
    practices.update_listing(
        session=session, practice=listings[3], data=practice_input(patients=4321)
    )
    after = cache.practice_rows(session)
    assert after.ids is before.ids  # no row came or went: nothing was sorted again
    np.testing.assert_array_equal(before.features.patients, kept)
    assert after.features.patients[int(np.flatnonzero(after.ids == listings[3].id)[0])] == 4321
    assert counted and max(counted) <= 1  # the changed row at most, never all six
    assert after.tally == real_census(after.ids.tolist())


def test_a_deletion_beside_a_row_with_an_old_stamp_is_not_missed(session: Session) -> None:
    """A listing deleted outright while another arrives with an old change stamp (a bulk load
    that keeps its stamps): the number of listings stays the same, the census of their ids
    does not, so every stamp is compared and both changes are seen."""
    from datetime import timedelta

    from matchmaker.models._common import utcnow

    listings = [create_practice(session, name=f"P{i}") for i in range(3)]
    matching.public_practices(session)
    session.delete(listings[0])
    session.commit()
    newcomer = create_practice(session, name="Nieuw")
    old = utcnow() - timedelta(days=30)
    session.execute(
        update(Practice).where(Practice.id == newcomer.id).values(updated_at=old)  # type: ignore[arg-type]
    )
    session.commit()
    ids = set(matching.public_practices(session).ids.tolist())
    assert listings[0].id not in ids and newcomer.id in ids


def test_public_views_are_read_again_only_when_a_listing_changed(session: Session) -> None:
    """A match page's listings come from memory while their change stamp stands; a save
    (even one that moves no score, like the description) shows at once."""
    from sqlalchemy import event

    listings = [create_practice(session, name=f"P{i}") for i in range(3)]
    ids = [p.id or 0 for p in listings]
    first = cache.public_views(session, ids)
    assert [first[i].title for i in ids] == ["P0", "P1", "P2"]
    statements: list[str] = []
    engine = session.get_bind()

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        again = cache.public_views(session, ids)
        read = [s for s in statements if "FROM practices" in s and "description" in s]
        assert read == [] and again[ids[1]] is first[ids[1]]
        practices.update_listing(
            session=session,
            practice=listings[1],
            data=practice_input(name="P1", description="Nieuwe tekst"),
        )
        statements.clear()
        after = cache.public_views(session, ids)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert after[ids[1]].description == "Nieuwe tekst"
    assert after[ids[0]] is first[ids[0]]  # the others were not read again
    assert len([s for s in statements if "FROM practices" in s and "description" in s]) == 1


def test_a_ranking_is_remembered_until_one_of_its_inputs_changes(
    session: Session, monkeypatch: Any
) -> None:
    """The same candidate, weights and filters over unchanged listings rank once; a saved
    listing, other weights or a changed profile rank again and show the change."""
    from matchmaker.domain import scoring

    listing = create_practice(session, name="Eerste", patients=2500)
    create_practice(session, name="Tweede", patients=2600)
    profile = create_candidate(session)
    scored: list[int] = []
    real_score = scoring.score

    def counting(*args: Any, **kwargs: Any) -> Any:
        scored.append(1)
        return real_score(*args, **kwargs)

    monkeypatch.setattr(scoring, "score", counting)

    def ranked(**kwargs: Any) -> dict[int, float]:
        found = matching.rank_for_candidate(session=session, profile=profile, limit=10, **kwargs)
        return {m.practice_id: m.score for m in found}

    first = ranked()
    assert ranked() == first and len(scored) == 1  # remembered
    practices.update_listing(
        session=session, practice=listing, data=practice_input(name="Eerste", patients=9_000)
    )
    after_save = ranked()
    assert len(scored) == 2 and after_save[listing.id or 0] != first[listing.id or 0]
    ranked(weights={"practice_fit": 5})
    assert len(scored) == 3
    profile.max_distance_km = 200
    session.add(profile)
    session.commit()
    ranked()
    assert len(scored) == 4


def test_a_holders_ranking_follows_the_candidates_and_the_listing(session: Session) -> None:
    """Remembered per listing and candidate pool: a candidate's change or the listing's own
    change ranks again."""
    listing = create_practice(session, patients=2500)
    shares = {"share_with_holders": ["availability"]}  # holders rank by what is shared
    first, second = create_candidate(session, **shares), create_candidate(session, **shares)

    def scores() -> dict[int, float]:
        found = matching.rank_for_practices(session=session, practices=[listing], limit=10)
        return {m.candidate_id: m.score for m in found[listing.id or 0]}

    before = scores()
    assert scores() == before
    first.days_per_week = 1
    session.add(first)
    session.commit()
    moved = scores()
    assert moved[first.id or 0] != before[first.id or 0]
    assert moved[second.id or 0] == before[second.id or 0]
    practices.update_listing(session=session, practice=listing, data=practice_input(patients=9_000))
    assert scores()[second.id or 0] != before[second.id or 0]
