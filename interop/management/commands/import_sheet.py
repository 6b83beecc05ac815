"""Import cases from a spreadsheet (XLSX or CSV): a dry run, then all or nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from interop import errors, services
from interop.sheets import compare
from interop.sheets.preview import sheet_preview
from patients.errors import ApplicationError
from patients.management.commands._program import resolve_program


class Command(BaseCommand):
    help = (
        "Import cases from an XLSX workbook (sheets cases, events, referrals) or CSV "
        "files. Every problem is listed by sheet, row and column and then nothing is "
        "written; --dry-run only shows what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="XLSX or CSV files.")
        parser.add_argument("--program", help="Slug of the program to import into.")
        parser.add_argument(
            "--as-user", help="Username recorded as the actor in the audit."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the preview; write nothing."
        )

    def handle(self, *args, files, program, as_user, dry_run, **options):
        target = resolve_program(program)
        actor = None
        if as_user:
            actor = get_user_model().objects.filter(username=as_user).first()
            if actor is None:
                raise CommandError(f"No user is named {as_user!r}.")
        contents = []
        for path in files:
            try:
                contents.append((path.name, path.read_bytes()))
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        try:
            preview = sheet_preview(
                files=contents, program=target, limits=services.sheet_limits()
            )
        except errors.SheetRefused as refused:
            raise CommandError(refused.message) from refused
        for case in preview.cases:
            self.stdout.write(f"{case.case_id} (row {case.row}): {case.status}")
        for warning in preview.warnings:
            self.stderr.write(f"warning: {warning}")
        for problem in preview.problems:
            self.stderr.write(str(problem))
        if preview.problems:
            raise CommandError(
                errors.MSG_HAS_PROBLEMS.format(count=len(preview.problems))
            )
        summary = (
            f"{preview.count(compare.NEW)} new, "
            f"{preview.count(compare.UPDATED)} updated, "
            f"{preview.count(compare.UNCHANGED)} unchanged"
        )
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {summary}.")
            return
        try:
            result = services.sheet_import_now(preview=preview, actor=actor)
        except services.SheetImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(failed.message) from failed
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Imported into {target.slug}: {len(result.created)} new, "
            f"{len(result.updated)} updated, {result.unchanged} unchanged."
        )
