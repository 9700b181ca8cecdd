"""Rows and profiles turned into the domain's feature arrays."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np
from sqlmodel import Session

from matchmaker.domain import scoring as s
from matchmaker.domain import sharing
from matchmaker.domain.household import ChildStage, PartnerWork, Shared, children_needs
from matchmaker.models import CandidateProfile, Practice
from matchmaker.services import offers
from matchmaker.services.geodata import gazetteer
from matchmaker.services.households import HOUSING_CODES
from matchmaker.services.regions import region_table

EPOCH = date(1970, 1, 1)
RENT_BUDGET_MAX = 10_000  # a housing budget above this is a purchase price, below a monthly rent


def days_since_epoch(d: date | None) -> float:
    return float((d - EPOCH).days) if d else np.nan


PRACTICE_COLUMNS: tuple[Any, ...] = (
    Practice.id,
    Practice.lat,
    Practice.lon,
    Practice.province,
    Practice.gemeentecode,
    Practice.form,
    Practice.building,
    Practice.dispensing,
    Practice.patients,
    Practice.fte,
    Practice.days_per_week,
    Practice.goodwill_min,
    Practice.goodwill_max,
    Practice.handover_from,
    Practice.handover_until,
)


def practice_features(
    rows: list[Any], shortage_levels: Any, regional: offers.OfferArrays | None = None
) -> s.PracticeFeatures:
    """Features of practice rows (columns as in ``PRACTICE_COLUMNS``).

    ``shortage_levels`` are the index levels (0–1) aligned with the region table, and
    ``regional`` the recruiters' offers counted per municipality.
    """
    table = region_table()
    forms = {f.value: i for i, f in enumerate(s.FORMS)}
    buildings = {b.value: i for i, b in enumerate(s.BUILDINGS)}
    muni = np.array([table.index[r.gemeentecode] for r in rows], dtype=np.int64)

    def arr(values: list[Any], dtype: Any = np.float64) -> Any:
        return np.array(values, dtype=dtype)

    return s.PracticeFeatures(
        ids=arr([r.id for r in rows], np.int64),
        lat=arr([r.lat for r in rows]),
        lon=arr([r.lon for r in rows]),
        province=arr([table.province_index[r.province] for r in rows], np.int64),
        form=arr([forms.get(r.form, 0) for r in rows], np.int64),
        building=arr([buildings.get(r.building, 0) for r in rows], np.int64),
        dispensing=arr([r.dispensing for r in rows], bool),
        patients=arr([r.patients for r in rows]),
        fte=arr([r.fte for r in rows]),
        days=arr([r.days_per_week for r in rows]),
        goodwill_min=arr([np.nan if r.goodwill_min is None else r.goodwill_min for r in rows]),
        goodwill_max=arr([np.nan if r.goodwill_max is None else r.goodwill_max for r in rows]),
        start=arr([days_since_epoch(r.handover_from) for r in rows]),
        end=arr([days_since_epoch(r.handover_until) for r in rows]),
        woz=table.woz[muni],
        pct_rent=table.pct_rent[muni],
        childcare_km=table.childcare_km[muni],
        school_km=table.school_km[muni],
        labour=table.labour[muni],
        labour_lq=table.labour_lq[muni],
        shortage=shortage_levels[muni],
        municipality=muni,
        housing_offers=regional.housing[muni] if regional else None,
        job_leads=regional.job_leads[muni] if regional else None,
        childcare_places=regional.childcare_places[muni] if regional else None,
    )


def bitmask(names: list[str], index: Mapping[str, int]) -> int:
    return sum(1 << index[n] for n in set(names) if n in index)


def candidate_features(
    profile: CandidateProfile, partner: CandidateProfile | None, *, year: int | None = None
) -> s.CandidateFeatures:
    """Scalar features of one candidate (with the duo partner's home, if any); children's
    needs as of ``year`` (default: the year of the earliest start, else this year)."""
    table = region_table()
    year = year or (profile.earliest_start or date.today()).year
    needs = children_needs(profile.children_birth_years, year)
    need = HOUSING_CODES.get(profile.housing_need or "", s.HOUSING_NONE)
    budget = profile.housing_budget
    purchase = budget if budget and (need == s.HOUSING_BUY or budget > RENT_BUDGET_MAX) else None
    sectors = [x.value for x in s.SECTORS]
    return s.CandidateFeatures(
        lat=profile.home_lat,
        lon=profile.home_lon,
        partner_lat=partner.home_lat if partner else np.nan,
        partner_lon=partner.home_lon if partner else np.nan,
        max_km=float(profile.max_distance_km) if profile.max_distance_km else np.nan,
        region_mask=bitmask(profile.search_regions, table.province_index),
        forms_mask=bitmask(profile.forms_acceptable, {f.value: i for i, f in enumerate(s.FORMS)}),
        building_mask=bitmask(
            profile.building_wishes, {b.value: i for i, b in enumerate(s.BUILDINGS)}
        ),
        dispensing_ok=profile.dispensing_ok,
        goodwill_budget=np.nan
        if profile.goodwill_budget is None
        else float(profile.goodwill_budget),
        days=np.nan if profile.days_per_week is None else float(profile.days_per_week),
        start=days_since_epoch(profile.earliest_start),
        end=days_since_epoch(profile.latest_start),
        partner_needs_job=profile.partner_work == PartnerWork.NEEDS_JOB,
        partner_sector=sectors.index(profile.partner_sector)
        if profile.partner_sector in sectors
        else -1,
        n_childcare=needs.get(ChildStage.CHILDCARE, 0),
        n_primary=needs.get(ChildStage.PRIMARY, 0),
        n_secondary=needs.get(ChildStage.SECONDARY, 0),
        housing=need,
        housing_budget=np.nan if purchase is None else float(purchase),
    )


def holder_features(profile: CandidateProfile) -> s.CandidateFeatures:
    """A candidate as a holder's ranking may see them (``domain.sharing``): the shared items
    only, at the municipality's label point, children's needs as of the shared start."""
    shared = set(profile.share_with_holders)
    start = profile.earliest_start if Shared.AVAILABILITY in shared else None
    muni = gazetteer().municipality(profile.gemeentecode)
    assert muni is not None, profile.gemeentecode  # set from the gazetteer when saved
    full = candidate_features(profile, None, year=(start or date.today()).year)
    return sharing.shared_only(full, sharing.mask(shared), muni.label_lat, muni.label_lon)


def stack(features: list[s.CandidateFeatures]) -> s.CandidateFeatures:
    names = s.CandidateFeatures.__dataclass_fields__
    return s.CandidateFeatures(**{n: np.array([getattr(f, n) for f in features]) for n in names})


def profile_features(session: Session, profile: CandidateProfile) -> s.CandidateFeatures:
    """A profile's features, with the duo partner's home when there is one."""
    partner = (
        session.get(CandidateProfile, profile.duo_partner_id) if profile.duo_partner_id else None
    )
    return candidate_features(profile, partner)
