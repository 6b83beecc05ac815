"""Shared fixtures: the vendored domain, a program with a member, case documents."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.factories import ProgramFactory, UserFactory

REPO_ROOT = Path(__file__).resolve().parents[1]
# The project's copies of the catalogue (README.md), the case schema and the worked
# vignettes; tests/test_vendored_copies.py compares them with ../shared when present.
DOMAIN_DIR = REPO_ROOT / "patients" / "domain"
CATALOGUE_PATH = DOMAIN_DIR / "README.md"
VIGNETTE_DIR = DOMAIN_DIR / "vignettes"
VIGNETTE_FILES = sorted(VIGNETTE_DIR.glob("*.json"))
# Catalogue 2026.2 ships ten vignettes. Every test that loops over VIGNETTE_FILES
# relies on this count being checked (tests/test_vendored_copies.py), so an empty or
# half-copied folder fails loudly instead of testing nothing.
VIGNETTE_COUNT = 10


def vignette_case(name: str) -> dict:
    path = VIGNETTE_DIR / name
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


@pytest.fixture(scope="module")
def celery_worker_thread():  # noqa: ANN201
    """A real Celery worker on the project's app and its configured broker.

    The broker is the test run's private Redis (config/settings/test.py), or the
    Redis CELERY_BROKER_URL names (CI runs both). The worker runs in a thread of
    this process (pool "solo"), executes tasks for real (not eagerly) and shares
    the test database, so tests using it need ``transactional_db``. For a worker
    process of its own, see ``tests.servers.start_worker``.
    """
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app
    from decisionaids import tasks  # noqa: F401 - registers the render task

    with start_worker(
        app, pool="solo", perform_ping_check=False, shutdown_timeout=30
    ) as worker:
        yield worker
