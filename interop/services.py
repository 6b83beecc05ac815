"""Writes of interoperability: audited FHIR exports and spreadsheet imports."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from interop import access, errors, selectors
from interop.errors import SheetProblem
from interop.models import PendingSheet
from interop.sheets import compare
from interop.sheets.preview import SheetPreview, sheet_preview
from interop.sheets.reading import Limits
from interop.sheets.rows import Located, problem_at
from patients.documents import DocumentError
from patients.errors import ApplicationError, DocumentInvalid
from patients.models import AuditEntry, Case, Program
from patients.services import audit_record, case_import

EXPORT_FORMAT = "fhir-r4"


def case_fhir_export(
    *,
    case: Case,
    actor: AbstractBaseUser | None,
    as_of: dt.date,
    generated_at: dt.datetime,
    via: str,
) -> dict:
    """The case's FHIR bundle; the read is audited like any other read of the case."""
    bundle = selectors.case_fhir_bundle(
        case=case, as_of=as_of, generated_at=generated_at
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.EXPORTED,
        case=case,
        detail={"via": via, "format": EXPORT_FORMAT},
    )
    return bundle


# ---------------------------------------------------------------------------------
# Spreadsheet import: a dry-run preview, then one all-or-nothing import
# ---------------------------------------------------------------------------------


class SheetImportFailed(ApplicationError):
    """The import found problems after all; nothing was written."""

    def __init__(self, message: str, *, problems: list[SheetProblem]) -> None:
        super().__init__(message, extra={"problems": problems})
        self.problems = problems


@dataclass(frozen=True, slots=True)
class SheetImportResult:
    program: str
    created: list[str]
    updated: list[str]
    unchanged: int


def sheet_limits() -> Limits:
    return Limits(
        max_bytes=settings.AYA_SHEET_MAX_BYTES,
        max_rows=settings.AYA_SHEET_MAX_ROWS,
        max_unpacked_bytes=settings.AYA_SHEET_MAX_UNPACKED_BYTES,
    )


def sheet_preview_create(
    *,
    files: Sequence[tuple[str, bytes]],
    program: Program,
    actor: AbstractBaseUser,
    now: dt.datetime,
) -> tuple[SheetPreview, PendingSheet | None]:
    """Preview an upload and, if it can be imported, keep it for the import click.

    Raises ``SheetRefused`` for a file that cannot be read. The user's earlier pending
    upload for the program, and every expired one, are deleted: an upload never
    lingers. The preview is audited as one read of the program (it compares the
    upload with the stored cases); no case is changed.
    """
    if not access.sheet_import_access_check(actor, program):
        raise ApplicationError(errors.MSG_NO_IMPORT_ACCESS)
    result = sheet_preview(files=files, program=program, limits=sheet_limits())
    pending = None
    with transaction.atomic():
        PendingSheet.objects.filter(expires_at__lte=now).delete()
        PendingSheet.objects.filter(user=actor, program=program).delete()
        if result.can_import:
            pending = PendingSheet(
                token=secrets.token_urlsafe(32),
                program=program,
                user=actor,
                expires_at=now
                + dt.timedelta(minutes=settings.AYA_SHEET_PENDING_MINUTES),
                file_sha256=result.sha256,
                documents=result.documents,
                locations={
                    "columns": result.columns,
                    "documents": [asdict(place) for place in result.locations],
                },
                versions=result.versions,
                changed=result.changed,
            )
            pending.full_clean()
            pending.save()
        # The stored cases the preview compared the upload with are shown on it.
        compared = Case.objects.filter(
            program=program, case_id__in=list(result.versions)
        ).values_list("pk", flat=True)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.VIEWED,
            program=program,
            target="sheet-preview",
            detail=_counts(result),
            cases_shown=sorted(compared),
        )
    return result, pending


def _counts(result: SheetPreview) -> dict:
    return {
        "rows": result.rows,
        "new": result.count(compare.NEW),
        "updated": result.count(compare.UPDATED),
        "unchanged": result.count(compare.UNCHANGED),
        "problems": len(result.problems),
    }


def sheet_import_commit(
    *, token: str, actor: AbstractBaseUser, now: dt.datetime
) -> SheetImportResult:
    """Import a previewed upload: every changed case, or none.

    The pending upload is locked, so a second click waits and then finds it gone.
    The cases it would write are locked and their versions compared with the
    preview's: a case edited meanwhile stops the import. Unchanged cases are not
    touched (no new version, no audit entry); the import itself is one audit entry of
    the program with its counts.
    """
    with transaction.atomic():
        pending = (
            PendingSheet.objects.select_for_update()
            .filter(token=token, user=actor, expires_at__gt=now)
            .select_related("program")
            .first()
        )
        if pending is None or not access.sheet_import_access_check(
            actor, pending.program
        ):
            raise ApplicationError(
                errors.MSG_EXPIRED.format(minutes=settings.AYA_SHEET_PENDING_MINUTES)
            )
        places = [Located(**place) for place in pending.locations["documents"]]
        result = _import(
            documents=pending.documents,
            changed=pending.changed,
            versions=pending.versions,
            places=places,
            columns=pending.locations["columns"],
            program=pending.program,
            actor=actor,
            sha256=pending.file_sha256,
        )
        pending.delete()
    return result


def sheet_import_now(
    *, preview: SheetPreview, actor: AbstractBaseUser | None
) -> SheetImportResult:
    """Import a preview at once (the command line), with the same checks."""
    if preview.problems:
        raise SheetImportFailed(
            errors.MSG_HAS_PROBLEMS.format(count=len(preview.problems)),
            problems=preview.problems,
        )
    with transaction.atomic():
        return _import(
            documents=preview.documents,
            changed=preview.changed,
            versions=preview.versions,
            places=preview.locations,
            columns=preview.columns,
            program=preview.program,
            actor=actor,
            sha256=preview.sha256,
        )


def _import(
    *,
    documents: list[dict],
    changed: list[str],
    versions: dict[str, int],
    places: list[Located],
    columns: dict,
    program: Program,
    actor: AbstractBaseUser | None,
    sha256: str,
) -> SheetImportResult:
    ids = [document["case_id"] for document in documents]
    current = dict(
        Case.objects.select_for_update()
        .filter(program=program, case_id__in=ids)
        .values_list("case_id", "version")
    )
    for case_id in ids:
        if current.get(case_id) != versions.get(case_id):
            raise ApplicationError(
                errors.MSG_CHANGED_SINCE_PREVIEW.format(case_id=case_id)
            )
    wanted = set(changed)
    indexes = [
        i for i, document in enumerate(documents) if document["case_id"] in wanted
    ]
    created: list[str] = []
    updated: list[str] = []
    if indexes:
        try:
            imported = case_import(
                payload=[documents[i] for i in indexes], program=program, actor=actor
            )
        except DocumentInvalid as exc:
            problems = [
                problem_at(
                    DocumentError(_reindex(error.path, indexes), error.message),
                    places,
                    columns,
                )
                for error in exc.errors
            ]
            raise SheetImportFailed(exc.message, problems=problems) from exc
        created, updated = imported.created, imported.updated
    result = SheetImportResult(
        program=program.name,
        created=created,
        updated=updated,
        unchanged=len(documents) - len(indexes),
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.IMPORTED,
        program=program,
        target="sheet",
        detail={
            "created": len(created),
            "updated": len(updated),
            "unchanged": result.unchanged,
            "file_sha256": sha256,
        },
    )
    return result


def _reindex(path: str, indexes: list[int]) -> str:
    """``$[i]`` of the imported sublist, as ``$[j]`` of the sheet's documents."""
    if path.startswith("$["):
        position, rest = path[2:].split("]", 1)
        return f"$[{indexes[int(position)]}]{rest}"
    return path
