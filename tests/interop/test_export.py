"""FHIR export of stored cases: the API operation, the command, the audit."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from interop.fhir import bundle_from_document
from interop.selectors import case_fhir_bundle
from patients.models import AuditEntry, Case
from patients.services import case_import
from recommendations.selectors import evaluate_document
from tests.api.test_schemathesis import served_schema
from tests.conftest import REPO_ROOT, vignette_case
from tests.factories import EventFactory
from tests.interop.fhir_checks import assert_valid_bundle, resources

VIGNETTES = REPO_ROOT / "patients" / "domain" / "vignettes"


def fhir_url(case: Case) -> str:
    return f"/api/v1/cases/{case.pk}/fhir/"


@pytest.fixture
def stored(program, member) -> Case:
    case_import(
        payload=vignette_case("remission_after_ino_hsct_planned.json"),
        program=program,
        actor=member,
    )
    return Case.objects.get(program=program, case_id="PUB-004")


@pytest.mark.django_db
def test_a_stored_case_and_its_document_give_the_same_bundle(stored):
    """One mapping: the registry's case and the case file export alike."""
    document = vignette_case("remission_after_ino_hsct_planned.json")
    as_of = dt.date(2026, 11, 1)
    generated = timezone.now()

    from_registry = case_fhir_bundle(case=stored, as_of=as_of, generated_at=generated)
    from_document = bundle_from_document(
        document,
        evaluation=evaluate_document(document=document, as_of=as_of),
        generated_at=generated,
        program="north",
    )

    # The registry keeps the timeline in date order; the ids name each item by
    # what it is, so the same resources come out with the same ids.
    assert by_url(from_registry) == by_url(from_document)


def by_url(bundle: dict) -> dict:
    return {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]}


def test_the_api_returns_a_valid_bundle_and_audits_the_read(api, member, stored):
    response = api.get(fhir_url(stored))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    bundle = json.loads(response.content)
    assert_valid_bundle(bundle)
    entry = AuditEntry.objects.filter(action="exported").get()
    assert (entry.actor, entry.case, entry.detail) == (
        member,
        stored,
        {"via": "api", "format": "fhir-r4"},
    )


def test_the_api_speaks_fhir_json_when_asked(api, stored):
    response = api.get(fhir_url(stored), HTTP_ACCEPT="application/fhir+json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
    assert json.loads(response.content)["resourceType"] == "Bundle"


def test_errors_stay_json_when_fhir_json_was_asked_for(api, db):
    response = api.get(
        "/api/v1/cases/424242/fhir/", HTTP_ACCEPT="application/fhir+json"
    )

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_another_programs_case_is_a_404_and_nothing_is_audited(outsider_api, stored):
    response = outsider_api.get(fhir_url(stored))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="exported").exists()


def test_the_export_evaluates_as_of_today(api, stored):
    bundle = api.get(fhir_url(stored)).json()

    group = resources(bundle, "RequestGroup")[0]
    assert group["authoredOn"] == timezone.localdate().isoformat()


def test_the_export_reads_a_fixed_number_of_queries(
    api, stored, django_assert_max_num_queries
):
    """Auth, case, timeline (three), rule wording, audit: not one per event."""
    api.get(fhir_url(stored))  # warm the token's cached user lookups
    for day in range(1, 21):
        EventFactory(case=stored, type="chemotherapy", date=dt.date(2026, 9, day))

    with django_assert_max_num_queries(12) as captured:
        response = api.get(fhir_url(stored))

    assert response.status_code == 200
    assert len(resources(response.json(), "MedicationAdministration")) == 21
    assert len(captured) <= 12


def test_the_operation_is_in_the_openapi_schema():
    operation = served_schema()["paths"]["/api/v1/cases/{id}/fhir/"]["get"]

    assert operation["operationId"] == "case_fhir"
    assert set(operation["responses"]["200"]["content"]) == {
        "application/json",
        "application/fhir+json",
    }


# ---------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------


def test_the_command_exports_a_case_file_without_a_database(tmp_path):
    """No database mark: any query would fail this test."""
    out = tmp_path / "bundle.json"

    call_command(
        "export_fhir",
        case_file=VIGNETTES / "t_all_relapse.json",
        out=out,
        stderr=StringIO(),
    )

    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert_valid_bundle(bundle)
    group = resources(bundle, "RequestGroup")[0]
    assert group["authoredOn"] == "2026-11-01"  # the document's evaluation date
    codes = [a["title"] for s in group["action"] for a in s["action"]]
    assert "RR-T-NELARABINE" in codes


def test_an_invalid_case_file_is_refused_with_every_problem(tmp_path):
    document = vignette_case("t_all_relapse.json")
    document["diagnosis"]["date"] = "2030-01-01"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError, match="not valid: 2 problem"):
        call_command("export_fhir", case_file=path, stderr=err)

    assert "$.diagnosis.date: This date is after the evaluation date" in err.getvalue()
    assert "$.disease.latest_relapse_date: The relapse date is before" in err.getvalue()


@pytest.mark.django_db
def test_the_command_exports_a_stored_case_and_audits_it(stored, member, tmp_path):
    out = tmp_path / "bundle.json"

    call_command(
        "export_fhir",
        "PUB-004",
        program="north",
        as_user="coordinator1",
        as_of=dt.date(2026, 11, 1),
        out=out,
        stderr=StringIO(),
    )

    assert_valid_bundle(json.loads(out.read_text(encoding="utf-8")))
    entry = AuditEntry.objects.filter(action="exported").get()
    assert (entry.actor, entry.detail["via"]) == (member, "command")


@pytest.mark.django_db
def test_the_command_names_a_missing_case(stored):
    with pytest.raises(CommandError, match="No case with case_id 'NOPE' in north"):
        call_command("export_fhir", "NOPE", program="north")


def test_the_command_wants_a_case_or_a_file_not_both():
    with pytest.raises(CommandError, match="Name a CASE_ID, or give --case-file"):
        call_command("export_fhir")
