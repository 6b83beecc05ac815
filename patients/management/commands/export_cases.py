"""Export cases as case documents (patients/domain/case.schema.json)."""

import getpass
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from patients import documents, services
from patients.management.commands._program import resolve_program
from patients.models import Case
from patients.selectors import case_with_timeline


class Command(BaseCommand):
    help = "Write a program's cases as a JSON list of case documents (stdout or --out)."

    def add_arguments(self, parser):
        parser.add_argument("--program", help="Slug of the program to export.")
        parser.add_argument(
            "--case-id",
            action="append",
            default=[],
            help="Only this case (repeatable).",
        )
        parser.add_argument(
            "--out", type=Path, help="File to write; stdout when omitted."
        )
        parser.add_argument(
            "--as-user",
            "--actor",
            dest="as_user",
            help="Username recorded as the reader in the audit; without it, the "
            "operating-system user running the command is recorded (as os:NAME).",
        )

    def handle(
        self,
        *args,
        program: str | None,
        case_id: list[str],
        out: Path | None,
        as_user: str | None = None,
        **opts,
    ):
        target = resolve_program(program)
        actor = None
        if as_user:
            actor = get_user_model().objects.filter(username=as_user).first()
            if actor is None:
                raise CommandError(f"No user is named {as_user!r}.")
        queryset = Case.objects.filter(program=target).order_by("case_id")
        if case_id:
            queryset = queryset.filter(case_id__in=case_id)
            missing = sorted(
                set(case_id) - set(queryset.values_list("case_id", flat=True))
            )
            if missing:
                raise CommandError(
                    f"No case with case_id {', '.join(missing)} in {target.slug}."
                )
        exported = services.case_export(
            cases=list(case_with_timeline(queryset)),
            actor=actor,
            actor_username=os_user(),
            via="export_cases",
        )
        text = documents.dumps_documents(exported)
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
            self.stderr.write(f"Exported {len(exported)} case(s) to {out}.")


def os_user() -> str:
    """The operating-system user, as ``os:NAME`` (no account can be named so)."""
    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):  # no name for the process's user id
        return "os:unknown"
