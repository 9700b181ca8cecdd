"""Reading a CSV: decoding, sniffing, bounding cells, and parsing each cell by its column."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from matchmaker.domain.errors import Code, DomainError
from matchmaker.domain.geo import normalise_pc4
from matchmaker.services.csvfile import restore
from matchmaker.services.imports.schema import (
    FALSE,
    MAX_CELL,
    MAX_ROWS,
    TRUE,
    ZIP_MAGIC,
    ImportFailed,
    RowError,
)

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


def parse_cells(
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


def postcode_errors(row: dict[str, str], names: tuple[str, ...], line: int) -> list[RowError]:
    errors = []
    for name in names:
        raw = row.get(name, "").strip()
        if name in POSTCODE_COLUMNS and raw:
            try:
                normalise_pc4(raw)
            except DomainError:
                errors.append(RowError(line, name, "not a postcode", Code.MALFORMED, raw[:12]))
    return errors


def checked(
    cls: type[BaseModel], values: dict[str, Any], line: int, errors: list[RowError]
) -> tuple[Any, list[RowError]]:
    """The model of a row, with every problem of the row at once: the cells that failed to
    read, and what the model says of the others (not again of those cells)."""
    failed = {e.field for e in errors}
    data, found = validated(
        cls, {k: v for k, v in values.items() if v is not None and k not in failed}, line
    )
    found = [e for e in found if e.field not in failed]
    return (data if not errors and not found else None), [*errors, *found]


def validated(
    cls: type[BaseModel], values: dict[str, Any], line: int
) -> tuple[Any, list[RowError]]:
    try:
        return cls.model_validate(values), []
    except ValidationError as exc:
        return None, [pydantic_error(e, line) for e in exc.errors()]


def pydantic_error(error: Any, line: int) -> RowError:
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


def domain_errors(exc: DomainError, line: int) -> list[RowError]:
    return [
        RowError(line, issue.field, issue.message, issue.code, issue.value) for issue in exc.issues
    ]
