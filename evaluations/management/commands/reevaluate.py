"""Re-evaluate every case (or one program's) now, in chunks, and report cases/s."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from evaluations import services
from patients.models import Program


class Command(BaseCommand):
    help = (
        "Re-evaluate the stored evaluations of every case, or of one program's "
        "cases, in this process; prints the rate in cases per second."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--program", help="the program's slug (default: all)")
        parser.add_argument(
            "--chunk", type=int, default=services.CHUNK_SIZE, help="cases per chunk"
        )

    def handle(self, *args, **options) -> None:
        program = None
        if options["program"]:
            program = Program.objects.filter(slug=options["program"]).first()
            if program is None:
                raise CommandError(f"No program with the slug {options['program']!r}.")
        job = services.reevaluation_job_create(
            program=program, reason="manage.py reevaluate", lanes=1
        )
        started = time.perf_counter()
        while services.reevaluation_chunk(job_id=job.pk, chunk_size=options["chunk"]):
            job.refresh_from_db()
            if options["verbosity"] > 1:
                self.stdout.write(f"{job.done} of {job.total} cases")
        elapsed = time.perf_counter() - started
        job.refresh_from_db()
        rate = job.done / elapsed if elapsed > 0 else 0.0
        self.stdout.write(
            f"Re-evaluated {job.done} cases in {elapsed:.1f} s ({rate:.0f} cases/s)."
        )
