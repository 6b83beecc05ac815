"""The patient, the leukaemia (Condition) and the case-level Observations.

Shaped after mCODE: CancerPatient, PrimaryCancerCondition, CancerDiseaseStatus,
TumorMarkerTest, GenomicVariant, ECOGPerformanceStatus. An ``unknown`` value stays
unknown: the Observation is kept, with ``dataAbsentReason`` instead of a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from interop.fhir import codes, words
from interop.fhir.codes import concept

if TYPE_CHECKING:
    from interop.fhir.bundle import BundleBuilder

LANGUAGES = {"en": "English", "es": "Spanish"}


def absent(reason: str = "unknown") -> dict:
    """``dataAbsentReason``: the fact was not recorded (or the test was not done)."""
    return {"coding": [codes.coding(codes.DATA_ABSENT_REASON, reason)]}


def category(code: str) -> list[dict]:
    return [{"coding": [codes.coding(codes.OBSERVATION_CATEGORY, code)]}]


def note(text: str | None) -> list[dict]:
    return [{"text": text}] if text else []


def patient(builder: BundleBuilder) -> dict:
    document = builder.document
    identifier = {
        "use": "usual",
        "type": {"text": "Program case identifier"},
        "value": document["case_id"],
    }
    if builder.program:
        identifier["system"] = codes.CASE_ID_SYSTEM.format(program=builder.program)
    resource: dict = {"resourceType": "Patient", "identifier": [identifier]}
    name = {}
    if document.get("family_name"):
        name["family"] = document["family_name"]
    if document.get("given_name"):
        name["given"] = [document["given_name"]]
    if name:
        resource["name"] = [name]
    # The document's sex values are FHIR's administrative-gender codes.
    if document.get("sex"):
        resource["gender"] = document["sex"]
    resource["birthDate"] = document["birth_date"]
    language = document.get("preferred_language", "en")
    resource["communication"] = [
        {
            "language": concept(
                LANGUAGES[language], codes.coding(codes.BCP47, language)
            ),
            "preferred": True,
        }
    ]
    return resource


def _condition_codes(document: Mapping, relapse_count: int | None) -> list[dict]:
    lineage = document["diagnosis"]["lineage"]
    disorder = codes.SCT_B_ALL if lineage == "B" else codes.SCT_ALL
    state = document["disease"]["state"]
    if state == "remission_after_relapse":
        icd = codes.ICD_ALL_IN_REMISSION
    elif state == "relapse" or (
        state == "progression_after_salvage" and (relapse_count or 0) > 0
    ):
        icd = codes.ICD_ALL_IN_RELAPSE
    else:
        # Primary refractory disease (and progression with no relapse) never
        # reached remission.
        icd = codes.ICD_ALL_NOT_IN_REMISSION
    return [disorder, icd]


def _clinical_status(state: str, relapse_count: int | None) -> str:
    if state == "remission_after_relapse":
        return "remission"
    if state == "relapse" or (relapse_count or 0) > 0:
        return "relapse"
    return "active"


def primary_condition(builder: BundleBuilder) -> dict:
    document = builder.document
    disease = document["disease"]
    relapse_count = builder.evaluation.get("derived", {}).get("relapse_count")
    lineage = words.LINEAGE[document["diagnosis"]["lineage"]]
    state = words.DISEASE_STATE[disease["state"]]
    resource: dict = {
        "resourceType": "Condition",
        "clinicalStatus": {
            "coding": [
                codes.coding(
                    codes.CONDITION_CLINICAL,
                    _clinical_status(disease["state"], relapse_count),
                )
            ]
        },
        "verificationStatus": {
            "coding": [codes.coding(codes.CONDITION_VERIFICATION, "confirmed")]
        },
        "category": [
            {"coding": [codes.coding(codes.CONDITION_CATEGORY, "problem-list-item")]}
        ],
        "code": concept(
            f"{lineage} acute lymphoblastic leukaemia, {state}",
            *_condition_codes(document, relapse_count),
        ),
        "subject": builder.patient,
        "onsetDateTime": document["diagnosis"]["date"],
        "stage": [{"summary": {"text": _stage_text(disease, relapse_count)}}],
    }
    sites = disease.get("sites")
    if sites:
        resource["bodySite"] = [
            concept(words.SITE[site], *filter(None, [codes.SITE_CODES.get(site)]))
            for site in sites
        ]
    regimen = document["diagnosis"].get("initial_regimen")
    if regimen:
        resource["note"] = note(f"Initial regimen: {regimen}")
    return resource


def _stage_text(disease: Mapping, relapse_count: int | None) -> str:
    parts = [words.DISEASE_STATE[disease["state"]].capitalize()]
    if relapse_count:
        parts.append(f"{words.ordinal(relapse_count)} relapse")
    if disease.get("latest_relapse_date"):
        parts.append(f"latest relapse {disease['latest_relapse_date']}")
    sites = disease.get("sites")
    if sites is not None:
        parts.append(
            "sites: " + (", ".join(words.SITE[s] for s in sites) or "none recorded")
        )
    return "; ".join(parts)


def add_observations(builder: BundleBuilder) -> None:
    document = builder.document
    evaluation_date = document["evaluation_date"]
    builder.add("status/current", current_status(builder))
    markers = document.get("markers", {})
    for marker in ("cd19", "cd22", "cd20"):
        builder.add(f"marker/{marker}", tumor_marker(builder, marker, markers))
    add_genomics(builder)
    fitness = document.get("fitness", {})
    if fitness.get("ecog") is not None:
        builder.add(
            "ecog",
            {
                "resourceType": "Observation",
                "status": "final",
                "code": concept("ECOG performance status", codes.LOINC_ECOG),
                "subject": builder.patient,
                "effectiveDateTime": evaluation_date,
                "valueInteger": fitness["ecog"],
            },
        )
    if document.get("weight_kg") is not None:
        builder.add(
            "weight",
            {
                "resourceType": "Observation",
                "status": "final",
                "category": category("vital-signs"),
                "code": concept("Body weight", codes.LOINC_BODY_WEIGHT),
                "subject": builder.patient,
                "effectiveDateTime": evaluation_date,
                "valueQuantity": quantity(document["weight_kg"], "kg"),
            },
        )
    blasts = document["disease"].get("marrow_blast_percent")
    if blasts is not None:
        builder.add(
            "marrow-blasts",
            {
                "resourceType": "Observation",
                "status": "final",
                "category": category("laboratory"),
                "code": concept("Blasts in bone marrow (percent)"),
                "subject": builder.patient,
                "focus": [builder.condition],
                "effectiveDateTime": evaluation_date,
                "valueQuantity": quantity(blasts, "%"),
            },
        )
    builder.add("facts", case_facts(builder))


def quantity(value: float, unit: str) -> dict:
    return {"value": value, "unit": unit, "system": codes.UCUM, "code": unit}


def current_status(builder: BundleBuilder) -> dict:
    """CancerDiseaseStatus on the evaluation date, from the disease state."""
    state = builder.document["disease"]["state"]
    value_codes = {
        "remission_after_relapse": [codes.SCT_FULL_REMISSION],
        "relapse": [codes.SCT_WORSENED],
        "progression_after_salvage": [codes.SCT_WORSENED],
        # Refractory disease is not a trend the value set can say: words only.
        "primary_refractory": [],
    }[state]
    return disease_status(
        builder,
        date=builder.document["evaluation_date"],
        value=concept(words.DISEASE_STATE[state].capitalize(), *value_codes),
    )


def disease_status(builder: BundleBuilder, *, date: str, value: dict) -> dict:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": concept("Cancer disease status", codes.LOINC_DISEASE_STATUS),
        "subject": builder.patient,
        "focus": [builder.condition],
        "effectiveDateTime": date,
        "valueCodeableConcept": value,
    }


def result_value(value: str) -> dict:
    """The value of a positive/negative result, or ``dataAbsentReason`` if unknown."""
    if value == "positive":
        return {"valueCodeableConcept": concept("Positive", codes.SCT_POSITIVE)}
    if value == "negative":
        return {"valueCodeableConcept": concept("Negative", codes.SCT_NEGATIVE)}
    return {"dataAbsentReason": absent()}


def tumor_marker(builder: BundleBuilder, marker: str, markers: Mapping) -> dict:
    resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": category("laboratory"),
        # No LOINC code for antigen expression on leukaemic blasts could be
        # confirmed: the test is named in words.
        "code": concept(
            f"{marker.upper()} expression on leukaemic blasts (immunophenotype)"
        ),
        "subject": builder.patient,
        "focus": [builder.condition],
        **result_value(markers.get(marker, "unknown")),
    }
    if markers.get("tested_on"):
        resource["effectiveDateTime"] = markers["tested_on"]
    return resource


def variant(builder: BundleBuilder, *, text: str, genes: list[str]) -> dict:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": category("laboratory"),
        "code": concept(text, codes.LOINC_VARIANT),
        "subject": builder.patient,
        "focus": [builder.condition],
        "component": [
            {
                "code": concept("Gene studied", codes.LOINC_GENE_STUDIED),
                "valueCodeableConcept": concept(gene),
            }
            for gene in genes
        ],
    }


def presence(value: str, *, present: str, absent_: str) -> dict:
    if value in {"positive", "yes"}:
        return {"valueCodeableConcept": concept(present, codes.LOINC_PRESENT)}
    if value in {"negative", "no", "ph_like"}:
        return {"valueCodeableConcept": concept(absent_, codes.LOINC_ABSENT)}
    return {"dataAbsentReason": absent()}


def add_genomics(builder: BundleBuilder) -> None:
    document = builder.document
    ph_status = document["diagnosis"].get("ph_status", "unknown")
    bcr_abl1 = variant(
        builder,
        text="BCR::ABL1 fusion (Philadelphia chromosome)",
        genes=["BCR", "ABL1"],
    )
    # Ph-like ALL is BCR::ABL1-negative by definition, with a Ph-like profile.
    absent_words = (
        "Absent (Ph-like: BCR::ABL1-like expression profile)"
        if ph_status == "ph_like"
        else "Absent"
    )
    bcr_abl1.update(presence(ph_status, present="Present", absent_=absent_words))
    builder.add("genomic/bcr-abl1", bcr_abl1)

    markers = document.get("markers", {})
    kmt2a = variant(builder, text="KMT2A rearrangement", genes=["KMT2A"])
    kmt2a.update(
        presence(
            markers.get("kmt2a_rearranged", "unknown"),
            present="Present",
            absent_="Absent",
        )
    )
    builder.add("genomic/kmt2a", kmt2a)

    for mutation in markers.get("abl1_mutations") or []:
        found = variant(
            builder, text=f"ABL1 kinase-domain mutation {mutation}", genes=["ABL1"]
        )
        found["valueCodeableConcept"] = concept("Present", codes.LOINC_PRESENT)
        change = words.protein_change(mutation)
        found["component"].append(
            {
                "code": concept("Amino acid change", codes.LOINC_AMINO_ACID_CHANGE),
                "valueCodeableConcept": concept(change or mutation),
            }
        )
        builder.add(f"genomic/abl1/{mutation}", found)


# The case facts that no mCODE profile carries, as components of one Observation:
# (document path, words, kind).
FACT_COMPONENTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("disease", "relapse_count"), "Relapse count (recorded)", "int"),
    (
        ("disease", "testicular_disease_after_induction"),
        "Testicular disease still present after induction",
        "bool",
    ),
    (("fitness", "category"), "Fitness for intensive therapy", "fitness"),
    (("fitness", "transplant_eligible"), "Eligible for allogeneic HSCT", "yes_no"),
    (("fitness", "hct_ci"), "HCT-CI score", "int"),
    (("fitness", "prior_neuropathy"), "Prior neuropathy", "bool"),
    (
        ("medications", "strong_cyp3a4_inhibitor"),
        "Taking a strong CYP3A4 inhibitor",
        "bool",
    ),
    (("plans", "hsct_planned"), "Allogeneic HSCT planned", "bool"),
    (("plans", "next_treatment_start"), "Next treatment starts", "date"),
    (("can_become_pregnant",), "Can become pregnant", "bool"),
    (
        ("psychosocial", "school_or_work_disrupted"),
        "School or work disrupted",
        "bool",
    ),
    (
        ("psychosocial", "clinical_trial_screened"),
        "Screened for a clinical trial",
        "bool",
    ),
)


def _lookup(document: Mapping, path: tuple[str, ...]) -> object:
    value: object = document
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return value


def _component(text: str, kind: str, value: object) -> dict:
    component: dict = {"code": concept(text)}
    if kind == "int":
        component["valueInteger"] = value
    elif kind == "bool":
        component["valueBoolean"] = value
    elif kind == "date":
        component["valueDateTime"] = value
    elif value == "unknown":
        component["dataAbsentReason"] = absent()
    else:
        table = words.FITNESS if kind == "fitness" else words.YES_NO
        component["valueCodeableConcept"] = concept(table[value])
    return component


def case_facts(builder: BundleBuilder) -> dict:
    document = builder.document
    components = []
    for path, text, kind in FACT_COMPONENTS:
        value = _lookup(document, path)
        if value is not None:
            components.append(_component(text, kind, value))
    resource: dict = {
        "resourceType": "Observation",
        "status": "final",
        "code": concept("AYA relapsed/refractory ALL registry: case facts"),
        "subject": builder.patient,
        "focus": [builder.condition],
        "effectiveDateTime": document["evaluation_date"],
    }
    if components:
        resource["component"] = components
    else:
        resource["dataAbsentReason"] = absent()
    return resource
