"""Spreadsheets in the reader's language: headers and coded values in words, dates as
dd-mm-jjjj, times as HH:MM in Dutch time, and decimals with a comma where Excel expects one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.services.csvfile import Table, excel_csv
from matchmaker.web.labels import IMPORT_HEADERS, IMPORT_LABEL_KINDS, LABELS

TZ = ZoneInfo("Europe/Amsterdam")

HEADERS = {
    # campaign funnel and members
    "stage": _l("Stage"),
    "count": _l("Candidates"),
    "conversion": _l("From previous stage"),
    "median_days_in_stage": _l("Median days in stage"),
    "email": _l("Email address"),
    "invited_at": _l("Invited on"),
    "viewed_at": _l("Viewed on"),
    "furthest_stage": _l("Furthest stage"),
    # match round
    "candidate": _l("Candidate"),
    "practice": _l("Practice"),
    "candidate_answer": _l("Candidate's answer"),
    "practice_answer": _l("Holder's answer"),
    # event sign-ups
    "event": _l("Event"),
    "day": _l("Day"),
    "kind": _l("Kind"),
    "name": _l("Name"),
    "role": _l("Role"),
    "people": _l("People"),
    "note": _l("Note"),
    "attended": _l("Came"),
    # succession pipeline
    "item": _l("Reference"),
    "title": _l("Practice"),
    "holder": _l("Holder"),
    "municipality": _l("Municipality"),
    "patients": _l("Patients"),
    "stop": _l("Stops around"),
    "months_left": _l("Months left"),
    "status": _l("Status"),
    "furthest_introduction": _l("Furthest introduction"),
    "best_match": _l("Best match"),
    "at_risk": _l("At risk"),
    # campaign report
    "practices": _l("Practices"),
    "introductions": _l("Introductions"),
    "settled": _l("Settled"),
    "signed_up": _l("Signed up"),
    "incentive": _l("Incentive"),
    "granted_euros": _l("Granted (€)"),
    "outcome": _l("Outcome"),
    "reason": _l("Reason given"),
    "snapshot_day": _l("Index recorded on"),
    "recruitment_then": _l("Recruitment then"),
    "recruitment_now": _l("Recruitment now"),
    "access_then": _l("Access then"),
    "access_now": _l("Access now"),
}


def _cell(value: Any, kind: str | None) -> Any:
    if value is None or value == "":
        return ""
    if kind is not None:
        return str(LABELS[kind].get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        local = value.astimezone(TZ) if value.tzinfo else value
        return local.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return format_decimal(value, format="0.###")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def spreadsheet(*tables: Table, headers: Mapping[str, Any] = HEADERS) -> str:
    """The tables as one Excel-ready CSV, a blank line between blocks."""
    rows: list[list[Any]] = []
    for table in tables:
        if rows:
            rows.append([])
        rows.append([str(headers.get(c, c)) for c in table.columns])
        rows.extend(
            [_cell(v, table.codes.get(c)) for c, v in zip(table.columns, row, strict=True)]
            for row in table.rows
        )
    return excel_csv(rows)


def import_spreadsheet(table: Table) -> str:
    """An import template or export: column labels and coded values in the reader's words,
    which the import reads back."""
    codes = {c: IMPORT_LABEL_KINDS[c] for c in table.columns if c in IMPORT_LABEL_KINDS}
    return spreadsheet(replace(table, codes=codes), headers=IMPORT_HEADERS)
