"""The import pages: upload, preview, import click, templates; nothing leaks."""

from __future__ import annotations

import logging
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from interop import errors, forms
from interop.models import PendingSheet
from patients.models import AuditEntry, Case
from tests.conftest import vignette_case
from tests.factories import ProgramFactory, UserFactory
from tests.interop.sheet_builder import rows_for, xlsx

pytestmark = pytest.mark.django_db
UPLOAD = "/import/"
COMMIT = "/import/commit/"


@pytest.fixture
def coordinator(program):
    user = UserFactory(username="coordinator3", programs=[program])
    user.groups.add(Group.objects.get_or_create(name="coordinator")[0])
    return user


@pytest.fixture
def client(coordinator) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


def workbook(*names: str) -> SimpleUploadedFile:
    documents = [vignette_case(name) for name in names]
    return SimpleUploadedFile(
        "Cases of Maya Okafor.xlsx",
        xlsx(rows_for(documents)),
        content_type="application/octet-stream",
    )


def post_upload(client, program, *files):  # noqa: ANN001, ANN201
    return client.post(UPLOAD, {"program": program.pk, "files": list(files)})


def test_the_urls_are_the_documented_ones():
    assert reverse("sheet-upload") == UPLOAD
    assert reverse("sheet-import") == COMMIT


def test_the_upload_page_offers_my_programs_and_the_templates(client, program):
    ProgramFactory(name="Not Mine", slug="not-mine")

    page = client.get(UPLOAD).content.decode()

    assert "North AYA Program" in page
    assert "Not Mine" not in page
    assert 'href="/import/template.xlsx"' in page
    assert 'href="/import/template-csv.zip"' in page
    assert '<label for="id_files">Spreadsheet</label>' in page


def test_a_member_without_edit_permissions_is_told_so(program):
    reader = UserFactory(username="reader2", programs=[program])
    client = Client()
    client.force_login(reader)

    page = client.get(UPLOAD).content.decode()

    assert "You cannot import cases into any of your programs." in page
    assert "<form" not in page.split("<main", 1)[1]


def test_the_templates_download_as_files(client):
    xlsx_response = client.get("/import/template.xlsx")
    csv_response = client.get("/import/template-csv.zip")

    assert xlsx_response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert xlsx_response.content[:4] == b"PK\x03\x04"
    assert 'filename="aya-cases-template.xlsx"' in xlsx_response["Content-Disposition"]
    assert csv_response["Content-Type"] == "application/zip"


def test_upload_preview_and_import(client, program, coordinator):
    preview = post_upload(client, program, workbook("b_first_relapse_cd19_cd22.json"))

    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Nothing has been imported yet" in page
    assert 'id="count-new">1<' in page
    assert not Case.objects.exists()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    assert PendingSheet.objects.get().token == token

    done = client.post(COMMIT, {"token": token})

    assert done.status_code == 302
    assert done["Location"] == UPLOAD
    assert Case.objects.get().case_id == "PUB-001"
    message = client.get(UPLOAD).content.decode()
    assert (
        "Imported into North AYA Program: 1 new case(s), 0 updated, 0 unchanged."
        in message
    )


def test_problems_are_shown_by_sheet_row_and_column_and_nothing_is_kept(
    client, program
):
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document["diagnosis"]["date"] = "2030-01-01"
    bad = SimpleUploadedFile("c.xlsx", xlsx(rows_for([document])))

    page = post_upload(client, program, bad).content.decode()

    assert "Problems to fix before importing (2)" in page
    assert (
        "<td>cases</td><td>2</td><td>J (diagnosis_date)</td><td>This date is after "
        "the evaluation date (2026-11-01); facts cannot describe the future.</td>"
    ) in page
    assert "Has problems" in page
    assert 'name="token"' not in page
    assert not PendingSheet.objects.exists()


def test_a_refused_file_is_an_error_on_the_field(client, program):
    response = post_upload(
        client, program, SimpleUploadedFile("x.pdf", b"%PDF-1.4 ...")
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'aria-describedby="id_files_helptext id_files_error"' in page
    assert 'aria-invalid="true"' in page
    assert '<ul class="errorlist" id="id_files_error"><li>' in page
    assert errors.MSG_NOT_A_SPREADSHEET_KIND.format(kind="a PDF document") in page


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    client, program, settings
):
    settings.AYA_SHEET_MAX_BYTES = 1000

    response = post_upload(client, program, workbook("t_all_relapse.json"))

    assert response.status_code == 400
    assert "the largest accepted is 1000" in response.content.decode()
    assert not PendingSheet.objects.exists()
    assert forms.MSG_TOO_LARGE.startswith("The files are")


def test_a_program_that_is_not_mine_cannot_be_chosen(client, program):
    other = ProgramFactory(name="South", slug="south")

    response = post_upload(client, other, workbook("t_all_relapse.json"))

    assert response.status_code == 400
    assert not AuditEntry.objects.filter(target="sheet-preview").exists()


def test_no_identifier_or_token_goes_in_a_url_or_a_log(client, program, caplog):
    caplog.set_level(logging.DEBUG)

    page = post_upload(client, program, workbook("b_first_relapse_cd19_cd22.json"))
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    done = client.post(COMMIT, {"token": token})

    assert "PUB-001" not in done["Location"]
    assert token not in done["Location"]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in ("PUB-001", "Maya", "Okafor", token, "2003-04-10"):
        assert secret not in logged


def test_an_unknown_or_someone_elses_token_imports_nothing(client, program):
    response = client.post(COMMIT, {"token": "made-up"}, follow=True)

    assert errors.MSG_EXPIRED.format(minutes=30) in response.content.decode()
    assert not Case.objects.exists()


def test_the_import_page_refuses_get(client):
    assert client.get(COMMIT).status_code == 405


def test_the_csv_files_can_be_uploaded_together(client, program):
    from tests.interop.sheet_builder import csv_bytes

    sheets = rows_for([vignette_case("remission_after_ino_hsct_planned.json")])
    files = [
        SimpleUploadedFile(f"{name}.csv", csv_bytes(rows, delimiter=";", bom=True))
        for name, rows in sheets.items()
    ]

    page = post_upload(client, program, *files).content.decode()

    assert 'id="count-new">1<' in page
    assert "2 events, 3 referrals" in page


def test_the_nav_links_to_the_import_page(client):
    page = client.get("/").content.decode()

    assert '<a href="/import/"' in page
