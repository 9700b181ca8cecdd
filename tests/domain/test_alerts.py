"""Fitting one listing to many saved searches at once."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.domain.alerts import AlertListing, Criteria, CriteriaTable, fits
from matchmaker.domain.geo import distance_km

LISTING = AlertListing(
    province="Zeeland",
    gemeentecode="GM0687",
    form="solo",
    dispensing=False,
    with_house=True,
    handover_from=date(2027, 3, 1),
    handover_until=date(2027, 9, 1),
    in_shortage=True,
    goodwill_min=40_000,
    lat=51.5,
    lon=3.6,
)
HOME = (51.44, 3.57)  # Vlissingen, about 7 km away


def test_worked_examples() -> None:
    """Each criterion on its own, against the listing above."""
    cases = [
        (Criteria(), True),
        (Criteria(province="Zeeland"), True),
        (Criteria(province="Drenthe"), False),
        (Criteria(gemeentecode="GM0687"), True),
        (Criteria(form="duo"), False),
        (Criteria(dispensing=True), False),
        (Criteria(dispensing=False), True),
        (Criteria(with_house=True), True),
        (Criteria(window_until=date(2027, 1, 31)), False),  # handover starts later
        (Criteria(window_from=date(2027, 10, 1)), False),  # handover ends before
        (Criteria(window_from=date(2027, 6, 1), window_until=date(2027, 12, 31)), True),
        (Criteria(shortage_only=True), True),
        (Criteria(max_goodwill=30_000), False),
        (Criteria(max_goodwill=40_000), True),
        (Criteria(max_distance_km=10), True),
        (Criteria(max_distance_km=5), False),
    ]
    table = CriteriaTable.of([c for c, _ in cases], [HOME] * len(cases))
    assert fits(LISTING, table).tolist() == [ok for _, ok in cases]


def test_distance_without_a_home_never_fits() -> None:
    """An owner without a profile cannot be near anything."""
    table = CriteriaTable.of([Criteria(max_distance_km=400), Criteria()], [None, None])
    assert fits(LISTING, table).tolist() == [False, True]


def _reference(c: Criteria, home: tuple[float, float]) -> bool:
    """One search, one listing, the slow and obvious way."""
    ok = c.province in (None, LISTING.province) and c.form in (None, LISTING.form)
    ok &= c.dispensing in (None, LISTING.dispensing)
    ok &= not c.with_house or LISTING.with_house
    ok &= c.window_until is None or LISTING.handover_from <= c.window_until
    ok &= c.window_from is None or LISTING.handover_until >= c.window_from
    ok &= c.max_goodwill is None or (LISTING.goodwill_min or 0) <= c.max_goodwill
    if c.max_distance_km is not None:
        ok &= distance_km(*home, LISTING.lat, LISTING.lon) <= c.max_distance_km
    return bool(ok)


criteria = st.builds(
    Criteria,
    province=st.sampled_from([None, "Zeeland", "Drenthe"]),
    form=st.sampled_from([None, "solo", "duo"]),
    dispensing=st.sampled_from([None, True, False]),
    with_house=st.booleans(),
    window_from=st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2029, 1, 1))),
    window_until=st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2029, 1, 1))),
    max_goodwill=st.one_of(st.none(), st.integers(0, 100_000)),
    max_distance_km=st.one_of(st.none(), st.integers(1, 400)),
)
homes = st.tuples(st.floats(50.7, 53.5), st.floats(3.3, 7.2))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(criteria, homes), min_size=1, max_size=30))
def test_vectorised_fit_equals_one_by_one(
    searches: list[tuple[Criteria, tuple[float, float]]],
) -> None:
    """The table answers for every search what each search alone would."""
    table = CriteriaTable.of([c for c, _ in searches], [h for _, h in searches])
    assert fits(LISTING, table).tolist() == [_reference(c, h) for c, h in searches]


@given(criteria)
def test_criteria_survive_json(c: Criteria) -> None:
    """What is stored is what comes back."""
    assert Criteria.from_json(c.to_json()) == c
