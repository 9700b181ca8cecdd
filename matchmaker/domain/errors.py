"""Domain errors: one exception type carrying a list of named issues."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    """Every reason an input can be refused; the web layer has a Dutch and English message
    for each (``web/labels.ISSUE_MESSAGES``)."""

    MALFORMED = "malformed"
    UNKNOWN = "unknown"  # postcode
    UNKNOWN_MUNICIPALITY = "unknown_municipality"
    BEFORE_START = "before_start"
    TOO_WIDE = "too_wide"
    HALF_RANGE = "half_range"
    INVERTED = "inverted"
    OUT_OF_RANGE = "out_of_range"
    TIME_ORDER = "time_order"
    PAST = "past"
    FUTURE = "future"
    TAKEN = "taken"
    WRONG = "wrong"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    WEAK = "weak"
    BIG_FORMAT = "big_format"
    ALREADY_ENABLED = "already_enabled"
    WRONG_CODE = "wrong_code"
    UNCONFIRMED = "unconfirmed"
    NOT_RECRUITER = "not_recruiter"
    NO_AREA = "no_area"
    SELF = "self"
    HAS_PARTNER = "has_partner"
    MISSING = "missing"
    REQUIRED = "required"
    INVALID_CHOICE = "invalid_choice"
    UNKNOWN_KIND = "unknown_kind"
    KIND_CHANGED = "kind_changed"
    EXISTS = "exists"
    CLOSED = "closed"
    AWAIT_ANSWER = "await_answer"
    NOT_RECEIVER = "not_receiver"
    BACKWARDS = "backwards"
    SKIP_REASON = "skip_reason"
    CONFIRM_OTHER = "confirm_other"
    NOT_YOURS = "not_yours"
    NOT_IN_AREA = "not_in_area"
    NOT_AN_EMAIL = "not_an_email"
    TOO_MANY = "too_many"
    PRACTICE_REQUIRED = "practice_required"
    NOT_IN_CAMPAIGN = "not_in_campaign"
    FULL = "full"
    BELOW_TAKEN = "below_taken"
    PARTY_TOO_LARGE = "party_too_large"
    OWN_EVENT = "own_event"
    EVENT_OVER = "event_over"
    NOT_AN_INCENTIVE = "not_an_incentive"
    NAMES_A_PLACE = "names_a_place"
    NAMES_A_STREET = "names_a_street"
    NAMES_THE_PRACTICE = "names_the_practice"
    NAMES_THE_HOLDER = "names_the_holder"
    GIVES_PRACTICE_AWAY = "gives_practice_away"
    IMPLAUSIBLE_LIST = "implausible_list"
    DAYS_OVER_FTE = "days_over_fte"
    FILE_TOO_LARGE = "file_too_large"
    NOT_A_PDF = "not_a_pdf"
    NOT_AN_IMAGE = "not_an_image"
    PHOTO_TOO_LARGE = "photo_too_large"
    SHORTLIST_FULL = "shortlist_full"
    SEARCHES_FULL = "searches_full"
    PHOTOS_FULL = "photos_full"
    DUPLICATE = "duplicate"
    NO_CAPACITY = "no_capacity"
    NEGATIVE = "negative"
    SIZE = "size"
    # spreadsheet imports
    EXCEL_WORKBOOK = "excel_workbook"
    NOT_TEXT = "not_text"
    TOO_MANY_ROWS = "too_many_rows"
    CELL_TOO_LONG = "cell_too_long"
    INVALID_VALUE = "invalid_value"
    INVALID_DATE = "invalid_date"
    NOT_A_NUMBER = "not_a_number"
    CELL_REQUIRED = "cell_required"
    SAME_AS_ROW = "same_as_row"
    ALREADY_STORED = "already_stored"
    NOT_YOUR_REGION = "not_your_region"
    NOT_A_HOLDER = "not_a_holder"
    HOLDERS_LISTING = "holders_listing"
    PUBLISH_FIRST = "publish_first"
    EMAIL_TAKEN = "email_taken"
    COLUMN_MISSING = "column_missing"
    NO_ROWS = "no_rows"


@dataclass(frozen=True)
class Issue:
    """One problem with an input: which field, a machine code and a readable message."""

    field: str
    code: Code
    message: str  # for developers and logs; users see the translated message of ``code``
    value: str = ""  # the refused value, when the message names it


class DomainError(ValueError):
    """Raised when domain input fails one or more checks."""

    def __init__(self, issues: list[Issue]) -> None:
        if not issues:
            raise ValueError("a DomainError needs at least one issue")
        self.issues = issues
        super().__init__("; ".join(f"{i.field}: {i.message}" for i in issues))


class NotFound(LookupError):
    """The object does not exist or is not the caller's to see (pages answer 404)."""


class PostcodeError(DomainError):
    """A postcode that is malformed or not known in the open data."""


def raise_if(issues: list[Issue], exc: type[DomainError] = DomainError) -> None:
    """Raise ``exc`` with ``issues`` when there are any."""
    if issues:
        raise exc(issues)


def check_choice(
    field: str, value: object, allowed: Iterable[str], *, optional: bool = False
) -> list[Issue]:
    """An issue when ``value`` is not one of the ``allowed`` codes."""
    if optional and value in (None, ""):
        return []
    if value not in set(allowed):
        return [Issue(field, Code.INVALID_CHOICE, f"not a valid choice: {value!r}", str(value))]
    return []
