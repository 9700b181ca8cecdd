"""Practice listings: vocabulary, the normpraktijk comparison and listing checks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from matchmaker.domain.anonymity import Identity, naming_issues
from matchmaker.domain.errors import Code, Issue, check_choice

# Reference list size of one full-time GP used in Dutch GP funding (LHV/NZa normpraktijk).
NORMPRAKTIJK_PATIENTS = 2095
MAX_PATIENTS = 60_000
MAX_HANDOVER_WINDOW_YEARS = 10


class PracticeForm(StrEnum):
    """How many GPs work together in the practice."""

    SOLO = "solo"
    DUO = "duo"
    GROUP = "group"
    HEALTH_CENTRE = "health_centre"


class Building(StrEnum):
    """What happens to the practice premises."""

    OWNED_FOR_SALE = "owned_for_sale"
    RENTED = "rented"
    HEALTH_CENTRE = "health_centre"
    WITH_HOUSE = "with_house"


class HandoverModel(StrEnum):
    """How the holder hands over to a successor."""

    DIRECT = "direct"
    GRADUAL = "gradual"
    JOIN_THEN_TAKE_OVER = "join_then_take_over"


class PatientStop(StrEnum):
    """Whether a practice takes new patients, as its holder reports it."""

    YES = "yes"  # a patient stop: no new patients
    PARTLY = "partly"  # only some (family of patients, newborns, people nearby)
    NO = "no"  # new patients welcome


class ListingStatus(StrEnum):
    """Life cycle of a listing; only published ones are public."""

    DRAFT = "draft"
    PUBLISHED = "published"
    IN_TALKS = "in_talks"
    HANDED_OVER = "handed_over"


PUBLIC_STATUSES = (ListingStatus.PUBLISHED, ListingStatus.IN_TALKS)


@dataclass(frozen=True, slots=True)
class ListingFacts:
    """The cross-field facts of a listing that the checks look at."""

    patients: int
    fte: float
    handover_from: date
    handover_until: date
    goodwill_min: int | None
    goodwill_max: int | None


def list_size_ratio(patients: int, fte: float) -> float | None:
    """Patients per full-time GP relative to the normpraktijk (1.0 = exactly norm size)."""
    if fte <= 0:
        return None
    return patients / fte / NORMPRAKTIJK_PATIENTS


def _check_window(facts: ListingFacts) -> list[Issue]:
    if facts.handover_until < facts.handover_from:
        return [Issue("handover_until", Code.BEFORE_START, "ends before it starts")]
    if (facts.handover_until - facts.handover_from).days > 366 * MAX_HANDOVER_WINDOW_YEARS:
        return [Issue("handover_until", Code.TOO_WIDE, "window longer than 10 years")]
    return []


def _check_goodwill(facts: ListingFacts) -> list[Issue]:
    low, high = facts.goodwill_min, facts.goodwill_max
    if (low is None) != (high is None):
        return [Issue("goodwill_max", Code.HALF_RANGE, "give both ends of the range, or neither")]
    if low is not None and high is not None and high < low:
        return [Issue("goodwill_max", Code.INVERTED, "maximum is below minimum")]
    return []


def _check_size(facts: ListingFacts) -> list[Issue]:
    if not 0 < facts.patients <= MAX_PATIENTS:
        return [Issue("patients", Code.OUT_OF_RANGE, "number of patients out of range")]
    return []


def check_listing(facts: ListingFacts) -> list[Issue]:
    """All cross-field problems of a listing (empty when it is consistent)."""
    return _check_window(facts) + _check_goodwill(facts) + _check_size(facts)


def check_codes(
    *, form: str, building: str, handover_model: str, status: str, patient_stop: str | None = None
) -> list[Issue]:
    """Issues for codes that are not in the listing vocabulary."""
    return [
        *check_choice("patient_stop", patient_stop, PatientStop, optional=True),
        *check_choice("form", form, PracticeForm),
        *check_choice("building", building, Building),
        *check_choice("handover_model", handover_model, HandoverModel),
        *check_choice("status", status, ListingStatus),
    ]


# Plausible registered patients per GP FTE: from a third of the normpraktijk to twice it.
# Outside that a typo is likelier than a real practice (a judgement, not a published norm).
PATIENTS_PER_FTE = (NORMPRAKTIJK_PATIENTS / 3, NORMPRAKTIJK_PATIENTS * 2)
DAYS_PER_FTE = 5  # one full-time GP works about five days a week
_STREET = re.compile(
    r"\b[\w'-]+(?:straat|weg|laan|plein|dijk|kade|singel|gracht|dreef|hof|markt|steeg)\b",
    re.IGNORECASE,
)


def listing_warnings(
    *,
    anonymous: bool,
    name: str,
    description: str,
    patients: int,
    fte: float,
    days_per_week: int,
    place_names: Iterable[str],
    holder: str = "",
    street: str | None = None,
    municipality: str = "",
) -> list[Issue]:
    """What a holder should look at twice before saving: an anonymous description that names
    a place, a street, the practice or its holder (word by word, ``domain.anonymity``), and
    figures that do not fit together."""
    issues: list[Issue] = []
    if anonymous and description.strip():
        identity = Identity(name=name, holder=holder, street=street, municipality=municipality)
        issues += naming_issues("description", description, identity, place_names)
        street_like = _STREET.search(description)
        if street_like and not any(i.code == Code.NAMES_A_STREET for i in issues):
            issues.append(
                Issue("description", Code.NAMES_A_STREET, "names a street", street_like[0])
            )
    if fte > 0:
        per_fte = patients / fte
        low, high = PATIENTS_PER_FTE
        if not low <= per_fte <= high:
            issues.append(
                Issue("patients", Code.IMPLAUSIBLE_LIST, "patients per FTE", f"{per_fte:.0f}")
            )
        if days_per_week / DAYS_PER_FTE > fte + 0.1:
            issues.append(Issue("days_per_week", Code.DAYS_OVER_FTE, "days above FTE"))
    return issues
