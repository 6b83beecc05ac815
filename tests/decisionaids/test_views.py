"""Decision-aid pages: request from the case page, follow the job, download, give."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from decisionaids import services
from decisionaids.models import DecisionAidJob
from patients.access import GROUP_CLINICIAN
from patients.models import AuditEntry
from patients.services import case_import
from tests.conftest import vignette_case
from tests.factories import ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, program):  # noqa: ANN001, ANN201
    user = UserFactory(username="dr-view", programs=[program])
    user.groups.add(Group.objects.get_or_create(name=GROUP_CLINICIAN)[0])
    client.force_login(user)
    return user


@pytest.fixture
def case(program, signed_in):  # noqa: ANN001, ANN201
    case_import(payload=vignette_case("isolated_cns_relapse.json"), program=program)
    return program.cases.get()


def test_request_redirects_to_the_job_and_the_pdf_downloads_when_ready(
    client, case, monkeypatch, django_capture_on_commit_callbacks
):
    from decisionaids.tasks import render_aid_job

    monkeypatch.setattr(
        render_aid_job, "delay", lambda job_id: services.aid_job_render(job_id=job_id)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("aid-request", args=[case.pk]),
            {"aid_id": "DA-CNS-RELAPSE", "language": "en", "paper": "a4"},
        )
    job = DecisionAidJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("aid-job-detail", args=[job.pk])

    page = client.get(response["Location"])
    assert b"Ready to print." in page.content

    pdf = client.get(reverse("aid-job-pdf", args=[job.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert case.case_id not in pdf["Content-Disposition"]

    given = client.post(reverse("aid-job-given", args=[job.pk]))
    assert given.status_code == 302
    job.refresh_from_db()
    assert job.given_at is not None


def test_the_case_page_lists_the_aids_that_apply(client, case):
    page = client.get(reverse("case-detail", args=[case.pk]))
    content = page.content.decode()
    assert 'value="DA-CNS-RELAPSE"' in content
    assert 'value="DA-TRANSPLANT"' not in content
    assert "DA-TRANSPLANT</strong>: it is for a remission after relapse" in content


def test_a_job_of_another_program_is_not_found(client, signed_in):
    other = ProgramFactory(slug="elsewhere")
    case_import(payload=vignette_case("t_all_relapse.json"), program=other)
    owner = UserFactory(username="other-dr", programs=[other])
    job = services.aid_job_request(
        case=other.cases.get(), aid_id="DA-FERTILITY", language="en", actor=owner
    )

    assert client.get(reverse("aid-job-detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("aid-job-pdf", args=[job.pk])).status_code == 404


def test_the_aid_that_fits_the_case_is_offered_first_and_selected(client, case):
    """An isolated CNS relapse: the CNS aid, not the marrow re-induction aid."""
    content = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    select = content[content.index('<select id="aid-id"') :]
    select = select[: select.index("</select>")]

    options = re.findall(r'<option value="([^"]+)"( selected)?', select)
    assert options[0] == ("DA-CNS-RELAPSE", " selected")
    assert [value for value, _ in options] == ["DA-CNS-RELAPSE", "DA-FERTILITY"]
    assert "DA-REINDUCTION</strong>: an isolated CNS relapse" in content


def test_the_job_page_names_the_patient_and_shows_one_progress_line(
    client, case, signed_in, django_capture_on_commit_callbacks, monkeypatch
):
    from decisionaids.tasks import render_aid_job

    # The broker takes the job; no worker renders it yet.
    monkeypatch.setattr(render_aid_job, "delay", lambda job_id: None)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("aid-request", args=[case.pk]),
            {"aid_id": "DA-CNS-RELAPSE", "language": "en"},
        )
    content = client.get(response["Location"]).content.decode()

    assert f"For <strong>{case.given_name or '(no first name recorded)'}</strong>" in (
        content
    )
    assert f"case <strong>{case.case_id}</strong>" in content
    # One live progress line; the request adds no second status message.
    assert content.count('role="status"') == 1
    assert content.count("Waiting for a worker") == 1
    # Whose aid it is is patient data: reading the page is audited.
    assert AuditEntry.objects.filter(
        case=case, action=AuditEntry.Action.VIEWED, target="decision_aid"
    ).exists()


@pytest.fixture
def ready_job(case, signed_in):  # noqa: ANN001, ANN201
    job = services.aid_job_request(
        case=case, aid_id="DA-CNS-RELAPSE", language="en", actor=signed_in
    )
    services.aid_job_render(job_id=job.pk)  # what the worker does
    job.refresh_from_db()
    assert job.status == DecisionAidJob.Status.READY
    return job


@pytest.mark.parametrize("loss", ["file-deleted", "no-file-named"])
def test_a_pdf_whose_file_is_missing_is_a_plain_410_page(
    client, case, ready_job, loss, caplog
):
    if loss == "file-deleted":
        ready_job.pdf.storage.delete(ready_job.pdf.name)
    else:
        DecisionAidJob.objects.filter(pk=ready_job.pk).update(pdf="")
    case.given_name, case.family_name = "Lucía", "Quispe"
    case.save(update_fields=["given_name", "family_name"])
    reads_before = AuditEntry.objects.count()

    response = client.get(reverse("aid-job-pdf", args=[ready_job.pk]))

    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert services.MSG_FILE_MISSING in content
    for phi in ("Lucía", "Quispe", case.case_id):
        assert phi not in content
    # Nothing was read, so nothing is audited; the log names the job only.
    assert AuditEntry.objects.count() == reads_before
    assert f"job {ready_job.pk}" in caplog.text


def test_the_case_page_lists_its_jobs_newest_first_with_who_gave_them(
    client, case, signed_in, monkeypatch
):
    """The panel's ten latest jobs, read in one query of the columns it shows: not
    their snapshots' documents."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from decisionaids.tasks import render_aid_job

    monkeypatch.setattr(render_aid_job, "delay", lambda job_id: None)
    for _ in range(11):
        client.post(
            reverse("aid-request", args=[case.pk]),
            {"aid_id": "DA-CNS-RELAPSE", "language": "en", "paper": "a4"},
        )
    newest = DecisionAidJob.objects.latest("created_at", "id")
    services.aid_job_render(job_id=newest.pk)
    services.aid_mark_given(
        job=DecisionAidJob.objects.get(pk=newest.pk), actor=signed_in
    )

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("case-detail", args=[case.pk])).content.decode()

    listed = page[page.index('id="aid-jobs"') :]
    listed = listed[: listed.index("</ul>")]
    assert listed.count("<li ") == 10
    first = listed[listed.index("<li ") : listed.index("</li>")]
    assert 'data-status="ready"' in first
    assert f"by {signed_in.username}." in first
    assert f'href="{reverse("aid-job-detail", args=[newest.pk])}"' in first
    table = '"decisionaids_decisionaidjob"'
    reads = [q["sql"] for q in queries if q["sql"].startswith(f"SELECT {table}")]
    assert len(reads) == 1
    assert '"facts"' not in reads[0]
