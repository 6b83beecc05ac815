"""Reading an upload (an XLSX workbook or CSV files) into tables of raw cells.

Formats are read by maintained libraries: openpyxl for XLSX (with defusedxml guarding
its XML parser) and Python's csv module, with its sniffer choosing the delimiter.
Whole-file problems (not a spreadsheet, too large, a zip bomb, too many rows) refuse
the upload before any row is read; problems of single cells are collected with their
sheet, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from interop import errors
from interop.errors import SheetProblem, SheetRefused
from interop.sheets.columns import COLUMNS_BY_KEY, KEY, SHEETS

SHEET_NAMES = {
    "cases": "cases",
    "case": "cases",
    "events": "events",
    "event": "events",
    "referrals": "referrals",
    "referral": "referrals",
}
IGNORED_SHEETS = {"help"}
ERROR_VALUES = {
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
}
# No real workbook of cases compresses its XML more than this.
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_ENTRIES = 2000
FILE_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_unpacked_bytes: int


@dataclass
class Cell:
    value: object
    column: str  # the letter


@dataclass
class Row:
    number: int
    cells: dict[str, Cell]  # column key -> cell


@dataclass
class Table:
    sheet: str
    header_row: int
    columns: dict[str, str]  # column key -> letter
    rows: list[Row] = field(default_factory=list)


@dataclass
class Upload:
    """What was read: tables by sheet, problems, and how to read numbers and dates."""

    tables: dict[str, Table]
    problems: list[SheetProblem]
    warnings: list[SheetProblem]
    sha256: str
    epoch: dt.datetime = dt.datetime(1899, 12, 30)  # noqa: DTZ001 - Excel's day 0
    decimal_comma: bool = False
    # Cells already reported (merged across columns): not reported again as missing.
    masked: set[tuple[str, int, str]] = field(default_factory=set)

    @property
    def row_count(self) -> int:
        return sum(len(table.rows) for table in self.tables.values())


def heading_key(value: object) -> str:
    """``Case ID`` -> ``case_id``: headings are matched without case or spacing."""
    return re.sub(r"[^0-9a-z]+", "_", str(value).strip().lower()).strip("_")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_upload(files: Sequence[tuple[str, bytes]], *, limits: Limits) -> Upload:
    """Read the uploaded files; raises ``SheetRefused`` for a file that cannot be."""
    if not files:
        raise SheetRefused(errors.MSG_NO_FILE)
    size = sum(len(data) for _, data in files)
    if size > limits.max_bytes:
        raise SheetRefused(
            errors.MSG_TOO_LARGE.format(size=size, limit=limits.max_bytes)
        )
    digest = hashlib.sha256()
    for _, data in files:
        digest.update(data)
    upload = Upload(tables={}, problems=[], warnings=[], sha256=digest.hexdigest())
    rows_left = limits.max_rows
    for name, data in files:
        for sheet, grid in _grids(name, data, upload, limits):
            if sheet in upload.tables:
                raise SheetRefused(errors.MSG_DUPLICATE_SHEET.format(sheet=sheet))
            table = _table(sheet, grid, upload)
            rows_left -= len(table.rows)
            if rows_left < 0:
                raise SheetRefused(
                    errors.MSG_TOO_MANY_ROWS.format(limit=limits.max_rows)
                )
            upload.tables[sheet] = table
    if "cases" not in upload.tables:
        raise SheetRefused(errors.MSG_NO_CASES_SHEET)
    return upload


def _grids(
    name: str, data: bytes, upload: Upload, limits: Limits
) -> Iterator[tuple[str, list[tuple[int, list[object]]]]]:
    """Each sheet of a file as (sheet, [(row number, cell values)])."""
    if not data:
        raise SheetRefused(errors.MSG_EMPTY)
    if data.startswith(b"PK\x03\x04"):
        yield from _xlsx_grids(data, upload, limits)
        return
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetRefused(errors.MSG_OLD_EXCEL)
    for signature, kind in FILE_SIGNATURES.items():
        if data.startswith(signature):
            raise SheetRefused(errors.MSG_NOT_A_SPREADSHEET_KIND.format(kind=kind))
    yield _csv_grid(name, data, upload, limits)


# ---------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------


def _check_zip(data: bytes, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise SheetRefused(errors.MSG_UNREADABLE_WORKBOOK) from exc
    names = {entry.filename for entry in entries}
    if "mimetype" in names and "content.xml" in names:
        raise SheetRefused(errors.MSG_OPENDOCUMENT)
    if "xl/workbook.xml" not in names:
        raise SheetRefused(errors.MSG_ZIP_NOT_WORKBOOK)
    unpacked = sum(entry.file_size for entry in entries)
    too_dense = any(
        entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
        for entry in entries
        if entry.file_size > 1024 * 1024
    )
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or unpacked > limits.max_unpacked_bytes
        or too_dense
    ):
        raise SheetRefused(errors.MSG_ZIP_BOMB.format(limit=limits.max_unpacked_bytes))


def _open(data: bytes, **options):  # noqa: ANN003, ANN202
    try:
        return load_workbook(io.BytesIO(data), **options)
    # openpyxl raises many kinds of error for a damaged file; all mean the same here.
    except Exception as exc:  # noqa: BLE001
        raise SheetRefused(errors.MSG_UNREADABLE_WORKBOOK) from exc


def _sheet_for(title: str, upload: Upload) -> str | None:
    sheet = SHEET_NAMES.get(heading_key(title))
    if sheet is None and heading_key(title) not in IGNORED_SHEETS:
        upload.warnings.append(
            SheetProblem(errors.MSG_SHEET_NOT_READ, sheet=title.strip())
        )
    return sheet


def _xlsx_grids(
    data: bytes, upload: Upload, limits: Limits
) -> Iterator[tuple[str, list[tuple[int, list[object]]]]]:
    _check_zip(data, limits)
    # First pass, streaming: count rows (refusing too many before loading them all)
    # and note which cells hold formulas, which the values pass cannot tell.
    formulas: dict[str, set[tuple[int, int]]] = {}
    streamed = _open(data, read_only=True, data_only=False)
    rows_seen = 0
    try:
        for worksheet in streamed.worksheets:
            sheet = _sheet_for(worksheet.title, upload)
            if sheet is None:
                continue
            found = formulas.setdefault(worksheet.title, set())
            for row in worksheet.iter_rows():
                cells = [cell for cell in row if not is_blank(cell.value)]
                if not cells:
                    continue
                rows_seen += 1
                if rows_seen > limits.max_rows + len(SHEETS):  # + a heading each
                    raise SheetRefused(
                        errors.MSG_TOO_MANY_ROWS.format(limit=limits.max_rows)
                    )
                found.update(
                    (cell.row, cell.column) for cell in cells if cell.data_type == "f"
                )
    finally:
        streamed.close()
    workbook = _open(data, data_only=True)
    upload.epoch = workbook.epoch
    for worksheet in workbook.worksheets:
        sheet = SHEET_NAMES.get(heading_key(worksheet.title))
        if sheet is None:
            continue
        grid = [
            (number, list(values))
            for number, values in enumerate(worksheet.iter_rows(values_only=True), 1)
        ]
        _apply_merges(sheet, worksheet.merged_cells.ranges, grid, upload)
        _apply_formulas(sheet, formulas.get(worksheet.title, set()), grid, upload)
        yield sheet, grid


def _header_row(grid: list[tuple[int, list[object]]]) -> int | None:
    for number, values in grid:
        if any(not is_blank(value) for value in values):
            return number
    return None


def _apply_merges(
    sheet: str, ranges: Iterable, grid: list[tuple[int, list[object]]], upload: Upload
) -> None:
    """A merge down one column repeats its value in each row; others are errors."""
    header = _header_row(grid)
    rows = dict(grid)
    for merged in ranges:
        cells = merged.coord
        if header is not None and merged.min_row <= header <= merged.max_row:
            upload.problems.append(
                SheetProblem(
                    errors.MSG_MERGED_HEADING.format(cells=cells),
                    sheet=sheet,
                    row=merged.min_row,
                )
            )
        elif merged.min_col != merged.max_col:
            upload.masked.update(
                (sheet, row, get_column_letter(column))
                for row in range(merged.min_row, merged.max_row + 1)
                for column in range(merged.min_col, merged.max_col + 1)
            )
            upload.problems.append(
                SheetProblem(
                    errors.MSG_MERGED_ACROSS.format(cells=cells),
                    sheet=sheet,
                    row=merged.min_row,
                    column=get_column_letter(merged.min_col),
                )
            )
        else:
            index = merged.min_col - 1
            first = rows.get(merged.min_row)
            value = first[index] if first and index < len(first) else None
            for number in range(merged.min_row + 1, merged.max_row + 1):
                values = rows.get(number)
                if values is not None and index < len(values):
                    values[index] = value


class Uncalculated:
    """Stands in for a formula's missing result, so the cell reports it."""


def _apply_formulas(
    sheet: str,
    cells: set[tuple[int, int]],
    grid: list[tuple[int, list[object]]],
    upload: Upload,
) -> None:
    """A formula counts as the value it shows; one never calculated is a problem."""
    rows = dict(grid)
    for number, column in cells:
        values = rows.get(number)
        if values is not None and values[column - 1] is None:
            values[column - 1] = Uncalculated()


# ---------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------


def _csv_grid(
    name: str, data: bytes, upload: Upload, limits: Limits
) -> tuple[str, list[tuple[int, list[object]]]]:
    if b"\x00" in data:
        raise SheetRefused(errors.MSG_NOT_A_SPREADSHEET)
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is dropped
    except UnicodeDecodeError as exc:
        raise SheetRefused(errors.MSG_NOT_UTF8) from exc
    delimiter = _delimiter(text)
    # Where the list separator is a semicolon, the decimal separator is a comma.
    upload.decimal_comma = upload.decimal_comma or delimiter == ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: list[tuple[int, list[object]]] = []
    filled = 0
    try:
        for number, values in enumerate(reader, 1):
            if any(not is_blank(value) for value in values):
                filled += 1
                if filled > limits.max_rows + 1:  # + the heading row
                    raise SheetRefused(
                        errors.MSG_TOO_MANY_ROWS.format(limit=limits.max_rows)
                    )
            grid.append((number, list(values)))
    except csv.Error as exc:
        raise SheetRefused(errors.MSG_NOT_A_SPREADSHEET) from exc
    return _csv_sheet(name, grid), grid


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab, as the sniffer finds it in the first lines."""
    sample = text[:16384]
    first_line = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        found = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        found = None
    if found is None or found not in first_line:
        counts = {d: first_line.count(d) for d in (",", ";", "\t")}
        found = max(counts, key=counts.get) if any(counts.values()) else ","
    return found


def _csv_sheet(name: str, grid: list[tuple[int, list[object]]]) -> str:
    """Which sheet a CSV file is: by its file name, else by its headings."""
    stem = heading_key(name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    for word, sheet in SHEET_NAMES.items():
        if stem == word or stem.endswith(f"_{word}"):
            return sheet
    header = _header_row(grid)
    keys = set()
    if header is not None:
        keys = {heading_key(v) for v in dict(grid)[header] if not is_blank(v)}
    if "type" in keys:
        return "events"
    if "kind" in keys:
        return "referrals"
    return "cases"


# ---------------------------------------------------------------------------------
# Headings and rows
# ---------------------------------------------------------------------------------


def _table(sheet: str, grid: list[tuple[int, list[object]]], upload: Upload) -> Table:
    header = _header_row(grid)
    table = Table(sheet=sheet, header_row=header or 1, columns={})
    if header is None:
        return table
    known = COLUMNS_BY_KEY[sheet]
    positions: dict[int, str] = {}
    reported: set[int] = set()
    for index, value in enumerate(dict(grid)[header]):
        if is_blank(value):
            continue
        letter = get_column_letter(index + 1)
        key = heading_key(value)
        if key not in known:
            reported.add(index)
            upload.problems.append(
                SheetProblem(
                    errors.MSG_UNKNOWN_COLUMN.format(heading=str(value).strip()),
                    sheet=sheet,
                    row=header,
                    column=letter,
                )
            )
        elif key in table.columns:
            reported.add(index)
            upload.problems.append(
                SheetProblem(
                    errors.MSG_DUPLICATE_COLUMN.format(heading=key),
                    sheet=sheet,
                    row=header,
                    column=letter,
                )
            )
        else:
            table.columns[key] = letter
            positions[index] = key
    if not table.columns:
        raise SheetRefused(errors.MSG_NO_KNOWN_COLUMNS + f" (sheet {sheet})")
    if KEY not in table.columns:
        upload.problems.append(
            SheetProblem(errors.MSG_MISSING_KEY_COLUMN, sheet=sheet, row=header)
        )
    for number, values in grid:
        if number <= header or all(is_blank(value) for value in values):
            continue  # blank rows, trailing or not, are skipped
        cells = {}
        for index, value in enumerate(values):
            if is_blank(value):
                continue
            if index in positions:
                cells[positions[index]] = Cell(value, get_column_letter(index + 1))
            elif index not in reported:
                upload.problems.append(
                    SheetProblem(
                        errors.MSG_HEADING_IN_DATA,
                        sheet=sheet,
                        row=number,
                        column=get_column_letter(index + 1),
                    )
                )
        table.rows.append(Row(number, cells))
    return table
