"""Render one decision aid for a case document, through the worker's own code path.

    python manage.py render_aid --case-file CASE.json --aid DA-REINDUCTION --lang es \
        --out aid.pdf [--paper a4] [--printed-on 2026-11-30] \
        [--care-team-name "AYA program" --care-team-phone "555-0100"]

The file holds one case document, or a vignette (its ``case`` member is used). It is
validated like an import; the engine evaluates it; the stored evidence rows and the
same renderer as the worker make the PDF. An invalid document, or an aid that does
not apply to the case, is reported with a clear message and a non-zero exit.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from decisionaids import rendering, selectors
from decisionaids.content.aids import AID_IDS, LANGUAGES, PAPERS
from decisionaids.fit import AidNotApplicable
from decisionaids.inputs import CareTeam
from patients.documents import load_json_bytes, validate_case_document
from patients.errors import ApplicationError
from recommendations.selectors import evaluate_document

MSG_NOT_A_DOCUMENT = (
    "The file holds no case document (an object, or a vignette's 'case')."
)
MSG_INVALID = "The case document is not valid ({count} problem(s)):"
MSG_NO_EVIDENCE = (
    "No evidence figures are stored; run 'python manage.py migrate' first."
)


class Command(BaseCommand):
    help = "Render one decision aid PDF for a case document or vignette file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--case-file", required=True, type=Path)
        parser.add_argument("--aid", required=True, choices=AID_IDS)
        parser.add_argument("--lang", default="en", choices=LANGUAGES)
        parser.add_argument("--paper", default="letter", choices=PAPERS)
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument(
            "--printed-on",
            type=dt.date.fromisoformat,
            help="The print date on every page (YYYY-MM-DD); default: today.",
        )
        parser.add_argument("--care-team-name", default="")
        parser.add_argument("--care-team-phone", default="")

    def handle(self, *args, **options) -> None:
        path: Path = options["case_file"]
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        try:
            data = load_json_bytes(raw, limit=settings.AYA_MAX_IMPORT_BYTES)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        document = (
            data.get("case") if isinstance(data, dict) and "case" in data else data
        )
        if not isinstance(document, dict):
            raise CommandError(MSG_NOT_A_DOCUMENT)
        problems = validate_case_document(document)
        if problems:
            lines = [MSG_INVALID.format(count=len(problems))]
            lines += [f"  {problem}" for problem in problems]
            raise CommandError("\n".join(lines))

        evidence = selectors.evidence_for_render()
        if not evidence:
            raise CommandError(MSG_NO_EVIDENCE)
        result = evaluate_document(document=document)
        try:
            rendered = rendering.render_aid(
                document=document,
                result=result,
                evidence=evidence,
                aid_id=options["aid"],
                language=options["lang"],
                paper=options["paper"],
                printed_on=options["printed_on"] or dt.date.today(),  # noqa: DTZ011
                care_team=CareTeam(
                    name=options["care_team_name"], phone=options["care_team_phone"]
                ),
            )
        except AidNotApplicable as exc:
            raise CommandError(exc.message) from None
        out: Path = options["out"]
        try:
            out.write_bytes(rendered.pdf)
        except OSError as exc:
            raise CommandError(f"Cannot write {out}: {exc.strerror}.") from None
        self.stdout.write(
            f"Wrote {out} ({rendered.page_count} pages, {len(rendered.pdf)} bytes, "
            f"sha256 {rendered.sha256}, content key {rendered.content_key})."
        )
