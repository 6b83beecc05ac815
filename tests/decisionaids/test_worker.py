"""Integration: a real Celery worker renders real PDFs from job rows (not eager)."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import Group
from django.db import OperationalError
from django.utils import timezone

from decisionaids import rendering, services
from decisionaids.models import DecisionAidJob
from decisionaids.selectors import MSG_STATUS_FAILED, aid_job_status_message
from decisionaids.tasks import render_aid_job
from patients.access import GROUP_CLINICIAN
from patients.services import case_import
from tests.conftest import vignette_case
from tests.decisionaids.conftest import pdf_pages, pdf_text
from tests.factories import ProgramFactory, UserFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 90


def wait_for(job: DecisionAidJob, *statuses: str) -> DecisionAidJob:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            job.refresh_from_db()
        except OperationalError:
            # The in-memory SQLite test database locks whole tables while the
            # worker thread writes; PostgreSQL never does. Poll again.
            pass
        else:
            if job.status in statuses:
                return job
        time.sleep(0.25)
    pytest.fail(
        f"job {job.pk} stayed {job.status!r} for {WAIT_SECONDS}s "
        f"(attempts {job.attempts}, last error {job.last_error!r})"
    )


@pytest.fixture
def clinician():  # noqa: ANN201
    program = ProgramFactory(name="South AYA Program", slug="south")
    user = UserFactory(username="clinician1", programs=[program])
    user.groups.add(Group.objects.get_or_create(name=GROUP_CLINICIAN)[0])
    return user


def import_vignette(name: str, user, **changes):  # noqa: ANN001, ANN201
    document = vignette_case(name)
    document.update(changes)
    program = user.programs.first()
    case_import(payload=document, program=program, actor=user)
    return program.cases.get(case_id=document["case_id"])


def test_worker_renders_a_personalised_english_reinduction_aid(
    celery_worker_thread, clinician
):
    """Given a CD19+/CD22+ first relapse, when an aid is requested, then the worker
    stores a PDF with the patient's name, the right options and the EV figures."""
    case = import_vignette(
        "b_first_relapse_cd19_cd22.json", clinician, given_name="Lucía"
    )

    job = services.aid_job_request(
        case=case, aid_id="DA-REINDUCTION", language="en", actor=clinician
    )
    job = wait_for(job, DecisionAidJob.Status.READY, DecisionAidJob.Status.FAILED)

    assert job.status == DecisionAidJob.Status.READY, job.last_error
    assert job.attempts == 1
    assert job.snapshot.case_id == case.pk
    assert job.pdf.name == f"decisionaids/{job.content_key[:2]}/{job.content_key}.pdf"
    pdf = job.pdf.read()
    assert len(pdf) == job.size_bytes
    assert 2 <= pdf_pages(pdf) <= 4
    assert pdf_pages(pdf) == job.page_count
    text = pdf_text(pdf)
    assert "Made for Lucía" in text
    for option in ("Blinatumomab", "Inotuzumab", "CAR-T cells", "Chemotherapy"):
        assert option in text
    # EV-BLINA-EFS6, EV-INO-CR and EV-BREXU figures, as numbers of 100.
    assert "Blinatumomab: 31 of 100 randomised study" in text
    assert "Inotuzumab: 81 of 100 randomised study" in text
    assert "Brexu-cel: 56 of 100 + 15 of 100 in gray" in text
    # Tisagenlecleucel's label needs refractory disease or a 2nd relapse: not offered.
    assert "May fit you: brexu-cel and obe-cel" in text
    assert "tisa-cel" not in text
    assert "Tisagenlecleucel, a CAR-T product, is approved only when" in text


def test_worker_renders_spanish_and_leaves_out_what_does_not_apply(
    celery_worker_thread, clinician
):
    """CD22-negative, 35 years old: no inotuzumab, no tisagenlecleucel; in Spanish."""
    case = import_vignette(
        "b_first_relapse_cd19_cd22.json",
        clinician,
        given_name="Lucía",
        birth_date="1991-06-01",
        markers={"cd19": "positive", "cd22": "negative", "kmt2a_rearranged": "no"},
    )

    job = services.aid_job_request(
        case=case, aid_id="DA-REINDUCTION", language="es", actor=clinician
    )
    job = wait_for(job, DecisionAidJob.Status.READY, DecisionAidJob.Status.FAILED)

    assert job.status == DecisionAidJob.Status.READY, job.last_error
    text = pdf_text(job.pdf.read())
    assert "Para Lucía." in text
    assert "¿Qué es lo más importante para usted?" in text
    assert "Blinatumomab: 31 de cada 100 estudio aleatorio" in text
    # Inotuzumab appears only as the plain reason it was left out.
    assert "81 de cada 100" not in text
    assert "El inotuzumab solo funciona cuando las células de leucemia" in text
    assert text.count("Inotuzumab") == 0
    # Over 25: tisagenlecleucel is left out, with its reason.
    assert "solo está aprobado para personas de 25 años o menos" in text
    assert "tisa-cel" not in text
    assert "Made for" not in text
    assert "What matters" not in text


def test_transplant_aid_turns_on_the_vod_paragraph_after_inotuzumab(
    celery_worker_thread, clinician
):
    case = import_vignette(
        "remission_after_ino_hsct_planned.json", clinician, given_name="Ana"
    )

    job = services.aid_job_request(
        case=case, aid_id="DA-TRANSPLANT", language="en", actor=clinician
    )
    job = wait_for(job, DecisionAidJob.Status.READY, DecisionAidJob.Status.FAILED)

    assert job.status == DecisionAidJob.Status.READY, job.last_error
    text = pdf_text(job.pdf.read())
    assert "You had inotuzumab. After a transplant, this raises the risk" in text
    assert "it happened to about 21 of 100 (10 of 48 people)" in text
    assert "Transplant from a brother or sister: 23 of 100" in text
    assert "defibrotide" in text


def test_duplicate_delivery_of_a_ready_job_does_nothing(
    celery_worker_thread, clinician
):
    case = import_vignette("t_all_relapse.json", clinician)
    job = services.aid_job_request(
        case=case, aid_id="DA-FERTILITY", language="en", actor=clinician
    )
    job = wait_for(job, DecisionAidJob.Status.READY, DecisionAidJob.Status.FAILED)
    before = (job.sha256, job.attempts, job.finished_at, job.pdf.name)

    # The broker delivers the same message again (e.g. after a lost acknowledgement).
    render_aid_job.delay(job.pk)
    render_aid_job.delay(job.pk)
    # One worker takes messages in order: once a later job is done, so are those two.
    later = services.aid_job_request(
        case=case, aid_id="DA-FERTILITY", language="es", actor=clinician
    )
    wait_for(later, DecisionAidJob.Status.READY, DecisionAidJob.Status.FAILED)
    job.refresh_from_db()

    assert job.status == DecisionAidJob.Status.READY
    assert (job.sha256, job.attempts, job.finished_at, job.pdf.name) == before


def test_a_failing_render_retries_with_backoff_then_shows_a_clear_failure(
    celery_worker_thread, clinician, monkeypatch, settings
):
    case = import_vignette("t_all_relapse.json", clinician)
    calls = []

    def broken_renderer(**kwargs):  # noqa: ANN003, ANN202
        calls.append(time.monotonic())
        raise OSError("disk full while writing the PDF for a named patient")

    monkeypatch.setattr(rendering, "render_aid", broken_renderer)
    # Keep the backoff short in the test: 1, 2, 4 seconds (and a quarter) at most.
    settings.AYA_AID_RETRY_BASE_SECONDS = 1

    job = services.aid_job_request(
        case=case, aid_id="DA-FERTILITY", language="en", actor=clinician
    )
    job = wait_for(job, DecisionAidJob.Status.FAILED)

    assert job.attempts == services.MAX_RENDER_ATTEMPTS == len(calls)
    assert job.last_error == ("Rendering failed (OSError) on attempt 4 of 4.")
    assert "patient" not in job.last_error
    assert aid_job_status_message(job=job) == MSG_STATUS_FAILED.format(
        attempts=4, job_id=job.pk
    )
    assert not job.pdf


def test_worker_uses_the_projects_configured_broker(celery_worker_thread):
    from django.conf import settings

    from config.celery_app import app

    assert app.conf.broker_url == settings.CELERY_BROKER_URL
    assert app.conf.task_always_eager is False
    assert render_aid_job.name in app.tasks


def test_reprint_never_renders_again(celery_worker_thread, clinician, monkeypatch):
    case = import_vignette("isolated_cns_relapse.json", clinician)
    job = services.aid_job_request(
        case=case, aid_id="DA-CNS-RELAPSE", language="es", actor=clinician
    )
    job = wait_for(job, DecisionAidJob.Status.READY, DecisionAidJob.Status.FAILED)

    def must_not_render(**kwargs):  # noqa: ANN003, ANN202
        raise AssertionError("a ready PDF was rendered again")

    monkeypatch.setattr(rendering, "render_aid", must_not_render)
    first = services.aid_job_reprint(job=job, actor=clinician)
    second = services.aid_job_reprint(job=job, actor=clinician)

    assert first == second
    assert "Tratar la leucemia en el cerebro y la columna" in pdf_text(first)
    given = services.aid_mark_given(job=job, actor=clinician)
    assert given.given_by == clinician
    assert given.given_at <= timezone.now()
