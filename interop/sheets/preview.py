"""The dry run: what an upload would do to a program's cases, and every problem.

Documents are validated by the JSON import's own function
(``patients.documents.validate_case_document``); nothing is written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from interop import errors
from interop.errors import SheetProblem
from interop.sheets import compare
from interop.sheets.columns import CASES, EVENTS, REFERRALS
from interop.sheets.reading import Limits, Upload, read_upload
from interop.sheets.rows import Located, documents_from_upload, problem_at
from patients.documents import (
    DocumentError,
    case_to_document,
    instances_from_document,
    validate_case_document,
)
from patients.models import Case, Program
from patients.selectors import case_with_timeline

INVALID = "invalid"
MSG_OUTSIDE_AYA = (
    "Age {age} at evaluation is outside the guideline's 15-39 population; the case "
    "is kept and flagged (ALERT-OUTSIDE-AYA)."
)


@dataclass
class CasePreview:
    case_id: str
    row: int
    status: str  # new | updated | unchanged | invalid
    change: compare.Change | None = None


@dataclass
class SheetPreview:
    program: Program
    cases: list[CasePreview] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    locations: list[Located] = field(default_factory=list)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    sha256: str = ""
    rows: int = 0

    def count(self, status: str) -> int:
        return sum(1 for case in self.cases if case.status == status)

    @property
    def changed(self) -> list[str]:
        return [
            case.case_id
            for case in self.cases
            if case.status in (compare.NEW, compare.UPDATED)
        ]

    @property
    def can_import(self) -> bool:
        return not self.problems and bool(self.changed)


def _place(problem: SheetProblem) -> tuple:
    return (problem.sheet, problem.row, problem.column)


def sheet_preview(
    *, files: Sequence[tuple[str, bytes]], program: Program, limits: Limits
) -> SheetPreview:
    """Read, map, validate and compare an upload (raises ``SheetRefused``)."""
    upload: Upload = read_upload(files, limits=limits)
    parsed = documents_from_upload(upload)
    preview = SheetPreview(
        program=program,
        problems=list(upload.problems) + parsed.problems,
        warnings=list(upload.warnings),
        documents=parsed.documents,
        locations=parsed.locations,
        columns={sheet: dict(t.columns) for sheet, t in upload.tables.items()},
        sha256=upload.sha256,
        rows=upload.row_count,
    )
    for sheet in (EVENTS, REFERRALS):
        if sheet not in upload.tables:
            preview.warnings.append(
                SheetProblem(errors.MSG_NO_SHEET.format(sheet=sheet), sheet=sheet)
            )
    stored = {
        case.case_id: case
        for case in case_with_timeline(
            Case.objects.filter(
                program=program, case_id__in=[d["case_id"] for d in parsed.documents]
            )
        )
    }
    preview.versions = {case_id: case.version for case_id, case in stored.items()}
    # A cell that could not be read is reported once, not again as "missing".
    unread = {_place(problem) for problem in preview.problems} | upload.masked
    for index, document in enumerate(parsed.documents):
        location = parsed.locations[index]
        found = [
            problem_at(error, parsed.locations, preview.columns)
            for error in validate_case_document(document, prefix=f"$[{index}]")
        ]
        found = [p for p in found if _place(p) not in unread]
        row_unread = any(
            place[0] == CASES and place[1] == location.case for place in unread
        ) or _rows_unread(location, unread)
        preview.problems += found
        if found or row_unread:
            preview.cases.append(
                CasePreview(document["case_id"], location.case, INVALID)
            )
            continue
        case = stored.get(document["case_id"])
        change = compare.compare(
            compare.canonical(document),
            case_to_document(case) if case is not None else None,
        )
        preview.cases.append(
            CasePreview(document["case_id"], location.case, change.status, change)
        )
        instance = instances_from_document(document)[0]
        if instance.outside_aya:
            preview.warnings.append(
                problem_at(
                    DocumentError(
                        f"$[{index}].birth_date",
                        MSG_OUTSIDE_AYA.format(age=instance.age_at_evaluation),
                    ),
                    parsed.locations,
                    preview.columns,
                )
            )
    preview.problems.sort(key=_order)
    return preview


def _rows_unread(location: Located, unread: set[tuple]) -> bool:
    rows = {(EVENTS, row) for row in location.events}
    rows |= {(REFERRALS, row) for row in location.referrals}
    return any((place[0], place[1]) in rows for place in unread)


SHEET_ORDER = {CASES: 0, EVENTS: 1, REFERRALS: 2}


def _order(problem: SheetProblem) -> tuple:
    return (
        SHEET_ORDER.get(problem.sheet or "", -1),
        problem.row or 0,
        problem.column or "",
    )
