"""Print the three review aids and turn every page into an image for a reviewer.

    python manage.py print_aid_samples --out var/aid-samples [--lang en es] \
        [--paper letter] [--dpi 80] [--care-team-name NAME --care-team-phone PHONE]

The three aids (``decisionaids.samples.REVIEW_AIDS``): a multiply relapsed B-ALL
after a transplant (DA-REINDUCTION), a T-ALL with marrow and CNS disease
(DA-REINDUCTION-T) and an isolated CNS relapse (DA-CNS-RELAPSE, the vendored
vignette). Each case is evaluated by the engine and printed by the worker's own
renderer from the stored evidence rows; ``pdftoppm`` (poppler-utils) makes one PNG
per page: ``<out>/<name>-<lang>.pdf`` and ``<out>/<name>-<lang>-<page>.png``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from decisionaids import rendering, samples, selectors
from decisionaids.content.aids import LANGUAGES, PAPERS
from decisionaids.inputs import CareTeam
from recommendations.selectors import evaluate_document

VIGNETTES = Path(__file__).resolve().parents[3] / "patients" / "domain" / "vignettes"
MSG_NO_EVIDENCE = (
    "No evidence figures are stored; run 'python manage.py migrate' first."
)
MSG_NO_PDFTOPPM = "pdftoppm is missing: install Debian's poppler-utils (make setup)."


def _document(source: object) -> dict:
    if callable(source):
        return source()
    path = VIGNETTES / str(source)
    try:
        return json.loads(path.read_text(encoding="utf-8"))["case"]
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None


class Command(BaseCommand):
    help = "Print the three review aids to PDF and page images."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument(
            "--lang", nargs="+", default=list(LANGUAGES), choices=LANGUAGES
        )
        parser.add_argument("--paper", default="letter", choices=PAPERS)
        parser.add_argument("--dpi", type=int, default=80)
        parser.add_argument("--care-team-name", default="AYA Leukemia Program")
        parser.add_argument("--care-team-phone", default="555-0142")

    def handle(self, *args, **options) -> None:
        pdftoppm = shutil.which("pdftoppm")
        if pdftoppm is None:
            raise CommandError(MSG_NO_PDFTOPPM)
        evidence = selectors.evidence_for_render()
        if not evidence:
            raise CommandError(MSG_NO_EVIDENCE)
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        team = CareTeam(
            name=options["care_team_name"], phone=options["care_team_phone"]
        )
        for name, source, aid_id in samples.REVIEW_AIDS:
            document = _document(source)
            document.setdefault("given_name", "Lucía")
            result = evaluate_document(document=document)
            for language in options["lang"]:
                aid = rendering.render_aid(
                    document=document,
                    result=result,
                    evidence=evidence,
                    aid_id=aid_id,
                    language=language,
                    paper=options["paper"],
                    printed_on=dt.date.today(),  # noqa: DTZ011 - a local print date
                    care_team=team,
                )
                stem = out / f"{name}-{language}"
                stem.with_suffix(".pdf").write_bytes(aid.pdf)
                subprocess.run(  # noqa: S603 - fixed arguments, our own file
                    [
                        pdftoppm,
                        "-r",
                        str(options["dpi"]),
                        "-png",
                        str(stem.with_suffix(".pdf")),
                        str(stem),
                    ],
                    check=True,
                )
                self.stdout.write(
                    f"{aid_id} {language}: {stem}.pdf, {aid.page_count} pages, "
                    f"images {stem}-<page>.png"
                )
