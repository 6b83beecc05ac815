"""Page costs on the embedded SQLite, as a ratio to the guideline page, at N cases.

``python bench/sqlite_pages.py --cases 3000`` builds a throwaway SQLite database
(in ``--var-dir``), a cohort like the project's bench cohort (about 2.5 events per
case), stores every evaluation, then times each page in-process with Django's test
client, signed in: the median of ``--repeat`` runs, each divided by the guideline
library page's median in the same run. ``--paths`` chooses the pages; the worklist
selector (``evaluations.selectors.worklist_page``) is always timed on its own too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--events", type=int, default=2, help="events per case")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--paths",
        default="/,/cases/",
        help="comma-separated pages to time besides /guideline/",
    )
    parser.add_argument(
        "--var-dir", type=Path, default=Path(tempfile.gettempdir()) / "aya-sqlite-pages"
    )
    args = parser.parse_args()

    shutil.rmtree(args.var_dir, ignore_errors=True)
    args.var_dir.mkdir(parents=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        AYA_VAR_DIR=str(args.var_dir),
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from evaluations import selectors
    from evaluations.services import case_evaluation_refresh
    from patients.models import Case
    from recommendations.worklist_rows import WorklistFilters
    from tests.evaluations.cohort import cohort
    from tests.factories import ProgramFactory, UserFactory

    program = ProgramFactory(slug="pages", name="Pages")
    user = UserFactory(username="pages", programs=[program])
    started = time.perf_counter()
    cohort(program=program, cases=args.cases, events_per_case=args.events)
    built = time.perf_counter() - started
    pks = list(Case.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    case_evaluation_refresh(case_ids=pks)
    rate = len(pks) / (time.perf_counter() - started)

    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(user)
    today = timezone.localdate()

    def timed(action) -> float:  # noqa: ANN001
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            action()
            runs.append(time.perf_counter() - started)
        return statistics.median(runs)

    def page(path: str):  # noqa: ANN202
        def get() -> None:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return get

    page("/guideline/")()  # warm up templates and caches
    base = timed(page("/guideline/"))
    rows = [("guideline page `/guideline/`", base)]
    for path in [p for p in args.paths.split(",") if p]:
        page(path)()
        rows.append((f"page `{path}`", timed(page(path))))
    from patients.templatetags.worklist_tags import KEPT, ROWS

    def worklist_first_view() -> None:
        # Every row and kept part rendered anew, as on a process's first view.
        ROWS.clear()
        for kept in KEPT.values():
            kept.clear()
        page("/")()

    rows.append(("page `/`, nothing kept (first view)", timed(worklist_first_view)))
    rows.append(
        (
            "worklist selector (stored evaluations)",
            timed(
                lambda: selectors.worklist_page(
                    user=user, filters=WorklistFilters(), cursor=None, as_of=today
                )
            ),
        )
    )
    print(
        f"SQLite, {args.cases:,} cases, {args.events} events each (built in "
        f"{built:.0f} s; evaluations stored at {rate:.0f} cases/s); median of "
        f"{args.repeat}:\n"
    )
    print("| measure | median | ÷ guideline page |")
    print("| --- | --- | --- |")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.1f} ms | {seconds / base:.2f}× |")


if __name__ == "__main__":
    main()
