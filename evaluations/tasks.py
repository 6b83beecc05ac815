"""Celery tasks that keep the stored evaluations current (ids only, one service)."""

from __future__ import annotations

from celery import shared_task

REEVALUATION_TASK_NAME = "evaluations.reevaluation_run"
REFRESH_DUE_TASK_NAME = "evaluations.refresh_due"
RESUME_STALLED_TASK_NAME = "evaluations.resume_stalled"


@shared_task(name=REEVALUATION_TASK_NAME, ignore_result=True, max_retries=3)
def reevaluation_run(job_id: int, lane: int = 0) -> None:
    """One chunk of one lane of a re-evaluation job; the lane's next chunk is a new
    task message. Lanes run side by side on the worker's processes.

    Chunks keep each task well inside the time limits and let progress show.
    """
    from evaluations.services import reevaluation_chunk

    if reevaluation_chunk(job_id=job_id, lane=lane):
        reevaluation_run.delay(job_id, lane)


@shared_task(name=REFRESH_DUE_TASK_NAME, ignore_result=True)
def refresh_due() -> None:
    """Daily (beat): re-evaluate the cases whose result can change with the date."""
    from evaluations.services import evaluations_refresh_due

    evaluations_refresh_due()


@shared_task(name=RESUME_STALLED_TASK_NAME, ignore_result=True)
def resume_stalled() -> None:
    """Beat: send again the lanes of re-evaluation jobs that stopped moving."""
    from evaluations.services import reevaluation_resume_stalled

    reevaluation_resume_stalled()
