"""Celery tasks that keep the stored evaluations current (ids only, one service)."""

from __future__ import annotations

from celery import shared_task

REEVALUATION_TASK_NAME = "evaluations.reevaluation_run"
REFRESH_DUE_TASK_NAME = "evaluations.refresh_due"


@shared_task(name=REEVALUATION_TASK_NAME, ignore_result=True, max_retries=3)
def reevaluation_run(job_id: int) -> None:
    """One chunk of a re-evaluation job; the next chunk is a new task message.

    Chunks keep each task well inside the time limits and let progress show.
    """
    from evaluations.services import reevaluation_chunk

    if reevaluation_chunk(job_id=job_id):
        reevaluation_run.delay(job_id)


@shared_task(name=REFRESH_DUE_TASK_NAME, ignore_result=True)
def refresh_due() -> None:
    """Daily (beat): re-evaluate the cases whose result can change with the date."""
    from evaluations.services import evaluations_refresh_due

    evaluations_refresh_due()
