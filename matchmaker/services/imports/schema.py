"""What an import file holds: its kinds, columns, limits and the errors it can have."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from matchmaker.domain.errors import Code
from matchmaker.domain.offers import OfferKind

MAX_ROWS = 20_000  # the largest region's listings and candidates with room to spare
MAX_CELL = 5_000  # the longest text column (a description) holds 5,000 characters
MAX_ERRORS_SHOWN = 100
PREVIEW_ROWS = 5  # new rows shown before the recruiter confirms
HOLD_SECONDS = 3600  # an upload waits an hour for its confirmation
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx files are zip archives
UNUSABLE_PASSWORD = "!invited"  # not an Argon2 hash: nobody can log in until invited in
TRUE = {"1", "ja", "yes", "true", "j", "y", "waar"}
FALSE = {"0", "nee", "no", "false", "n", "onwaar", ""}
OFFER_COMMON = (
    "gemeentecode",
    "title",
    "description",
    "postcode",
    "available_from",
    "contact",
    "link",
)
OFFER_KINDS = {
    "housing": (OfferKind.HOUSING, ("tenure", "price", "bedrooms")),
    "job_leads": (OfferKind.JOB_LEAD, ("sector", "employer", "hours_per_week")),
    "childcare": (OfferKind.CHILDCARE, ("places", "ages", "priority_for_doctors")),
    "training": (OfferKind.TRAINING, ("places",)),
    "incentives": (OfferKind.INCENTIVE, ("incentive_type", "amount")),
}
PRACTICE_COLUMNS = (
    "holder_email",
    "holder_name",
    "name",
    "anonymous",
    "postcode",
    "street",
    "patients",
    "fte",
    "form",
    "dispensing",
    "building",
    "handover_from",
    "handover_until",
    "handover_model",
    "goodwill_min",
    "goodwill_max",
    "days_per_week",
    "anw_hours_per_month",
    "staff_assistants",
    "staff_poh",
    "description",
    "contact_email",
    "contact_phone",
    "status",
)
CANDIDATE_COLUMNS = (
    "email",
    "name",
    "stage",
    "home_postcode",
    "max_distance_km",
    "earliest_start",
    "latest_start",
    "days_per_week",
    "partner_work",
    "partner_sector",
    "children_birth_years",
    "housing_need",
    "consent",
)
KINDS = ("practices", "candidates", *OFFER_KINDS)


@dataclass(frozen=True)
class RowError:
    """One problem: spreadsheet row (header = row 1), column, and what is wrong.

    ``code`` says what is wrong in a form the web layer words in the reader's language,
    naming ``value``; ``valid`` lists what would be accepted. ``message`` is for developers
    (and for errors the web layer made itself, already in the reader's language).
    """

    row: int
    field: str
    message: str
    code: Code | None = None
    value: str = ""
    valid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """What a person may type in each coded column: every accepted spelling (lower case) to
    its code, and the labels to show as valid values. The web layer builds it from its label
    tables, so "Te koop", "for sale" and "sale" all mean ``sale``."""

    aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    shown: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)  # a column's label → its key

    def columns(self, header: list[str]) -> list[str]:
        """The file's header with every known column label replaced by its key."""
        return [self.headers.get(h, h) for h in header]

    def normalise(self, row: dict[str, str]) -> dict[str, str]:
        """The row with every known label replaced by its code."""
        out = dict(row)
        for column, table in self.aliases.items():
            value = out.get(column, "").strip().lower()
            if value in table:
                out[column] = table[value]
        return out

    def explain(self, error: RowError) -> RowError:
        """The error with the column's valid values, when it is a coded column."""
        if error.code in (Code.INVALID_CHOICE, Code.INVALID_VALUE) and error.field in self.shown:
            return replace(error, valid=self.shown[error.field])
        return error


class ImportFailed(Exception):
    """The file was refused; nothing was stored."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s)")


def columns(kind: str) -> tuple[str, ...]:
    """The template header of ``kind``."""
    if kind == "practices":
        return PRACTICE_COLUMNS
    if kind == "candidates":
        return CANDIDATE_COLUMNS
    return (*OFFER_COMMON, *OFFER_KINDS[kind][1])
