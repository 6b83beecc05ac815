"""Import case documents (one case or a list) into a program, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from patients import documents, errors, services
from patients.management.commands._program import resolve_program


class Command(BaseCommand):
    help = (
        "Import a JSON file holding one case document or a list of them "
        "(patients/domain/case.schema.json). Nothing is written if any is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Path to the JSON file.")
        parser.add_argument(
            "--program", help="Slug of the program that owns the cases."
        )
        parser.add_argument(
            "--as-user", help="Username recorded as the actor in the audit."
        )

    def handle(
        self, *args, file: Path, program: str | None, as_user: str | None, **options
    ):
        target = resolve_program(program)
        actor = None
        if as_user:
            actor = get_user_model().objects.filter(username=as_user).first()
            if actor is None:
                raise CommandError(f"No user is named {as_user!r}.")
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        try:
            payload = documents.load_json_bytes(
                raw, limit=settings.AYA_MAX_IMPORT_BYTES
            )
            result = services.case_import(payload=payload, program=target, actor=actor)
        except errors.DocumentInvalid as exc:
            for problem in exc.errors:
                self.stderr.write(str(problem))
            raise CommandError(exc.message) from exc
        except errors.ApplicationError as exc:
            raise CommandError(exc.message) from exc
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            f"Imported {len(result.created) + len(result.updated)} case(s) into "
            f"{target.slug}: {len(result.created)} created, "
            f"{len(result.updated)} updated."
        )
