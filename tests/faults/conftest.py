"""Fault-test fixtures: a Redis, workers and beat of the test's own, short timings.

Every server here is started by the test and stopped by its PID (tests/servers.py);
the suite's own Redis and the machine's servers are never touched.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import OperationalError, connection

from decisionaids.models import DecisionAidJob
from patients.access import GROUP_CLINICIAN
from patients.models import AuditEntry
from patients.services import case_import
from recommendations.models import RecommendationSnapshot
from tests.conftest import vignette_case
from tests.factories import ProgramFactory, UserFactory
from tests.servers import (
    ServerProcess,
    app_broker,
    database_url,
    start_beat,
    start_redis,
    start_worker,
)

# Short timings for the fault tests (production: docs/adr/0010-decision-aid-jobs.md).
# Every render sleeps RENDER_DELAY seconds first, so a fault surely hits mid-render.
# The heartbeat renews the lease six times per lease, so a loaded machine that misses
# a beat or two does not let the sweeper take a live job back.
RENDER_DELAY = 4
FAULT_ENV = {
    "AYA_AID_LEASE_SECONDS": "3",
    "AYA_AID_HEARTBEAT_SECONDS": "0.5",
    "AYA_AID_SWEEP_SECONDS": "1",
    "AYA_AID_REQUEUE_AFTER_SECONDS": "30",
    "AYA_AID_RETRY_BASE_SECONDS": "1",
    "AYA_AID_RETRY_MAX_SECONDS": "4",
    "AYA_TEST_RENDER_DELAY_SECONDS": str(RENDER_DELAY),
}
PASSWORD = "a fault test pass phrase"


def wait_until(check: Callable[[], object], *, within: float, what: str) -> object:
    """Poll ``check`` until it returns something truthy, for ``within`` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            value = check()
        except OperationalError:
            value = None  # SQLite busy while a worker writes: poll again
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"{what}: not within {within} s")


class Cluster:
    """The test's own Redis, and the workers and beat started on it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.redis = start_redis(directory / "redis")
        self.processes: list[ServerProcess] = [self.redis]

    @property
    def broker_url(self) -> str:
        return self.redis.url

    def worker(
        self, name: str, *, concurrency: int = 2, env: dict[str, str] | None = None
    ) -> ServerProcess:
        process = start_worker(
            broker_url=self.broker_url,
            database_url=database_url(connection.settings_dict),
            run_dir=settings.TEST_RUN_DIR,
            log_path=self.directory / f"{name}.log",
            concurrency=concurrency,
            env={**FAULT_ENV, **(env or {})},
        )
        self.processes.append(process)
        return process

    def beat(self, *, env: dict[str, str] | None = None) -> ServerProcess:
        process = start_beat(
            broker_url=self.broker_url,
            database_url=database_url(connection.settings_dict),
            run_dir=settings.TEST_RUN_DIR,
            log_path=self.directory / "beat.log",
            env={**FAULT_ENV, **(env or {})},
        )
        self.processes.append(process)
        return process

    def restart_redis(self) -> None:
        """Start Redis again on the same address (a broker that comes back)."""
        self.redis = start_redis(self.redis.directory, port=self.redis.port)
        self.processes.append(self.redis)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.log_path.name}\n{p.log()[-3000:]}"
            for p in self.processes
            if p.log_path.exists()
        )


@pytest.fixture
def cluster(transactional_db, tmp_path):  # noqa: ANN001, ANN201
    """Own Redis; this process's Celery app sends to it while the test runs."""
    own = Cluster(tmp_path)
    try:
        with app_broker(own.broker_url):
            yield own
    finally:
        own.stop()


@pytest.fixture
def clinic(transactional_db):  # noqa: ANN001, ANN201
    """A clinician and one case the CNS-relapse aid applies to."""
    program = ProgramFactory(name="Fault AYA Program", slug="fault")
    user = UserFactory(username="faultclinician", programs=[program])
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=GROUP_CLINICIAN)[0])
    document = vignette_case("isolated_cns_relapse.json")
    case_import(payload=document, program=program, actor=user)
    return {"user": user, "case": program.cases.get(case_id=document["case_id"])}


def rows_snapshot() -> dict[str, int]:
    """Counts of the rows a fault could add or lose."""
    return {
        "jobs": DecisionAidJob.objects.count(),
        "snapshots": RecommendationSnapshot.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def assert_ready_exactly_once(job: DecisionAidJob) -> None:
    """Ready, one PDF file for its content key, one ready transition audited."""
    job.refresh_from_db()
    assert job.status == DecisionAidJob.Status.READY, job.last_error
    assert job.lease_expires_at is None
    stored = sorted(
        p.name
        for p in (Path(settings.MEDIA_ROOT) / "decisionaids").rglob("*.pdf")
        if p.name.startswith(job.content_key)
    )
    assert stored == [f"{job.content_key}.pdf"]
    assert job.pdf.name.endswith(stored[0])
    assert job.pdf.size == job.size_bytes
    ready_rows = AuditEntry.objects.filter(
        target="decision_aid", detail__job=job.pk, detail__status="ready"
    )
    assert ready_rows.count() == 1
    assert not AuditEntry.objects.filter(
        target="decision_aid", detail__job=job.pk, detail__status="failed"
    ).exists()
