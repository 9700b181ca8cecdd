"""CSV that Excel opens correctly in Dutch locales: UTF-8 with BOM, semicolons."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

DELIMITER = ";"
BOM = "\ufeff"


def excel_csv(rows: Iterable[Sequence[Any]]) -> str:
    """Write rows (the first being the header) as Excel-friendly CSV."""
    out = io.StringIO()
    out.write(BOM)
    csv.writer(out, delimiter=DELIMITER).writerows(rows)
    return out.getvalue()
