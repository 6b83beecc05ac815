"""Faults with real processes: the broker down or dropping, a worker killed whole.

Each test starts its own Redis, worker(s) and beat (tests/faults/conftest.py), breaks
one of them by its PID, and checks that every job ends ``ready`` exactly once (one
PDF file, one ready transition), within a bound, and that nothing else changed.
Timings are short here (FAULT_ENV); docs/adr/0010-decision-aid-jobs.md gives the
production ones.
"""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from decisionaids import services
from decisionaids.models import DecisionAidJob
from decisionaids.selectors import MSG_STATUS_NOT_SENT
from tests.faults.conftest import (
    RENDER_DELAY,
    assert_ready_exactly_once,
    rows_snapshot,
    wait_until,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

READY = DecisionAidJob.Status.READY
RENDERING = DecisionAidJob.Status.RENDERING
# Seconds a job may take to be ready once the fault is over.
BOUND = 40


def status_of(job: DecisionAidJob) -> str:
    job.refresh_from_db()
    return job.status


def request_aid(clinic, language: str = "en") -> DecisionAidJob:  # noqa: ANN001
    return services.aid_job_request(
        case=clinic["case"],
        aid_id="DA-CNS-RELAPSE",
        language=language,
        actor=clinic["user"],
    )


def test_redis_down_at_request_time_then_back_the_jobs_print(cluster, clinic, client):
    """Finding: the form and the API answered 500, and the job stayed queued for
    ever after Redis returned."""
    cluster.worker("worker")
    beat = cluster.beat()
    cluster.redis.stop()
    client.force_login(clinic["user"])
    api = APIClient()
    api.force_authenticate(clinic["user"])
    case = clinic["case"]

    form = client.post(
        reverse("aid-request", args=[case.pk]),
        {"aid_id": "DA-CNS-RELAPSE", "language": "en", "paper": "letter"},
    )
    answer = api.post(
        f"/api/v1/cases/{case.pk}/decision-aids/",
        {"aid_id": "DA-CNS-RELAPSE", "language": "es"},
        format="json",
    )

    assert form.status_code == 302
    assert answer.status_code == 202, answer.content
    assert answer.json()["message"] == MSG_STATUS_NOT_SENT
    jobs = list(DecisionAidJob.objects.order_by("pk"))
    assert [(j.status, j.enqueued_at) for j in jobs] == [("queued", None)] * 2
    before = rows_snapshot()
    time.sleep(3)  # the outage goes on; beat and worker keep trying

    cluster.restart_redis()
    back = time.monotonic()
    for job in jobs:
        wait_until(
            lambda job=job: status_of(job) == READY,
            within=BOUND,
            what=f"job {job.pk} ready after Redis came back\n{cluster.logs()}",
        )
    waited = time.monotonic() - back

    print(f"FIGURE redis-back-to-ready: {waited:.1f} s")  # noqa: T201
    assert beat.alive()
    for job in jobs:
        assert_ready_exactly_once(job)
        assert job.attempts == 1
    after = rows_snapshot()
    assert after["jobs"] == before["jobs"]
    assert after["snapshots"] == before["snapshots"]
    # One ready row per job; the job pages above read nothing else.
    assert after["audit"] == before["audit"] + len(jobs)


def test_redis_dropped_mid_render_the_worker_survives_and_the_job_prints(
    cluster, clinic
):
    """Finding: the worker exited (AttributeError in kombu's restore_unacked)."""
    worker = cluster.worker("worker")
    cluster.beat()
    job = request_aid(clinic)
    wait_until(lambda: status_of(job) == RENDERING, within=30, what="rendering")
    before = rows_snapshot()

    cluster.redis.stop()
    time.sleep(2)
    cluster.restart_redis()
    back = time.monotonic()
    wait_until(
        lambda: status_of(job) == READY,
        within=BOUND,
        what=f"ready after Redis came back\n{cluster.logs()}",
    )
    waited = time.monotonic() - back

    print(f"FIGURE redis-drop-to-ready: {waited:.1f} s")  # noqa: T201
    time.sleep(3)  # the task acknowledges its message after the row is ready
    assert worker.alive(), cluster.logs()
    assert "Unrecoverable error" not in worker.log()
    assert_ready_exactly_once(job)
    after = rows_snapshot()
    assert (after["jobs"], after["snapshots"]) == (before["jobs"], before["snapshots"])
    assert after["audit"] == before["audit"] + 1
    # Still consuming after the drop: a second job prints too.
    second = request_aid(clinic, language="es")
    wait_until(
        lambda: status_of(second) == READY,
        within=BOUND,
        what=f"a job after the drop\n{cluster.logs()}",
    )
    assert_ready_exactly_once(second)


def test_a_worker_killed_whole_mid_render_its_job_prints_on_the_other(cluster, clinic):
    """Finding: the jobs of a killed worker waited an hour (visibility timeout)."""
    workers = [cluster.worker("worker-1", concurrency=1)]
    workers.append(cluster.worker("worker-2", concurrency=1))
    cluster.beat()
    job = request_aid(clinic)
    wait_until(
        lambda: status_of(job) == RENDERING and job.leased_by,
        within=30,
        what="rendering",
    )
    pid = int(job.leased_by.rpartition(":")[2])
    busy = next(w for w in workers if os.getpgid(pid) == w.pid)
    idle = next(w for w in workers if w is not busy)
    before = rows_snapshot()

    busy.signal(signal.SIGKILL)
    killed = time.monotonic()
    wait_until(
        lambda: status_of(job) == READY,
        within=BOUND,
        what=f"ready after the worker was killed\n{cluster.logs()}",
    )
    waited = time.monotonic() - killed

    print(f"FIGURE worker-kill-to-ready: {waited:.1f} s")  # noqa: T201
    assert not busy.alive()
    assert idle.alive()
    assert_ready_exactly_once(job)
    assert job.attempts == 2
    # Lease (3 s) + sweep (1 s) + render (4 s) and some slack, far from an hour.
    assert waited < 3 + 1 + RENDER_DELAY + 32
    after = rows_snapshot()
    assert (after["jobs"], after["snapshots"]) == (before["jobs"], before["snapshots"])
    assert after["audit"] == before["audit"] + 1
