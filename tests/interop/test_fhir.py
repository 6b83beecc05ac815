"""The FHIR mapping: valid R4B bundles for every vignette and demo case, and content."""

from __future__ import annotations

import datetime as dt

import pytest

from interop.fhir import bundle_from_document
from patients import demo
from recommendations import engine
from recommendations.selectors import evaluate_document
from tests.conftest import VIGNETTE_FILES, vignette_case
from tests.interop.fhir_checks import assert_valid_bundle, resources

GENERATED = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
DEMO_DOCUMENTS = demo.demo_documents()


def export(document: dict, **kwargs) -> dict:
    return bundle_from_document(
        document,
        evaluation=evaluate_document(document=document),
        generated_at=GENERATED,
        **kwargs,
    )


def by_text(bundle: dict, kind: str, text: str) -> list[dict]:
    return [r for r in resources(bundle, kind) if text in r["code"].get("text", "")]


def codes_of(concept: dict) -> set[str]:
    return {coding["code"] for coding in concept.get("coding", [])}


def test_there_are_vignettes_and_demo_cases_to_check():
    assert len(VIGNETTE_FILES) >= 6
    assert len(DEMO_DOCUMENTS) >= 30


@pytest.mark.parametrize("path", VIGNETTE_FILES, ids=lambda p: p.stem)
def test_every_vignette_exports_as_a_valid_bundle(path):
    bundle = export(vignette_case(path.name), program="north")

    assert_valid_bundle(bundle)


@pytest.mark.parametrize(
    "document", DEMO_DOCUMENTS, ids=[d["case_id"] for d in DEMO_DOCUMENTS]
)
def test_every_demo_case_exports_as_a_valid_bundle(document):
    bundle = export(document, program="demo")

    assert_valid_bundle(bundle)


def test_exporting_twice_gives_the_same_bundle():
    document = vignette_case("remission_after_ino_hsct_planned.json")

    assert export(document) == export(document)


def test_the_patient_carries_the_program_scoped_identifier_and_language():
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document |= {"given_name": "Maya", "family_name": "Okafor"}
    document["preferred_language"] = "es"

    patient = resources(export(document, program="north"), "Patient")[0]

    assert patient["identifier"][0] == {
        "use": "usual",
        "type": {"text": "Program case identifier"},
        "value": "PUB-001",
        "system": "urn:aya-rr-all:program:north:case-id",
    }
    assert patient["name"] == [{"family": "Okafor", "given": ["Maya"]}]
    assert patient["birthDate"] == document["birth_date"]
    assert patient["communication"][0]["language"]["coding"][0]["code"] == "es"


@pytest.mark.parametrize(
    ("name", "lineage_code", "icd", "status"),
    [
        ("b_first_relapse_cd19_cd22.json", "277571004", "C91.02", "relapse"),
        ("t_all_relapse.json", "91857003", "C91.02", "relapse"),
        ("remission_after_ino_hsct_planned.json", "277571004", "C91.01", "remission"),
    ],
)
def test_the_condition_names_lineage_and_remission_or_relapse(
    name, lineage_code, icd, status
):
    condition = resources(export(vignette_case(name)), "Condition")[0]

    assert codes_of(condition["code"]) == {lineage_code, icd}
    assert condition["clinicalStatus"]["coding"][0]["code"] == status


def test_primary_refractory_disease_never_reached_remission():
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document["disease"] = {"state": "primary_refractory", "relapse_count": 0}

    bundle = export(document)

    condition = resources(bundle, "Condition")[0]
    assert "C91.00" in codes_of(condition["code"])
    assert condition["clinicalStatus"]["coding"][0]["code"] == "active"
    status = by_text(bundle, "Observation", "Cancer disease status")[0]
    # Refractory is no trend of the value set: words, no code.
    assert "coding" not in status["valueCodeableConcept"]


def test_disease_sites_are_body_sites():
    condition = resources(
        export(vignette_case("isolated_cns_relapse.json")), "Condition"
    )[0]

    assert [codes_of(site) for site in condition["bodySite"]] == [{"21483005"}]


def test_the_disease_status_uses_loinc_97509_4_and_the_mcode_trend():
    bundle = export(vignette_case("remission_after_ino_hsct_planned.json"))

    statuses = by_text(bundle, "Observation", "Cancer disease status")
    assert {codes_of(s["code"]).pop() for s in statuses} == {"97509-4"}
    values = {
        s["effectiveDateTime"]: codes_of(s["valueCodeableConcept"]) for s in statuses
    }
    # Today's status and the CR of 2026-09-25 both say "full remission".
    assert values == {
        "2026-11-01": {"550991000124107"},
        "2026-09-25": {"550991000124107"},
    }


def test_markers_are_positive_negative_or_unknown_never_guessed():
    bundle = export(vignette_case("ph_positive_t315i.json"))

    cd19, cd22, cd20 = (
        by_text(bundle, "Observation", f"{name} expression")[0]
        for name in ("CD19", "CD22", "CD20")
    )
    assert codes_of(cd19["valueCodeableConcept"]) == {"10828004"}
    assert codes_of(cd20["valueCodeableConcept"]) == {"260385009"}
    assert "valueCodeableConcept" not in cd22
    assert codes_of(cd22["dataAbsentReason"]) == {"unknown"}


def test_genomic_findings_follow_the_genomic_variant_shape():
    bundle = export(vignette_case("ph_positive_t315i.json"))

    variants = [
        r for r in resources(bundle, "Observation") if "69548-6" in codes_of(r["code"])
    ]
    by_name = {v["code"]["text"]: v for v in variants}
    assert set(by_name) == {
        "BCR::ABL1 fusion (Philadelphia chromosome)",
        "KMT2A rearrangement",
        "ABL1 kinase-domain mutation T315I",
    }
    fusion = by_name["BCR::ABL1 fusion (Philadelphia chromosome)"]
    assert codes_of(fusion["valueCodeableConcept"]) == {"LA9633-4"}
    assert codes_of(by_name["KMT2A rearrangement"]["valueCodeableConcept"]) == {
        "LA9634-2"
    }
    mutation = by_name["ABL1 kinase-domain mutation T315I"]
    change = [c for c in mutation["component"] if "48005-3" in codes_of(c["code"])]
    assert change[0]["valueCodeableConcept"]["text"] == "p.(Thr315Ile)"


def test_ecog_weight_and_facts_are_observations():
    document = vignette_case("remission_after_ino_hsct_planned.json")

    bundle = export(document)

    ecog = [
        r for r in resources(bundle, "Observation") if "89247-1" in codes_of(r["code"])
    ]
    weight = [
        r for r in resources(bundle, "Observation") if "29463-7" in codes_of(r["code"])
    ]
    assert ecog[0]["valueInteger"] == 1
    assert weight[0]["valueQuantity"] == {
        "value": 62,
        "unit": "kg",
        "system": "http://unitsofmeasure.org",
        "code": "kg",
    }
    facts = by_text(bundle, "Observation", "case facts")[0]
    words = {c["code"]["text"]: c for c in facts["component"]}
    assert words["Allogeneic HSCT planned"]["valueBoolean"] is True
    assert words["Fitness for intensive therapy"]["valueCodeableConcept"] == {
        "text": "fit"
    }


def test_therapies_are_medication_administrations_and_responses_carry_mrd():
    bundle = export(vignette_case("remission_after_ino_hsct_planned.json"))

    given = resources(bundle, "MedicationAdministration")
    assert len(given) == 1
    assert codes_of(given[0]["medicationCodeableConcept"]) == {"1942950"}
    assert given[0]["effectivePeriod"] == {"start": "2026-08-01", "end": "2026-09-20"}
    assert given[0]["status"] == "completed"
    assert given[0]["note"] == [{"text": "2 cycles"}]
    mrd = by_text(bundle, "Observation", "Measurable residual disease")[0]
    assert codes_of(mrd["valueCodeableConcept"]) == {"260385009"}


def test_transplant_car_t_radiotherapy_and_intrathecal_therapy_are_procedures():
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document["events"] = [
        {"type": "allo_hsct", "date": "2025-02-01", "donor": "cord"},
        {"type": "car_t", "date": "2025-09-01", "agent": "tisagenlecleucel"},
        {"type": "cranial_rt", "date": "2025-10-01", "end_date": "2025-10-20"},
        {"type": "it_chemotherapy", "date": "2026-10-22", "agent": "methotrexate"},
        {"type": "dli", "date": "2026-10-25"},
    ]

    bundle = export(document)

    procedures = resources(bundle, "Procedure")
    assert [codes_of(p["code"]) for p in procedures] == [
        {"234336002"},
        {"1156961008"},
        {"1217123003"},
        set(),
        set(),
    ]
    assert procedures[0]["note"] == [{"text": "Donor: cord blood"}]
    assert procedures[1]["usedCode"] == [{"text": "tisagenlecleucel"}]
    assert [p["status"] for p in procedures] == [
        "completed",
        "completed",
        "completed",
        # No end date for a course of intrathecal therapy: still running, perhaps.
        "unknown",
        "completed",
    ]
    assert_valid_bundle(bundle)


def test_referrals_are_service_requests_with_their_status_mapped():
    document = vignette_case("remission_after_ino_hsct_planned.json")
    document["referrals"] += [
        {"kind": "palliative_care", "status": "needed"},
        {"kind": "psychology", "status": "declined", "date": "2026-10-01"},
    ]

    requests = resources(export(document), "ServiceRequest")

    assert [(r["code"]["text"], r["status"], r["intent"]) for r in requests] == [
        ("Referral: Fertility counselling and preservation", "completed", "order"),
        ("Referral: Social work", "active", "order"),
        ("Referral: Mental health screening and support", "completed", "order"),
        ("Referral: Palliative care", "draft", "proposal"),
        ("Referral: Psychology", "revoked", "order"),
    ]
    assert requests[1]["authoredOn"] == "2026-07-20"
    assert requests[4]["note"] == [{"time": "2026-10-01", "text": "Status declined."}]


def test_the_evaluation_is_a_request_group_with_rule_ids_and_sources():
    document = vignette_case("ph_positive_t315i.json")
    evaluation = evaluate_document(document=document)

    bundle = bundle_from_document(
        document, evaluation=evaluation, generated_at=GENERATED
    )

    group = resources(bundle, "RequestGroup")[0]
    assert group["intent"] == "proposal"
    assert group["instantiatesUri"] == [
        f"urn:aya-rr-all:ruleset:{evaluation['ruleset_version']}"
    ]
    sections = {section["title"]: section["action"] for section in group["action"]}
    exported = {
        title: [action["code"][0]["coding"][0]["code"] for action in actions]
        for title, actions in sections.items()
    }
    assert exported["Recommendations"] == [
        item["id"] for item in evaluation["recommendations"]
    ]
    assert exported["Alerts"] == [item["id"] for item in evaluation["alerts"]]
    assert exported["Checks to do: insufficient data"] == [
        item["id"] for item in evaluation["insufficient_data"]
    ]
    for action in (a for actions in sections.values() for a in actions):
        rule = engine.RULES_BY_ID[action["title"]]
        assert [d["label"] for d in action["documentation"]] == list(rule.sources)
    tki = next(a for a in sections["Recommendations"] if a["title"] == "RR-PH-TKI")
    assert tki["description"] == next(
        r["statement"] for r in evaluation["recommendations"] if r["id"] == "RR-PH-TKI"
    )


def test_catalogue_2026_2_fields_are_mapped():
    """markers.tested_on, work-up events and a referral's appointment date."""
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document["markers"]["tested_on"] = "2026-10-21"
    document["events"] = [
        {
            "type": "workup",
            "date": "2026-10-22",
            "test": "lumbar_puncture",
            "result": "CSF negative",
        },
        {"type": "workup", "date": "2026-10-23", "test": "marrow_immunophenotype"},
    ]
    document["referrals"] = [
        {
            "kind": "fertility",
            "status": "scheduled",
            "date": "2026-10-25",
            "appointment_date": "2026-11-04",
        }
    ]

    bundle = bundle_from_document(
        document,
        evaluation={"ruleset_version": "test", "derived": {"relapse_count": 1}},
        generated_at=GENERATED,
    )

    assert_valid_bundle(bundle)
    cd19 = by_text(bundle, "Observation", "CD19 expression")[0]
    assert cd19["effectiveDateTime"] == "2026-10-21"
    lumbar, phenotype = by_text(bundle, "Observation", "Relapse work-up")
    assert lumbar["valueString"] == "CSF negative"
    assert codes_of(lumbar["method"]) == {"277762005"}
    assert codes_of(phenotype["code"]) == {"101119-6"}
    assert codes_of(phenotype["dataAbsentReason"]) == {"unknown"}
    scheduled = resources(bundle, "ServiceRequest")[0]
    assert scheduled["occurrenceDateTime"] == "2026-11-04"
