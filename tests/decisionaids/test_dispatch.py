"""Jobs are never stranded: a broker down at request time, leases, the sweeper.

The broker here is real: a Redis port nobody listens on is a broker that is down
(kombu really fails to connect). Fault tests with real servers that stop and come
back are in tests/faults/.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from decisionaids import dispatch, rendering, services
from decisionaids.models import DecisionAidJob
from decisionaids.selectors import (
    MSG_STATUS_NOT_SENT,
    MSG_STATUS_QUEUED,
    aid_job_status_message,
)
from patients.access import GROUP_CLINICIAN
from patients.models import AuditEntry
from patients.services import case_import
from tests.conftest import vignette_case
from tests.factories import UserFactory
from tests.servers import app_broker, free_port

READY = DecisionAidJob.Status.READY
QUEUED = DecisionAidJob.Status.QUEUED
RENDERING = DecisionAidJob.Status.RENDERING
FAILED = DecisionAidJob.Status.FAILED


@pytest.fixture
def clinician(program):  # noqa: ANN001, ANN201
    user = UserFactory(username="dr-lease", programs=[program])
    user.groups.add(Group.objects.get_or_create(name=GROUP_CLINICIAN)[0])
    return user


@pytest.fixture
def case(program, clinician):  # noqa: ANN001, ANN201
    document = vignette_case("isolated_cns_relapse.json")
    case_import(payload=document, program=program, actor=clinician)
    return program.cases.get(case_id=document["case_id"])


@pytest.fixture
def broker_down():  # noqa: ANN201
    """This process's Celery app sends to a Redis port where nothing listens."""
    with app_broker(f"redis://127.0.0.1:{free_port()}/0"):
        yield


@pytest.fixture
def sent(monkeypatch):  # noqa: ANN201
    """Job IDs handed to the broker (a broker that is up, without a worker)."""
    from decisionaids.tasks import render_aid_job

    ids: list[int] = []
    monkeypatch.setattr(render_aid_job, "delay", lambda job_id: ids.append(job_id))
    return ids


def stored_files() -> dict[str, float]:
    """Every stored PDF with its modification time."""
    root = Path(settings.MEDIA_ROOT)
    return {str(p): p.stat().st_mtime for p in root.rglob("*.pdf")}


def request_job(case, clinician) -> DecisionAidJob:  # noqa: ANN001
    return services.aid_job_request(
        case=case, aid_id="DA-CNS-RELAPSE", language="en", actor=clinician
    )


@pytest.mark.django_db(transaction=True)
def test_a_broker_down_at_request_time_leaves_the_job_queued_and_says_so(
    client, case, clinician, broker_down
):
    """Finding: the web form answered 500 and the API 500 with "nothing was changed"
    although the job was stored. Now both accept it and say it will print later."""
    client.force_login(clinician)
    started = time.monotonic()

    form = client.post(
        reverse("aid-request", args=[case.pk]),
        {"aid_id": "DA-CNS-RELAPSE", "language": "en", "paper": "letter"},
    )
    api = APIClient()
    api.force_authenticate(clinician)
    answer = api.post(
        f"/api/v1/cases/{case.pk}/decision-aids/",
        {"aid_id": "DA-CNS-RELAPSE", "language": "es"},
        format="json",
    )

    assert time.monotonic() - started < 10  # no request hangs on the broker
    web_job, api_job = DecisionAidJob.objects.order_by("pk")
    assert form.status_code == 302
    assert form["Location"] == reverse("aid-job-detail", args=[web_job.pk])
    page = client.get(form["Location"])
    assert MSG_STATUS_NOT_SENT in page.content.decode()
    assert answer.status_code == 202, answer.content
    assert answer.json()["status"] == "queued"
    assert answer.json()["message"] == MSG_STATUS_NOT_SENT
    assert "nothing was changed" not in answer.content.decode().lower()
    for job in (web_job, api_job):
        assert (job.status, job.enqueued_at, job.attempts) == (QUEUED, None, 0)
    assert AuditEntry.objects.filter(target="decision_aid").count() == 2 + 1


@pytest.mark.django_db(transaction=True)
def test_a_job_sent_to_the_broker_records_when(case, clinician, sent):
    job = request_job(case, clinician)

    assert sent == [job.pk]
    job.refresh_from_db()
    assert job.enqueued_at is not None
    assert aid_job_status_message(job=job) == MSG_STATUS_QUEUED


@pytest.mark.django_db
def test_the_sweeper_sends_jobs_the_broker_never_got_and_those_it_lost(
    case, clinician, sent
):
    never = request_job(case, clinician)
    lost = request_job(case, clinician)
    recent = request_job(case, clinician)
    now = timezone.now()
    DecisionAidJob.objects.filter(pk=never.pk).update(
        enqueued_at=None, created_at=now - dt.timedelta(seconds=30)
    )
    DecisionAidJob.objects.filter(pk=lost.pk).update(
        enqueued_at=now - dt.timedelta(seconds=301)
    )
    DecisionAidJob.objects.filter(pk=recent.pk).update(
        enqueued_at=now - dt.timedelta(seconds=60)
    )

    result = dispatch.aid_job_sweep(now=now)

    assert result.sent == sent == [never.pk, lost.pk]
    never.refresh_from_db()
    assert never.enqueued_at is not None


@pytest.mark.django_db
def test_the_sweeper_sends_nothing_while_the_broker_is_down(
    case, clinician, broker_down
):
    job = request_job(case, clinician)
    DecisionAidJob.objects.filter(pk=job.pk).update(
        enqueued_at=None, created_at=timezone.now() - dt.timedelta(minutes=5)
    )

    assert dispatch.aid_job_sweep().sent == []
    job.refresh_from_db()
    assert (job.status, job.enqueued_at) == (QUEUED, None)


@pytest.mark.django_db
def test_a_rendering_job_whose_lease_ran_out_is_queued_again_then_failed_at_the_cap(
    case, clinician, sent
):
    """Finding: a worker killed mid-render left its job for an hour; a job whose
    attempts ran out stayed ``rendering`` for ever."""
    job = request_job(case, clinician)
    sent.clear()
    past = timezone.now() - dt.timedelta(seconds=1)
    DecisionAidJob.objects.filter(pk=job.pk).update(
        status=RENDERING, attempts=2, lease_expires_at=past, leased_by="gone:1"
    )

    result = dispatch.aid_job_sweep()

    assert (result.reclaimed, result.sent) == ([job.pk], [job.pk])
    job.refresh_from_db()
    assert (job.status, job.attempts, job.leased_by) == (QUEUED, 2, "")
    assert job.last_error == dispatch.MSG_WORKER_LOST.format(attempt=2, limit=4)

    DecisionAidJob.objects.filter(pk=job.pk).update(
        status=RENDERING, attempts=services.MAX_RENDER_ATTEMPTS, lease_expires_at=past
    )
    result = dispatch.aid_job_sweep()

    assert result.failed == [job.pk]
    job.refresh_from_db()
    assert job.status == FAILED
    assert job.last_error == "Rendering was attempted 4 times without success."
    assert AuditEntry.objects.filter(
        target="decision_aid", detail__status="failed"
    ).exists()


@pytest.mark.django_db
def test_a_live_lease_of_another_worker_is_left_alone(case, clinician, sent):
    job = request_job(case, clinician)
    future = timezone.now() + dt.timedelta(seconds=60)
    DecisionAidJob.objects.filter(pk=job.pk).update(
        status=RENDERING, attempts=1, lease_expires_at=future, leased_by="elsewhere:1"
    )

    assert services.aid_job_render(job_id=job.pk) is None  # a duplicate delivery
    assert dispatch.aid_job_sweep().reclaimed == []
    job.refresh_from_db()
    assert (job.status, job.attempts) == (RENDERING, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("holder", ["self", "dead-process-here"])
def test_a_lease_whose_holder_has_ended_is_taken_over_at_once(
    case, clinician, sent, holder
):
    """A retry in the same process, or a message delivered again after its worker
    child was killed, renders without waiting for the lease to run out."""
    import socket

    if holder == "self":
        leased_by = dispatch.worker_identity()
    else:
        # A process of this host that no longer exists: a PID above Linux's highest
        # (PID_MAX_LIMIT, 2**22), so no new process can have been given it meanwhile.
        leased_by = f"{socket.gethostname()}:{2**22 + 1}"
    job = request_job(case, clinician)
    DecisionAidJob.objects.filter(pk=job.pk).update(
        status=RENDERING,
        attempts=1,
        lease_expires_at=timezone.now() + dt.timedelta(seconds=60),
        leased_by=leased_by,
    )

    done = services.aid_job_render(job_id=job.pk)

    assert (done.status, done.attempts) == (READY, 2)
    assert done.lease_expires_at is None


@pytest.mark.django_db
def test_an_attempt_taken_back_meanwhile_stores_nothing_and_changes_nothing(
    case, clinician, sent, monkeypatch
):
    job = request_job(case, clinician)
    real = rendering.render_aid

    def render_while_taken_back(**kwargs):  # noqa: ANN003, ANN202
        # The sweeper took the job back and another attempt is now rendering it.
        DecisionAidJob.objects.filter(pk=job.pk).update(status=RENDERING, attempts=2)
        return real(**kwargs)

    monkeypatch.setattr(rendering, "render_aid", render_while_taken_back)
    files_before = stored_files()

    assert services.aid_job_render(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.attempts, job.pdf.name, job.sha256) == (
        RENDERING,
        2,
        "",
        "",
    )
    assert stored_files() == files_before
    assert not AuditEntry.objects.filter(detail__status="ready").exists()


@pytest.mark.django_db
def test_claiming_records_a_lease_and_its_holder(
    case, clinician, sent, settings, monkeypatch
):
    settings.AYA_AID_LEASE_SECONDS = 60
    job = request_job(case, clinician)
    seen = {}
    real = rendering.render_aid

    def look(**kwargs):  # noqa: ANN003, ANN202
        seen["row"] = DecisionAidJob.objects.get(pk=job.pk)
        return real(**kwargs)

    monkeypatch.setattr(rendering, "render_aid", look)
    done = services.aid_job_render(job_id=job.pk)

    row = seen["row"]
    assert row.status == RENDERING
    assert row.leased_by == dispatch.worker_identity()
    remaining = (row.lease_expires_at - row.started_at).total_seconds()
    assert remaining == pytest.approx(60, abs=1)
    assert (done.status, done.lease_expires_at) == (READY, None)


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_renews_the_lease_while_the_render_runs(
    case, clinician, sent, settings
):
    settings.AYA_AID_LEASE_SECONDS = 2
    settings.AYA_AID_HEARTBEAT_SECONDS = 0.3
    job = request_job(case, clinician)
    DecisionAidJob.objects.filter(pk=job.pk).update(
        status=RENDERING, attempts=1, lease_expires_at=timezone.now()
    )

    with dispatch.lease_kept(job_id=job.pk, attempt=1):
        time.sleep(1.5)
        job.refresh_from_db()
        assert job.lease_expires_at > timezone.now() + dt.timedelta(seconds=1)
    # A beat may land between that read and the end of the block: the lease as
    # the block left it is read after the block, when the thread has been joined.
    job.refresh_from_db()
    renewed = job.lease_expires_at
    time.sleep(0.6)
    job.refresh_from_db()
    assert job.lease_expires_at == renewed  # stopped with the block

    # The lease of an attempt the sweeper took back is not renewed.
    DecisionAidJob.objects.filter(pk=job.pk).update(status=QUEUED)
    with dispatch.lease_kept(job_id=job.pk, attempt=1):
        time.sleep(0.7)
    job.refresh_from_db()
    assert job.lease_expires_at == renewed
