"""CSV that Excel opens correctly in Dutch locales: UTF-8 with BOM, semicolons."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DELIMITER = ";"
BOM = "\ufeff"
# Spreadsheets run a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return QUOTE + value
    return value


def restore(value: str) -> str:
    """Undo :func:`neutralise` when a file this app wrote is read back in."""
    if value.startswith(QUOTE) and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def excel_csv(rows: Iterable[Sequence[Any]]) -> str:
    """Write rows (the first being the header) as Excel-friendly CSV, formulas neutralised."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=DELIMITER)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


@dataclass(frozen=True)
class Table:
    """A block of a spreadsheet before it meets its reader: column keys and typed values.

    The web layer words the headers and the coded values in the reader's language and writes
    dates, times and decimals the way their spreadsheet reads them. ``codes`` names, per
    column, the label table its stored codes come from.
    """

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    codes: Mapping[str, str] = field(default_factory=dict)
