"""Writes for decision aids: request a print, render it, mark it given, reprint.

The job row is the source of truth. ``aid_job_request`` stores an engine snapshot and a
queued job, and enqueues the render only after the transaction commits.
``aid_job_render`` is idempotent: it locks the row, does nothing for a finished job,
counts every attempt, and on the last one leaves a plain failure message for the user.
Nothing here logs or stores patient data: logs carry job IDs and error class names.
"""

from __future__ import annotations

import hashlib
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from decisionaids import rendering, selectors
from decisionaids.content.aids import AID_IDS, LANGUAGES, PAPERS
from decisionaids.content.evidence import (
    EVIDENCE,
    IMPORTED_BY,
    IMPORTED_ON,
    SEED,
    SOURCE_KEY,
)
from decisionaids.fit import MSG_NOT_APPLICABLE, AidNotApplicable, applicability
from decisionaids.models import DecisionAidJob, EvidenceFigure
from patients.access import GROUP_CLINICIAN, case_access_check
from patients.errors import ApplicationError
from patients.models import AuditEntry, Case
from patients.services import audit_record
from recommendations.services import recommendation_snapshot_create

logger = logging.getLogger(__name__)

# The first try and up to three retries (the task's max_retries is one less).
MAX_RENDER_ATTEMPTS = 4
AUDIT_TARGET = "decision_aid"

MSG_NO_ACCESS = "You do not have access to this case."
MSG_UNKNOWN_AID = "Unknown decision aid {aid_id!r}; choose one of: {choices}."
MSG_UNKNOWN_LANGUAGE = "Decision aids are printed in: {choices}."
MSG_UNKNOWN_PAPER = "Paper must be one of: {choices}."
MSG_NOT_READY = "This decision aid is not ready yet ({status})."
MSG_ONLY_CLINICIANS = (
    "Only a clinician of the case's program can mark a decision aid as given."
)
MSG_ALREADY_GIVEN = "This decision aid was already marked as given."
MSG_FILE_CHANGED = (
    "The stored PDF no longer matches its checksum; request the decision aid again."
)
MSG_FILE_MISSING = (
    "The PDF of this decision aid is no longer stored; request the decision aid again"
    " from the case page."
)
MSG_RENDER_ERROR = "Rendering failed ({error}) on attempt {attempt} of {limit}."
MSG_GAVE_UP = "Rendering was attempted {attempts} times without success."


class AidFileMissing(ApplicationError):
    """A ready job whose PDF is gone from storage (lost media, a partial restore)."""


class AidRenderError(ApplicationError):
    """A render attempt failed and may be retried; the message names no patient data."""


def _check_choice(value: str, choices: tuple[str, ...], message: str) -> None:
    if value not in choices:
        raise ApplicationError(message.format(choices=", ".join(choices), aid_id=value))


def aid_job_request(
    *,
    case: Case,
    aid_id: str,
    language: str,
    actor: AbstractBaseUser,
    paper: str = DecisionAidJob.Paper.LETTER,
) -> DecisionAidJob:
    """Snapshot the engine's view of the case and queue one aid for printing."""
    _check_choice(aid_id, AID_IDS, MSG_UNKNOWN_AID)
    _check_choice(language, LANGUAGES, MSG_UNKNOWN_LANGUAGE)
    _check_choice(paper, PAPERS, MSG_UNKNOWN_PAPER)
    if not case_access_check(actor, case):
        raise ApplicationError(MSG_NO_ACCESS)
    from decisionaids.tasks import render_aid_job

    with transaction.atomic():
        snapshot = recommendation_snapshot_create(case=case, actor=actor)
        reason = applicability(aid_id, document=snapshot.facts, result=snapshot.result)
        if reason is not None:
            raise ApplicationError(
                MSG_NOT_APPLICABLE.format(aid_id=aid_id, reason=reason)
            )
        version = rendering.content_version(selectors.evidence_for_render())
        printed_on = timezone.localdate()
        job = DecisionAidJob(
            case=case,
            aid_id=aid_id,
            language=language,
            paper=paper,
            snapshot=snapshot,
            content_version=version,
            content_key=rendering.content_key(
                document=snapshot.facts,
                result=snapshot.result,
                aid_id=aid_id,
                language=language,
                paper=paper,
                version=version,
                printed_on=printed_on,
                care_team=selectors.care_team_for(program=case.program),
            ),
            requested_by=actor,
        )
        job.full_clean()
        job.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATED,
            case=case,
            target=AUDIT_TARGET,
            detail={"job": job.pk, "aid": aid_id, "language": language},
        )
        job_id = job.pk
        # The worker must see the committed row: enqueue only after commit.
        transaction.on_commit(lambda: render_aid_job.delay(job_id))
    return job


def _storage_name(content_key: str) -> str:
    return f"decisionaids/{content_key[:2]}/{content_key}.pdf"


def _claim(job_id: int) -> DecisionAidJob | None:
    """Lock the job and start an attempt; None when there is nothing to do."""
    with transaction.atomic():
        job = (
            DecisionAidJob.objects.select_for_update()
            .select_related("snapshot", "case__program")
            .filter(pk=job_id)
            .first()
        )
        if job is None:
            logger.warning(
                "decision aid job %s does not exist; nothing to render", job_id
            )
            return None
        if job.is_finished:
            # A duplicate delivery (acks_late, redelivery): the job is already done.
            logger.info("decision aid job %s is already %s", job_id, job.status)
            return None
        if job.attempts >= MAX_RENDER_ATTEMPTS:
            _finish_failed(job, MSG_GAVE_UP.format(attempts=job.attempts))
            return None
        job.status = DecisionAidJob.Status.RENDERING
        job.attempts += 1
        job.started_at = timezone.now()
        job.save(update_fields=["status", "attempts", "started_at", "updated_at"])
        return job


def _finish_failed(job: DecisionAidJob, message: str) -> None:
    job.status = DecisionAidJob.Status.FAILED
    job.last_error = message[:300]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "last_error", "finished_at", "updated_at"])
    audit_record(
        actor=None,
        action=AuditEntry.Action.UPDATED,
        case=job.case,
        target=AUDIT_TARGET,
        detail={"job": job.pk, "status": job.status, "attempts": job.attempts},
    )


def _reusable(job: DecisionAidJob) -> DecisionAidJob | None:
    """A ready job with the same content key whose file is still stored."""
    twin = (
        DecisionAidJob.objects.filter(
            content_key=job.content_key, status=DecisionAidJob.Status.READY
        )
        .exclude(pk=job.pk)
        .first()
    )
    if twin is not None and twin.pdf and default_storage.exists(twin.pdf.name):
        return twin
    return None


def _store(content_key: str, pdf: bytes) -> str:
    """Save the PDF under its content key; the same key always means the same name."""
    name = _storage_name(content_key)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            if (
                hashlib.sha256(stored.read()).hexdigest()
                == hashlib.sha256(pdf).hexdigest()
            ):
                return name
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(pdf))


def aid_job_render(
    *, job_id: int, final_attempt: bool = False
) -> DecisionAidJob | None:
    """Render one queued job (called by the worker with the job's ID only).

    A ready or failed job is left alone. A failed attempt is recorded on the row and
    raises ``AidRenderError`` so the task retries with backoff; on the last attempt
    the job is marked failed with a plain message instead. An aid that no longer
    applies to the snapshot fails at once (retrying cannot help).
    """
    job = _claim(job_id)
    if job is None:
        return None
    snapshot = job.snapshot
    try:
        twin = _reusable(job)
        if twin is not None:
            name, digest, size, pages = (
                twin.pdf.name,
                twin.sha256,
                twin.size_bytes,
                twin.page_count,
            )
            version, key = twin.content_version, twin.content_key
        else:
            rendered = rendering.render_aid(
                document=snapshot.facts,
                result=snapshot.result,
                evidence=selectors.evidence_for_render(),
                aid_id=job.aid_id,
                language=job.language,
                paper=job.paper,
                as_of=snapshot.as_of,
                printed_on=timezone.localdate(job.created_at),
                care_team=selectors.care_team_for(program=job.case.program),
            )
            name = _store(rendered.content_key, rendered.pdf)
            digest, size, pages = (
                rendered.sha256,
                len(rendered.pdf),
                rendered.page_count,
            )
            version, key = rendered.content_version, rendered.content_key
    except AidNotApplicable as exc:
        with transaction.atomic():
            locked = DecisionAidJob.objects.select_for_update().get(pk=job.pk)
            _finish_failed(locked, exc.message)
        return locked
    except Exception as exc:  # noqa: BLE001 - any failure is recorded, then retried
        error = type(exc).__name__
        logger.warning(
            "decision aid job %s: attempt %s failed (%s)", job.pk, job.attempts, error
        )
        message = MSG_RENDER_ERROR.format(
            error=error, attempt=job.attempts, limit=MAX_RENDER_ATTEMPTS
        )
        last = final_attempt or job.attempts >= MAX_RENDER_ATTEMPTS
        with transaction.atomic():
            locked = DecisionAidJob.objects.select_for_update().get(pk=job.pk)
            if last:
                _finish_failed(locked, message)
                return locked
            locked.status = DecisionAidJob.Status.QUEUED
            locked.last_error = message
            locked.save(update_fields=["status", "last_error", "updated_at"])
        # The original exception may quote patient data; it is not chained.
        raise AidRenderError(message) from None

    with transaction.atomic():
        locked = DecisionAidJob.objects.select_for_update().get(pk=job.pk)
        if locked.status == DecisionAidJob.Status.READY:
            return locked  # another delivery finished first; same key, same file
        locked.pdf.name = name
        locked.sha256 = digest
        locked.size_bytes = size
        locked.page_count = pages
        locked.content_version = version
        locked.content_key = key
        locked.status = DecisionAidJob.Status.READY
        locked.last_error = ""
        locked.finished_at = timezone.now()
        locked.full_clean()
        locked.save()
        audit_record(
            actor=None,
            action=AuditEntry.Action.UPDATED,
            case=locked.case,
            target=AUDIT_TARGET,
            detail={"job": locked.pk, "status": locked.status, "pages": pages},
        )
    return locked


def aid_give_access_check(user: AbstractBaseUser, case: Case) -> bool:
    """Marking an aid as given is a clinician's act, within the case's program."""
    if not case_access_check(user, case):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=GROUP_CLINICIAN).exists()


def aid_mark_given(*, job: DecisionAidJob, actor: AbstractBaseUser) -> DecisionAidJob:
    """Record who gave the printed aid to the patient, and when."""
    if not aid_give_access_check(actor, job.case):
        raise ApplicationError(MSG_ONLY_CLINICIANS)
    with transaction.atomic():
        locked = DecisionAidJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != DecisionAidJob.Status.READY:
            raise ApplicationError(MSG_NOT_READY.format(status=locked.status))
        if locked.given_at is not None:
            raise ApplicationError(MSG_ALREADY_GIVEN)
        locked.given_at = timezone.now()
        locked.given_by = actor
        locked.full_clean()
        locked.save(update_fields=["given_at", "given_by", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATED,
            case=locked.case,
            target=AUDIT_TARGET,
            detail={"job": locked.pk, "given": True},
        )
    return locked


def aid_job_reprint(*, job: DecisionAidJob, actor: AbstractBaseUser) -> bytes:
    """The stored PDF of a ready job, checked against its checksum; never rendered."""
    if not case_access_check(actor, job.case):
        raise ApplicationError(MSG_NO_ACCESS)
    job.refresh_from_db()
    if job.status == DecisionAidJob.Status.FAILED:
        raise ApplicationError(selectors.aid_job_status_message(job=job))
    if job.status != DecisionAidJob.Status.READY:
        raise ApplicationError(MSG_NOT_READY.format(status=job.status))
    try:
        with job.pdf.open("rb") as stored:
            pdf = stored.read()
    except (FileNotFoundError, ValueError) as exc:
        # ValueError: the row names no file at all.
        logger.error("Decision aid job %s: its stored PDF is missing", job.pk)
        raise AidFileMissing(MSG_FILE_MISSING) from exc
    if hashlib.sha256(pdf).hexdigest() != job.sha256:
        raise ApplicationError(MSG_FILE_CHANGED)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.VIEWED,
        case=job.case,
        target=AUDIT_TARGET,
        detail={"job": job.pk, "reprint": True},
    )
    return pdf


def evidence_sync(**kwargs) -> int:
    """Add a row for every catalogue EV figure that has none; never overwrite edits."""
    existing = set(EvidenceFigure.objects.values_list("ev_id", flat=True))
    missing = [
        EvidenceFigure(
            ev_id=row["ev_id"],
            statement=row["statement"],
            measures=row["measures"],
            population=row["population"],
            population_plain=row["population_plain"],
            study=row["study"],
            design=row["design"],
            source=row.get("source", SOURCE_KEY),
            seed=row.get("seed", SEED),
            reviewed_by=IMPORTED_BY,
            reviewed_at=IMPORTED_ON,
        )
        for row in EVIDENCE
        if row["ev_id"] not in existing
    ]
    for figure in missing:
        figure.full_clean()
        figure.save()
    return len(missing)
