"""Shared fixtures: the domain folder, a program with a member, case documents."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.factories import ProgramFactory, UserFactory

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DOMAIN = REPO_ROOT.parent / "shared" / "domain"
VIGNETTE_FILES = sorted(
    (REPO_ROOT / "patients" / "domain" / "vignettes").glob("*.json")
)


def vignette_case(name: str) -> dict:
    path = REPO_ROOT / "patients" / "domain" / "vignettes" / name
    return copy.deepcopy(json.loads(path.read_text(encoding="utf-8"))["case"])


@pytest.fixture
def program(db):
    return ProgramFactory(name="North AYA Program", slug="north")


@pytest.fixture
def member(program):
    return UserFactory(username="coordinator1", programs=[program])


@pytest.fixture
def case_document() -> dict:
    """A valid, complete case document (the first-relapse vignette)."""
    return vignette_case("b_first_relapse_cd19_cd22.json")
