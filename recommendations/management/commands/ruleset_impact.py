"""Show what the current rule set changes for a program's cases (against snapshots)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandParser

from patients.management.commands._program import resolve_program
from patients.models import AuditEntry
from patients.services import audit_record
from recommendations import impact


class Command(BaseCommand):
    help = (
        "Re-evaluate every case of a program under the current rule set and list, case "
        "by case, what is added or removed compared with its latest snapshot."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", help="Slug of the program.")
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="text (default) for a reader, json for scripts.",
        )

    def handle(self, *args: object, program: str | None, **options: object) -> None:
        target = resolve_program(program)
        report = impact.program_ruleset_impact(program=target)
        audit_record(
            actor=None,
            action=AuditEntry.Action.VIEWED,
            program=target,
            target="ruleset_impact",
            detail={"cases": len(report.cases), "via": "command"},
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(impact.impact_as_json(report), indent=2))
        else:
            self.stdout.write(impact.impact_as_text(report))
