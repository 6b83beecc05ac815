"""Test helpers: shared-domain paths, the schema validator, a case builder."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Mapping
from pathlib import Path

from jsonschema import Draft202012Validator

REPO_ROOT = Path(__file__).parents[2]
DOMAIN = REPO_ROOT / "patients" / "domain"
VIGNETTE_DIR = DOMAIN / "vignettes"
SCHEMA_PATH = DOMAIN / "case.schema.json"

# Marks a member to delete from the base document (absent = unknown / schema default).
DROP = object()

# A B-lineage first relapse with every member recorded, so each boundary case changes
# only the facts it is about. Age 23 on the evaluation date.
BASE_CASE: dict = {
    "case_id": "BND-BASE",
    "birth_date": "2003-04-10",
    "evaluation_date": "2026-11-01",
    "sex": "female",
    "can_become_pregnant": True,
    "weight_kg": 62,
    "diagnosis": {"date": "2024-01-15", "lineage": "B", "ph_status": "negative"},
    "disease": {
        "state": "relapse",
        "relapse_count": 1,
        "latest_relapse_date": "2026-10-20",
        "sites": ["marrow"],
        "marrow_blast_percent": 30,
        "testicular_disease_after_induction": False,
    },
    "markers": {
        "cd19": "positive",
        "cd22": "positive",
        "cd20": "negative",
        "kmt2a_rearranged": "no",
        "abl1_mutations": [],
    },
    "fitness": {
        "ecog": 1,
        "hct_ci": 0,
        "category": "fit",
        "transplant_eligible": "yes",
        "prior_neuropathy": False,
    },
    "medications": {"strong_cyp3a4_inhibitor": False},
    "plans": {"hsct_planned": False},
    "events": [],
    "referrals": [],
    "psychosocial": {
        "school_or_work_disrupted": False,
        "clinical_trial_screened": True,
    },
}


def merged(base: Mapping, patch: Mapping) -> dict:
    """``base`` with ``patch`` merged in: objects merge, lists and values replace."""
    result = copy.deepcopy(dict(base))
    for key, value in patch.items():
        if value is DROP:
            result.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def case(**patch: object) -> dict:
    """A schema-valid case document: the base case with ``patch`` merged in."""
    return merged(BASE_CASE, patch)


@functools.cache
def case_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.cache
def schema_validator() -> Draft202012Validator:
    schema = case_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_problems(document: object) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in schema_validator().iter_errors(document)
    ]


def vignette_paths() -> list[Path]:
    return sorted(VIGNETTE_DIR.glob("*.json"))


def load_vignette(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
