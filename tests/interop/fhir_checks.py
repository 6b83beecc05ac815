"""Checks every exported bundle must pass: FHIR R4B models, references, bindings."""

from __future__ import annotations

from collections.abc import Iterator

from fhir.resources.R4B.bundle import Bundle

# Code systems an export may use: the four clinical terminologies, FHIR's own
# terminology, and the registry's URNs.
ALLOWED_SYSTEMS = {
    "http://snomed.info/sct",
    "http://loinc.org",
    "http://www.nlm.nih.gov/research/umls/rxnorm",
    "http://hl7.org/fhir/sid/icd-10-cm",
    "http://unitsofmeasure.org",
    "urn:ietf:bcp:47",
    "urn:aya-rr-all:catalogue",
}
FHIR_TERMINOLOGY = "http://terminology.hl7.org/CodeSystem/"

# Required bindings the models do not check (FHIR R4B value sets).
STATUS_CODES = {
    "Observation": {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    },
    "MedicationAdministration": {
        "in-progress",
        "not-done",
        "on-hold",
        "completed",
        "entered-in-error",
        "stopped",
        "unknown",
    },
    "Procedure": {
        "preparation",
        "in-progress",
        "not-done",
        "on-hold",
        "stopped",
        "completed",
        "entered-in-error",
        "unknown",
    },
    "ServiceRequest": {
        "draft",
        "active",
        "on-hold",
        "revoked",
        "completed",
        "entered-in-error",
        "unknown",
    },
    "RequestGroup": {
        "draft",
        "active",
        "on-hold",
        "revoked",
        "completed",
        "entered-in-error",
        "unknown",
    },
}
CLINICAL_STATUS = {
    "active",
    "recurrence",
    "relapse",
    "inactive",
    "remission",
    "resolved",
}


def walk(node: object, path: str = "") -> Iterator[tuple[str, object]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}[{index}]")


def references(bundle: dict) -> list[str]:
    return [
        node["reference"]
        for _, node in walk(bundle)
        if isinstance(node, dict) and "reference" in node
    ]


def resources(bundle: dict, kind: str) -> list[dict]:
    return [
        entry["resource"]
        for entry in bundle["entry"]
        if entry["resource"]["resourceType"] == kind
    ]


def assert_valid_bundle(bundle: dict) -> Bundle:
    """Validate with the R4B models, then what they leave to the reader."""
    model = Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(urls) == len(set(urls)), "duplicate fullUrl"
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
    found = references(bundle)
    assert found, "a bundle with no reference links nothing to its patient"
    unresolved = sorted(set(found) - set(urls))
    assert unresolved == [], f"references outside the bundle: {unresolved}"
    for path, node in walk(bundle):
        if isinstance(node, dict) and "system" in node and "code" in node:
            system = node["system"]
            assert system in ALLOWED_SYSTEMS or system.startswith(FHIR_TERMINOLOGY), (
                f"{path}: code system {system}"
            )
    for entry in bundle["entry"]:
        resource = entry["resource"]
        kind = resource["resourceType"]
        if kind in STATUS_CODES:
            assert resource["status"] in STATUS_CODES[kind], (kind, resource["status"])
        if kind == "Observation":
            # obs-6: dataAbsentReason only when there is no value.
            values = [name for name in resource if name.startswith("value")]
            assert not (values and "dataAbsentReason" in resource), resource
        if kind == "Condition":
            status = resource["clinicalStatus"]["coding"][0]["code"]
            assert status in CLINICAL_STATUS
        if kind != "Patient":
            assert "subject" in resource
    patients = resources(bundle, "Patient")
    assert len(patients) == 1
    return model
