"""The OpenAPI schema: generated without warnings, valid, served, documented here."""

from __future__ import annotations

import json

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from jsonschema import Draft4Validator
from rest_framework.test import APIClient

from patients import documents
from tests.api.test_schemathesis import served_schema

ERROR_CODES_EVERYWHERE = {"401", "403", "404", "406", "429"}


def test_schema_generation_passes_fail_on_warn_and_validation(tmp_path):
    """The same check as `manage.py spectacular --fail-on-warn --validate` in CI."""
    target = tmp_path / "schema.json"

    call_command(
        "spectacular",
        "--fail-on-warn",
        "--validate",
        "--format",
        "openapi-json",
        "--file",
        str(target),
    )

    assert json.loads(target.read_text())["openapi"].startswith("3.0")


def test_the_served_schema_needs_credentials(anonymous, db):
    response = anonymous.get("/api/v1/schema/")

    assert response.status_code == 401
    assert json.loads(response.content)["code"] == "not_authenticated"


def test_the_served_schema_is_the_generated_one(api):
    response = api.get("/api/v1/schema/")

    assert response.status_code == 200
    assert json.loads(response.content) == served_schema()


def _operations():  # noqa: ANN202
    for path, item in served_schema()["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


@pytest.mark.parametrize(("label", "operation"), list(_operations()))
def test_every_operation_documents_its_errors_as_json(label, operation):
    responses = operation["responses"]
    errors = {code: r for code, r in responses.items() if code >= "400"}

    assert set(errors) >= ERROR_CODES_EVERYWHERE
    if "requestBody" in operation:
        assert {"400", "413", "415"} <= set(errors)
    for response in errors.values():
        assert list(response["content"]) == ["application/json"]


def test_the_case_document_component_is_case_schema_json(db):
    component = served_schema()["components"]["schemas"]["CaseDocument"]
    source = documents.case_schema()

    assert set(component["properties"]) == set(source["properties"])
    assert component["required"] == source["required"]
    assert component["additionalProperties"] is False
    weight = component["properties"]["weight_kg"]
    assert (weight["minimum"], weight["exclusiveMinimum"]) == (0, True)


def test_the_case_documents_if_then_rules_survive_the_translation(db):
    """OpenAPI 3.0 has no if/then: the component says the same with anyOf and not."""
    component = served_schema()["components"]["schemas"]["CaseDocument"]
    referral = Draft4Validator(component["properties"]["referrals"]["items"])
    event = Draft4Validator(component["properties"]["events"]["items"])

    assert not referral.is_valid({"kind": "fertility", "status": "completed"})
    assert referral.is_valid(
        {"kind": "fertility", "status": "completed", "date": "2026-10-01"}
    )
    assert referral.is_valid({"kind": "fertility", "status": "needed"})
    assert not event.is_valid({"type": "workup", "date": "2026-10-01"})
    assert event.is_valid(
        {"type": "workup", "date": "2026-10-01", "test": "hla_typing"}
    )
    assert event.is_valid({"type": "relapse", "date": "2026-10-01"})


def test_free_text_in_requests_refuses_nul_in_the_schema_too():
    schemas = served_schema()["components"]["schemas"]

    assert schemas["CaseDocumentRequest"]["properties"]["given_name"]["pattern"] == (
        "^[^\\u0000]*$"
    )
    assert schemas["EventInputRequest"]["properties"]["note"]["pattern"] == (
        "^[^\\u0000]*$"
    )
    assert schemas["EventInputRequest"]["additionalProperties"] is False


def test_the_docs_page_uses_assets_served_here_not_a_cdn(member):
    client = APIClient()
    client.force_login(member)

    response = client.get("/api/v1/docs/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn." not in page
    assert "unpkg" not in page
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


def test_the_docs_page_sends_anonymous_visitors_to_sign_in(anonymous, db):
    response = anonymous.get("/api/v1/docs/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
