"""CSV import and export for recruiters: all rows or none, with row-numbered errors.

The package in layers, each using only the ones above it:

- ``schema``: the kinds, their columns, the limits, row errors and the vocabulary of labels;
- ``reading``: decoding a file and parsing each cell by its column;
- ``building``: validating every row and building its objects, storing all of them or none;
- ``holding``: uploads kept for an hour until the recruiter confirms the preview;
- ``exporting``: exports and templates (with example rows) as CSV tables.
"""

from __future__ import annotations

from matchmaker.services.imports.building import (
    ImportReport,
    OnExisting,
    import_csv,
    run_import,
)
from matchmaker.services.imports.exporting import (
    export_csv,
    export_table,
    plain_csv,
    template_csv,
    template_table,
)
from matchmaker.services.imports.holding import held, hold, release
from matchmaker.services.imports.reading import read_table
from matchmaker.services.imports.schema import (
    CANDIDATE_COLUMNS,
    KINDS,
    MAX_CELL,
    MAX_ERRORS_SHOWN,
    MAX_ROWS,
    OFFER_COMMON,
    OFFER_KINDS,
    PRACTICE_COLUMNS,
    PREVIEW_ROWS,
    UNUSABLE_PASSWORD,
    ImportFailed,
    RowError,
    Vocabulary,
    columns,
)

__all__ = [
    "CANDIDATE_COLUMNS",
    "KINDS",
    "MAX_CELL",
    "MAX_ERRORS_SHOWN",
    "MAX_ROWS",
    "OFFER_COMMON",
    "OFFER_KINDS",
    "PRACTICE_COLUMNS",
    "PREVIEW_ROWS",
    "UNUSABLE_PASSWORD",
    "ImportFailed",
    "ImportReport",
    "OnExisting",
    "RowError",
    "Vocabulary",
    "columns",
    "export_csv",
    "export_table",
    "held",
    "hold",
    "import_csv",
    "plain_csv",
    "read_table",
    "release",
    "run_import",
    "template_csv",
    "template_table",
]
