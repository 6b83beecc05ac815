"""The program dashboard, library, search, favicon and API docs in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, assert_accessible, sign_in
from tests.dashboard.conftest import known_cases, member_with
from tests.factories import CaseFactory, ProgramFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator():  # noqa: ANN201
    program = ProgramFactory(name="Dashboard AYA Program", slug="dash")
    known_cases(program)
    CaseFactory(
        program=program, case_id="MRN-7781", given_name="Inés", family_name="Cárdenas"
    )
    user = member_with(program, "coordinator", username="coord")
    user.set_password(PASSWORD)
    user.save()
    return user


def case_rows(page, outcome: str) -> list[str]:  # noqa: ANN001
    table = page.locator(f'table.dash-cases[data-outcome="{outcome}"] tbody tr')
    return [table.nth(i).get_attribute("data-case") for i in range(table.count())]


@pytest.mark.parametrize("width", [1280, 768])
def test_the_dashboard_numbers_list_the_cases_behind_them(page, coordinator, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "coord")
    # given a coordinator on the dashboard, choosing a period
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_label("From (month)").fill("2026-01")
    page.get_by_label("To (month)").fill("2026-11")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"from=2026-01"))
    expect(page.get_by_role("heading", name="Program dashboard")).to_be_visible()
    expect(page.locator("figure.dash-chart svg[role=img]")).to_have_count(7)
    assert_accessible(page, "dashboard")
    # when they follow the fertility number
    number = page.locator('a[data-measure="fertility"]')
    met, denominator = (int(n) for n in number.get_attribute("data-value").split("/"))
    number.click()
    # then the page lists exactly the cases in its numerator and denominator
    # (the measure's own page: the dashboard has a level-2 heading of that name)
    fertility = page.get_by_role(
        "heading", level=1, name=re.compile("Fertility addressed")
    )
    expect(fertility).to_be_visible()
    assert case_rows(page, "met") == ["CASE-A"]
    assert len(case_rows(page, "met")) == met
    assert len(case_rows(page, "met") + case_rows(page, "not_met")) == denominator
    assert_accessible(page, "dashboard-measure")
    page.get_by_role("link", name="Program dashboard").click()
    assert "from=2026-01" in page.url


def test_the_dashboard_prints_its_charts_without_the_controls(page, coordinator):
    sign_in(page, "coord")
    page.goto(f"{page.base}/dashboard/?from=2026-01&to=2026-11")
    page.emulate_media(media="print")
    assert not page.locator("form.dash-filters").is_visible()
    assert page.locator("figure.dash-chart svg").first.is_visible()
    assert page.pdf(format="Letter")[:4] == b"%PDF"


def test_search_library_favicon_and_the_way_back_from_the_api_docs(page, coordinator):
    sign_in(page, "coord")
    # an accent-free search finds an accented name
    page.get_by_role("link", name="Cases").click()
    page.get_by_label("Name or identifier").fill("ines cardenas")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("tbody tr")).to_have_count(1)  # the filtered list
    expect(page.get_by_role("link", name=re.compile("Inés Cárdenas"))).to_have_count(1)
    # the library filters in the address and keeps its anchors
    page.get_by_role("link", name="Guideline library").click()
    page.get_by_label("Search the library").fill("fértility")
    page.get_by_label("Source").select_option("ASH-FL-2026")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"q=f%C3%A9rtility|q=f%c3%a9rtility"))
    assert page.locator("article.rec").count() == 1
    assert page.locator("#PSY-FERTILITY").is_visible()
    assert_accessible(page, "guideline-library-filtered")
    page.goto(f"{page.base}/guideline/#RR-T-NELARABINE")
    assert page.locator("#RR-T-NELARABINE").is_visible()
    # the favicon is real, and the API docs lead back to the app
    assert page.request.get(f"{page.base}/favicon.ico").status == 200
    page.goto(f"{page.base}/api/v1/docs/")
    page.get_by_role("link", name="Back to the registry").click()
    page.wait_for_url(f"{page.base}/")
