"""CSV import and export for recruiters: all rows or none, with row-numbered errors."""

from __future__ import annotations

import csv
import io
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session, col, func, select

from matchmaker.domain.emails import is_email_address, normalise_email
from matchmaker.domain.errors import Code, DomainError, NotFound, raise_if
from matchmaker.domain.geo import normalise_pc4
from matchmaker.domain.offers import OfferKind
from matchmaker.domain.practice import ListingStatus
from matchmaker.domain.roles import Role
from matchmaker.models import CandidateProfile, Offer, Practice, User
from matchmaker.models.candidate import CandidateProfileInput
from matchmaker.models.offer import OfferInput
from matchmaker.models.practice import PracticeInput
from matchmaker.services import accounts, audit, notifications, offers
from matchmaker.services.candidates import check_profile
from matchmaker.services.csvfile import Table, excel_csv, restore
from matchmaker.services.geodata import gazetteer
from matchmaker.services.practices import located_values

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


# --- reading ------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or Excel's Windows-1252; anything else is refused."""
    if data.startswith(ZIP_MAGIC):
        raise ImportFailed([RowError(0, "file", "an Excel workbook", Code.EXCEL_WORKBOOK)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportFailed([RowError(0, "file", "not text", Code.NOT_TEXT)]) from None
    if "\x00" in text:
        raise ImportFailed([RowError(0, "file", "not text", Code.NOT_TEXT)])
    return text


def read_table(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """Decode UTF-8 or Windows-1252, sniff ',' ';' or tab; cells are bounded in length."""
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        rows: list[dict[str, str]] = []
        for line, row in enumerate(reader, start=2):
            if len(rows) == MAX_ROWS:
                raise ImportFailed(
                    [RowError(line, "", "too many rows", Code.TOO_MANY_ROWS, str(MAX_ROWS))]
                )
            rows.append({k: restore((v or "").strip()) for k, v in row.items() if k})
    except csv.Error:
        raise ImportFailed(
            [RowError(reader.line_num, "", "cell too long", Code.CELL_TOO_LONG, str(MAX_CELL))]
        ) from None
    long = [
        RowError(line, name, "cell too long", Code.CELL_TOO_LONG, str(MAX_CELL))
        for line, row in enumerate(rows, start=2)
        for name, value in row.items()
        if len(value) > MAX_CELL
    ]
    if long:
        raise ImportFailed(long)
    return header, rows


class ChoiceError(ValueError):
    """A cell that is not one of the column's values."""

    def __init__(self, value: str, valid: tuple[str, ...]) -> None:
        super().__init__(value)
        self.value, self.valid = value, valid


class NumberError(ValueError):
    """A cell that is not a number."""


class DateError(ValueError):
    """A cell that is not a date."""


def _bool(value: str) -> bool:
    v = value.strip().lower()
    if v in TRUE:
        return True
    if v in FALSE:
        return False
    raise ChoiceError(value, ("ja", "nee"))


def _int(value: str) -> int | None:
    v = value.replace("€", "").replace(" ", "").replace(".", "")
    try:
        return int(v) if v else None
    except ValueError:
        raise NumberError(value) from None


def _float(value: str) -> float | None:
    v = value.replace(" ", "").replace(",", ".")
    try:
        return float(v) if v else None
    except ValueError:
        raise NumberError(value) from None


def _date(value: str) -> date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise DateError(value)


def _years(value: str) -> list[int]:
    try:
        return [int(y) for y in re.split(r"[\s,;|]+", value) if y]
    except ValueError:
        raise NumberError(value) from None


PARSERS: dict[str, Callable[[str], Any]] = {
    "anonymous": _bool,
    "dispensing": _bool,
    "priority_for_doctors": _bool,
    "consent": _bool,
    "patients": _int,
    "goodwill_min": _int,
    "goodwill_max": _int,
    "days_per_week": _int,
    "anw_hours_per_month": _int,
    "staff_assistants": _int,
    "staff_poh": _int,
    "price": _int,
    "bedrooms": _int,
    "hours_per_week": _int,
    "places": _int,
    "amount": _int,
    "max_distance_km": _int,
    "fte": _float,
    "handover_from": _date,
    "handover_until": _date,
    "available_from": _date,
    "earliest_start": _date,
    "latest_start": _date,
    "children_birth_years": _years,
}


def _parse(
    row: dict[str, str], names: tuple[str, ...], line: int
) -> tuple[dict[str, Any], list[RowError]]:
    values: dict[str, Any] = {}
    errors = []
    for name in names:
        raw = row.get(name, "")
        try:
            values[name] = PARSERS[name](raw) if name in PARSERS else (raw or None)
        except ChoiceError as exc:
            errors.append(RowError(line, name, "not a choice", Code.INVALID_VALUE, raw, exc.valid))
        except DateError:
            errors.append(RowError(line, name, "not a date", Code.INVALID_DATE, raw))
        except ValueError:
            errors.append(RowError(line, name, "not a number", Code.NOT_A_NUMBER, raw))
    return values, errors


# Postcode columns, checked for their form while the row is read: "83XX" is named in the
# same pass as every other problem of the row, not after them.
POSTCODE_COLUMNS = ("postcode", "home_postcode")


def _postcodes(row: dict[str, str], names: tuple[str, ...], line: int) -> list[RowError]:
    errors = []
    for name in names:
        raw = row.get(name, "").strip()
        if name in POSTCODE_COLUMNS and raw:
            try:
                normalise_pc4(raw)
            except DomainError:
                errors.append(RowError(line, name, "not a postcode", Code.MALFORMED, raw[:12]))
    return errors


def _checked(
    cls: type[BaseModel], values: dict[str, Any], line: int, errors: list[RowError]
) -> tuple[Any, list[RowError]]:
    """The model of a row, with every problem of the row at once: the cells that failed to
    read, and what the model says of the others (not again of those cells)."""
    failed = {e.field for e in errors}
    data, found = _model(
        cls, {k: v for k, v in values.items() if v is not None and k not in failed}, line
    )
    found = [e for e in found if e.field not in failed]
    return (data if not errors and not found else None), [*errors, *found]


def _model(cls: type[BaseModel], values: dict[str, Any], line: int) -> tuple[Any, list[RowError]]:
    try:
        return cls.model_validate(values), []
    except ValidationError as exc:
        return None, [_pydantic(e, line) for e in exc.errors()]


def _pydantic(error: Any, line: int) -> RowError:
    """A model's complaint about a cell, as a row error the web layer can word."""
    column = str(error["loc"][0]) if error["loc"] else ""
    kind = error["type"]
    value = "" if error.get("input") is None else str(error["input"])[:80]
    if kind == "missing":
        return RowError(line, column, error["msg"], Code.CELL_REQUIRED)
    if kind == "string_too_long":
        limit = str(error.get("ctx", {}).get("max_length", ""))
        return RowError(line, column, error["msg"], Code.CELL_TOO_LONG, limit)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return RowError(line, column, error["msg"], Code.OUT_OF_RANGE, value)
    return RowError(line, column, error["msg"], Code.INVALID_VALUE, value)


def _domain(exc: DomainError, line: int) -> list[RowError]:
    return [
        RowError(line, issue.field, issue.message, issue.code, issue.value) for issue in exc.issues
    ]


# --- validating and building, per kind ------------------------------------------------------


class OnExisting(StrEnum):
    """What to do with a row that is already in the database (by its natural key)."""

    ERROR = "error"  # refuse the file, naming the rows
    SKIP = "skip"  # leave what is stored
    UPDATE = "update"  # overwrite it with the row


@dataclass(frozen=True)
class ImportReport:
    """What an import stored, or in a preview would store."""

    created: int
    updated: int
    skipped: int
    preview: list[dict[str, Any]] = field(default_factory=list)  # the first new rows


@dataclass
class _Plan:
    """What a valid file will store."""

    objects: list[Any]
    users: dict[str, User]
    on_existing: OnExisting = OnExisting.ERROR
    importer: int | None = None  # the recruiter's account id; None for the command line
    seen: dict[tuple[Any, ...], int] = field(default_factory=dict)  # natural key -> row
    updates: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)
    skipped: int = 0

    def claim(self, key: tuple[Any, ...], line: int, field_name: str) -> RowError | None:
        """Note a row's natural key; a second row with the same key is an error."""
        first = self.seen.setdefault(key, line)
        if first != line:
            return RowError(line, field_name, "repeated", Code.SAME_AS_ROW, str(first))
        return None

    def existing(
        self, stored: Any, values: dict[str, Any], line: int, field_name: str
    ) -> list[RowError] | None:
        """Handle a row already in the database; None when it is new."""
        if stored is None:
            return None
        if self.on_existing == OnExisting.ERROR:
            return [RowError(line, field_name, "already stored", Code.ALREADY_STORED)]
        if self.on_existing == OnExisting.UPDATE:
            self.updates.append((stored, values))
        else:
            self.skipped += 1
        return []


def _importers(account: User, importer: int | None) -> bool:
    """Whether an import by ``importer`` (None: the command line) may touch ``account``'s
    listings: only an unclaimed account that importer created."""
    return account.invited and (importer is None or account.invited_by == importer)


def _practice(
    session: Session, row: dict[str, str], line: int, allowed: set[str] | None, plan: _Plan
) -> list[RowError]:
    values, errors = _parse(row, PRACTICE_COLUMNS, line)
    errors += _postcodes(row, PRACTICE_COLUMNS, line)
    email = normalise_email(values.pop("holder_email") or "")
    holder_name = values.pop("holder_name") or email
    for optional in ("description",):
        values[optional] = values[optional] or ""
    if not is_email_address(email):
        errors.append(RowError(line, "holder_email", "no email", Code.NOT_AN_EMAIL, email))
    # Nobody learns a practice is for sale before its holder says so: an imported listing is
    # a draft, anonymous, until the holder claims it and publishes it themselves.
    values.update(anonymous=True, status=ListingStatus.DRAFT.value)
    data, errors = _checked(PracticeInput, values, line, errors)
    if errors:
        return errors
    try:
        located = located_values(data)
    except DomainError as exc:
        return _domain(exc, line)
    if allowed is not None and located["gemeentecode"] not in allowed:
        return [
            RowError(
                line, "postcode", "not your region", Code.NOT_YOUR_REGION, str(located["postcode"])
            )
        ]
    duplicate = plan.claim(
        ("practice", data.name.strip().lower(), located["postcode"]), line, "name"
    )
    if duplicate:
        return [duplicate]
    stored = session.exec(
        select(Practice).where(
            func.lower(Practice.name) == data.name.strip().lower(),
            Practice.postcode == located["postcode"],
        )
    ).first()
    if stored is not None and plan.on_existing == OnExisting.UPDATE:
        owner = session.get(User, stored.owner_id)
        if owner is None or not _importers(owner, plan.importer):
            # A holder's own listing (or another recruiter's) is never changed by an import.
            return [RowError(line, "name", "a holder's listing", Code.HOLDERS_LISTING, data.name)]
    handled = plan.existing(stored, located, line, "name")
    if handled is not None:
        return handled
    holder = plan.users.get(email) or accounts.find_user(session=session, email=email)
    if holder is not None and holder.role != Role.HOLDER:
        return [RowError(line, "holder_email", "not a holder", Code.NOT_A_HOLDER, email)]
    if holder is not None and not _importers(holder, plan.importer):
        # Nothing is attached to an account its owner runs without their say-so.
        return [RowError(line, "holder_email", "holder has an account", Code.EMAIL_TAKEN, email)]
    if holder is None:
        holder = User(
            email=email,
            display_name=holder_name[:120],
            role=Role.HOLDER,
            password_hash=UNUSABLE_PASSWORD,
            invited=True,
            invited_by=plan.importer,
        )
    plan.users[email] = holder
    plan.objects.append((holder, located))
    return []


def _candidate(
    session: Session, row: dict[str, str], line: int, allowed: set[str] | None, plan: _Plan
) -> list[RowError]:
    values, errors = _parse(row, CANDIDATE_COLUMNS, line)
    errors += _postcodes(row, CANDIDATE_COLUMNS, line)
    email = normalise_email(values.pop("email") or "")
    consent = values.pop("consent")
    name = values.pop("name") or ""
    if not is_email_address(email):
        errors.append(RowError(line, "email", "no email", Code.NOT_AN_EMAIL, email))
    payload = {k: v for k, v in values.items() if v is not None}
    payload.update(display_name=name, children_birth_years=values["children_birth_years"] or [])
    data, errors = _checked(CandidateProfileInput, payload, line, errors)
    if errors:
        return errors
    duplicate = plan.claim(("candidate", email), line, "email")
    if duplicate:
        return [duplicate]
    if accounts.find_user(session=session, email=email) is not None:
        if plan.on_existing == OnExisting.ERROR:
            return [RowError(line, "email", "account exists", Code.EMAIL_TAKEN, email)]
        plan.skipped += 1  # a person's own profile is theirs to change, never an import's
        return []
    try:
        raise_if(check_profile(data))
    except DomainError as exc:
        return _domain(exc, line)
    try:
        place = gazetteer().place(data.home_postcode)
    except DomainError as exc:
        return _domain(exc, line)
    user = User(
        email=email,
        display_name=name[:120],
        role=Role.CANDIDATE,
        password_hash=UNUSABLE_PASSWORD,
        invited=True,
        invited_by=plan.importer,
    )
    plan.users[email] = user
    profile_values = data.model_dump()
    profile_values.update(
        home_postcode=place.pc4,
        home_lat=place.lat,
        home_lon=place.lon,
        gemeentecode=place.municipality.code,
        province=place.municipality.province,
        consent=consent,
    )
    plan.objects.append((user, profile_values))
    return []


def _offer(kind: str) -> Callable[..., list[RowError]]:
    offer_kind, fields = OFFER_KINDS[kind]

    def build(
        session: Session, row: dict[str, str], line: int, allowed: set[str] | None, plan: _Plan
    ) -> list[RowError]:
        names = (*OFFER_COMMON, *fields)
        values, errors = _parse(row, names, line)
        errors += _postcodes(row, names, line)
        values["gemeentecode"] = (values["gemeentecode"] or "").upper()
        values["description"] = values["description"] or ""
        values["priority_for_doctors"] = bool(values.get("priority_for_doctors"))
        data, errors = _checked(OfferInput, {**values, "kind": offer_kind.value}, line, errors)
        if errors:
            return errors
        if gazetteer().municipality(data.gemeentecode) is None:
            return [
                RowError(
                    line,
                    "gemeentecode",
                    "unknown municipality",
                    Code.UNKNOWN_MUNICIPALITY,
                    data.gemeentecode,
                )
            ]
        if allowed is not None and data.gemeentecode not in allowed:
            return [
                RowError(
                    line, "gemeentecode", "not your region", Code.NOT_YOUR_REGION, data.gemeentecode
                )
            ]
        try:
            values = offers._values(data)
        except DomainError as exc:
            return _domain(exc, line)
        key = (data.kind, data.gemeentecode, data.title.strip().lower())
        duplicate = plan.claim(key, line, "title")
        if duplicate:
            return [duplicate]
        stored = session.exec(
            select(Offer).where(
                Offer.kind == data.kind,
                Offer.gemeentecode == data.gemeentecode,
                func.lower(Offer.title) == data.title.strip().lower(),
            )
        ).first()
        handled = plan.existing(stored, values, line, "title")
        if handled is not None:
            return handled
        plan.objects.append(values)
        return []

    return build


BUILDERS: dict[str, Callable[..., list[RowError]]] = {
    "practices": _practice,
    "candidates": _candidate,
    **{k: _offer(k) for k in OFFER_KINDS},
}


def import_csv(*, session: Session, kind: str, data: bytes, user: User | None) -> int:
    """Import refusing rows already stored; returns how many rows were stored."""
    report = run_import(session=session, kind=kind, data=data, user=user)
    return report.created + report.updated


def run_import(
    *,
    session: Session,
    kind: str,
    data: bytes,
    user: User | None,
    on_existing: OnExisting = OnExisting.ERROR,
    vocabulary: Vocabulary | None = None,
    dry_run: bool = False,
    secret: str | None = None,
) -> ImportReport:
    """Validate every row; store all of them in one transaction, or none (ImportFailed).

    Rows repeating another row of the file (same natural key) are always an error naming
    both rows; rows already in the database follow ``on_existing``. A stored import is
    audited, and each holder a listing was created for is told, with a link to claim it
    (signed with ``secret``).
    """
    if kind not in BUILDERS:
        raise ImportFailed([RowError(0, "kind", "unknown kind", Code.UNKNOWN_KIND, kind)])
    words = vocabulary or Vocabulary()
    header, rows = read_table(data)
    keys = dict(zip(header, words.columns(header), strict=True))
    header = list(keys.values())
    rows = [{keys.get(k, k): v for k, v in row.items()} for row in rows]
    missing = [c for c in columns(kind) if c not in header]
    if missing:
        raise ImportFailed([RowError(1, c, "missing column", Code.COLUMN_MISSING) for c in missing])
    if not rows:
        raise ImportFailed([RowError(2, "", "no rows", Code.NO_ROWS)])
    allowed = None if user is None else set(offers.editable_regions(session=session, user=user))
    plan = _Plan([], {}, on_existing=on_existing, importer=user.id if user else None)
    errors = [
        words.explain(e)
        for line, row in enumerate(rows, start=2)
        for e in BUILDERS[kind](session, words.normalise(row), line, allowed, plan)
    ]
    if errors:
        raise ImportFailed(errors)
    if not dry_run:  # a preview only looked things up
        _store(session, kind, plan, user, secret)
    return ImportReport(
        len(plan.objects),
        len(plan.updates),
        plan.skipped,
        [_shown(kind, item) for item in plan.objects[:PREVIEW_ROWS]],
    )


def _shown(kind: str, item: Any) -> dict[str, Any]:
    """A new row as it will be stored, for the preview."""
    if kind == "practices":
        holder, located = item
        return {"holder_email": holder.email, **located}
    if kind == "candidates":
        account, values = item
        return {"email": account.email, "name": account.display_name, **values}
    return dict(item)


# --- uploads waiting for the recruiter's confirmation --------------------------------------


def hold(*, data: bytes, owner_id: int, directory: Path) -> str:
    """Keep an uploaded file until it is confirmed; returns its token."""
    directory.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - HOLD_SECONDS
    for old in directory.glob("*.csv"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = f"{owner_id}-{secrets.token_urlsafe(16)}"
    (directory / f"{token}.csv").write_bytes(data)
    return token


def held(*, token: str, owner_id: int, directory: Path) -> bytes:
    """The file behind ``token`` if it is the owner's and still kept; NotFound otherwise."""
    if not re.fullmatch(rf"{owner_id}-[A-Za-z0-9_-]{{22}}", token):
        raise NotFound(token)
    path = directory / f"{token}.csv"
    if not path.exists() or path.stat().st_mtime < time.time() - HOLD_SECONDS:
        raise NotFound(token)
    return path.read_bytes()


def release(*, token: str, directory: Path) -> None:
    """Forget a kept file (after it was imported)."""
    if re.fullmatch(r"\d+-[A-Za-z0-9_-]{22}", token):
        (directory / f"{token}.csv").unlink(missing_ok=True)


def _store(session: Session, kind: str, plan: _Plan, user: User | None, secret: str | None) -> None:
    try:
        for account in plan.users.values():
            session.add(account)
        session.flush()
        created: list[Practice] = []
        for item in plan.objects:
            if kind == "practices":
                holder, located = item
                created.append(Practice(owner_id=holder.id, **located))
                session.add(created[-1])
            elif kind == "candidates":
                account, values = item
                session.add(CandidateProfile(user_id=account.id, **values))
            else:
                session.add(Offer(created_by=user.id if user else None, **item))
        for stored, values in plan.updates:
            for key, value in values.items():
                setattr(stored, key, value)
            session.add(stored)
        audit.record(
            session=session,
            actor=user,
            action=audit.Action.IMPORT,
            detail=f"{kind}: {len(plan.objects)} new, {len(plan.updates)} updated, "
            f"{plan.skipped} skipped",
            commit=False,
        )
        _tell_holders(session, created, plan.users, user, secret)
        session.commit()
    except Exception:
        session.rollback()
        raise


def _tell_holders(
    session: Session,
    created: list[Practice],
    users: dict[str, User],
    importer: User | None,
    secret: str | None,
) -> None:
    """Each holder hears of the listings made for them, with the link to claim them."""
    by_owner: dict[int, list[Practice]] = {}
    for practice in created:
        by_owner.setdefault(practice.owner_id, []).append(practice)
    owners = {u.id: u for u in users.values()}
    for owner_id, listings in by_owner.items():
        owner = owners.get(owner_id) or session.get(User, owner_id)
        if owner is None:
            continue
        notifications.notify(
            session=session,
            kind="listing_imported",
            to=owner,
            practices=[p.name for p in listings],
            recruiter=importer.display_name if importer else None,
            activation=accounts.activation_token(user=owner, secret=secret)
            if secret and owner.invited
            else None,
        )


# --- exporting ------------------------------------------------------------------------------


def export_table(*, session: Session, kind: str, user: User | None) -> Table:
    """Practices or offers in the user's municipalities, one row each, in import columns."""
    allowed = (
        sorted(gazetteer().municipalities)
        if user is None
        else offers.editable_regions(session=session, user=user)
    )
    header = columns(kind)
    rows: list[tuple[Any, ...]] = []
    if kind == "practices":
        stmt = (
            select(Practice, User.email, User.display_name)
            .join(User, col(User.id) == Practice.owner_id)
            .where(col(Practice.gemeentecode).in_(allowed))
            .order_by(col(Practice.id))
        )
        for practice, email, name in session.exec(stmt):
            row = {**practice.model_dump(), "holder_email": email, "holder_name": name}
            rows.append(tuple(row.get(c) for c in header))
    elif kind in OFFER_KINDS:
        offer_stmt = (
            select(Offer)
            .where(Offer.kind == OFFER_KINDS[kind][0].value, col(Offer.gemeentecode).in_(allowed))
            .order_by(col(Offer.id))
        )
        for offer in session.exec(offer_stmt):
            row = offer.model_dump()
            rows.append(tuple(row.get(c) for c in header))
    return Table(header, rows)


def template_table(kind: str) -> Table:
    """The columns of ``kind`` with two example rows (synthetic: delete them before use)."""
    header = columns(kind)
    return Table(header, [tuple(example.get(c) for c in header) for example in EXAMPLES[kind]])


def plain_csv(table: Table) -> str:
    """A table with its column keys and stored codes, ISO dates: the machine's own format."""
    return excel_csv([table.columns, *([_cell(v) for v in row] for row in table.rows)])


def export_csv(*, session: Session, kind: str, user: User | None) -> str:
    """Practices or offers in the user's municipalities as Excel-friendly CSV (';', BOM)."""
    return plain_csv(export_table(session=session, kind=kind, user=user))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def template_csv(kind: str) -> str:
    """The header of ``kind`` with its two example rows."""
    return plain_csv(template_table(kind))


_SOON = date(2027, 3, 1)
# Two rows per kind showing what a filled-in file looks like; obviously examples, never data.
EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "practices": [
        {
            "holder_email": "huisarts@voorbeeld.nl",
            "holder_name": "Dr. J. Voorbeeld",
            "name": "Huisartsenpraktijk Voorbeeld",
            "anonymous": False,
            "postcode": "8302",
            "street": "Voorbeeldstraat 1",
            "patients": 2300,
            "fte": 1.0,
            "form": "solo",
            "dispensing": False,
            "building": "with_house",
            "handover_from": _SOON,
            "handover_until": date(2027, 9, 1),
            "handover_model": "gradual",
            "goodwill_min": 40_000,
            "goodwill_max": 60_000,
            "days_per_week": 4,
            "anw_hours_per_month": 8,
            "staff_assistants": 2,
            "staff_poh": 1,
            "description": "Voorbeeld: rustige praktijk met eigen apotheek in de buurt.",
            "status": "published",
        },
        {
            "holder_email": "praktijk@voorbeeld.nl",
            "holder_name": "Dr. A. Proef",
            "name": "Gezondheidscentrum Proef",
            "anonymous": True,
            "postcode": "7811",
            "patients": 6200,
            "fte": 3.0,
            "form": "health_centre",
            "building": "rented",
            "handover_from": date(2028, 1, 1),
            "handover_until": date(2028, 6, 1),
            "handover_model": "direct",
            "days_per_week": 5,
            "status": "draft",
        },
    ],
    "candidates": [
        {
            "email": "haio@voorbeeld.nl",
            "name": "Voorbeeld Haio",
            "stage": "haio_3",
            "home_postcode": "3512",
            "max_distance_km": 80,
            "earliest_start": _SOON,
            "days_per_week": 4,
            "partner_work": "needs_job",
            "partner_sector": "education",
            "children_birth_years": [2022, 2025],
            "housing_need": "buy",
            "consent": True,
        },
        {
            "email": "waarnemer@voorbeeld.nl",
            "name": "Voorbeeld Waarnemer",
            "stage": "locum",
            "home_postcode": "9711",
            "max_distance_km": 50,
            "partner_work": "no_partner",
            "housing_need": "none",
            "consent": True,
        },
    ],
    "housing": [
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: gezinswoning",
            "postcode": "8302",
            "tenure": "rent",
            "price": 1250,
            "bedrooms": 4,
        },
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: vrijstaand huis",
            "postcode": "8302",
            "tenure": "buy",
            "price": 395_000,
            "bedrooms": 5,
            "available_from": _SOON,
        },
    ],
    "job_leads": [
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: leerkracht",
            "sector": "education",
            "employer": "Voorbeeldschool",
            "hours_per_week": 28,
        },
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: verpleegkundige",
            "sector": "healthcare",
            "employer": "Voorbeeldzorg",
            "hours_per_week": 32,
        },
    ],
    "childcare": [
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: kinderdagverblijf",
            "places": 4,
            "ages": "0-4",
            "priority_for_doctors": True,
        },
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: buitenschoolse opvang",
            "places": 2,
            "ages": "4-12",
            "priority_for_doctors": False,
        },
    ],
    "training": [
        {"gemeentecode": "GM0171", "title": "Voorbeeld: opleidingsplaats haio", "places": 2},
        {"gemeentecode": "GM0171", "title": "Voorbeeld: stageplaats", "places": 1},
    ],
    "incentives": [
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: startpremie",
            "incentive_type": "starter_bonus",
            "amount": 10_000,
        },
        {
            "gemeentecode": "GM0171",
            "title": "Voorbeeld: ondersteuning praktijk",
            "incentive_type": "practice_support",
            "amount": 2_500,
        },
    ],
}
