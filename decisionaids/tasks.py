"""The render task: the job ID in, one service call, bounded retries with backoff."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from decisionaids import services

# A stable, explicit name: queued messages must still find the task after a refactor.
RENDER_TASK_NAME = "decisionaids.render_aid_job"
RENDER_MAX_RETRIES = services.MAX_RENDER_ATTEMPTS - 1


@shared_task(
    bind=True,
    name=RENDER_TASK_NAME,
    # A failed render, or the database briefly unavailable while claiming the job.
    autoretry_for=(services.AidRenderError, OperationalError),
    max_retries=RENDER_MAX_RETRIES,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def render_aid_job(self, job_id: int) -> None:  # noqa: ANN001
    """Render decision-aid job ``job_id``; the row, not the message, holds the state."""
    services.aid_job_render(
        job_id=job_id, final_attempt=self.request.retries >= self.max_retries
    )
