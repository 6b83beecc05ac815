"""Benchmark of the recommendation engine on a deterministic synthetic cohort.

Run: ``.venv/bin/python bench/engine.py [--cases N] [--seed S] [--repeat R]``.
Reports single-process cases per second for a trivial baseline (a dict copy and a
no-op call over the same cohort), ``facts_from_document`` + ``evaluate``, ``evaluate``
alone on prebuilt facts, and ``evaluate`` + ``to_dict``; each the best of ``--repeat``.
Prebuilt facts forget their memoized conditions before each repeat, so ``evaluate``
alone is timed from scratch as it runs after ``facts_from_document``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from recommendations.engine import evaluate, facts_from_document  # noqa: E402

SCHEMA_PATH = REPO_ROOT / "patients" / "domain" / "case.schema.json"
EVALUATION = date(2026, 11, 1)
THERAPIES = ("blinatumomab", "inotuzumab", "car_t", "chemotherapy", "tki", "nelarabine")
STATES = (
    "primary_refractory",
    "relapse",
    "relapse",
    "remission_after_relapse",
    "progression_after_salvage",
)


def _day(value: date) -> str:
    return value.isoformat()


def synthetic_case(rng: random.Random, number: int) -> dict:
    """One schema-valid case document with a plausible mix of facts."""
    birth = EVALUATION - timedelta(days=rng.randint(13 * 365, 42 * 365))
    diagnosis = EVALUATION - timedelta(days=rng.randint(200, 6 * 365))
    relapse = EVALUATION - timedelta(days=rng.randint(10, 150))
    state = rng.choice(STATES)
    marker = ("positive", "positive", "negative", "unknown")
    document: dict = {
        "case_id": f"BENCH-{number:06d}",
        "birth_date": _day(birth),
        "evaluation_date": _day(EVALUATION),
        "sex": rng.choice(("female", "male")),
        "weight_kg": rng.randint(35, 110),
        "diagnosis": {
            "date": _day(diagnosis),
            "lineage": rng.choice(("B", "B", "B", "T")),
            "ph_status": rng.choice(("positive", "negative", "negative", "unknown")),
        },
        "disease": {
            "state": state,
            "relapse_count": 0 if state == "primary_refractory" else rng.randint(1, 3),
            "sites": rng.choice((["marrow"], ["marrow", "cns"], ["cns"], [])),
            "marrow_blast_percent": rng.randint(0, 95),
        },
        "markers": {
            "cd19": rng.choice(marker),
            "cd22": rng.choice(marker),
            "cd20": rng.choice(marker),
            "kmt2a_rearranged": rng.choice(("yes", "no", "no", "unknown")),
            "abl1_mutations": rng.choice(([], ["T315I"], [])),
        },
        "fitness": {
            "ecog": rng.randint(0, 3),
            "category": rng.choice(("fit", "fit", "less_fit", "frail", "unknown")),
            "transplant_eligible": rng.choice(("yes", "no", "unknown")),
        },
        "plans": {"hsct_planned": rng.choice((True, False))},
        "events": [],
        "referrals": [],
    }
    if state != "primary_refractory":
        document["disease"]["latest_relapse_date"] = _day(max(relapse, diagnosis))
    for _ in range(rng.randint(0, 4)):
        start = EVALUATION - timedelta(days=rng.randint(5, 120))
        document["events"].append({"type": rng.choice(THERAPIES), "date": _day(start)})
    if rng.random() < 0.5:
        document["events"].append(
            {
                "type": "response",
                "date": _day(EVALUATION - timedelta(days=rng.randint(1, 30))),
                "response": rng.choice(("CR", "CRi", "PR")),
                "mrd": rng.choice(("negative", "positive")),
            }
        )
    for kind in ("fertility", "social_work", "mental_health"):
        if rng.random() < 0.4:
            document["referrals"].append(
                {
                    "kind": kind,
                    "status": rng.choice(("referred", "completed", "declined")),
                    "date": _day(EVALUATION - timedelta(days=rng.randint(0, 200))),
                }
            )
    return document


def cohort(size: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [synthetic_case(rng, number) for number in range(size)]


def check_sample_is_valid(documents: Sequence[dict], sample: int = 200) -> str:
    """Validate a sample against the schema, so the figures are for valid input."""
    try:
        from jsonschema import Draft202012Validator
    except ImportError:
        return "schema check skipped (jsonschema not installed)"
    if not SCHEMA_PATH.exists():
        return f"schema check skipped ({SCHEMA_PATH} not found)"
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for document in documents[:sample]:
        validator.validate(document)
    return f"first {min(sample, len(documents))} documents are schema-valid"


def best_rate(
    work: Callable[[], None],
    cases: int,
    repeat: int,
    prepare: Callable[[], None] | None = None,
) -> float:
    """Cases per second of the fastest repeat; ``prepare`` runs untimed before each."""
    best = float("inf")
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return cases / best


def no_op(document: dict) -> dict:
    return document


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    documents = cohort(args.cases, args.seed)
    print(
        f"cohort: {len(documents)} cases (seed {args.seed}); "
        + check_sample_is_valid(documents)
    )
    prebuilt = [facts_from_document(document) for document in documents]

    def copy_each() -> None:
        for document in documents:
            dict(document)

    def call_no_op() -> None:
        for document in documents:
            no_op(document)

    def facts_and_evaluate() -> None:
        for document in documents:
            evaluate(facts_from_document(document))

    def forget_memos() -> None:
        # Facts keep the conditions several rules share in ``memo``: without this, the
        # repeats after the first would time cache hits rather than evaluation.
        for facts in prebuilt:
            facts.memo.clear()

    def evaluate_only() -> None:
        for facts in prebuilt:
            evaluate(facts)

    def evaluate_to_dict() -> None:
        for facts in prebuilt:
            evaluate(facts).to_dict()

    measured = [
        ("baseline: dict copy", copy_each, None),
        ("baseline: no-op call", call_no_op, None),
        ("facts_from_document + evaluate", facts_and_evaluate, None),
        ("evaluate (prebuilt facts)", evaluate_only, forget_memos),
        ("evaluate + to_dict (prebuilt facts)", evaluate_to_dict, forget_memos),
    ]
    rates = {
        name: best_rate(work, len(documents), args.repeat, prepare)
        for name, work, prepare in measured
    }
    baseline = rates["baseline: dict copy"]
    print(f"{'measure':40} {'cases/s':>14} {'vs dict copy':>14}")
    for name, rate in rates.items():
        print(f"{name:40} {rate:14,.0f} {rate / baseline:13.4f}x")


if __name__ == "__main__":
    main()
