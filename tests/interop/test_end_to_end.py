"""The issue's end-to-end case: ten cases in the template, previewed, imported, and
each exported as a valid FHIR bundle. Runs on both backends with the suite."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from interop.sheets.compare import canonical
from patients import demo
from patients.documents import case_to_document
from patients.models import Case
from tests.factories import UserFactory
from tests.interop.fhir_checks import assert_valid_bundle, resources
from tests.interop.sheet_builder import filled_template

pytestmark = pytest.mark.django_db
TEN_CASES = demo.demo_documents()[:10]


def sorted_timeline(document: dict) -> dict:
    return document | {
        member: sorted(document[member], key=lambda item: sorted(item.items()))
        for member in ("events", "referrals")
    }


def test_ten_cases_from_the_template_are_imported_and_export_as_fhir(program):
    # given a coordinator and the template filled in with ten cases and timelines
    user = UserFactory(username="coordinator-e2e", programs=[program])
    user.groups.add(Group.objects.get_or_create(name="coordinator")[0])
    client = Client()
    client.force_login(user)
    assert len(TEN_CASES) == 10
    assert sum(len(d["events"]) for d in TEN_CASES) >= 10
    workbook = SimpleUploadedFile("our-cases.xlsx", filled_template(TEN_CASES))

    # when they preview it
    preview = client.post("/import/", {"program": program.pk, "files": [workbook]})

    # then ten new cases and no problem are shown, and nothing is written yet
    page = preview.content.decode()
    assert 'id="count-new">10<' in page
    assert 'id="count-problems">0<' in page
    assert not Case.objects.exists()

    # when they click import
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    assert client.post("/import/commit/", {"token": token}).status_code == 302

    # then every case is in the registry as the sheet says
    assert Case.objects.filter(program=program).count() == 10
    for document in TEN_CASES:
        stored = Case.objects.get(program=program, case_id=document["case_id"])
        assert sorted_timeline(case_to_document(stored)) == sorted_timeline(
            canonical(document)
        )
        # and each exports as a valid FHIR bundle carrying its timeline
        response = client.get(f"/api/v1/cases/{stored.pk}/fhir/")
        assert response.status_code == 200
        bundle = json.loads(response.content)
        assert_valid_bundle(bundle)
        patient = resources(bundle, "Patient")[0]
        assert patient["identifier"][0]["value"] == document["case_id"]
        assert len(resources(bundle, "ServiceRequest")) == len(document["referrals"])

    # and importing the same file again changes nothing
    again = client.post(
        "/import/",
        {
            "program": program.pk,
            "files": [SimpleUploadedFile("again.xlsx", filled_template(TEN_CASES))],
        },
    ).content.decode()
    assert 'id="count-unchanged">10<' in again
    assert 'name="token"' not in again
