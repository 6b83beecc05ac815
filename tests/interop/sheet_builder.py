"""Spreadsheets built the way a coordinator fills them, from case documents."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping

from openpyxl import Workbook, load_workbook

from interop.sheets.columns import CASES, COLUMNS, EVENTS, REFERRALS, Column
from interop.sheets.template import template_xlsx


def _get(document: Mapping, path: tuple[str, ...]) -> object:
    value: object = document
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return value


def cell_value(column: Column, value: object) -> object:
    """What a person types: a date cell, yes/no, a list with commas."""
    if value is None:
        return None
    if column.kind == "date":
        return dt.date.fromisoformat(value)
    if column.kind == "bool":
        return "yes" if value else "no"
    if column.kind == "list":
        return ", ".join(value) or "none"
    return value


def rows_for(documents: list[dict]) -> dict[str, list[list[object]]]:
    """Headings plus one row per case, event and referral."""
    sheets = {sheet: [[c.key for c in COLUMNS[sheet]]] for sheet in COLUMNS}
    for document in documents:
        sheets[CASES].append(
            [cell_value(c, _get(document, c.path)) for c in COLUMNS[CASES]]
        )
        for sheet, member in ((EVENTS, "events"), (REFERRALS, "referrals")):
            for item in document.get(member, []):
                sheets[sheet].append(
                    [
                        document["case_id"]
                        if not c.path
                        else cell_value(c, _get(item, c.path))
                        for c in COLUMNS[sheet]
                    ]
                )
    return sheets


def xlsx(sheets: Mapping[str, list[list[object]]], *, merges=None) -> bytes:  # noqa: ANN001
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
        for cells in (merges or {}).get(name, []):
            worksheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filled_template(documents: list[dict]) -> bytes:
    """The downloaded template, its example rows replaced by these cases."""
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    for sheet, rows in rows_for(documents).items():
        worksheet = workbook[sheet]
        worksheet.delete_rows(2, worksheet.max_row)
        for row in rows[1:]:
            worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: list[list[object]], *, delimiter: str = ",", bom: bool = False
) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(
            [
                ""
                if value is None
                else value.isoformat()
                if isinstance(value, dt.date)
                else value
                for value in row
            ]
        )
    return text.getvalue().encode("utf-8-sig" if bom else "utf-8")
