"""Reading spreadsheets: formats, cells, limits, and problems by sheet, row, column."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl.xml
import pytest
from openpyxl import load_workbook

from interop import errors
from interop.errors import SheetRefused
from interop.sheets.columns import CASE_COLUMNS, CASES, EVENTS
from interop.sheets.preview import sheet_preview
from interop.sheets.reading import Limits
from interop.sheets.rows import Located, problem_at
from interop.sheets.template import template_csv_zip, template_xlsx
from patients.documents import DocumentError
from tests.conftest import vignette_case
from tests.interop.sheet_builder import csv_bytes, rows_for, xlsx

LIMITS = Limits(max_bytes=5_000_000, max_rows=5000, max_unpacked_bytes=64_000_000)
pytestmark = pytest.mark.django_db


def preview(program, files, limits=LIMITS):  # noqa: ANN001, ANN201
    return sheet_preview(files=files, program=program, limits=limits)


def one_case_sheets(**changes) -> dict[str, list[list[object]]]:
    document = vignette_case("remission_after_ino_hsct_planned.json")
    return rows_for([document])


def set_cell(sheets, sheet: str, row: int, key: str, value) -> None:  # noqa: ANN001
    headings = sheets[sheet][0]
    sheets[sheet][row - 1][headings.index(key)] = value


def letter_of(sheets, sheet: str, key: str) -> str:  # noqa: ANN001
    from openpyxl.utils import get_column_letter

    return get_column_letter(sheets[sheet][0].index(key) + 1)


def only_problem(result):  # noqa: ANN001, ANN201
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    return result.problems[0]


# ---------------------------------------------------------------------------------
# The template
# ---------------------------------------------------------------------------------


def test_openpyxl_reads_xml_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_the_xlsx_template_previews_as_one_new_case_without_problems(program):
    result = preview(program, [("template.xlsx", template_xlsx())])

    assert result.problems == []
    assert [(c.case_id, c.status) for c in result.cases] == [("EXAMPLE-001", "new")]
    assert result.cases[0].change.events.after == 2
    assert result.cases[0].change.referrals.after == 1


def test_the_csv_template_previews_the_same(program):
    archive = zipfile.ZipFile(io.BytesIO(template_csv_zip()))
    files = [(name, archive.read(name)) for name in archive.namelist()]
    assert sorted(archive.namelist()) == [
        "cases.csv",
        "events.csv",
        "help.csv",
        "referrals.csv",
    ]
    sheets = [f for f in files if f[0] != "help.csv"]

    result = preview(program, sheets)

    assert result.problems == []
    assert result.documents == preview(program, [("t.xlsx", template_xlsx())]).documents


def test_the_template_help_lists_every_column_with_the_schemas_values():
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    rows = list(workbook["help"].iter_rows(values_only=True))
    table = {(r[0], r[1]): r for r in rows if r and r[0] in {"cases", "events"}}

    assert {key for sheet, key in table if sheet == "cases"} == {
        c.key for c in CASE_COLUMNS
    }
    assert table[("cases", "lineage")][3] == "B, T"
    assert table[("cases", "birth_date")][4] == "yes"
    assert table[("cases", "weight_kg")][4] in {None, ""}
    assert "blinatumomab" in table[("events", "type")][3]
    # Drop-downs offer the allowed values in the sheets themselves.
    lists = [v.formula1 for v in workbook["cases"].data_validations.dataValidation]
    assert '"B,T"' in lists


# ---------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2003, 4, 10),  # noqa: DTZ001 - a date cell has no zone
        "2003-04-10",
        "2003/04/10",
        " 2003-04-10 ",
        37721,  # Excel's serial number for 2003-04-10
        "37721",
    ],
)
def test_dates_are_read_from_date_cells_text_and_serial_numbers(program, value):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "birth_date", value)

    result = preview(program, [("cases.xlsx", xlsx(sheets))])

    assert result.problems == []
    assert result.documents[0]["birth_date"] == "2003-04-10"


def test_a_workbook_on_the_1904_date_system_reads_serials_by_its_epoch(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "birth_date", 36259)  # 2003-04-10 from 1904
    workbook = load_workbook(io.BytesIO(xlsx(sheets)))
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = preview(program, [("mac.xlsx", buffer.getvalue())])

    assert result.documents[0]["birth_date"] == "2003-04-10"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("04/10/2003", errors.MSG_DATE_AMBIGUOUS.format(value="04/10/2003")),
        ("25/10/2003", errors.MSG_DATE.format(value="25/10/2003")),
        ("April 10 2003", errors.MSG_DATE.format(value="April 10 2003")),
        ("2003-02-30", errors.MSG_DATE.format(value="2003-02-30")),
    ],
)
def test_a_date_that_needs_guessing_is_named_by_sheet_row_and_column(
    program, value, message
):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "birth_date", value)

    problem = only_problem(preview(program, [("cases.xlsx", xlsx(sheets))]))

    assert (problem.sheet, problem.row, problem.column, problem.header) == (
        "cases",
        2,
        letter_of(sheets, CASES, "birth_date"),
        "birth_date",
    )
    assert problem.message == message


def test_allowed_values_match_without_case_or_spacing(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "cd19", "Positive")
    set_cell(sheets, CASES, 2, "lineage", "b")
    set_cell(sheets, CASES, 2, "fitness_category", "Less fit")
    set_cell(sheets, EVENTS, 3, "response", "cri")

    result = preview(program, [("cases.xlsx", xlsx(sheets))])

    assert result.problems == []
    document = result.documents[0]
    assert (document["markers"]["cd19"], document["diagnosis"]["lineage"]) == (
        "positive",
        "B",
    )
    assert document["fitness"]["category"] == "less_fit"
    assert document["events"][1]["response"] == "CRi"


def test_a_value_not_allowed_lists_the_allowed_ones(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "cd22", "maybe")

    problem = only_problem(preview(program, [("cases.xlsx", xlsx(sheets))]))

    assert problem.message == (
        "'maybe' is not one of the allowed values: positive, negative, unknown."
    )


def test_identifiers_typed_as_numbers_and_yes_no_words_are_read(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "case_id", 1234)
    for row in sheets[EVENTS][1:] + sheets["referrals"][1:]:
        row[0] = 1234.0
    set_cell(sheets, CASES, 2, "hsct_planned", "Yes")
    set_cell(sheets, CASES, 2, "can_become_pregnant", True)

    result = preview(program, [("cases.xlsx", xlsx(sheets))])

    assert result.problems == []
    document = result.documents[0]
    assert document["case_id"] == "1234"
    assert len(document["events"]) == 2
    assert (document["plans"]["hsct_planned"], document["can_become_pregnant"]) == (
        True,
        True,
    )


def test_a_formula_counts_as_the_value_it_shows(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "relapse_count", "=0+1")
    data = xlsx(sheets)
    letter = letter_of(sheets, CASES, "relapse_count")
    # A spreadsheet program stores a formula's last result beside it.
    archive = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in archive.namelist():
            content = archive.read(name)
            if name == "xl/worksheets/sheet1.xml":
                content, count = re.subn(
                    rf'(<c r="{letter}2"[^>]*><f>0\+1</f>)<v\s*/?>(</v>)?'.encode(),
                    rb"\1<v>1</v>",
                    content,
                )
                assert count == 1
            out.writestr(name, content)

    result = preview(program, [("formula.xlsx", buffer.getvalue())])

    assert result.problems == []
    assert result.documents[0]["disease"]["relapse_count"] == 1


def test_a_formula_never_calculated_is_named(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "relapse_count", "=0+1")

    problem = only_problem(preview(program, [("formula.xlsx", xlsx(sheets))]))

    assert problem.message == errors.MSG_FORMULA_UNCALCULATED
    assert problem.column == letter_of(sheets, CASES, "relapse_count")


def test_a_case_id_merged_down_the_events_sheet_applies_to_each_row(program):
    sheets = one_case_sheets()
    sheets[EVENTS][2][0] = None  # the merge leaves only the first cell's value

    result = preview(
        program, [("merged.xlsx", xlsx(sheets, merges={EVENTS: ["A2:A3"]}))]
    )

    assert result.problems == []
    assert len(result.documents[0]["events"]) == 2


def test_cells_merged_across_columns_are_named(program):
    sheets = one_case_sheets()

    problem = only_problem(
        preview(program, [("merged.xlsx", xlsx(sheets, merges={EVENTS: ["B2:D2"]}))])
    )

    assert problem.message == errors.MSG_MERGED_ACROSS.format(cells="B2:D2")
    assert (problem.sheet, problem.row, problem.column) == ("events", 2, "B")


def test_empty_trailing_rows_and_blank_cells_are_ignored(program):
    sheets = one_case_sheets()
    width = len(sheets[CASES][0])
    sheets[CASES] += [[None] * width, ["  "] + [None] * (width - 1), [None] * width]

    result = preview(program, [("cases.xlsx", xlsx(sheets))])

    assert result.problems == []
    assert len(result.cases) == 1


def test_spreadsheet_error_values_are_named(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "weight_kg", "#N/A")

    problem = only_problem(preview(program, [("cases.xlsx", xlsx(sheets))]))

    assert problem.message == errors.MSG_CELL_ERROR.format(error="#N/A")


# ---------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------


def csv_files(sheets, **options) -> list[tuple[str, bytes]]:  # noqa: ANN001
    return [
        (f"{name}.csv", csv_bytes(rows, **options)) for name, rows in sheets.items()
    ]


def test_a_csv_with_a_byte_order_mark_reads_like_one_without(program):
    sheets = one_case_sheets()

    plain = preview(program, csv_files(sheets))
    marked = preview(program, csv_files(sheets, bom=True))

    assert plain.problems == marked.problems == []
    assert plain.documents == marked.documents


def test_a_semicolon_csv_with_decimal_commas_is_read(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "weight_kg", "62,5")

    result = preview(program, csv_files(sheets, delimiter=";"))

    assert result.problems == []
    assert result.documents[0]["weight_kg"] == 62.5


def test_a_decimal_comma_in_a_comma_csv_is_named(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "weight_kg", "62,5")

    problem = only_problem(preview(program, csv_files(sheets)))

    assert problem.message == errors.MSG_DECIMAL_COMMA.format(value="62,5")


def test_csv_files_are_told_apart_by_their_headings_when_named_otherwise(program):
    sheets = one_case_sheets()
    files = [
        (f"export-{n}.csv", csv_bytes(rows))
        for n, rows in zip("abc", sheets.values(), strict=True)
    ]

    result = preview(program, files)

    assert result.problems == []
    assert len(result.documents[0]["events"]) == 2


# ---------------------------------------------------------------------------------
# Headings and rows
# ---------------------------------------------------------------------------------


def test_headings_match_without_case_or_spacing(program):
    sheets = one_case_sheets()
    sheets[CASES][0] = [h.replace("_", " ").title() for h in sheets[CASES][0]]

    assert preview(program, [("c.xlsx", xlsx(sheets))]).problems == []


def test_an_unknown_heading_is_named_with_its_column(program):
    sheets = one_case_sheets()
    sheets[CASES][0][3] = "date_of_birth"

    result = preview(program, [("c.xlsx", xlsx(sheets))])

    unknown = [p for p in result.problems if p.row == 1]
    assert [(p.sheet, p.column, p.message) for p in unknown] == [
        ("cases", "D", errors.MSG_UNKNOWN_COLUMN.format(heading="date_of_birth"))
    ]
    # The birth date is then missing: said once, at the case's row.
    assert any(p.row == 2 and p.message == errors.MSG_REQUIRED for p in result.problems)


def test_events_of_a_case_not_on_the_cases_sheet_are_named(program):
    sheets = one_case_sheets()
    sheets[EVENTS][1][0] = "PUB-999"

    problem = only_problem(preview(program, [("c.xlsx", xlsx(sheets))]))

    assert (problem.sheet, problem.row, problem.column) == ("events", 2, "A")
    assert problem.message == errors.MSG_CASE_ID_NOT_IN_CASES.format(case_id="PUB-999")


def test_a_case_id_twice_on_the_cases_sheet_is_named(program):
    sheets = one_case_sheets()
    sheets[CASES].append(list(sheets[CASES][1]))

    problem = only_problem(preview(program, [("c.xlsx", xlsx(sheets))]))

    assert (problem.row, problem.message) == (
        3,
        errors.MSG_CASE_ID_REPEATED.format(case_id="PUB-004", row=2),
    )


# ---------------------------------------------------------------------------------
# The registry's rules, by sheet, row and column
# ---------------------------------------------------------------------------------


def test_registry_rule_problems_point_to_the_cell(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "diagnosis_date", dt.date(2026, 12, 1))
    set_cell(sheets, EVENTS, 3, "date", dt.date(2020, 1, 1))

    result = preview(program, [("c.xlsx", xlsx(sheets))])

    found = {(p.sheet, p.row, p.header, p.message) for p in result.problems}
    assert (
        "cases",
        2,
        "diagnosis_date",
        "This date is after the evaluation date (2026-11-01); facts cannot "
        "describe the future.",
    ) in found
    assert (
        "events",
        3,
        "date",
        "This event is dated before the diagnosis (2026-12-01).",
    ) in found
    assert [c.status for c in result.cases] == ["invalid"]


def test_a_missing_required_value_names_its_column(program):
    sheets = one_case_sheets()
    set_cell(sheets, CASES, 2, "disease_state", None)

    problem = only_problem(preview(program, [("c.xlsx", xlsx(sheets))]))

    assert (problem.sheet, problem.row, problem.header, problem.message) == (
        "cases",
        2,
        "disease_state",
        errors.MSG_REQUIRED,
    )
    assert problem.column == letter_of(sheets, CASES, "disease_state")


# ---------------------------------------------------------------------------------
# Files that are refused whole
# ---------------------------------------------------------------------------------


def odt_like() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "x.pdf",
            b"%PDF-1.7\n...",
            errors.MSG_NOT_A_SPREADSHEET_KIND.format(kind="a PDF document"),
        ),
        (
            "x.png",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            errors.MSG_NOT_A_SPREADSHEET_KIND.format(kind="a PNG image"),
        ),
        ("x.bin", b"\x01\x02\x00\x03binary", errors.MSG_NOT_A_SPREADSHEET),
        (
            "x.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            errors.MSG_OLD_EXCEL,
        ),
        ("x.ods", odt_like(), errors.MSG_OPENDOCUMENT),
        (
            "x.csv",
            "case_id,birth_date\nPUB-1,café\n".encode("latin-1"),
            errors.MSG_NOT_UTF8,
        ),
        ("x.xlsx", b"PK\x03\x04 not really a zip", errors.MSG_UNREADABLE_WORKBOOK),
        ("x.csv", b"", errors.MSG_EMPTY),
        (
            "x.json",
            b'{"case_id": "PUB-1"}',
            errors.MSG_NO_KNOWN_COLUMNS + " (sheet cases)",
        ),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused(program, name, data, message):
    with pytest.raises(SheetRefused) as refused:
        preview(program, [(name, data)])

    assert refused.value.message == message


def test_a_50_mb_upload_is_refused_before_it_is_read(program):
    data = b"a" * (50 * 1024 * 1024)

    with pytest.raises(SheetRefused) as refused:
        preview(program, [("big.csv", data)])

    assert refused.value.message == errors.MSG_TOO_LARGE.format(
        size=len(data), limit=LIMITS.max_bytes
    )


def test_100000_rows_are_refused(program):
    rows = ["case_id,birth_date"] + [f"C{n},2000-01-01" for n in range(100_000)]
    data = "\n".join(rows).encode()
    assert len(data) < LIMITS.max_bytes  # small enough to pass the size limit

    with pytest.raises(SheetRefused) as refused:
        preview(program, [("cases.csv", data)])

    assert refused.value.message == errors.MSG_TOO_MANY_ROWS.format(limit=5000)


def test_the_row_limit_counts_workbook_rows_before_loading_them(program):
    sheets = rows_for(
        [
            vignette_case("b_first_relapse_cd19_cd22.json") | {"case_id": f"C{n}"}
            for n in range(12)
        ]
    )
    small = Limits(max_bytes=5_000_000, max_rows=10, max_unpacked_bytes=64_000_000)

    with pytest.raises(SheetRefused) as refused:
        preview(program, [("c.xlsx", xlsx(sheets))], limits=small)

    assert refused.value.message == errors.MSG_TOO_MANY_ROWS.format(limit=10)


def bomb(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * size)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_by_its_unpacked_size(program):
    data = bomb(8 * 1024 * 1024)
    small = Limits(max_bytes=5_000_000, max_rows=5000, max_unpacked_bytes=4_000_000)
    assert len(data) < 100_000

    with pytest.raises(SheetRefused) as refused:
        preview(program, [("bomb.xlsx", data)], limits=small)

    assert refused.value.message == errors.MSG_ZIP_BOMB.format(limit=4_000_000)


def test_a_zip_bomb_is_refused_by_its_compression_ratio(program):
    with pytest.raises(SheetRefused, match="unpacks to far more data"):
        preview(program, [("bomb.xlsx", bomb(16 * 1024 * 1024))])


def test_a_workbook_without_a_cases_sheet_is_refused(program):
    with pytest.raises(SheetRefused) as refused:
        preview(program, [("x.xlsx", xlsx({"Sheet1": [["case_id"], ["A"]]}))])

    assert refused.value.message == errors.MSG_NO_CASES_SHEET


# ---------------------------------------------------------------------------------
# Translating the case document's problems (catalogue 2026.2 rules included)
# ---------------------------------------------------------------------------------

COLUMN_LETTERS = {
    "cases": {"case_id": "A", "disease_state": "N", "markers_tested_on": "W"},
    "events": {"case_id": "A", "date": "C", "test": "N"},
    "referrals": {"case_id": "A", "status": "C", "date": "D"},
}
PLACES = [
    Located(case=2, events=[2, 3], referrals=[2]),
    Located(case=3, referrals=[3, 4]),
]


@pytest.mark.parametrize(
    ("path", "message", "expected"),
    [
        (
            "$[1].referrals[1]",
            "The member 'date' is required.",
            ("referrals", 4, "D", "date", errors.MSG_REQUIRED),
        ),
        (
            "$[0].events[1]",
            "The member 'test' is required.",
            ("events", 3, "N", "test", errors.MSG_REQUIRED),
        ),
        (
            "$[0].disease",
            "The member 'state' is required.",
            ("cases", 2, "N", "disease_state", errors.MSG_REQUIRED),
        ),
        (
            "$[1].markers",
            "Unknown member(s): 'tested_on'.",
            ("cases", 3, "W", "markers_tested_on", errors.MSG_COLUMN_NOT_ACCEPTED),
        ),
        (
            "$[0].events[0].date",
            "This event is dated before the diagnosis (2024-01-15).",
            (
                "events",
                2,
                "C",
                "date",
                "This event is dated before the diagnosis (2024-01-15).",
            ),
        ),
    ],
)
def test_document_problems_are_translated_to_the_cell(path, message, expected):
    found = problem_at(DocumentError(path, message), PLACES, COLUMN_LETTERS)

    assert (
        found.sheet,
        found.row,
        found.column,
        found.header,
        found.message,
    ) == expected


# ---------------------------------------------------------------------------------
# Catalogue 2026.2 members: work-up events, tested_on, dated referrals, appointments
# ---------------------------------------------------------------------------------


def test_work_up_tested_on_and_appointments_come_through_the_real_schema(program):
    # Given a case whose sheets carry every member new in case schema 2026.2
    document = vignette_case("marrow_and_cns_relapse.json")
    document["events"].append(
        {
            "type": "workup",
            "date": "2026-10-08",
            "test": "lumbar_puncture",
            "result": "blasts in CSF",
        }
    )
    document["referrals"] = [
        {
            "kind": "fertility",
            "status": "scheduled",
            "date": "2026-10-09",
            "appointment_date": "2026-11-12",
        }
    ]
    sheets = rows_for([document])

    # When it is previewed
    result = preview(program, [("c.xlsx", xlsx(sheets))])

    # Then there is no problem and the document holds them as the schema says
    assert result.problems == [], [str(p) for p in result.problems]
    (case,) = result.cases
    (built,) = [d for d in result.documents if d["case_id"] == "PUB-008"]
    assert built["markers"]["tested_on"] == "2026-10-06"
    assert {
        "type": "workup",
        "date": "2026-10-08",
        "test": "lumbar_puncture",
        "result": "blasts in CSF",
    } in built["events"]
    assert built["referrals"] == document["referrals"]
    assert case.status == "new"


def test_a_work_up_row_without_its_test_is_named_at_the_cell(program):
    sheets = rows_for([vignette_case("marrow_and_cns_relapse.json")])
    headings = sheets[EVENTS][0]
    row = [None] * len(headings)
    row[headings.index("case_id")] = "PUB-008"
    row[headings.index("type")] = "workup"
    row[headings.index("date")] = dt.date(2026, 10, 8)
    sheets[EVENTS].append(row)

    problem = only_problem(preview(program, [("c.xlsx", xlsx(sheets))]))

    assert (problem.sheet, problem.row, problem.header) == (
        EVENTS,
        len(sheets[EVENTS]),
        "test",
    )


def test_a_referral_past_needed_without_its_date_is_named_at_the_cell(program):
    document = vignette_case("marrow_and_cns_relapse.json")
    document["referrals"] = [{"kind": "social_work", "status": "referred"}]
    sheets = rows_for([document])

    problem = only_problem(preview(program, [("c.xlsx", xlsx(sheets))]))

    assert (problem.sheet, problem.row, problem.header) == ("referrals", 2, "date")
