"""What a region offers a GP's household: kinds, and the checks each kind needs."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from matchmaker.domain.errors import Code, Issue, check_choice
from matchmaker.domain.household import PartnerSector


class OfferKind(StrEnum):
    """The kinds of regional offers recruiters publish."""

    HOUSING = "housing"
    JOB_LEAD = "job_lead"
    CHILDCARE = "childcare"
    TRAINING = "training"
    INCENTIVE = "incentive"


class Tenure(StrEnum):
    """Rent or buy."""

    RENT = "rent"
    BUY = "buy"


class IncentiveType(StrEnum):
    """Kinds of incentives regions give (Polderdokter and similar programmes)."""

    STARTER_BONUS = "starter_bonus"
    HOUSING_GUARANTEE = "housing_guarantee"
    PRACTICE_SUPPORT = "practice_support"
    CHILDCARE_PRIORITY = "childcare_priority"
    RELOCATION = "relocation_costs"  # moving costs paid or refunded
    OTHER = "other"


# Fields a kind must have (beyond title and municipality).
REQUIRED: Mapping[OfferKind, tuple[str, ...]] = {
    OfferKind.HOUSING: ("tenure", "price"),
    OfferKind.JOB_LEAD: ("sector", "employer"),
    OfferKind.CHILDCARE: ("places",),
    OfferKind.TRAINING: ("places",),
    OfferKind.INCENTIVE: ("incentive_type",),
}
MAX_PRICE = 5_000_000
MAX_PLACES = 10_000


def _check_required(kind: OfferKind, values: Mapping[str, Any]) -> list[Issue]:
    return [
        Issue(name, Code.REQUIRED, "required for this kind of offer")
        for name in REQUIRED[kind]
        if values.get(name) in (None, "")
    ]


def _check_ranges(values: Mapping[str, Any]) -> list[Issue]:
    issues = []
    price, places, amount = values.get("price"), values.get("places"), values.get("amount")
    if price is not None and not 0 < price <= MAX_PRICE:
        issues.append(Issue("price", Code.OUT_OF_RANGE, "price out of range"))
    if places is not None and not 0 < places <= MAX_PLACES:
        issues.append(Issue("places", Code.OUT_OF_RANGE, "number of places out of range"))
    if amount is not None and amount < 0:
        issues.append(Issue("amount", Code.OUT_OF_RANGE, "amount cannot be negative"))
    return issues


def check_offer(kind: str, values: Mapping[str, Any]) -> list[Issue]:
    """Problems with an offer of ``kind`` (empty when it is complete and plausible)."""
    if kind not in set(OfferKind):
        return [Issue("kind", Code.UNKNOWN_KIND, "unknown kind of offer")]
    choices = [
        *check_choice("tenure", values.get("tenure"), Tenure, optional=True),
        *check_choice("sector", values.get("sector"), PartnerSector, optional=True),
        *check_choice("incentive_type", values.get("incentive_type"), IncentiveType, optional=True),
    ]
    return _check_required(OfferKind(kind), values) + _check_ranges(values) + choices
