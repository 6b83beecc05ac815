"""The render task and the sweeper: job IDs in, one service call each, retries spaced.

The row counts render attempts (``services.MAX_RENDER_ATTEMPTS``); the task's own
retries only space them out, and also cover the database being briefly away. When
those run out the job is still queued or rendering, and the sweeper sends it again
(docs/adr/0010-decision-aid-jobs.md).
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from decisionaids import dispatch, services

# Stable, explicit names: queued messages must still find the task after a refactor.
RENDER_TASK_NAME = "decisionaids.render_aid_job"
SWEEP_TASK_NAME = "decisionaids.sweep_aid_jobs"
# Retries after 5, 10, 20, 40, 60, 60 s by default (dispatch.retry_countdown): about
# three minutes in all, enough for a database restart; render failures stop sooner,
# at the row's attempt limit.
RENDER_MAX_RETRIES = 6
RETRY_ON = (services.AidRenderError, OperationalError, InterfaceError)


@shared_task(
    bind=True,
    name=RENDER_TASK_NAME,
    max_retries=RENDER_MAX_RETRIES,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def render_aid_job(self, job_id: int) -> None:  # noqa: ANN001
    """Render decision-aid job ``job_id``; the row, not the message, holds the state."""
    try:
        services.aid_job_render(job_id=job_id)
    except RETRY_ON as exc:
        # A failed render, or the database unavailable: try again later. A database
        # error may quote values: only its class name is kept for the log.
        safe = (
            exc
            if isinstance(exc, services.AidRenderError)
            else type(exc)(type(exc).__name__)
        )
        raise self.retry(
            countdown=dispatch.retry_countdown(self.request.retries), exc=safe
        ) from None


@shared_task(name=SWEEP_TASK_NAME, ignore_result=True)
def sweep_aid_jobs() -> None:
    """Send celery beat's periodic sweep to the service (CELERY_BEAT_SCHEDULE)."""
    dispatch.aid_job_sweep()
