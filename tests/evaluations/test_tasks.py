"""The re-evaluation tasks: stable names, the beat schedule, a real worker run."""

from __future__ import annotations

import time

import pytest

from evaluations import services
from evaluations.models import EvaluationItem, ReevaluationJob
from evaluations.tasks import (
    REEVALUATION_TASK_NAME,
    REFRESH_DUE_TASK_NAME,
    RESUME_STALLED_TASK_NAME,
    reevaluation_run,
    refresh_due,
    resume_stalled,
)
from patients.models import Case
from patients.services import case_import
from recommendations.models import RuleContent
from tests.conftest import vignette_case


def test_task_names_are_stable_and_registered():
    from config.celery_app import app

    app.loader.import_default_modules()
    assert REEVALUATION_TASK_NAME == "evaluations.reevaluation_run"
    assert REFRESH_DUE_TASK_NAME == "evaluations.refresh_due"
    assert app.tasks[REEVALUATION_TASK_NAME] is reevaluation_run._get_current_object()
    assert app.tasks[REFRESH_DUE_TASK_NAME] is refresh_due._get_current_object()
    assert RESUME_STALLED_TASK_NAME == "evaluations.resume_stalled"
    assert app.tasks[RESUME_STALLED_TASK_NAME] is resume_stalled._get_current_object()


def test_beat_looks_for_stalled_lanes_every_sweep():
    from django.conf import settings

    from config.celery_app import app

    entry = app.conf.beat_schedule["resume-stalled-reevaluations"]
    assert entry["task"] == RESUME_STALLED_TASK_NAME
    assert entry["schedule"].total_seconds() == (
        settings.AYA_REEVALUATION_SWEEP_SECONDS
    )


def test_beat_sends_the_daily_refresh_after_midnight():
    from config.celery_app import app

    entry = app.conf.beat_schedule["evaluations-refresh-due"]
    assert entry["task"] == REFRESH_DUE_TASK_NAME
    assert entry["schedule"].hour == {0}
    assert entry["schedule"].minute == {5}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_rule_change_job_to_the_end(celery_worker_thread, program):
    case_import(
        payload=[
            vignette_case("t_all_relapse.json"),
            vignette_case("b_first_relapse_cd19_cd22.json"),
            vignette_case("isolated_cns_relapse.json"),
        ],
        program=program,
    )
    RuleContent.objects.filter(rule_id="PSY-SOCIAL-WORK").update(
        statement="Social work, worded anew.", is_override=True
    )
    # Two cases per chunk: the job re-queues itself once.
    services.CHUNK_SIZE, saved = 2, services.CHUNK_SIZE
    try:
        job = services.reevaluation_start(program=None, reason="test")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status == ReevaluationJob.Status.DONE:
                break
            time.sleep(0.3)
    finally:
        services.CHUNK_SIZE = saved
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    texts = set(
        EvaluationItem.objects.filter(rule_id="PSY-SOCIAL-WORK").values_list(
            "text", flat=True
        )
    )
    assert texts == {"Social work, worded anew."}
    assert Case.objects.count() == 3
