"""The index over all municipalities: both dimensions, what the platform adds and never does."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.domain.shortage import (
    CATCHMENT_KM,
    PATIENT_STOP_LEVEL,
    SUCCESSION_FULL,
    Dimension,
)
from matchmaker.domain.validation import table
from matchmaker.models import StopPlan
from matchmaker.services import seed, shortage
from matchmaker.services.regions import region_table
from tests.factories import create_introduction, create_practice, create_user

NOP, ROZENDAAL, AMSTERDAM = "GM0171", "GM0277", "GM0363"


def _stop_plan(
    session: Session, owner: Any, code: str, postcode: str, patients: int, stop: date
) -> None:
    """A holder's plan to stop, reporting a patient stop (committed by the caller)."""
    session.add(
        StopPlan(
            owner_id=owner.id,
            gemeentecode=code,
            planned_stop=stop,
            postcode=postcode,
            patients=patients,
            patient_stop="yes",
        )
    )


def _component(session: Session, code: str, name: str) -> float | None:
    parts = {c.name: c for c in shortage.current(session).by_code[code].components}
    return parts[name].raw


def test_every_municipality_has_both_dimensions(session: Session) -> None:
    """All 342 get a recruitment and an access score from open data alone; many distinct."""
    snap = shortage.current(session)
    assert len(snap.by_code) == 342
    for d in Dimension:
        scores = [r.scores[d] for r in snap.by_code.values()]
        assert all(s is not None and 0 <= s <= 100 for s in scores)
        assert len(set(scores)) > 200
    nop, ams = snap.by_code[NOP], snap.by_code[AMSTERDAM]
    assert nop.scores[Dimension.RECRUITMENT] > ams.scores[Dimension.RECRUITMENT]  # type: ignore[operator]
    assert nop.missing() == ["succession", "patient_stops"]  # nobody has reported anything


def test_demo_data_never_move_the_index(session: Session) -> None:
    """The index of a fresh database equals the index after seeding the demo, everywhere."""
    fresh = {c: (r.scores, r.components) for c, r in shortage.current(session).by_code.items()}
    seed.seed_demo(session=session, n_practices=300, n_candidates=20)
    seeded = {c: (r.scores, r.components) for c, r in shortage.current(session).by_code.items()}
    assert seeded == fresh


def test_succession_counts_unintroduced_handovers_within_five_years(session: Session) -> None:
    """Soon-to-stop listings count (drafts too); handed over, far-off or introduced ones do not."""
    soon = date.today() + timedelta(days=400)
    far = date.today() + timedelta(days=6 * 365)
    window = {"handover_from": soon, "handover_until": soon + timedelta(days=30)}
    create_practice(session, patients=1000, **window)
    create_practice(session, patients=500, status="draft", **window)
    create_practice(session, patients=700, status="handed_over")
    create_practice(
        session, patients=900, handover_from=far, handover_until=far + timedelta(days=30)
    )
    introduced = create_practice(session, patients=800)
    create_introduction(session, introduced, "introduced")
    session.commit()
    found = shortage.reports(session)
    assert sorted(r.patients for r in found if r.at_risk) == [500.0, 1000.0]
    assert sorted(r.patients for r in found if not r.at_risk) == [800.0, 900.0]  # handed over: gone


def test_one_listing_is_spread_over_its_catchment(session: Session) -> None:
    """A standard practice in Rozendaal (1,831 inhabitants) no longer saturates it.

    Its 2,095 patients are spread over every municipality within CATCHMENT_KM of travel, so
    each of them gets 1,000 × 2,095 / (their inhabitants together) per 1,000: far below full,
    where 2,095 / 1,831 inhabitants used to count as 1,144 per 1,000.
    """
    create_practice(session, postcode="6891", patients=2095)
    t = region_table()
    reach = t.travel_km[t.index[ROZENDAAL]] <= CATCHMENT_KM
    expected = round(1000 * 2095 / t.population[reach].sum(), 2)
    assert reach.sum() > 3
    assert _component(session, ROZENDAAL, "succession") == pytest.approx(expected)
    assert _component(session, "GM0202", "succession") == pytest.approx(expected)  # Arnhem
    assert expected < SUCCESSION_FULL / 10
    assert _component(session, NOP, "succession") is None  # out of reach: still unknown


def test_patient_stops_are_weighted_by_patients_in_the_catchment(session: Session) -> None:
    """A stop (1) for 3,000 patients and none (0) for 1,000: three quarters of patients."""
    create_practice(session, patients=3000, patient_stop="yes")
    create_practice(session, patients=1000, patient_stop="no")
    create_practice(session, patients=5000)  # not said: not counted either way
    assert _component(session, NOP, "patient_stops") == pytest.approx(0.75)
    access = shortage.current(session).by_code[NOP]
    assert "patient_stops" not in access.missing()
    far = [
        c
        for c in region_table().codes
        if region_table().travel_km[region_table().index[NOP], region_table().index[c]]
        > CATCHMENT_KM
    ]
    assert _component(session, far[0], "patient_stops") is None


def test_stop_plans_count_unless_the_holder_is_demo_or_listed(session: Session) -> None:
    """A real holder's plan to stop in three years counts; a demo holder's never does."""
    real = create_user(session, Role.HOLDER)
    demo = create_user(session, Role.HOLDER)
    demo.is_demo = True
    listed = create_user(session, Role.HOLDER)
    create_practice(session, owner=listed, patients=100, patient_stop="partly")
    stop = date.today() + timedelta(days=3 * 365)
    for owner, patients in ((real, 2000), (demo, 9000), (listed, 4000)):
        _stop_plan(session, owner, NOP, "8302", patients, stop)
    session.commit()
    found = shortage.reports(session)
    assert sorted((r.patients, r.patient_stop) for r in found) == [
        (100.0, "partly"),
        (2000.0, "yes"),
    ]


def test_index_follows_new_listings(session: Session) -> None:
    """Each new listing raises its municipality's succession pressure at once."""
    create_practice(session, owner=create_user(session, Role.HOLDER), patients=3000)
    one = shortage.current(session).by_code[NOP]
    first = _component(session, NOP, "succession")
    create_practice(session, owner=create_user(session, Role.HOLDER), patients=3000)
    two = shortage.current(session).by_code[NOP]
    assert first and _component(session, NOP, "succession") == pytest.approx(2 * first)
    assert two.scores[Dimension.RECRUITMENT] > one.scores[Dimension.RECRUITMENT]  # type: ignore[operator]


def test_validation_table_ranks_the_named_regions_high(session: Session) -> None:
    """Named recruitment regions rank high on recruitment, named patient-stop regions on access.

    Pinned at the values of this formula with open data only, less a small margin: a change
    that worsens the agreement with the published reports fails here.
    """
    rows = {r.group.key: r for r in table(shortage.current(session).by_code)}
    floors = {
        "zeeland": 75,
        "achterhoek": 78,
        "kop_nh": 78,
        "oost_groningen": 82,
        "noordoostpolder": 80,
        "haaglanden": 75,
        "zhz": 62,
        "gooi": 56,
        "amersfoort": 70,
        "nza_waiting": 75,
    }
    for key, floor in floors.items():
        row = rows[key]
        own = row.rank[row.group.dimension]
        assert own is not None and own >= floor, (key, own)
    for key in ("haaglanden", "zhz", "gooi", "amersfoort", "nza_waiting"):
        assert rows[key].rank[Dimension.RECRUITMENT] < 30  # type: ignore[operator]
    for key in ("zeeland", "achterhoek", "kop_nh", "oost_groningen"):
        assert rows[key].rank[Dimension.ACCESS] < 45  # type: ignore[operator]


def _platform_by_loop(found: list[shortage.Report]) -> dict[str, dict[str, float | None]]:
    """The platform inputs report by report, as first written (the reference)."""
    tab = region_table()
    near = tab.travel_km <= CATCHMENT_KM
    pop = near.astype(float) @ np.nan_to_num(tab.population)
    n = len(tab.codes)
    at_risk, reached = np.zeros(n), np.zeros(n, dtype=bool)
    stop_sum, stop_weight = np.zeros(n), np.zeros(n)
    for r in found:
        q = tab.index[r.gemeentecode]
        reached |= near[q]
        if r.at_risk:
            at_risk[near[q]] += 1000.0 * r.patients / max(pop[q], 1.0)
        level = PATIENT_STOP_LEVEL.get(r.patient_stop or "")
        if level is not None:
            stop_sum[near[q]] += r.patients * level
            stop_weight[near[q]] += r.patients
    return {
        c: {
            "succession": float(at_risk[i]) if reached[i] else None,
            "patient_stops": float(stop_sum[i] / stop_weight[i]) if stop_weight[i] else None,
        }
        for i, c in enumerate(tab.codes)
    }


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([NOP, ROZENDAAL, AMSTERDAM, "GM0014", "GM0080", "GM1883"]),
            st.integers(0, 20_000),
            st.booleans(),
            st.sampled_from(["yes", "partly", "no", "unknown", None]),
        ),
        max_size=40,
    )
)
def test_platform_inputs_spread_over_catchments_like_report_by_report(
    rows: list[tuple[str, int, bool, str | None]],
) -> None:
    """Summing per municipality and spreading in one product gives the figures of adding
    every report to its catchment one by one."""
    found = [shortage.Report(code, float(p), risk, stop) for code, p, risk, stop in rows]
    fast, slow = shortage.platform_inputs(found), _platform_by_loop(found)
    for code, values in slow.items():
        for name, value in values.items():
            got = fast[code][name]
            assert (got is None) == (value is None), (code, name)
            if value is not None:
                assert got == pytest.approx(value, abs=0.0051), (code, name)


def test_totals_read_in_the_database_give_the_inputs_of_every_report(session: Session) -> None:
    """Listings and stop plans summed by municipality, risk and patient stop in SQL give the
    platform inputs of reading them one by one: drafts, introduced, handed-over, far-off, demo
    and listed holders' plans included."""
    soon = date.today() + timedelta(days=400)
    far = date.today() + timedelta(days=6 * 365)
    window = {"handover_from": soon, "handover_until": soon + timedelta(days=30)}
    for postcode, patients, stop in (
        ("8302", 1000, "yes"),
        ("8302", 700, "yes"),
        ("1012", 300, None),
    ):
        create_practice(session, postcode=postcode, patients=patients, patient_stop=stop, **window)
    create_practice(session, patients=500, status="draft", patient_stop="partly", **window)
    create_practice(session, patients=650, status="handed_over")
    create_practice(
        session, patients=900, handover_from=far, handover_until=far + timedelta(days=30)
    )
    introduced = create_practice(session, patients=800, patient_stop="no", **window)
    create_introduction(session, introduced, "introduced")
    demo = create_practice(session, patients=4000, **window)
    demo.is_demo = True
    session.add(demo)
    listed, planner = create_user(session, Role.HOLDER), create_user(session, Role.HOLDER)
    create_practice(session, owner=listed, patients=100)
    for owner, patients in ((listed, 4000), (planner, 2000)):
        _stop_plan(session, owner, ROZENDAAL, "6891", patients, soon)
    session.commit()
    one_by_one = shortage.platform_inputs(shortage.reports(session))
    totals = shortage.platform_inputs(shortage.report_totals(session))
    assert totals == one_by_one
    assert one_by_one[NOP]["succession"] and one_by_one[ROZENDAAL]["patient_stops"] == 1.0
