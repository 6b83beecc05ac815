"""Decision-aid jobs through the API: request (202), poll, download, mark given."""

from __future__ import annotations

import pytest

from decisionaids import services
from decisionaids.models import DecisionAidJob
from tests.api.conftest import client_with_token, token_for


@pytest.fixture
def job_response(api, case):
    return api.post(
        f"/api/v1/cases/{case.pk}/decision-aids/",
        {"aid_id": "DA-REINDUCTION", "language": "es", "paper": "a4"},
    )


def test_requesting_an_aid_queues_a_job_and_answers_202_with_its_address(
    job_response, case
):
    assert job_response.status_code == 202
    body = job_response.json()
    job = DecisionAidJob.objects.get()
    assert job_response["Location"] == f"/api/v1/decision-aid-jobs/{job.pk}/"
    assert (body["status"], body["language"], body["paper"]) == ("queued", "es", "a4")
    assert body["pdf"] is None
    assert job.snapshot.case == case


def test_the_language_defaults_to_the_cases_preferred_one(api, case):
    case.preferred_language = "es"
    case.save()

    body = api.post(
        f"/api/v1/cases/{case.pk}/decision-aids/", {"aid_id": "DA-REINDUCTION"}
    ).json()

    assert body["language"] == "es"


def test_an_aid_that_does_not_apply_now_is_a_422_with_the_reason(api, case):
    response = api.post(
        f"/api/v1/cases/{case.pk}/decision-aids/", {"aid_id": "DA-TRANSPLANT"}
    )

    assert response.status_code == 422
    assert "DA-TRANSPLANT" in response.json()["detail"]
    assert not DecisionAidJob.objects.exists()


def test_the_pdf_of_an_unfinished_job_is_a_409(api, job_response):
    job_url = job_response["Location"]

    response = api.get(f"{job_url}pdf/", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"


def test_a_rendered_aid_is_polled_as_ready_and_downloaded(api, job_response):
    job = DecisionAidJob.objects.get()
    services.aid_job_render(job_id=job.pk)  # what the worker does

    polled = api.get(job_response["Location"]).json()
    pdf = api.get(polled["pdf"], HTTP_ACCEPT="application/pdf")

    assert polled["status"] == "ready"
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert polled["size_bytes"] == len(pdf.content)


def test_marking_as_given_is_for_clinicians(api, job_response, clinician):
    job = DecisionAidJob.objects.get()
    DecisionAidJob.objects.filter(pk=job.pk).update(status="ready", sha256="0" * 64)
    url = f"{job_response['Location']}given/"

    by_coordinator = api.post(url)
    by_clinician = client_with_token(token_for(clinician)).post(url)
    again = client_with_token(token_for(clinician)).post(url)

    assert by_coordinator.status_code == 403
    assert by_clinician.status_code == 200
    assert by_clinician.json()["given_by"] == clinician.pk
    assert again.status_code == 409


def test_a_case_lists_its_jobs_newest_first(api, case, job_response):
    second = api.post(
        f"/api/v1/cases/{case.pk}/decision-aids/", {"aid_id": "DA-FERTILITY"}
    )

    listed = api.get(f"/api/v1/cases/{case.pk}/decision-aids/").json()["results"]

    assert [item["id"] for item in listed] == [
        second.json()["id"],
        job_response.json()["id"],
    ]


def test_the_pdf_of_a_job_whose_file_is_missing_is_a_json_410(api, job_response):
    job = DecisionAidJob.objects.get()
    services.aid_job_render(job_id=job.pk)
    job.refresh_from_db()
    job.pdf.storage.delete(job.pdf.name)

    response = api.get(f"{job_response['Location']}pdf/", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 410
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": services.MSG_FILE_MISSING,
        "code": "gone",
        "errors": [],
    }
