"""Problems of a spreadsheet, by sheet, row and column; user-facing messages."""

from __future__ import annotations

from dataclasses import dataclass

from patients.errors import ApplicationError


@dataclass(frozen=True, slots=True)
class SheetProblem:
    """One problem, where a coordinator can find it: sheet, row, column (letter)."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None

    @property
    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(
                f"column {self.column} ({self.header})" if self.header else self.column
            )
        elif self.header:
            parts.append(f"column {self.header}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def as_dict(self) -> dict:
        return {
            "message": self.message,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
        }


class SheetRefused(ApplicationError):
    """The upload as a whole cannot be read; nothing was written."""


# The file as a whole.
MSG_TOO_LARGE = (
    "The upload is {size} bytes; the largest accepted is {limit} bytes. Split the "
    "cases over several files."
)
MSG_TOO_MANY_ROWS = (
    "The upload has more than {limit} rows of data; the most accepted at once is "
    "{limit}. Split the cases over several files."
)
MSG_EMPTY = "The file is empty."
MSG_NO_FILE = "Choose a file to upload: an XLSX workbook, or CSV files."
MSG_NOT_A_SPREADSHEET = (
    "This file is not a spreadsheet: upload an XLSX workbook or CSV text files."
)
MSG_NOT_A_SPREADSHEET_KIND = (
    "This file is {kind}, not a spreadsheet: upload an XLSX workbook or CSV files."
)
MSG_OLD_EXCEL = (
    "This is an old-style Excel (.xls) or password-protected workbook, which cannot "
    "be read: save it as an Excel workbook (.xlsx) without a password, or as CSV."
)
MSG_OPENDOCUMENT = (
    "This is an OpenDocument spreadsheet (.ods): save it as an Excel workbook "
    "(.xlsx) or as CSV."
)
MSG_ZIP_NOT_WORKBOOK = "This ZIP archive is not an Excel workbook (.xlsx)."
MSG_ZIP_BOMB = (
    "This workbook unpacks to far more data than a spreadsheet of cases can hold "
    "(over {limit} bytes, or compressed beyond any real spreadsheet); it was not read."
)
MSG_UNREADABLE_WORKBOOK = (
    "This workbook could not be read (it may be damaged). Open it in your "
    "spreadsheet program and save it again as an Excel workbook (.xlsx)."
)
MSG_NOT_UTF8 = (
    "This CSV file is not UTF-8 text. In your spreadsheet program choose "
    "'CSV UTF-8' when saving it."
)
MSG_NO_CASES_SHEET = (
    "There is no cases sheet: name the workbook's sheets cases, events and "
    "referrals (as in the template), or upload cases.csv."
)
MSG_DUPLICATE_SHEET = "Two sheets (or files) hold the {sheet} sheet."
MSG_SHEET_NOT_READ = (
    "This sheet was not read: only the sheets cases, events and referrals are."
)
MSG_NO_KNOWN_COLUMNS = (
    "None of this sheet's column headings is one the registry knows: use the "
    "template's headings in the first row."
)
MSG_NO_SHEET = (
    "There is no {sheet} sheet: every case in this file will have no {sheet} (any "
    "recorded now are removed when it is imported)."
)

# Headings.
MSG_UNKNOWN_COLUMN = (
    "Unknown column heading '{heading}'; the template's help sheet lists the headings."
)
MSG_DUPLICATE_COLUMN = "The heading '{heading}' appears twice."
MSG_MISSING_KEY_COLUMN = "This sheet needs a case_id column."
MSG_HEADING_IN_DATA = "There is a value under a column without a heading."

# Cells.
MSG_FORMULA_UNCALCULATED = (
    "This cell holds a formula whose result was never calculated: open the file in "
    "your spreadsheet program and save it, or paste the values instead."
)
MSG_CELL_ERROR = "This cell shows the spreadsheet error {error}; give the value."
MSG_MERGED_ACROSS = (
    "Cells {cells} are merged across columns: unmerge them and give each column "
    "its own value."
)
MSG_MERGED_HEADING = "Heading cells {cells} are merged: give each column its heading."
MSG_DATE = (
    "'{value}' is not a date the registry can read without guessing: type it as "
    "YYYY-MM-DD (e.g. 2024-01-15) or format the cell as a date."
)
MSG_DATE_AMBIGUOUS = (
    "'{value}' could be read day-first or month-first: type it as YYYY-MM-DD "
    "(e.g. 2024-01-15) or format the cell as a date."
)
MSG_WHOLE_NUMBER = "'{value}' is not a whole number."
MSG_NUMBER = "'{value}' is not a number."
MSG_DECIMAL_COMMA = "'{value}': write decimals with a point (12.5)."
MSG_YES_NO = "'{value}' is not yes or no."
MSG_CHOICE = "'{value}' is not one of the allowed values: {allowed}."
MSG_CASE_ID_EMPTY = "This row has values but no case_id."
MSG_CASE_ID_REPEATED = "case_id {case_id} is already on row {row} of this sheet."
MSG_CASE_ID_NOT_IN_CASES = (
    "case_id {case_id} is not on the cases sheet: every case with events or "
    "referrals needs its row there."
)

# Translations of the case document's messages into a sheet's words.
MSG_REQUIRED = "A value is required here."
MSG_COLUMN_NOT_ACCEPTED = "The registry's case format does not accept this column yet."

# Preview and import.
MSG_EXPIRED = (
    "This upload is no longer waiting to be imported (it was imported, or it "
    "expired after {minutes} minutes): upload the file again."
)
MSG_CHANGED_SINCE_PREVIEW = (
    "Case {case_id} changed in the registry since this preview (someone edited it): "
    "upload the file again to see the changes from the current version."
)
MSG_NOTHING_TO_IMPORT = (
    "Nothing to import: every case in this file is already in the registry exactly "
    "as the file says."
)
MSG_HAS_PROBLEMS = (
    "Nothing can be imported until every problem is fixed: {count} found."
)
MSG_NO_IMPORT_ACCESS = "You cannot import cases into this program."
