"""Write one case as a FHIR R4 Bundle: a stored case, or a case file (no database)."""

import datetime as dt
import json
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from interop import services
from interop.fhir import bundle_from_document
from patients import documents, errors
from recommendations.selectors import evaluate_document

MSG_CASE_OR_FILE = "Name a CASE_ID, or give --case-file (not both)."
MSG_NO_CASE = "No case with case_id {case_id!r} in {program}."


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--as-of: {value!r} is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = (
        "Write a case as a FHIR R4 Bundle (JSON, shaped after mCODE), with the "
        "guideline evaluation. A stored case (CASE_ID, audited) or --case-file "
        "CASE.json, which needs no database."
    )

    def add_arguments(self, parser):
        parser.add_argument("case_id", nargs="?", help="The program's case_id.")
        parser.add_argument("--program", help="Slug of the program owning the case.")
        parser.add_argument(
            "--case-file", type=Path, help="A case document (JSON) instead."
        )
        parser.add_argument(
            "--as-of",
            type=_date,
            help="Evaluate as of this date (default: today for a stored case, the "
            "document's evaluation_date for a case file).",
        )
        parser.add_argument(
            "--as-user", help="Username recorded as the reader in the audit."
        )
        parser.add_argument("--out", type=Path, help="File to write; stdout if none.")

    def handle(self, *args, case_id, program, case_file, as_of, as_user, out, **opts):
        if bool(case_id) == bool(case_file):
            raise CommandError(MSG_CASE_OR_FILE)
        if case_file:
            bundle = self._from_file(case_file, as_of)
        else:
            bundle = self._from_registry(case_id, program, as_of, as_user)
        text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote a bundle of {len(bundle['entry'])} resources.")

    def _from_file(self, path: Path, as_of: dt.date | None) -> dict:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        try:
            document = documents.load_json_bytes(
                raw, limit=settings.AYA_MAX_IMPORT_BYTES
            )
        except errors.ApplicationError as exc:
            raise CommandError(exc.message) from exc
        # A vignette file wraps its case document in {"case": ...}.
        if isinstance(document, dict) and isinstance(document.get("case"), dict):
            document = document["case"]
        problems = documents.validate_case_document(document)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"The case file is not valid: {len(problems)} problem(s)."
            )
        return bundle_from_document(
            document,
            evaluation=evaluate_document(document=document, as_of=as_of),
            generated_at=timezone.now(),
        )

    def _from_registry(self, case_id, program, as_of, as_user) -> dict:  # noqa: ANN001
        from patients.management.commands._program import resolve_program
        from patients.models import Case

        target = resolve_program(program)
        case = Case.objects.filter(program=target, case_id=case_id).first()
        if case is None:
            raise CommandError(MSG_NO_CASE.format(case_id=case_id, program=target.slug))
        actor = None
        if as_user:
            actor = get_user_model().objects.filter(username=as_user).first()
            if actor is None:
                raise CommandError(f"No user is named {as_user!r}.")
        return services.case_fhir_export(
            case=case,
            actor=actor,
            as_of=as_of or timezone.localdate(),
            generated_at=timezone.now(),
            via="command",
        )
