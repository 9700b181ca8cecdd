"""A holder's view of a candidate depends on the shared items only (domain.sharing)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.domain import scoring as s
from matchmaker.domain import sharing
from matchmaker.domain.household import Shared
from tests.domain.test_scoring import practices

LABEL = (52.71, 5.75)  # Emmeloord's label point: what a holder knows of the home


def candidates() -> st.SearchStrategy[s.CandidateFeatures]:
    """Any candidate: every field drawn from its valid range, NaN (not given) included."""
    maybe = st.one_of(st.just(np.nan), st.floats(0, 2_000_000))
    return st.builds(
        s.CandidateFeatures,
        lat=st.floats(50.8, 53.5),
        lon=st.floats(3.4, 7.2),
        partner_lat=st.one_of(st.just(np.nan), st.floats(50.8, 53.5)),
        partner_lon=st.floats(3.4, 7.2),
        max_km=st.one_of(st.just(np.nan), st.floats(1, 400)),
        region_mask=st.integers(0, 2**12 - 1),
        forms_mask=st.integers(0, 2 ** len(s.FORMS) - 1),
        building_mask=st.integers(0, 2 ** len(s.BUILDINGS) - 1),
        dispensing_ok=st.booleans(),
        goodwill_budget=maybe,
        days=st.one_of(st.just(np.nan), st.integers(1, 5).map(float)),
        start=st.one_of(st.just(np.nan), st.floats(19_000, 21_000)),
        end=st.one_of(st.just(np.nan), st.floats(19_000, 21_000)),
        partner_needs_job=st.booleans(),
        partner_sector=st.integers(-1, len(s.SECTORS) - 1),
        n_childcare=st.integers(0, 3),
        n_primary=st.integers(0, 3),
        n_secondary=st.integers(0, 3),
        housing=st.integers(0, 3),
        housing_budget=maybe,
    )


def _varied(n: int) -> s.PracticeFeatures:
    """Practices across the country with every input a holder can move at its extremes."""
    rng = np.random.default_rng(7)
    low = rng.choice([np.nan, 0.0, 50_000.0, 900_000.0], n)
    return practices(
        n,
        lat=rng.uniform(50.8, 53.5, n),
        lon=rng.uniform(3.4, 7.2, n),
        province=rng.integers(0, 12, n),
        form=rng.integers(0, len(s.FORMS), n),
        building=rng.integers(0, len(s.BUILDINGS), n),
        dispensing=rng.random(n) < 0.3,
        days=rng.integers(1, 6, n).astype(float),
        goodwill_min=low,
        goodwill_max=low * 1.5,
        start=rng.uniform(18_000, 22_000, n),
        end=rng.uniform(22_000, 23_000, n),
    )


PRACTICES = _varied(60)


def _same(a: Any, b: Any) -> bool:
    return bool(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True))


def test_every_feature_is_placed() -> None:
    """Each feature is public, never shown, or driven by exactly one item: a new feature
    cannot reach holders unplaced."""
    placed = [*sharing.PUBLIC, *sharing.NEVER, *(n for ns in sharing.DRIVES.values() for n in ns)]
    assert sorted(placed) == sorted(f.name for f in fields(s.CandidateFeatures))
    assert set(sharing.DRIVES) == set(Shared)


@settings(max_examples=150, deadline=None)
@given(candidates(), candidates(), st.sets(st.sampled_from([str(x) for x in Shared])))
def test_a_holders_score_ignores_everything_unshared(
    mine: s.CandidateFeatures, other: s.CandidateFeatures, shared: set[str]
) -> None:
    """Two candidates who differ only in what they do not share score, rank, are excluded
    and are explained the same against any practices."""
    alike = {n: getattr(mine, n) for item in shared for n in sharing.DRIVES[Shared(item)]}
    twin = s.CandidateFeatures(**{**other.__dict__, **alike})
    bits = sharing.mask(shared)
    a = sharing.shared_only(mine, bits, *LABEL)
    b = sharing.shared_only(twin, bits, *LABEL)
    for f in fields(s.CandidateFeatures):
        assert _same(getattr(a, f.name), getattr(b, f.name)), f.name
    sa, sb = s.score(a, PRACTICES), s.score(b, PRACTICES)
    assert _same(sa.total, sb.total) and _same(sa.excluded, sb.excluded)
    for name in s.COMPONENTS:
        assert _same(sa.values[name], sb.values[name]), name


def test_shared_items_pass_unchanged() -> None:
    """Sharing everything keeps every feature but the home (the label point) and the duo
    partner's home."""
    c = s.CandidateFeatures(
        lat=52.5, lon=5.9, partner_lat=52.0, partner_lon=5.0, max_km=60.0, goodwill_budget=1.0
    )
    out = sharing.shared_only(c, sharing.mask(Shared), *LABEL)
    assert (float(out.lat), float(out.lon)) == LABEL
    assert np.isnan(out.partner_lat) and float(out.max_km) == 60.0
    assert float(out.goodwill_budget) == 1.0


def test_unshared_budget_is_unknown_not_zero() -> None:
    """Finding of issue 30: an unshared goodwill budget is "not known" for a holder, so a
    listing's goodwill cannot be moved to read it back (the reason and the value are gone)."""
    c = s.CandidateFeatures(lat=52.7, lon=5.7, goodwill_budget=123_456.0)
    out = sharing.shared_only(c, sharing.mask([]), *LABEL)
    assert np.isnan(out.goodwill_budget)


def test_masks_round_trip() -> None:
    """A mask names exactly the items it was made of."""
    bits = sharing.mask(["budget", "area", "nonsense"])
    assert {str(item) for i, item in enumerate(sharing.ITEMS) if bits >> i & 1} == {
        "budget",
        "area",
    }
    assert sharing.hidden_components(["availability", "housing"]) == {"partner_work", "childcare"}
