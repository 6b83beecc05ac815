"""Getting render jobs to a worker and back: send, lease, heartbeat, sweep, backoff.

The job row is the truth, the broker only a messenger (docs/adr/0010). A job whose
message could not be sent stays ``queued`` with no ``enqueued_at``; a rendering job
holds a lease that its worker renews; the sweeper (celery beat, every
``AYA_AID_SWEEP_SECONDS``) sends again what the broker never got or lost, and puts a
job whose worker is gone back in the queue. Logs carry job IDs and error class
names, never patient data.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from decisionaids.models import DecisionAidJob

logger = logging.getLogger(__name__)

# How many jobs one sweep looks at, of each kind: a sweep stays short.
SWEEP_BATCH = 200
# A job the broker never got is sent by the sweeper only once the request that made
# it has had time to send it itself (on commit).
UNSENT_GRACE = timedelta(seconds=10)
MSG_WORKER_LOST = (
    "The print service stopped during attempt {attempt} of {limit}; trying again."
)


def worker_identity() -> str:
    """``host:pid`` of this process, recorded as the holder of a lease."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _seconds(name: str) -> float:
    return float(getattr(settings, name))


def lease_deadline(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(
        seconds=_seconds("AYA_AID_LEASE_SECONDS")
    )


def retry_countdown(retries: int) -> float:
    """Seconds before retry number ``retries + 1``: doubling from a floor, capped.

    Never near zero (full jitter can be 0 s): with the defaults 5, 10, 20, 40, 60 s,
    so the retries of one job span a database restart of tens of seconds. Up to a
    quarter more, at random, so jobs that failed together do not retry together.
    """
    base = _seconds("AYA_AID_RETRY_BASE_SECONDS")
    ceiling = _seconds("AYA_AID_RETRY_MAX_SECONDS")
    delay = min(ceiling, base * 2 ** max(retries, 0))
    return delay * (1 + random.random() / 4)  # noqa: S311 - spreading, not secrecy


def aid_job_enqueue(*, job_id: int) -> bool:
    """Hand the render of ``job_id`` to the broker; False when it cannot be reached.

    A job not sent stays ``queued`` without ``enqueued_at``; the sweeper sends it when
    the broker is back. The publish retries once, briefly
    (``CELERY_TASK_PUBLISH_RETRY_POLICY``), so a request never hangs on a broker.
    """
    from decisionaids.tasks import render_aid_job

    try:
        render_aid_job.delay(job_id)
    except (BrokerError, RedisError, OSError) as exc:
        logger.warning(
            "decision aid job %s not sent: the broker is unreachable (%s); "
            "the sweeper sends it when it is back",
            job_id,
            type(exc).__name__,
        )
        return False
    DecisionAidJob.objects.filter(
        pk=job_id, status=DecisionAidJob.Status.QUEUED
    ).update(enqueued_at=timezone.now())
    return True


def lease_is_live(job: DecisionAidJob, *, now: datetime) -> bool:
    """Whether another worker process is (still) rendering ``job``.

    The lease of this very process is not live for it: a process renders one job at a
    time, so its earlier attempt has ended (a retry after a database error).
    A lease held by a process of this host that no longer exists has ended too
    (a worker child killed, its message delivered again).
    """
    if job.status != DecisionAidJob.Status.RENDERING:
        return False
    if job.lease_expires_at is None or job.lease_expires_at <= now:
        return False
    host, _, pid = job.leased_by.rpartition(":")
    if job.leased_by == worker_identity():
        return False
    return not (host == socket.gethostname() and pid.isdigit() and _gone(int(pid)))


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@contextmanager
def lease_kept(*, job_id: int, attempt: int) -> Iterator[None]:
    """Renew the lease of attempt ``attempt`` every heartbeat while the block runs.

    A thread with its own database connection; a failed renewal (database restarting)
    is logged and tried again at the next beat. The lease belongs to the attempt: a
    job the sweeper took back is not renewed.
    """
    stop = threading.Event()
    interval = _seconds("AYA_AID_HEARTBEAT_SECONDS")

    def beat() -> None:
        try:
            while not stop.wait(interval):
                try:
                    DecisionAidJob.objects.filter(
                        pk=job_id,
                        status=DecisionAidJob.Status.RENDERING,
                        attempts=attempt,
                    ).update(lease_expires_at=lease_deadline())
                except DatabaseError as exc:
                    logger.warning(
                        "decision aid job %s: lease not renewed (%s)",
                        job_id,
                        type(exc).__name__,
                    )
                    connection.close()
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"aid-lease-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 30)


@dataclass(frozen=True)
class SweepResult:
    reclaimed: list[int]
    failed: list[int]
    sent: list[int]


def _reclaim(job_id: int, *, now: datetime) -> str | None:
    """Put a rendering job whose lease ran out back in the queue, or fail it."""
    from decisionaids import services

    with transaction.atomic():
        job = (
            DecisionAidJob.objects.select_for_update()
            .select_related("case")
            .filter(pk=job_id, status=DecisionAidJob.Status.RENDERING)
            .first()
        )
        if job is None or (job.lease_expires_at and job.lease_expires_at > now):
            return None  # finished, or renewed, meanwhile
        if job.attempts >= services.MAX_RENDER_ATTEMPTS:
            message = services.MSG_GAVE_UP.format(attempts=job.attempts)
            services.aid_job_fail(job=job, message=message)
            return "failed"
        job.status = DecisionAidJob.Status.QUEUED
        job.last_error = MSG_WORKER_LOST.format(
            attempt=job.attempts, limit=services.MAX_RENDER_ATTEMPTS
        )
        job.lease_expires_at = None
        job.leased_by = ""
        job.enqueued_at = None
        job.save(
            update_fields=[
                "status",
                "last_error",
                "lease_expires_at",
                "leased_by",
                "enqueued_at",
                "updated_at",
            ]
        )
        logger.warning(
            "decision aid job %s: lease of attempt %s ran out; queued again",
            job.pk,
            job.attempts,
        )
        return "reclaimed"


def aid_job_sweep(*, now: datetime | None = None) -> SweepResult:
    """Take back rendering jobs whose lease ran out; send queued jobs again.

    A queued job is sent when the broker never got it (``enqueued_at`` empty, after a
    short grace) or when it was sent more than ``AYA_AID_REQUEUE_AFTER_SECONDS`` ago
    (a message lost with the broker). A duplicate message is harmless: the render
    locks the row and does nothing for a job that is done or being rendered.
    """
    now = now or timezone.now()
    status = DecisionAidJob.Status
    reclaimed, failed, sent = [], [], []
    expired = DecisionAidJob.objects.filter(
        status=status.RENDERING, lease_expires_at__lte=now
    ) | DecisionAidJob.objects.filter(
        status=status.RENDERING,
        lease_expires_at__isnull=True,
        started_at__lte=now - timedelta(seconds=_seconds("AYA_AID_LEASE_SECONDS")),
    )
    for job_id in expired.order_by("pk").values_list("pk", flat=True)[:SWEEP_BATCH]:
        outcome = _reclaim(job_id, now=now)
        if outcome == "reclaimed":
            reclaimed.append(job_id)
        elif outcome == "failed":
            failed.append(job_id)
    stale = now - timedelta(seconds=_seconds("AYA_AID_REQUEUE_AFTER_SECONDS"))
    due = DecisionAidJob.objects.filter(
        status=status.QUEUED,
        enqueued_at__isnull=True,
        created_at__lte=now - UNSENT_GRACE,
    ) | DecisionAidJob.objects.filter(status=status.QUEUED, enqueued_at__lte=stale)
    # Reclaimed jobs are sent at once, with the others.
    due = due | DecisionAidJob.objects.filter(pk__in=reclaimed)
    for job_id in due.order_by("pk").values_list("pk", flat=True)[:SWEEP_BATCH]:
        if not aid_job_enqueue(job_id=job_id):
            break  # the broker is down: the next sweep tries again
        sent.append(job_id)
    if reclaimed or failed or sent:
        logger.info(
            "decision aid sweep: %s reclaimed, %s failed, %s sent",
            len(reclaimed),
            len(failed),
            len(sent),
        )
    return SweepResult(reclaimed=reclaimed, failed=failed, sent=sent)
