"""Re-evaluation jobs under real faults: a worker's process killed mid-chunk, a
worker killed whole mid-job. Every case is re-evaluated, counted once, and the
job ends."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from evaluations import services
from evaluations.models import CaseEvaluation, ReevaluationJob, ReevaluationLane
from recommendations.models import RuleContent
from tests.factories import CaseFactory, ProgramFactory

from .conftest import wait_until

pytestmark = pytest.mark.slow

CASES = 40
WORDING = "Refer to social work now (wording for the fault test)."
# Four cases a chunk, each chunk open (its transaction begun) for a second: a kill
# lands inside a chunk, and the job lasts long enough to be killed mid-way.
SLOW_CHUNKS = {
    "AYA_REEVALUATION_CHUNK_SIZE": "4",
    "AYA_REEVALUATION_LANES": "2",
    "AYA_TEST_CHUNK_DELAY_SECONDS": "1",
}
BOUND = 120


@pytest.fixture
def registry(transactional_db):  # noqa: ANN001, ANN201
    program = ProgramFactory(slug="fault-reevaluation")
    cases = CaseFactory.create_batch(CASES, program=program)
    RuleContent.objects.filter(rule_id="PSY-SOCIAL-WORK").update(
        statement=WORDING, is_override=True
    )
    return cases


def _job_state(job: ReevaluationJob) -> ReevaluationJob:
    job.refresh_from_db()
    return job


def _assert_every_case_once(job: ReevaluationJob, registry: list) -> None:
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", CASES, CASES)
    pks = sorted(case.pk for case in registry)
    for lane in ReevaluationLane.objects.filter(job=job):
        mine = [pk for pk in pks if pk % job.lanes == lane.number]
        assert (lane.done, lane.last_case_pk, lane.finished) == (
            len(mine),
            mine[-1],
            True,
        )
    reworded = set(
        CaseEvaluation.objects.filter(
            items__rule_id="PSY-SOCIAL-WORK", items__text=WORDING
        ).values_list("case_id", flat=True)
    )
    assert reworded == set(pks)


def _children(pid: int) -> list[int]:
    """The pool processes of a worker (Linux: /proc/<pid>/task/<pid>/children)."""
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(child) for child in text.split()]


def test_a_pool_process_killed_mid_chunk_its_chunk_runs_again(cluster, registry):
    worker = cluster.worker("worker", env=SLOW_CHUNKS)
    job = services.reevaluation_start(program=None, reason="fault test")
    wait_until(lambda: _job_state(job).done >= 8, within=60, what="a few chunks done")
    children = _children(worker.pid)
    assert len(children) == 2
    for child in children:
        os.kill(child, signal.SIGKILL)  # mid-chunk: each holds a chunk open

    wait_until(
        lambda: _job_state(job).status == "done",
        within=BOUND,
        what=f"the job done after its pool processes were killed\n{cluster.logs()}",
    )
    assert worker.alive()
    _assert_every_case_once(job, registry)


def test_a_worker_killed_whole_mid_job_its_lanes_end_on_another(cluster, registry):
    """Without the sweeper, the lanes' messages wait for the broker's visibility
    timeout (240 s, longer than this test's bound) and the job shows "running"
    all that time; a message lost with Redis would never come back."""
    busy = cluster.worker("worker-1", env=SLOW_CHUNKS)
    job = services.reevaluation_start(program=None, reason="fault test")
    wait_until(lambda: _job_state(job).done >= 8, within=60, what="a few chunks done")
    busy.signal(signal.SIGKILL)
    stopped_at = _job_state(job).done
    assert stopped_at < CASES

    # the sweeper (beat sends it, a worker runs it) looks every second for lanes
    # that stood still three seconds
    sweeper = {
        "AYA_REEVALUATION_SWEEP_SECONDS": "1",
        "AYA_REEVALUATION_STALL_SECONDS": "3",
    }
    other = cluster.worker("worker-2", env={**SLOW_CHUNKS, **sweeper})
    cluster.beat(env=sweeper)
    wait_until(
        lambda: _job_state(job).status == "done",
        within=BOUND,
        what=f"the job done on the other worker\n{cluster.logs()}",
    )
    assert not busy.alive()
    _assert_every_case_once(job, registry)
    assert "re-evaluation lanes sent again" in other.log()
