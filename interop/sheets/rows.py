"""Rows to case documents, and the documents' problems back to sheet, row and column.

Cells are read by their column's kind: dates as real dates (date cells, Excel serial
numbers, or text written YYYY-MM-DD; a date that could be read day-first or
month-first is refused rather than guessed), yes/no, numbers, and allowed values
matched without case or spacing. What a value must be is left to the case
document's own validation (``patients.documents.validate_case_document``), whose
JSON paths ``problem_at`` translates back to the cell they came from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from openpyxl.utils.datetime import from_excel

from interop import errors
from interop.errors import SheetProblem
from interop.sheets.columns import (
    CASES,
    COLUMNS,
    COLUMNS_BY_KEY,
    EVENTS,
    KEY,
    LIST_MEMBER,
    REFERRALS,
    Column,
    allowed_values,
)
from interop.sheets.reading import ERROR_VALUES, Cell, Row, Uncalculated, Upload
from patients.documents import DocumentError

ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
YES = {"yes", "y", "true", "1", "si", "sí"}
NO = {"no", "n", "false", "0"}
LIST_SEPARATORS = re.compile(r"[,;\n]")
NONE = "none"
# Excel's serial day numbers from 1900 to 2173, as a date column may hold them.
MAX_SERIAL = 99999


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message says why."""


@dataclass
class Located:
    """Where one case document came from: its case row, and each event and referral."""

    case: int
    events: list[int] = field(default_factory=list)
    referrals: list[int] = field(default_factory=list)


@dataclass
class Parsed:
    documents: list[dict]
    locations: list[Located]
    problems: list[SheetProblem]


# ---------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an identifier typed as a number: 1234, not 1234.0
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def read_date(value: object, *, epoch: dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 0 < value <= MAX_SERIAL and float(value).is_integer():
            return from_excel(value, epoch=epoch).date().isoformat()
        raise CellError(errors.MSG_DATE.format(value=_text(value)))
    text = _text(value)
    if text.isdigit() and len(text) <= 5:
        return read_date(int(text), epoch=epoch)
    text = text.split("T")[0].split(" ")[0] if ISO_DATE.match(text[:10]) else text
    match = ISO_DATE.match(text)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError as exc:
            raise CellError(errors.MSG_DATE.format(value=text)) from exc
    parts = DAY_MONTH_YEAR.match(text)
    if parts and int(parts.group(1)) <= 12 and int(parts.group(2)) <= 12:
        raise CellError(errors.MSG_DATE_AMBIGUOUS.format(value=text))
    raise CellError(errors.MSG_DATE.format(value=text))


def read_int(value: object) -> int:
    if isinstance(value, bool):
        raise CellError(errors.MSG_WHOLE_NUMBER.format(value=value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError(errors.MSG_WHOLE_NUMBER.format(value=text))


def read_number(value: object, *, decimal_comma: bool) -> int | float:
    if isinstance(value, bool):
        raise CellError(errors.MSG_NUMBER.format(value=value))
    if isinstance(value, int | float):
        number = value
    else:
        text = _text(value)
        if re.fullmatch(r"-?\d+,\d+", text):
            if not decimal_comma:
                raise CellError(errors.MSG_DECIMAL_COMMA.format(value=text))
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError as exc:
            raise CellError(errors.MSG_NUMBER.format(value=text)) from exc
        if number != number or number in (float("inf"), float("-inf")):
            raise CellError(errors.MSG_NUMBER.format(value=text))
    # 62.0 is written 62, as the registry exports it.
    return int(number) if float(number).is_integer() else float(number)


def read_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(errors.MSG_YES_NO.format(value=_text(value)))


def _choice_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def read_choice(value: object, allowed: list[str]) -> str:
    """An allowed value, matched without case, spaces or hyphens ("CRi", "less fit")."""
    text = _text(value)
    if not allowed or text in allowed:
        return text
    matches = [a for a in allowed if _choice_key(a) == _choice_key(text)]
    if len(matches) == 1:
        return matches[0]
    raise CellError(errors.MSG_CHOICE.format(value=text, allowed=", ".join(allowed)))


def read_cell(sheet: str, column: Column, cell: Cell, upload: Upload) -> object:
    value = cell.value
    if isinstance(value, Uncalculated):
        raise CellError(errors.MSG_FORMULA_UNCALCULATED)
    if isinstance(value, str) and value.strip() in ERROR_VALUES:
        raise CellError(errors.MSG_CELL_ERROR.format(error=value.strip()))
    kind = column.kind
    if kind == "date":
        return read_date(value, epoch=upload.epoch)
    if kind == "int":
        return read_int(value)
    if kind == "number":
        return read_number(value, decimal_comma=upload.decimal_comma)
    if kind == "bool":
        return read_bool(value)
    if kind == "enum":
        return read_choice(value, allowed_values(sheet, column))
    if kind == "list":
        if _text(value).lower() == NONE:
            return []  # "none": recorded as none, which is not the same as unknown
        allowed = allowed_values(sheet, column)
        items = [i.strip() for i in LIST_SEPARATORS.split(_text(value)) if i.strip()]
        return [read_choice(item, allowed) for item in items]
    return _text(value)


# ---------------------------------------------------------------------------------
# Rows -> documents
# ---------------------------------------------------------------------------------


def _put(target: dict, path: tuple[str, ...], value: object) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _row_object(
    sheet: str, row: Row, upload: Upload, problems: list[SheetProblem]
) -> dict:
    found: dict = {}
    for key, cell in row.cells.items():
        column = COLUMNS_BY_KEY[sheet][key]
        if not column.path:
            continue
        try:
            _put(found, column.path, read_cell(sheet, column, cell, upload))
        except CellError as exc:
            problems.append(
                SheetProblem(
                    str(exc),
                    sheet=sheet,
                    row=row.number,
                    column=cell.column,
                    header=key,
                )
            )
    return found


def _case_id(sheet: str, row: Row, problems: list[SheetProblem]) -> str | None:
    cell = row.cells.get(KEY)
    if cell is None:
        problems.append(
            SheetProblem(errors.MSG_CASE_ID_EMPTY, sheet=sheet, row=row.number)
        )
        return None
    return _text(cell.value)


def documents_from_upload(upload: Upload) -> Parsed:
    """One case document per row of the cases sheet, with its events and referrals."""
    problems: list[SheetProblem] = []
    documents: list[dict] = []
    locations: list[Located] = []
    index_of: dict[str, int] = {}
    for row in upload.tables[CASES].rows:
        case_id = _case_id(CASES, row, problems)
        document = _row_object(CASES, row, upload, problems)
        if case_id is None:
            continue
        if case_id in index_of:
            first = locations[index_of[case_id]].case
            problems.append(
                SheetProblem(
                    errors.MSG_CASE_ID_REPEATED.format(case_id=case_id, row=first),
                    sheet=CASES,
                    row=row.number,
                    column=row.cells[KEY].column,
                    header=KEY,
                )
            )
            continue
        document = {"case_id": case_id, **document}
        document["events"], document["referrals"] = [], []
        index_of[case_id] = len(documents)
        documents.append(document)
        locations.append(Located(case=row.number))
    for sheet in (EVENTS, REFERRALS):
        table = upload.tables.get(sheet)
        if table is None:
            continue
        for row in table.rows:
            case_id = _case_id(sheet, row, problems)
            item = _row_object(sheet, row, upload, problems)
            if case_id is None:
                continue
            if case_id not in index_of:
                problems.append(
                    SheetProblem(
                        errors.MSG_CASE_ID_NOT_IN_CASES.format(case_id=case_id),
                        sheet=sheet,
                        row=row.number,
                        column=row.cells[KEY].column,
                        header=KEY,
                    )
                )
                continue
            index = index_of[case_id]
            documents[index][LIST_MEMBER[sheet]].append(item)
            getattr(locations[index], LIST_MEMBER[sheet]).append(row.number)
    return Parsed(documents=documents, locations=locations, problems=problems)


# ---------------------------------------------------------------------------------
# A document's problem -> the cell it came from
# ---------------------------------------------------------------------------------

PATH = re.compile(r"^\$(?:\[(\d+)\])?(.*)$")
STEP = re.compile(r"\.([A-Za-z_]+)|\[(\d+)\]")
REQUIRED = re.compile(r"^The member '(\w+)' is required\.$")
UNKNOWN_MEMBER = re.compile(r"^Unknown member\(s\)")


def _steps(rest: str) -> list[str | int]:
    return [name or int(index) for name, index in STEP.findall(rest)]


def _column_for(sheet: str, path: list[str | int]) -> Column | None:
    """The column whose path is ``path`` (a list column: with or without its index)."""
    names = tuple(step for step in path if isinstance(step, str))
    for column in COLUMNS[sheet]:
        if column.path and column.path == names:
            return column
    return None


def problem_at(
    problem: DocumentError,
    locations: list[Located],
    columns: Mapping[str, Mapping[str, str]],
    *,
    index: int | None = None,
) -> SheetProblem:
    """Where in the sheets a document's problem is, with the message in sheet words.

    ``index`` names the document when the path has no ``$[i]`` prefix.
    """
    match = PATH.match(problem.path)
    if match is None:  # pragma: no cover - every DocumentError path starts with $
        return SheetProblem(problem.message)
    if match.group(1) is not None:
        index = int(match.group(1))
    steps = _steps(match.group(2))
    message = problem.message
    required = REQUIRED.match(message)
    if required:
        steps.append(required.group(1))
        message = errors.MSG_REQUIRED
    elif UNKNOWN_MEMBER.match(message):
        members = re.findall(r"'(\w+)'", message)
        if len(members) == 1:
            steps.append(members[0])
        message = errors.MSG_COLUMN_NOT_ACCEPTED
    location = locations[index] if index is not None else None
    sheet, row = CASES, location.case if location else None
    if steps and steps[0] in ("events", "referrals"):
        sheet = EVENTS if steps[0] == "events" else REFERRALS
        position = steps[1] if len(steps) > 1 and isinstance(steps[1], int) else None
        rows = getattr(location, steps[0]) if location else []
        row = rows[position] if position is not None and position < len(rows) else None
        steps = steps[2:]
    column = _column_for(sheet, steps) if steps else None
    if column is None and steps:
        # An object with no value at all (``diagnosis``): its first column.
        prefix = tuple(step for step in steps if isinstance(step, str))
        column = next(
            (c for c in COLUMNS[sheet] if c.path[: len(prefix)] == prefix and c.path),
            None,
        )
    letter = columns.get(sheet, {}).get(column.key) if column else None
    return SheetProblem(
        message,
        sheet=sheet,
        row=row,
        column=letter,
        header=column.key if column else None,
    )
