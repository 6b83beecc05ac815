"""No error page shows patient data, DEBUG or not; the plain pages say what happened."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import CaseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.error_urls")]
FAMILY_NAME = "Quintanilla-Oyelaran"
POSTED_DIAGNOSIS = "refractory-ph-like-secret"


@pytest.fixture
def signed_in(member) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(member)
    return client


@pytest.fixture
def case(program):
    return CaseFactory(program=program, family_name=FAMILY_NAME)


def patient_data(text: str, case) -> list[str]:  # noqa: ANN001
    values = [
        FAMILY_NAME,
        POSTED_DIAGNOSIS,
        case.birth_date.isoformat(),
        repr(case.birth_date),
        "datetime.date(2003",
        "April 10, 2003",
        "Apr. 10, 2003",
    ]
    return [value for value in values if value in text]


@pytest.mark.parametrize("accept", ["text/html", "text/plain"])
def test_the_debug_page_of_make_run_shows_no_patient_data(
    signed_in, case, settings, accept
):
    settings.DEBUG = True

    response = signed_in.post(
        f"/test-error/?pk={case.pk}&name={FAMILY_NAME}",
        {"diagnosis": POSTED_DIAGNOSIS, "birth_date": case.birth_date.isoformat()},
        HTTP_ACCEPT=accept,
    )

    text = response.content.decode()
    assert response.status_code == 500
    assert "ValueError" in text  # still the developer's page: type and traceback
    assert "fail_holding_a_case" in text
    assert patient_data(text, case) == []


def test_without_the_filter_the_debug_page_would_show_it(signed_in, case, settings):
    """The test above can fail: Django's own reporter shows the data."""
    settings.DEBUG = True
    settings.DEFAULT_EXCEPTION_REPORTER = "django.views.debug.ExceptionReporter"
    settings.DEFAULT_EXCEPTION_REPORTER_FILTER = (
        "django.views.debug.SafeExceptionReporterFilter"
    )

    response = signed_in.post(
        f"/test-error/?pk={case.pk}", {"diagnosis": POSTED_DIAGNOSIS}
    )

    assert FAMILY_NAME in response.content.decode()


def test_local_settings_use_the_safe_reporter():
    from tests.test_settings import settings_in_subprocess

    out = settings_in_subprocess(
        "config.settings.local",
        {},
        "s.DEBUG, s.DEFAULT_EXCEPTION_REPORTER, s.DEFAULT_EXCEPTION_REPORTER_FILTER",
    )
    assert out == (
        "True config.security.error_reports.PhiSafeExceptionReporter "
        "config.security.error_reports.PhiSafeExceptionReporterFilter"
    )


def test_the_plain_500_page_says_nothing_of_the_error(signed_in, case):
    response = signed_in.get(f"/test-error/?pk={case.pk}")

    text = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in text
    assert "ValueError" not in text
    assert patient_data(text, case) == []


def test_the_plain_404_and_403_pages(signed_in):
    missing = signed_in.get("/cases/999999/")
    refused = signed_in.get("/test-refused/")

    assert missing.status_code == 404
    assert "<h1>Not found</h1>" in missing.content.decode()
    assert refused.status_code == 403
    assert "<h1>Not allowed</h1>" in refused.content.decode()


def test_the_plain_csrf_page(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = client.post("/cases/", {"q": "x"})

    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
