"""Spreadsheet import in a real browser: upload, preview, import; axe-core checks."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from patients import demo
from patients.models import Case
from tests.browser.conftest import PASSWORD, assert_accessible, sign_in
from tests.factories import ProgramFactory, UserFactory
from tests.interop.sheet_builder import filled_template

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator():  # noqa: ANN201
    program = ProgramFactory(name="Browser Import Program", slug="browser-import")
    user = UserFactory(username="importer", programs=[program])
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name="coordinator")[0])
    return program


def test_a_coordinator_previews_and_imports_ten_cases(page, coordinator, tmp_path):
    workbook = tmp_path / "our-cases.xlsx"
    workbook.write_bytes(filled_template(demo.demo_documents()[:10]))
    sign_in(page, "importer")
    # given the import page, reached from the navigation
    page.get_by_role("link", name="Import").click()
    assert_accessible(page, "import-upload")
    # when the coordinator uploads the filled-in template
    page.get_by_label("Program").select_option(label="Browser Import Program")
    page.get_by_label("Spreadsheet", exact=True).set_input_files(str(workbook))
    page.get_by_role("button", name="Preview the import").click()
    # then the preview lists ten new cases and nothing is written yet
    assert page.locator("#count-new").inner_text() == "10"
    expect(page.locator('tr.case-row[data-status="new"]')).to_have_count(10)
    assert "our-cases" not in page.url
    assert Case.objects.count() == 0
    assert_accessible(page, "import-preview")
    # when they click import, then every case is in the registry
    page.get_by_role("button", name="Import 10 cases").click()
    assert (
        "10 new case(s), 0 updated, 0 unchanged"
        in page.locator(".messages").inner_text()
    )
    assert Case.objects.count() == 10


def test_problems_are_listed_by_sheet_row_and_column(page, coordinator, tmp_path):
    documents = demo.demo_documents()[:2]
    documents[1]["birth_date"] = "2030-01-01"
    workbook = tmp_path / "with-problems.xlsx"
    workbook.write_bytes(filled_template(documents))
    sign_in(page, "importer")
    page.goto(f"{page.base}/import/")
    page.get_by_label("Spreadsheet", exact=True).set_input_files(str(workbook))
    page.get_by_role("button", name="Preview the import").click()
    rows = page.locator("tr.sheet-problem")
    expect(rows.first).to_be_visible()  # at least one, on the preview page
    assert "cases" in rows.first.inner_text()
    assert "3" in rows.first.inner_text()  # the second case's row
    assert page.get_by_role("button", name="Import").count() == 0
    assert_accessible(page, "import-problems")


def test_a_file_that_is_not_a_spreadsheet_is_an_error_on_its_field(
    page, coordinator, tmp_path
):
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.4 not a spreadsheet")
    sign_in(page, "importer")
    page.goto(f"{page.base}/import/")
    page.get_by_label("Spreadsheet", exact=True).set_input_files(str(notes))
    page.get_by_role("button", name="Preview the import").click()
    field = page.get_by_label("Spreadsheet", exact=True)
    assert field.get_attribute("aria-invalid") == "true"
    assert "not a spreadsheet" in page.locator("#id_files_error").inner_text()
    assert_accessible(page, "import-refused")
