"""Services: request, render, failure, mark given, reprint (no worker involved)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from decisionaids import rendering, services
from decisionaids.content import text_for
from decisionaids.formatting import format_date
from decisionaids.models import DecisionAidJob
from decisionaids.selectors import aid_given_for_current_point
from patients.access import GROUP_CLINICIAN
from patients.errors import ApplicationError
from patients.models import AuditEntry
from patients.services import case_import
from recommendations.models import RecommendationSnapshot
from tests.conftest import vignette_case
from tests.decisionaids.conftest import pdf_text
from tests.factories import ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinician(program):  # noqa: ANN001, ANN201
    user = UserFactory(username="dr-ortiz", programs=[program])
    user.groups.add(Group.objects.get_or_create(name=GROUP_CLINICIAN)[0])
    return user


@pytest.fixture
def case(program, clinician):  # noqa: ANN001, ANN201
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document["given_name"] = "Marisol"
    case_import(payload=document, program=program, actor=clinician)
    return program.cases.get(case_id=document["case_id"])


@pytest.fixture
def enqueued(monkeypatch):  # noqa: ANN201
    """The job IDs handed to the task (no broker needed here)."""
    from decisionaids.tasks import render_aid_job

    sent: list = []
    monkeypatch.setattr(render_aid_job, "delay", lambda *args: sent.append(args))
    return sent


def request(case, clinician, **kwargs):  # noqa: ANN001, ANN003, ANN201
    options = {"aid_id": "DA-REINDUCTION", "language": "en", **kwargs}
    return services.aid_job_request(case=case, actor=clinician, **options)


def test_request_snapshots_the_case_and_enqueues_only_the_job_id_on_commit(
    case, clinician, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = request(case, clinician)
    assert enqueued == []  # nothing is sent inside the transaction

    for callback in callbacks:
        callback()

    assert enqueued == [(job.pk,)]
    assert job.status == DecisionAidJob.Status.QUEUED
    assert job.snapshot == RecommendationSnapshot.objects.get(case=case)
    assert job.requested_by == clinician
    assert len(job.content_key) == 64
    assert job.content_version
    entry = AuditEntry.objects.filter(target="decision_aid").get()
    assert entry.detail == {"job": job.pk, "aid": "DA-REINDUCTION", "language": "en"}


def test_request_refuses_other_programs_unknown_aids_and_aids_that_do_not_apply(
    case, clinician, enqueued
):
    outsider = UserFactory(username="outsider", programs=[ProgramFactory(slug="x")])
    with pytest.raises(ApplicationError, match="do not have access"):
        request(case, outsider)
    with pytest.raises(ApplicationError, match="Unknown decision aid"):
        request(case, clinician, aid_id="DA-NOPE")
    with pytest.raises(ApplicationError, match="printed in: en, es"):
        request(case, clinician, language="fr")
    with pytest.raises(ApplicationError, match="DA-TRANSPLANT does not apply"):
        request(case, clinician, aid_id="DA-TRANSPLANT")
    assert not DecisionAidJob.objects.exists()
    assert not RecommendationSnapshot.objects.exists()  # rolled back with the job


def test_render_stores_the_pdf_with_checksum_size_and_a_stable_name(
    case, clinician, enqueued
):
    job = request(case, clinician, language="es")

    done = services.aid_job_render(job_id=job.pk)

    assert done.status == DecisionAidJob.Status.READY
    assert done.attempts == 1
    assert (
        done.pdf.name == f"decisionaids/{done.content_key[:2]}/{done.content_key}.pdf"
    )
    pdf = done.pdf.read()
    assert len(pdf) == done.size_bytes
    import hashlib

    assert hashlib.sha256(pdf).hexdigest() == done.sha256
    text = pdf_text(pdf)
    assert "Para Marisol." in text
    # The print date is the day the job was requested; the program's care team
    # contact is not set yet, and the aid says so on every page.
    printed = format_date(timezone.localdate(done.created_at), "es")
    assert f"Impreso el {printed}." in text
    assert text.count(text_for("es")["common"]["footer_team_not_set"]) == (
        done.page_count
    )


def test_the_same_inputs_reuse_the_stored_file_without_rendering(
    case, clinician, enqueued, monkeypatch
):
    first = services.aid_job_render(job_id=request(case, clinician).pk)
    second_job = request(case, clinician)  # a new snapshot of an unchanged case

    def must_not_render(**kwargs):  # noqa: ANN003, ANN202
        raise AssertionError("rendered again")

    monkeypatch.setattr(rendering, "render_aid", must_not_render)
    second = services.aid_job_render(job_id=second_job.pk)

    assert second.snapshot != first.snapshot
    assert (second.content_key, second.pdf.name, second.sha256) == (
        first.content_key,
        first.pdf.name,
        first.sha256,
    )


def test_a_finished_job_is_not_rendered_again(case, clinician, enqueued, monkeypatch):
    job = services.aid_job_render(job_id=request(case, clinician).pk)
    monkeypatch.setattr(rendering, "render_aid", lambda **kw: 1 / 0)

    assert services.aid_job_render(job_id=job.pk) is None
    assert services.aid_job_render(job_id=987654) is None
    job.refresh_from_db()
    assert job.status == DecisionAidJob.Status.READY
    assert job.attempts == 1


def test_a_failed_attempt_is_counted_and_retried_then_fails_clearly(
    case, clinician, enqueued, monkeypatch
):
    def broken(**kwargs):  # noqa: ANN003, ANN202
        raise ValueError("Marisol's document broke the layout")

    monkeypatch.setattr(rendering, "render_aid", broken)
    job = request(case, clinician)

    for attempt in range(1, services.MAX_RENDER_ATTEMPTS):
        with pytest.raises(services.AidRenderError) as error:
            services.aid_job_render(job_id=job.pk)
        assert "Marisol" not in str(error.value)
        assert error.value.__cause__ is None
        assert error.value.__suppress_context__
        job.refresh_from_db()
        assert (job.status, job.attempts) == (DecisionAidJob.Status.QUEUED, attempt)

    last = services.aid_job_render(job_id=job.pk)

    assert last.status == DecisionAidJob.Status.FAILED
    assert last.attempts == services.MAX_RENDER_ATTEMPTS
    assert last.last_error == "Rendering failed (ValueError) on attempt 4 of 4."
    assert services.aid_job_render(job_id=job.pk) is None  # stays failed


def test_a_job_stuck_past_its_attempts_is_failed_not_rendered(
    case, clinician, enqueued
):
    job = request(case, clinician)
    DecisionAidJob.objects.filter(pk=job.pk).update(
        status=DecisionAidJob.Status.RENDERING, attempts=services.MAX_RENDER_ATTEMPTS
    )

    assert services.aid_job_render(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.status == DecisionAidJob.Status.FAILED
    assert job.last_error == "Rendering was attempted 4 times without success."


def test_mark_given_is_for_clinicians_once_and_only_when_ready(
    case, clinician, enqueued, program
):
    job = request(case, clinician)
    with pytest.raises(ApplicationError, match="not ready"):
        services.aid_mark_given(job=job, actor=clinician)
    job = services.aid_job_render(job_id=job.pk)
    coordinator = UserFactory(username="coord", programs=[program])
    with pytest.raises(ApplicationError, match="Only a clinician"):
        services.aid_mark_given(job=job, actor=coordinator)
    assert not aid_given_for_current_point(case=case)

    given = services.aid_mark_given(job=job, actor=clinician)

    assert given.given_by == clinician
    assert given.given_at is not None
    assert aid_given_for_current_point(case=case)
    with pytest.raises(ApplicationError, match="already marked"):
        services.aid_mark_given(job=job, actor=clinician)


def test_reprint_returns_the_stored_bytes_and_detects_a_changed_file(
    case, clinician, enqueued
):
    job = services.aid_job_render(job_id=request(case, clinician).pk)
    assert services.aid_job_reprint(job=job, actor=clinician) == job.pdf.open().read()

    job.pdf.storage.delete(job.pdf.name)
    job.pdf.storage.save(job.pdf.name, ContentFile(b"%PDF-1.7 tampered"))
    with pytest.raises(ApplicationError, match="no longer matches"):
        services.aid_job_reprint(job=job, actor=clinician)


def test_audit_details_never_hold_patient_values(case, clinician, enqueued):
    job = services.aid_job_render(job_id=request(case, clinician).pk)
    services.aid_mark_given(job=job, actor=clinician)
    services.aid_job_reprint(job=job, actor=clinician)

    for entry in AuditEntry.objects.filter(target="decision_aid"):
        assert "Marisol" not in str(entry.detail)
        assert set(entry.detail) <= {
            "job",
            "aid",
            "language",
            "status",
            "pages",
            "given",
            "reprint",
            "attempts",
        }
