"""The aid job page in a real browser: whose aid, one progress line, no overflow."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from decisionaids import services
from patients.services import case_import
from tests.browser.conftest import PASSWORD, WIDTHS, assert_accessible, sign_in
from tests.conftest import vignette_case
from tests.factories import ProgramFactory, UserFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ready_job():  # noqa: ANN201
    """A printed aid for a patient with a long name, rendered in this process."""
    program = ProgramFactory(name="Aid page program", slug="aid-page")
    user = UserFactory(username="dr-aid", programs=[program], is_staff=False)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(*Group.objects.filter(name__in=["clinician"]))
    document = vignette_case("isolated_cns_relapse.json")
    document["given_name"] = "Maximiliana-Guadalupe"
    document["case_id"] = "MRN-2026-000000000000000000042"
    case_import(payload=document, program=program, actor=user)
    case = program.cases.get()
    job = services.aid_job_request(
        case=case, aid_id="DA-CNS-RELAPSE", language="en", actor=user
    )
    services.aid_job_render(job_id=job.pk)
    return job


def test_the_job_page_names_the_patient_and_keeps_long_values_in_their_boxes(
    page, ready_job
):
    sign_in(page, "dr-aid")
    page.goto(f"{page.base}/aids/{ready_job.pk}/")

    who = page.locator("#aid-for").inner_text()
    assert "Maximiliana-Guadalupe" in who
    assert "MRN-2026-000000000000000000042" in who
    assert page.locator('[role="status"]').count() == 1
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('.aid-facts dd, #aid-for')]
                .filter(el => el.scrollWidth > el.clientWidth + 1
                    || el.getBoundingClientRect().right
                       > el.closest('main').getBoundingClientRect().right + 1)
                .map(el => el.textContent.slice(0, 40))"""
        )
        assert overflowing == [], f"at {width}px"
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= window.innerWidth"
        ), f"the page scrolls sideways at {width}px"
    assert_accessible(page, "aid-job-ready")
