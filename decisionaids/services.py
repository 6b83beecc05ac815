"""Writes for decision aids: request a print, render it, mark it given, reprint.

The job row is the source of truth. ``aid_job_request`` stores an engine snapshot and a
queued job, and enqueues the render only after the transaction commits; a broker that
cannot be reached leaves the job queued for the sweeper (``decisionaids.dispatch``).
``aid_job_render`` is idempotent: it locks the row, does nothing for a finished job or
one another worker holds the lease of, counts every attempt, keeps its lease while it
renders, stores the PDF only while it still owns the job, and on the last attempt
leaves a plain failure message for the user.
Nothing here logs or stores patient data: logs carry job IDs and error class names.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from decisionaids import dispatch, rendering, selectors
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

        def enqueue() -> None:
            if dispatch.aid_job_enqueue(job_id=job_id):
                job.enqueued_at = timezone.now()

        # The worker must see the committed row: enqueue only after commit. When
        # the broker is down the job stays queued and ``enqueued_at`` empty.
        transaction.on_commit(enqueue)
    return job


def _storage_name(content_key: str) -> str:
    return f"decisionaids/{content_key[:2]}/{content_key}.pdf"


def _claim(job_id: int) -> DecisionAidJob | None:
    """Lock the job and start an attempt; None when there is nothing to do.

    Nothing to do: no such job, a finished one (a duplicate delivery), or one whose
    lease another live worker process holds (it is rendering it now).
    """
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
        now = timezone.now()
        if dispatch.lease_is_live(job, now=now):
            logger.info("decision aid job %s is being rendered elsewhere", job_id)
            return None
        if job.attempts >= MAX_RENDER_ATTEMPTS:
            aid_job_fail(job=job, message=MSG_GAVE_UP.format(attempts=job.attempts))
            return None
        job.status = DecisionAidJob.Status.RENDERING
        job.attempts += 1
        job.started_at = now
        job.lease_expires_at = dispatch.lease_deadline(now)
        job.leased_by = dispatch.worker_identity()
        job.save(
            update_fields=[
                "status",
                "attempts",
                "started_at",
                "lease_expires_at",
                "leased_by",
                "updated_at",
            ]
        )
        return job


def _still_mine(job_id: int, attempt: int) -> DecisionAidJob | None:
    """The locked row while attempt ``attempt`` still owns it (call in a transaction).

    None when the job was finished by another delivery, or taken back by the sweeper
    after this attempt's lease ran out: this attempt's result is then dropped.
    """
    locked = (
        DecisionAidJob.objects.select_for_update().select_related("case").get(pk=job_id)
    )
    if locked.status == DecisionAidJob.Status.RENDERING and locked.attempts == attempt:
        return locked
    logger.info(
        "decision aid job %s: attempt %s no longer owns it (%s, attempt %s)",
        job_id,
        attempt,
        locked.status,
        locked.attempts,
    )
    return None


def aid_job_fail(*, job: DecisionAidJob, message: str) -> None:
    """Mark a locked job failed with a plain message (no patient data), audited."""
    job.status = DecisionAidJob.Status.FAILED
    job.last_error = message[:300]
    job.finished_at = timezone.now()
    job.lease_expires_at = None
    job.save(
        update_fields=[
            "status",
            "last_error",
            "finished_at",
            "lease_expires_at",
            "updated_at",
        ]
    )
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


def _render(job: DecisionAidJob) -> dict:
    """The PDF of ``job`` (a stored twin's, or freshly drawn), not yet stored."""
    twin = _reusable(job)
    if twin is not None:
        return {
            "name": twin.pdf.name,
            "sha256": twin.sha256,
            "size_bytes": twin.size_bytes,
            "page_count": twin.page_count,
            "content_version": twin.content_version,
            "content_key": twin.content_key,
        }
    snapshot = job.snapshot
    evidence = selectors.evidence_for_render()
    care_team = selectors.care_team_for(program=job.case.program)
    delay = float(getattr(settings, "AYA_TEST_RENDER_DELAY_SECONDS", 0) or 0)
    if delay:
        time.sleep(delay)  # test settings only: a render that surely takes a while
    rendered = rendering.render_aid(
        document=snapshot.facts,
        result=snapshot.result,
        evidence=evidence,
        aid_id=job.aid_id,
        language=job.language,
        paper=job.paper,
        as_of=snapshot.as_of,
        printed_on=timezone.localdate(job.created_at),
        care_team=care_team,
    )
    return {
        "pdf": rendered.pdf,
        "sha256": rendered.sha256,
        "size_bytes": len(rendered.pdf),
        "page_count": rendered.page_count,
        "content_version": rendered.content_version,
        "content_key": rendered.content_key,
    }


def aid_job_render(*, job_id: int) -> DecisionAidJob | None:
    """Render one queued job (called by the worker with the job's ID only).

    A ready or failed job is left alone, and so is one another live worker holds the
    lease of. The lease is renewed while the PDF is drawn. A failed attempt is
    recorded on the row and raises ``AidRenderError`` so the task retries with
    backoff; on the last attempt the job is marked failed with a plain message
    instead. An aid that no longer applies to the snapshot fails at once (retrying
    cannot help). The PDF is stored, and the job marked ready, only while this
    attempt still owns the row (one file, one ready transition).
    """
    job = _claim(job_id)
    if job is None:
        return None
    attempt = job.attempts
    try:
        with dispatch.lease_kept(job_id=job.pk, attempt=attempt):
            made = _render(job)
    except AidNotApplicable as exc:
        with transaction.atomic():
            locked = _still_mine(job.pk, attempt)
            if locked is not None:
                aid_job_fail(job=locked, message=exc.message)
        return locked
    except Exception as exc:  # noqa: BLE001 - any failure is recorded, then retried
        error = type(exc).__name__
        logger.warning(
            "decision aid job %s: attempt %s failed (%s)", job.pk, attempt, error
        )
        message = MSG_RENDER_ERROR.format(
            error=error, attempt=attempt, limit=MAX_RENDER_ATTEMPTS
        )
        with transaction.atomic():
            locked = _still_mine(job.pk, attempt)
            if locked is None:
                return None
            if attempt >= MAX_RENDER_ATTEMPTS:
                aid_job_fail(job=locked, message=message)
                return locked
            locked.status = DecisionAidJob.Status.QUEUED
            locked.last_error = message
            locked.lease_expires_at = None
            locked.enqueued_at = timezone.now()  # the task sends the retry
            locked.save(
                update_fields=[
                    "status",
                    "last_error",
                    "lease_expires_at",
                    "enqueued_at",
                    "updated_at",
                ]
            )
        # The original exception may quote patient data; it is not chained.
        raise AidRenderError(message) from None

    with transaction.atomic():
        locked = _still_mine(job.pk, attempt)
        if locked is None:
            return None  # finished by another delivery, or taken back: not stored
        pdf = made.pop("pdf", None)
        # Stored while the row is locked by its owner: one attempt writes the file.
        name = made.pop("name") if pdf is None else _store(made["content_key"], pdf)
        locked.pdf.name = name
        for field, value in made.items():
            setattr(locked, field, value)
        locked.status = DecisionAidJob.Status.READY
        locked.last_error = ""
        locked.finished_at = timezone.now()
        locked.lease_expires_at = None
        locked.full_clean()
        locked.save()
        audit_record(
            actor=None,
            action=AuditEntry.Action.UPDATED,
            case=locked.case,
            target=AUDIT_TARGET,
            detail={
                "job": locked.pk,
                "status": locked.status,
                "pages": locked.page_count,
            },
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
