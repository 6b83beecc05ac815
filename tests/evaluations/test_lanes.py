"""Re-evaluation lanes: side by side, every case once, the job done exactly once,
and a failed chunk that leaves nothing half written."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection

from evaluations import services, store
from evaluations.models import CaseEvaluation, ReevaluationJob, ReevaluationLane
from patients.models import Case
from recommendations.models import RuleContent
from tests.factories import CaseFactory

WORDING = "Refer to social work now (wording for the lanes test)."


def _reworded() -> set[int]:
    """The cases whose stored social-work item carries the new wording."""
    return set(
        CaseEvaluation.objects.filter(
            items__rule_id="PSY-SOCIAL-WORK", items__text=WORDING
        ).values_list("case_id", flat=True)
    )


@pytest.fixture
def registry(program):
    cases = CaseFactory.create_batch(23, program=program)
    RuleContent.objects.filter(rule_id="PSY-SOCIAL-WORK").update(
        statement=WORDING, is_override=True
    )
    return cases


@pytest.mark.django_db(transaction=True)
def test_two_lanes_at_once_evaluate_every_case_once_and_end_the_job_once(registry):
    job = services.reevaluation_job_create(program=None, reason="test", lanes=2)
    assert _reworded() == set()
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run(lane: int) -> None:
        try:
            start.wait()
            while services.reevaluation_chunk(job_id=job.pk, lane=lane, chunk_size=3):
                pass
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(lane,)) for lane in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 23, 23)
    assert job.finished_at is not None
    lanes = {lane.number: lane for lane in job.lane_set.all()}
    pks = sorted(case.pk for case in registry)
    for number, lane in lanes.items():
        mine = [pk for pk in pks if pk % 2 == number]
        assert (lane.done, lane.last_case_pk, lane.finished) == (
            len(mine),
            mine[-1],
            True,
        )
    assert _reworded() == set(pks)


@pytest.mark.django_db
def test_a_chunk_that_fails_writes_nothing_and_runs_again(registry, monkeypatch):
    job = services.reevaluation_job_create(program=None, reason="test", lanes=1)
    assert services.reevaluation_chunk(job_id=job.pk, chunk_size=10) is True
    first_ten = set(Case.objects.order_by("pk").values_list("pk", flat=True)[:10])
    assert _reworded() == first_ten
    write = store.write

    def refused(**kwargs) -> None:  # noqa: ANN003
        write(**kwargs)  # the rows are written, then the commit is refused
        raise DatabaseError("the database went away")

    monkeypatch.setattr(store, "write", refused)
    with pytest.raises(DatabaseError):
        services.reevaluation_chunk(job_id=job.pk, chunk_size=10)
    lane = ReevaluationLane.objects.get(job=job)
    job.refresh_from_db()
    assert (job.done, lane.done, lane.finished) == (10, 10, False)
    assert lane.last_case_pk == max(first_ten)
    assert _reworded() == first_ten  # the failed chunk's rows went with it

    monkeypatch.setattr(store, "write", write)
    while services.reevaluation_chunk(job_id=job.pk, chunk_size=10):
        pass
    job.refresh_from_db()
    assert (job.status, job.done) == (ReevaluationJob.Status.DONE, 23)
    assert _reworded() == {case.pk for case in registry}


@pytest.mark.django_db
def test_a_program_job_takes_only_that_programs_cases_into_its_lanes(registry, program):
    from patients.models import Program

    other = Program.objects.create(slug="other", name="Other program")
    outside = CaseFactory.create_batch(4, program=other)
    job = services.reevaluation_job_create(program=program, reason="test", lanes=3)
    assert (job.total, job.lanes) == (23, 3)
    for lane in range(3):
        while services.reevaluation_chunk(job_id=job.pk, lane=lane, chunk_size=4):
            pass
    job.refresh_from_db()
    assert (job.status, job.done) == ("done", 23)
    assert _reworded() == {case.pk for case in registry}
    assert not _reworded() & {case.pk for case in outside}


@pytest.mark.django_db
def test_lanes_that_stood_still_are_sent_again_once_per_stall(
    registry, monkeypatch, settings
):
    import datetime as dt

    from django.utils import timezone

    settings.AYA_REEVALUATION_STALL_SECONDS = 300
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(
        "evaluations.tasks.reevaluation_run.delay",
        lambda job_id, lane: sent.append((job_id, lane)),
    )
    job = services.reevaluation_job_create(program=None, reason="test", lanes=3)
    ended = services.reevaluation_job_create(program=None, reason="test", lanes=1)
    ReevaluationJob.objects.filter(pk=ended.pk).update(status="done")
    services.reevaluation_chunk(job_id=job.pk, lane=1, chunk_size=100)  # finishes
    now = timezone.now()

    assert services.reevaluation_resume_stalled(now=now) == []  # all just moved
    later = now + dt.timedelta(seconds=301)
    assert sorted(services.reevaluation_resume_stalled(now=later)) == [
        (job.pk, 0),
        (job.pk, 2),
    ]
    assert sorted(sent) == [(job.pk, 0), (job.pk, 2)]
    # sent again counts as a move: not again until another stall
    assert services.reevaluation_resume_stalled(now=later) == []
    # a lane sent twice runs once: the second chain finds the cursor moved on
    while services.reevaluation_chunk(job_id=job.pk, lane=0, chunk_size=100):
        pass
    assert services.reevaluation_chunk(job_id=job.pk, lane=0, chunk_size=100) is False
    lane = ReevaluationLane.objects.get(job=job, number=0)
    assert lane.done == sum(1 for case in registry if case.pk % 3 == 0)


@pytest.mark.django_db
def test_a_job_whose_lanes_could_not_be_sent_is_recorded_for_the_sweeper(
    program, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from kombu.exceptions import OperationalError

    def broker_down(*args) -> None:  # noqa: ANN002
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379.")

    monkeypatch.setattr("evaluations.tasks.reevaluation_run.delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.reevaluation_start(program=None, reason="rule set upgraded")
    job.refresh_from_db()
    assert job.status == "queued"
    assert job.lane_set.filter(finished=False).count() == job.lanes
    assert "not sent (OperationalError)" in caplog.text
