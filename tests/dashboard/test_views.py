"""The dashboard pages: numbers that match the cases behind them, access, audit."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from patients.models import AuditEntry
from tests.dashboard.conftest import TODAY, member_with
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db
PERIOD = {"program": "dash", "from": "2026-01", "to": "2026-11"}
RATIO_MEASURES = (
    "fertility",
    "social-work",
    "mental-health",
    "palliative",
    "workup",
    "decision-aid",
)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


@pytest.fixture
def signed_in(client, coordinator, cases):
    client.force_login(coordinator)
    return client


def numbers(page: str) -> dict[str, tuple[str, str]]:
    """measure id → (shown value, link) from the dashboard's number links."""
    return {
        m["id"]: (m["value"], m["href"].replace("&amp;", "&"))
        for m in re.finditer(
            r'<a href="(?P<href>[^"]+)" data-measure="(?P<id>[^"]+)" '
            r'data-value="(?P<value>[^"]+)"',
            page,
        )
    }


def rows(page: str, outcome: str) -> list[str]:
    table = re.search(
        rf'<table class="dash-cases" data-outcome="{outcome}">(.*?)</table>',
        page,
        re.S,
    )
    return re.findall(r'<tr data-case="([^"]+)"', table[1]) if table else []


def test_the_dashboard_shows_every_measure_with_a_chart_and_a_table(signed_in):
    response = signed_in.get("/dashboard/", PERIOD)
    page = response.content.decode()

    assert response.status_code == 200
    shown = numbers(page)
    assert shown["fertility"][0] == "1/3"
    assert shown["social-work"][0] == "1/5"
    assert shown["mental-health"][0] == "1/5"
    assert shown["palliative"][0] == "1/2"
    assert shown["workup"][0] == "1/3"
    assert shown["decision-aid"][0] == "1/3"
    assert shown["days-to-decision"][0] == "5"
    assert page.count('role="img"') == 7
    assert page.count("<desc id=") == 7
    assert page.count('<table class="dash-table">') == 7
    assert "July 2026: 25% (1 of 4)" in page  # mental health, in the description


def test_each_number_links_to_exactly_the_cases_behind_it(signed_in):
    shown = numbers(signed_in.get("/dashboard/", PERIOD).content.decode())
    for measure in RATIO_MEASURES:
        value, href = shown[measure]
        met, denominator = (int(n) for n in value.split("/"))

        page = signed_in.get(href).content.decode()

        assert len(rows(page, "met")) == met, measure
        assert len(rows(page, "met")) + len(rows(page, "not_met")) == denominator
    page = signed_in.get(shown["fertility"][1]).content.decode()
    assert rows(page, "met") == ["CASE-A"]
    assert sorted(rows(page, "not_met")) == ["CASE-B", "CASE-D"]
    assert sorted(rows(page, "pending")) == ["CASE-C", "CASE-D", "CASE-E"]


def test_the_median_links_to_the_relapses_and_their_days(signed_in):
    _, href = numbers(signed_in.get("/dashboard/", PERIOD).content.decode())[
        "days-to-decision"
    ]
    page = signed_in.get(href).content.decode()
    assert sorted(rows(page, "met")) == ["CASE-A", "CASE-B", "CASE-D"]
    assert "Median 5 days over 3 relapses." in page


def test_a_month_of_a_chart_lists_that_months_cases(signed_in):
    page = signed_in.get(
        "/dashboard/measure/mental-health/", {**PERIOD, "month": "2026-07"}
    ).content.decode()
    assert rows(page, "met") == ["CASE-B"]
    assert rows(page, "insufficient") == ["CASE-A"]
    assert "1 of 4 (25%)" in page
    assert "July 2026" in page


def test_a_month_outside_the_period_or_an_unknown_measure_is_a_404(signed_in):
    assert (
        signed_in.get(
            "/dashboard/measure/fertility/", {**PERIOD, "month": "2025-01"}
        ).status_code
        == 404
    )
    assert signed_in.get("/dashboard/measure/nothing/", PERIOD).status_code == 404


def test_a_bad_period_is_said_in_words_and_the_default_is_shown(signed_in):
    response = signed_in.get("/dashboard/", {"program": "dash", "from": "March"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "is not a month; write it as year-month" in page


def test_a_clinician_of_the_program_sees_no_dashboard_and_no_link(client, program):
    clinician = member_with(program, "clinician")
    client.force_login(clinician)
    assert client.get("/dashboard/", PERIOD).status_code == 404
    assert client.get("/dashboard/measure/fertility/", PERIOD).status_code == 404
    assert 'href="/dashboard/"' not in client.get("/").content.decode()


def test_a_coordinator_of_another_program_sees_nothing_of_this_one(client, cases):
    other = ProgramFactory(slug="elsewhere", name="Elsewhere AYA Program")
    outsider = member_with(other, "coordinator", "clinician")
    client.force_login(outsider)

    assert client.get("/dashboard/", PERIOD).status_code == 404
    assert client.get("/dashboard/measure/workup/", PERIOD).status_code == 404
    own = client.get("/dashboard/").content.decode()
    assert "Elsewhere AYA Program" in own
    assert "CASE-A" not in own
    listed = client.get("/dashboard/measure/workup/").content.decode()
    assert "PatientA" not in listed


def test_program_admins_and_coordinators_get_the_nav_link(client, program):
    admin = member_with(program, "program_admin")
    client.force_login(admin)
    page = client.get("/").content.decode()
    assert re.search(r'<a href="/dashboard/"[^>]*>Dashboard</a>', page)
    assert client.get("/dashboard/").status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client, cases):
    response = client.get("/dashboard/", PERIOD)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_each_page_is_audited_once_with_the_cases_it_shows(signed_in, cases):
    before = AuditEntry.objects.count()

    signed_in.get("/dashboard/measure/fertility/", PERIOD)

    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.action == AuditEntry.Action.VIEWED_LIST
    assert entry.target == "dashboard_measure"
    assert entry.program.slug == "dash"
    assert entry.detail["measure"] == "fertility"
    assert sorted(entry.shown_case_pks) == sorted(
        cases[letter].pk for letter in "ABCDE"
    )
    assert "Patient" not in str(entry.detail)

    signed_in.get("/dashboard/", PERIOD)
    assert AuditEntry.objects.count() == before + 2


def test_the_charts_print(signed_in):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("dashboard/dashboard.css")).read_text(encoding="utf-8")
    assert "@media print" in css
    assert ".dash-filters" in css.split("@media print")[1]
