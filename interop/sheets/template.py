"""The downloadable template: an XLSX workbook, or the same sheets as CSV in a ZIP.

Each sheet has its headings and one fictional example row; a help sheet lists every
column with its meaning, the values the case schema allows and whether it is
required. In the workbook, columns with allowed values offer them as a drop-down and
date columns are formatted as dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from interop.sheets.columns import (
    COLUMNS,
    EVENTS,
    REFERRALS,
    SHEETS,
    Column,
    allowed_values,
    required,
    schema_node,
)

# The example case (fictional), with its timeline.
EXAMPLE_EVENTS = [
    {"case_id": "EXAMPLE-001", "type": "relapse", "date": "2026-10-20"},
    {
        "case_id": "EXAMPLE-001",
        "type": "blinatumomab",
        "date": "2026-10-22",
        "end_date": "2026-10-30",
        "cycles": 1,
    },
]
EXAMPLE_REFERRALS = [
    {
        "case_id": "EXAMPLE-001",
        "kind": "social_work",
        "status": "referred",
        "date": "2026-10-21",
    }
]
INSTRUCTIONS = [
    "How to fill in this template",
    "One row per case on the cases sheet; one row per event on the events sheet and "
    "one row per referral on the referrals sheet, each with the case's case_id.",
    "Dates as YYYY-MM-DD (e.g. 2024-01-15) or as date cells. Yes/no columns take yes "
    "or no. Leave a cell empty when the fact is not known: it stays unknown.",
    "Importing a case replaces its timeline with the rows given here: list every "
    "event and referral of each case. Delete the example rows (EXAMPLE-001).",
    "The import shows a preview first; nothing is written until you click Import.",
]
HELP_HEADINGS = ["sheet", "column", "meaning", "allowed values", "required"]


def _examples(sheet: str) -> list[dict]:
    if sheet == EVENTS:
        return EXAMPLE_EVENTS
    if sheet == REFERRALS:
        return EXAMPLE_REFERRALS
    return [{column.key: column.example for column in COLUMNS[sheet]}]


def _accepted(sheet: str, column: Column) -> bool:
    """Columns the registry's case format knows (a newer one may not be yet)."""
    return not column.path or schema_node(sheet, column) is not None


def help_rows() -> list[list[str]]:
    rows = []
    for sheet in SHEETS:
        for column in COLUMNS[sheet]:
            rows.append(
                [
                    sheet,
                    column.key,
                    column.label,
                    ", ".join(allowed_values(sheet, column)),
                    "yes" if required(sheet, column) else "",
                ]
            )
    return rows


def example_rows(sheet: str) -> list[list[object]]:
    rows = []
    for example in _examples(sheet):
        rows.append(
            [
                example.get(column.key) if _accepted(sheet, column) else None
                for column in COLUMNS[sheet]
            ]
        )
    return rows


def template_xlsx() -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet)
        columns = COLUMNS[sheet]
        worksheet.append([column.key for column in columns])
        for cell in worksheet[1]:
            cell.font = bold
        for values in example_rows(sheet):
            worksheet.append(
                [
                    dt.date.fromisoformat(value)
                    if column.kind == "date" and isinstance(value, str)
                    else value
                    for column, value in zip(columns, values, strict=True)
                ]
            )
        worksheet.freeze_panes = "A2"
        for index, column in enumerate(columns, 1):
            letter = get_column_letter(index)
            worksheet.column_dimensions[letter].width = max(12, len(column.key) + 2)
            cells = f"{letter}2:{letter}1000"
            if column.kind == "date":
                for row in worksheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    row[0].number_format = "yyyy-mm-dd"
            choices = allowed_values(sheet, column)
            if column.kind == "enum" and choices:
                formula = '"' + ",".join(choices) + '"'
                if len(formula) <= 255:  # Excel's limit for a list typed in
                    validation = DataValidation(
                        type="list", formula1=formula, allow_blank=True
                    )
                    validation.add(cells)
                    worksheet.add_data_validation(validation)
            if column.kind == "bool":
                validation = DataValidation(
                    type="list", formula1='"yes,no"', allow_blank=True
                )
                validation.add(cells)
                worksheet.add_data_validation(validation)
    guide = workbook.create_sheet("help")
    for line in INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = bold
    guide.append([])
    guide.append(HELP_HEADINGS)
    for cell in guide[guide.max_row]:
        cell.font = bold
    for row in help_rows():
        guide.append(row)
    for letter, width in zip("ABCDE", (12, 34, 60, 60, 10), strict=True):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_bytes(rows: list[list[object]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    # A byte-order mark, so spreadsheet programs open it as UTF-8.
    return text.getvalue().encode("utf-8-sig")


def template_csv_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in SHEETS:
            rows = [[column.key for column in COLUMNS[sheet]], *example_rows(sheet)]
            archive.writestr(f"{sheet}.csv", _csv_bytes(rows))
        help_table = [[line] for line in INSTRUCTIONS] + [[], HELP_HEADINGS]
        archive.writestr("help.csv", _csv_bytes(help_table + help_rows()))
    return buffer.getvalue()
