"""Decision-aid render benchmark (figures, not a test).

    python bench/aids.py [--runs 9] [--jobs 24]

Reports, in one run:
- the bare WeasyPrint floor (bench/weasyprint_floor.py's floor_html), median
  of --runs renders in this warm process;
- for each aid and language, the median seconds of ``rendering.render_aid`` (the exact
  function the Celery worker runs, HTML to tagged PDF) in the same warm process, and
  its ratio to the floor (target: 2x or less);
- throughput with 2 worker processes (prefork, as ``celery worker --concurrency=2``):
  PDFs per minute over --jobs renders of a mix of every aid and language.

Each aid is rendered for its richest vignette (the most options and figures), so the
figures are an upper bound for that aid. Evidence comes from the content module the
data migration seeds, so no database is needed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The floor script ships beside this one (a vendored copy of the shared bench's).
FLOOR_DIR = REPO / "bench"

# The richest vignette for each aid (most options and figures to draw).
CASES = {
    "DA-REINDUCTION": "b_first_relapse_cd19_cd22.json",
    "DA-REINDUCTION-T": "t_all_relapse.json",
    "DA-TRANSPLANT": "remission_after_ino_hsct_planned.json",
    "DA-CNS-RELAPSE": "isolated_cns_relapse.json",
    "DA-FERTILITY": "b_first_relapse_cd19_cd22.json",
}
LANGUAGES = ("en", "es")


def setup() -> None:
    sys.path[:0] = [str(REPO), str(FLOOR_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("AYA_VAR_DIR", str(Path("/tmp") / "aya-bench-var"))  # noqa: S108
    import logging

    import django

    django.setup()
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)


def evidence() -> dict:
    from decisionaids.content.evidence import EVIDENCE, IMPORTED_ON, SOURCE_KEY
    from decisionaids.inputs import Evidence

    return {
        row["ev_id"]: Evidence(
            ev_id=row["ev_id"],
            statement=row["statement"],
            measures=tuple(row["measures"]),
            population_plain=row["population_plain"],
            study=row["study"],
            design=row["design"],
            source=SOURCE_KEY,
            reviewed_at=IMPORTED_ON,
        )
        for row in EVIDENCE
    }


_INPUTS: dict = {}


def inputs(aid_id: str) -> tuple[dict, dict]:
    if aid_id not in _INPUTS:
        import json

        from recommendations.selectors import evaluate_document

        path = REPO / "patients" / "domain" / "vignettes" / CASES[aid_id]
        document = json.loads(path.read_text(encoding="utf-8"))["case"]
        document["given_name"] = "María José"
        _INPUTS[aid_id] = (document, evaluate_document(document=document))
    return _INPUTS[aid_id]


def render(aid_id: str, language: str, ev: dict) -> tuple[float, int]:
    from decisionaids.rendering import render_aid

    document, result = inputs(aid_id)
    start = time.perf_counter()
    aid = render_aid(
        document=document, result=result, evidence=ev, aid_id=aid_id, language=language
    )
    return time.perf_counter() - start, aid.page_count


def samples(runs: int, work) -> list[float]:  # noqa: ANN001
    work()  # warm
    return [_timed(work) for _ in range(runs)]


def median_of(runs: int, work) -> float:  # noqa: ANN001
    return statistics.median(samples(runs, work))


def _timed(work) -> float:  # noqa: ANN001
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


_WORKER_EVIDENCE: dict = {}


def _worker_init() -> None:
    setup()
    _WORKER_EVIDENCE.update(evidence())
    for aid_id in CASES:  # a warm worker: imports, fonts and inputs loaded
        render(aid_id, "en", _WORKER_EVIDENCE)


def _worker_render(job: tuple[str, str]) -> int:
    return render(job[0], job[1], _WORKER_EVIDENCE)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--jobs", type=int, default=24)
    args = parser.parse_args()
    setup()
    from weasyprint import HTML
    from weasyprint_floor import floor_html

    ev = evidence()
    html = floor_html()

    def floor_render() -> None:
        HTML(string=html).write_pdf()

    # The floor is sampled before and after the aids; ratios use all its samples, so
    # a noisy neighbour on a shared machine weighs on both sides alike.
    floor_samples = samples(args.runs, floor_render)
    measured = []
    for aid_id in CASES:
        for language in LANGUAGES:
            pages = render(aid_id, language, ev)[1]
            seconds = median_of(
                args.runs, lambda a=aid_id, g=language: render(a, g, ev)
            )
            measured.append((aid_id, language, seconds, pages))
    floor_samples += samples(args.runs, floor_render)
    floor = statistics.median(floor_samples)
    print(
        f"floor median_s={floor:.3f} min_s={min(floor_samples):.3f} "
        f"max_s={max(floor_samples):.3f} runs={len(floor_samples)}"
    )
    worst = 0.0
    for aid_id, language, seconds, pages in measured:
        ratio = seconds / floor
        worst = max(worst, ratio)
        print(
            f"{aid_id} {language} median_s={seconds:.3f} ratio={ratio:.2f} "
            f"pages={pages} case={CASES[aid_id]}"
        )

    jobs = [
        (aid_id, language)
        for index in range(args.jobs)
        for aid_id, language in [
            (list(CASES)[index % len(CASES)], LANGUAGES[(index // len(CASES)) % 2])
        ]
    ]
    with ProcessPoolExecutor(max_workers=2, initializer=_worker_init) as pool:
        list(pool.map(_worker_render, jobs[:2]))  # both workers warm
        start = time.perf_counter()
        list(pool.map(_worker_render, jobs))
        elapsed = time.perf_counter() - start
    print(
        f"throughput processes=2 pdfs={len(jobs)} seconds={elapsed:.2f} "
        f"pdfs_per_minute={len(jobs) / elapsed * 60:.0f}"
    )
    print(f"worst_ratio={worst:.2f} target<=2.00 {'OK' if worst <= 2 else 'OVER'}")


if __name__ == "__main__":
    main()
