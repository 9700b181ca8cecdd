"""Match scores: worked examples, hard constraints and invariants."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from geopy.distance import geodesic
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.domain import scoring as s

EMMELOORD = (52.7106, 5.7481)
UTRECHT = (52.0907, 5.1214)
GRONINGEN = (53.2194, 6.5665)
MAASTRICHT = (50.8514, 5.6910)


def practices(n: int = 1, **overrides: Any) -> s.PracticeFeatures:
    """n identical practices in Emmeloord unless overridden (scalars or arrays)."""
    base: dict[str, Any] = {
        "ids": np.arange(1, n + 1),
        "lat": EMMELOORD[0],
        "lon": EMMELOORD[1],
        "province": 3,
        "form": 0,
        "building": 1,
        "dispensing": False,
        "patients": 2095.0,
        "fte": 1.0,
        "days": 4.0,
        "goodwill_min": np.nan,
        "goodwill_max": np.nan,
        "start": 20_000.0,
        "end": 20_200.0,
        "woz": 300.0,
        "pct_rent": 10.0,
        "childcare_km": 0.3,
        "school_km": 0.3,
        "labour": 20_000.0,
        "labour_lq": 1.0,
        "shortage": 0.5,
    }
    base.update(overrides)
    per_sector = ("labour", "labour_lq")
    arrays = {
        k: v
        if k == "job_leads"
        else np.broadcast_to(
            np.asarray(v)[..., None] if k in per_sector and np.ndim(v) < 2 else np.asarray(v),
            (n, len(s.SECTORS)) if k in per_sector else (n,),
        ).copy()
        for k, v in base.items()
    }
    return s.PracticeFeatures(**arrays)


def candidate(**overrides: Any) -> s.CandidateFeatures:
    """A candidate in Utrecht willing to go 150 km, start window covering the handover."""
    base: dict[str, Any] = {
        "lat": UTRECHT[0],
        "lon": UTRECHT[1],
        "max_km": 150.0,
        "start": 19_900.0,
        "end": 20_300.0,
    }
    base.update(overrides)
    return s.CandidateFeatures(**base)


def test_worked_example_location_and_total() -> None:
    """Emmeloord is ~76 km from Utrecht: location = 1 - 0.8 * 76/150; total is the weighted mean."""
    result = s.score(candidate(), practices())
    d = geodesic(UTRECHT, EMMELOORD).km
    assert result.distance_km[0] == pytest.approx(d, rel=0.005)
    assert result.values["location"][0] == pytest.approx(1 - 0.8 * result.distance_km[0] / 150)
    # No household needs: housing, partner_work and childcare are neutral and left out.
    assert [
        s.STATUS_NAMES[result.status[n][0]] for n in ("housing", "partner_work", "childcare")
    ] == ["neutral"] * 3
    w = s.DEFAULT_WEIGHTS
    scored = ("location", "practice_fit", "timing", "shortage")
    expected = sum(w[n] * result.values[n][0] for n in scored) / sum(w[n] for n in scored)
    assert result.total[0] == pytest.approx(expected)
    assert result.values["timing"][0] == 1.0 and result.values["practice_fit"][0] == 1.0


@pytest.mark.parametrize(
    ("cand", "prac", "why"),
    [
        ({"max_km": 50.0}, {}, "outside max distance"),
        ({"forms_mask": 1 << 2}, {"form": 0}, "unacceptable form"),
        ({"start": 21_000.0, "end": 21_100.0}, {}, "start more than two years after handover"),
        ({"max_km": np.nan, "region_mask": 1 << 7}, {"province": 3}, "not in chosen regions"),
    ],
)
def test_hard_constraints_exclude(cand: dict[str, Any], prac: dict[str, Any], why: str) -> None:
    """Each hard constraint alone excludes the pair."""
    assert s.score(candidate(**cand), practices(**prac)).excluded[0], why


def test_chosen_region_admits_beyond_max_distance() -> None:
    """A practice in a chosen province is acceptable even beyond the maximum distance."""
    result = s.score(candidate(max_km=30.0, region_mask=1 << 3), practices(province=3))
    assert not result.excluded[0]
    assert result.distance_km[0] > 30 and result.values["location"][0] == s.LOCATION_AT_EDGE


def test_duo_counts_the_farther_home() -> None:
    """A duo is as far from the practice as its farther member."""
    duo = candidate(partner_lat=MAASTRICHT[0], partner_lon=MAASTRICHT[1], max_km=300.0)
    solo = s.score(candidate(max_km=300.0), practices())
    both = s.score(duo, practices())
    assert both.distance_km[0] == pytest.approx(geodesic(MAASTRICHT, EMMELOORD).km, rel=0.005)
    assert both.values["location"][0] < solo.values["location"][0]


def test_household_components() -> None:
    """A buying family with a partner in ICT and a toddler gets all household components scored."""
    fam = candidate(
        housing=s.HOUSING_BUY,
        housing_budget=360_000.0,
        partner_needs_job=True,
        partner_sector=s.SECTORS.index(s.PartnerSector.ICT),
        n_childcare=1,
    )
    r = s.score(
        fam,
        practices(
            2,
            woz=np.array([300.0, 600.0]),
            labour=np.array([21_000.0, 2_000.0]),  # ICT establishments within reach
            labour_lq=np.array([1.5, 0.5]),
            childcare_km=np.array([0.3, np.nan]),
        ),
    )
    assert r.values["housing"][0] == pytest.approx(1.0)  # 360k / 300k = 1.2 → 1
    assert r.values["housing"][1] == pytest.approx(0.0)  # 360k / 600k = 0.6 → 0
    assert r.values["partner_work"].tolist() == pytest.approx([1.0, 0.0])
    assert r.values["childcare"][0] == 1.0
    assert s.STATUS_NAMES[r.status["childcare"][1]] == "unknown"  # no data: not guessed


def test_labour_market_by_hand() -> None:
    """Half size (log ramp between the sector's thresholds), half concentration (LQ ramp).

    Farming with 3,945 farms within reach at LQ 2.9 (the Noordoostpolder):
    ½ × (ln 3945 − ln 2000) / (ln 5700 − ln 2000) + ½ × 1 = ½ × 0.6487 + ½ = 0.8244.
    With 4,213 farms at LQ 0.27 (Amsterdam): ½ × 0.7113 + ½ × 0 = 0.3557.
    ICT with 40,396 firms at LQ 1.31 (Amsterdam): ½ × 1 + ½ × 0.81 = 0.905.
    """
    agri, ict = s.SECTORS.index(s.PartnerSector.AGRICULTURE), s.SECTORS.index(s.PartnerSector.ICT)
    got = s.labour_market(
        np.array([3945.0, 4213.0, 40_396.0]),
        np.array([2.9, 0.27, 1.31]),
        np.array([agri, agri, ict]),
    )
    assert got.tolist() == pytest.approx([0.8244, 0.3557, 0.905], abs=5e-4)


def test_praktijkwoning_solves_housing_and_job_leads_lift_partner_work() -> None:
    """A house with the practice scores housing 1; a job lead in the sector adds a bonus."""
    fam = candidate(housing=s.HOUSING_RENT, partner_needs_job=True, partner_sector=0)
    leads = np.zeros((2, len(s.SECTORS)))
    leads[1, 0] = 3
    r = s.score(
        fam,
        practices(
            2,
            building=np.array([s.BUILDINGS.index(s.Building.WITH_HOUSE), 0]),
            labour=6_000.0,
            job_leads=leads,
        ),
    )
    assert r.values["housing"][0] == 1.0 and r.values["housing"][1] < 1.0
    assert r.values["partner_work"][1] == pytest.approx(
        min(1.0, r.values["partner_work"][0] + s.JOB_LEAD_BONUS)
    )


def test_recruiters_offers_lift_housing_and_childcare() -> None:
    """A housing offer or a childcare place near the practice counts, even without open data."""
    fam = candidate(housing=s.HOUSING_RENT, n_childcare=1)
    r = s.score(
        fam,
        practices(
            2,
            pct_rent=np.nan,
            childcare_km=np.nan,
            housing_offers=np.array([0, 2]),
            childcare_places=np.array([0, 5]),
        ),
    )
    assert s.STATUS_NAMES[r.status["housing"][0]] == "unknown"
    assert r.values["housing"][1] == pytest.approx(s.OFFER_SCORE)
    assert s.STATUS_NAMES[r.status["childcare"][0]] == "unknown"
    assert r.values["childcare"][1] == pytest.approx(s.OFFER_SCORE)


def test_goodwill_and_dispensing_lower_practice_fit() -> None:
    """Goodwill above budget and an unwanted pharmacy count against the practice."""
    c = candidate(goodwill_budget=10_000.0, dispensing_ok=False)
    r = s.score(
        c,
        practices(
            2,
            goodwill_min=np.array([np.nan, 50_000.0]),
            goodwill_max=np.array([np.nan, 60_000.0]),
            dispensing=np.array([False, True]),
        ),
    )
    assert r.values["practice_fit"][0] == 1.0
    assert r.values["practice_fit"][1] < 0.6


def test_rank_orders_by_total_and_skips_excluded() -> None:
    """Ranking returns acceptable pairs only, best first."""
    lats = np.array([52.1, 53.5, 52.7, 51.0])
    r = s.score(candidate(max_km=150.0), practices(4, lat=lats, lon=5.2))
    order = s.rank(r, 10)
    assert not r.excluded[order].any()
    assert list(r.total[order]) == sorted(r.total[order], reverse=True)
    assert set(order) == set(np.flatnonzero(~r.excluded))


def test_merged_weights_clip_and_ignore_unknown_names() -> None:
    """Custom weights stay within 0–5 and unknown names are ignored."""
    w = s.merged_weights({"location": 9, "housing": -2, "bogus": 3})
    assert (w["location"], w["housing"], "bogus" in w) == (5, 0, False)


# ---- properties ------------------------------------------------------------------------

lat = st.floats(50.8, 53.5)
lon = st.floats(3.4, 7.2)
maybe = st.one_of(st.just(np.nan), st.floats(0, 1_000_000))


@st.composite
def random_candidate(draw: Any) -> s.CandidateFeatures:
    """Any plausible candidate."""
    return s.CandidateFeatures(
        lat=draw(lat),
        lon=draw(lon),
        max_km=draw(st.one_of(st.just(np.nan), st.floats(5, 300))),
        region_mask=draw(st.integers(0, 2**12 - 1)),
        forms_mask=draw(st.integers(0, 15)),
        building_mask=draw(st.integers(0, 15)),
        dispensing_ok=draw(st.booleans()),
        goodwill_budget=draw(maybe),
        days=draw(st.one_of(st.just(np.nan), st.integers(1, 5).map(float))),
        start=draw(st.one_of(st.just(np.nan), st.floats(19_000, 21_000))),
        end=draw(st.one_of(st.just(np.nan), st.floats(19_000, 22_000))),
        partner_needs_job=draw(st.booleans()),
        partner_sector=draw(st.integers(-1, len(s.SECTORS) - 1)),
        n_childcare=draw(st.integers(0, 3)),
        n_primary=draw(st.integers(0, 3)),
        n_secondary=draw(st.integers(0, 2)),
        housing=draw(st.integers(0, 3)),
        housing_budget=draw(maybe),
    )


def random_practices(draw: Any, n: int) -> s.PracticeFeatures:
    """n random practices."""
    f = st.floats

    def arr(strategy: Any) -> Any:
        return np.array(draw(st.lists(strategy, min_size=n, max_size=n)), dtype=np.float64)

    def per_sector(strategy: Any) -> Any:
        width = len(s.SECTORS)
        return np.array(
            draw(
                st.lists(st.lists(strategy, min_size=width, max_size=width), min_size=n, max_size=n)
            )
        )

    gw = arr(st.one_of(st.just(np.nan), f(0, 100_000)))
    start = arr(f(19_000, 21_000))
    return s.PracticeFeatures(
        ids=np.arange(n),
        lat=arr(lat),
        lon=arr(lon),
        province=arr(st.integers(0, 11)).astype(int),
        form=arr(st.integers(0, 3)).astype(int),
        building=arr(st.integers(0, 3)).astype(int),
        dispensing=arr(st.booleans()).astype(bool),
        patients=arr(f(500, 9000)),
        fte=arr(f(0.5, 4)),
        days=arr(st.integers(1, 5)),
        goodwill_min=gw,
        goodwill_max=gw + 10_000,
        start=start,
        end=start + arr(f(0, 500)),
        woz=arr(st.one_of(st.just(np.nan), f(195, 930))),
        pct_rent=arr(st.one_of(st.just(np.nan), f(0, 35))),
        childcare_km=arr(st.one_of(st.just(np.nan), f(0.3, 1.7))),
        school_km=arr(st.one_of(st.just(np.nan), f(0.5, 1.6))),
        labour=per_sector(f(1, 500_000)),
        labour_lq=per_sector(f(0, 5)),
        shortage=arr(st.one_of(st.just(np.nan), f(0, 1))),
        job_leads=np.array(
            draw(
                st.lists(
                    st.lists(st.integers(0, 2), min_size=len(s.SECTORS), max_size=len(s.SECTORS)),
                    min_size=n,
                    max_size=n,
                )
            )
        ),
        housing_offers=arr(st.integers(0, 2)),
        childcare_places=arr(st.integers(0, 3)),
    )


@settings(max_examples=150, deadline=None)
@given(random_candidate(), st.data())
def test_scores_are_bounded(c: s.CandidateFeatures, data: Any) -> None:
    """Totals and scored components stay within [0, 1]; unscored ones are NaN."""
    p = random_practices(data.draw, 8)
    r = s.score(c, p, {k: data.draw(st.integers(0, 5)) for k in s.COMPONENTS})
    assert np.all((r.total >= 0) & (r.total <= 1))
    for name in s.COMPONENTS:
        scored = r.status[name] == s.SCORED
        v = r.values[name]
        assert np.all((v[scored] >= 0) & (v[scored] <= 1)), name
        if name in ("housing", "partner_work", "childcare"):
            assert np.all(np.isnan(v[r.status[name] == s.NEUTRAL])), name


@settings(max_examples=100, deadline=None)
@given(random_candidate(), st.floats(0.0, 2.0), st.floats(0.001, 1.5), st.floats(0, 360))
def test_farther_never_scores_higher(
    c: s.CandidateFeatures, near: float, extra: float, bearing: float
) -> None:
    """Moving a practice away from home along a line never raises its location or total."""
    rad = np.radians(bearing)
    steps = np.array([near, near + extra])
    p = practices(2, lat=c.lat + steps * np.cos(rad), lon=c.lon + steps * np.sin(rad) * 1.6)
    r = s.score(c, p)
    assert r.distance_km[0] <= r.distance_km[1] + 1e-9
    assert r.values["location"][0] >= r.values["location"][1] - 1e-12
    assert r.total[0] >= r.total[1] - 1e-12


@settings(max_examples=100, deadline=None)
@given(random_candidate(), st.data())
def test_absent_needs_are_neutral(c: s.CandidateFeatures, data: Any) -> None:
    """Without partner, children or housing need, those weights cannot change any total."""
    c = replace(
        c,
        partner_needs_job=False,
        n_childcare=0,
        n_primary=0,
        n_secondary=0,
        housing=s.HOUSING_NONE,
    )
    p = random_practices(data.draw, 6)
    low = s.score(c, p, {"housing": 0, "partner_work": 0, "childcare": 0})
    high = s.score(c, p, {"housing": 5, "partner_work": 5, "childcare": 5})
    assert np.allclose(low.total, high.total)


@settings(max_examples=60, deadline=None)
@given(st.lists(random_candidate(), min_size=1, max_size=6), st.data())
def test_holder_direction_equals_candidate_direction(
    cs: list[s.CandidateFeatures], data: Any
) -> None:
    """Scoring many candidates against one practice gives the same numbers pair by pair."""
    p = random_practices(data.draw, 1)
    stacked = s.CandidateFeatures(
        **{
            n: np.array([getattr(c, n) for c in cs])
            for n in s.CandidateFeatures.__dataclass_fields__
        }
    )
    many = s.score(stacked, p)
    for i, c in enumerate(cs):
        one = s.score(c, p)
        assert many.total[i] == pytest.approx(one.total[0])
        assert many.excluded[i] == one.excluded[0]


@settings(max_examples=50, deadline=None)
@given(st.lists(random_candidate(), min_size=1, max_size=9), st.data())
def test_the_whole_matrix_in_blocks_equals_one_candidate_at_a_time(
    cs: list[s.CandidateFeatures], data: Any
) -> None:
    """best_per_candidate (blocks of a (k × n) grid, two threads) agrees with ranking each
    candidate alone, duos and candidates without a start date included."""
    p = random_practices(data.draw, data.draw(st.integers(1, 12)))
    pool = s.CandidateFeatures(
        **{
            n: np.array([getattr(c, n) for c in cs])
            for n in s.CandidateFeatures.__dataclass_fields__
        }
    )
    index, total = s.best_per_candidate(pool, p, block=data.draw(st.integers(1, 4)), workers=2)
    for i, c in enumerate(cs):
        alone = s.score(c, p)
        top = s.rank(alone, 1)
        if len(top) == 0:
            assert index[i] == -1 and np.isnan(total[i])
        else:
            assert total[i] == pytest.approx(alone.total[top[0]])
            assert alone.total[index[i]] == pytest.approx(alone.total[top[0]])


@settings(max_examples=100, deadline=None)
@given(lat, lon, st.lists(st.tuples(lat, lon), min_size=1, max_size=20))
def test_distances_agree_with_geopy(
    la: float, lo: float, points: list[tuple[float, float]]
) -> None:
    """Every distance is within 0.5% of geopy's WGS84 geodesic."""
    lats, lons = map(np.array, zip(*points, strict=True))
    r = s.score(s.CandidateFeatures(lat=la, lon=lo), practices(len(points), lat=lats, lon=lons))
    for (pla, plo), d in zip(points, r.distance_km, strict=True):
        truth = geodesic((la, lo), (pla, plo)).km
        assert abs(d - truth) <= 0.005 * truth + 1e-6


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 400), st.integers(0, 60), st.integers(0, 2**32 - 1))
def test_rank_equals_a_full_sort(n: int, limit: int, seed: int) -> None:
    """Ranking the few that can make the list gives the order of sorting every pair, ties
    (many equal totals) and distances included."""
    rng = np.random.default_rng(seed)
    total = rng.choice([0.0, 0.25, 0.5, 0.5, 0.75, 1.0, np.nan], n)
    distance = rng.choice([1.0, 2.0, 3.0, 5.0, 8.0], n)
    excluded = rng.random(n) < 0.2
    scores = s.Scores(total=total, values={}, status={}, excluded=excluded, distance_km=distance)
    ok = np.flatnonzero(~excluded)
    reference = ok[np.lexsort((distance[ok], -total[ok]))][:limit]
    assert s.rank(scores, limit).tolist() == reference.tolist()
