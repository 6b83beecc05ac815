"""The codes the FHIR export uses, each checked against published material.

Only SNOMED CT, LOINC, RxNorm and ICD-10-CM codes appear, and only those confirmed in
public HL7 material (the mCODE implementation guide and its examples, the CIBMTR
reporting guide's RxNorm value sets, FHIR's own vital-signs profiles). A concept
without a confirmed code is exported with text alone; docs/fhir-mapping.md lists
both, with where each code was checked.
"""

from __future__ import annotations

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
UCUM = "http://unitsofmeasure.org"
BCP47 = "urn:ietf:bcp:47"

# FHIR's own code systems (terminology.hl7.org).
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason"

# This registry's own identifiers: catalogue items (RR-..., ALERT-..., PSY-...,
# WU-...) and the program's case identifiers. URNs, as the project has no
# canonical web address of its own.
CATALOGUE_SYSTEM = "urn:aya-rr-all:catalogue"
RULESET_URN = "urn:aya-rr-all:ruleset:{version}"
CASE_ID_SYSTEM = "urn:aya-rr-all:program:{program}:case-id"


def coding(system: str, code: str, display: str | None = None) -> dict:
    found = {"system": system, "code": code}
    if display:
        found["display"] = display
    return found


def concept(text: str, *codings: dict) -> dict:
    """A CodeableConcept: the codings that are confirmed, and always the text."""
    found: dict = {}
    if codings:
        found["coding"] = list(codings)
    found["text"] = text
    return found


# --- Disease --------------------------------------------------------------------
# SNOMED CT disorders: 277571004 appears as the PrimaryCancerCondition code of the
# mCODE pediatric ALL example; 91857003 in the UMLS and several value sets. No
# T-lineage code could be confirmed, so T-ALL carries the ALL disorder code and
# says its lineage in words.
SCT_B_ALL = coding(
    SNOMED, "277571004", "B-cell acute lymphoblastic leukemia (disorder)"
)
SCT_ALL = coding(SNOMED, "91857003", "Acute lymphoblastic leukemia (disorder)")

# ICD-10-CM C91.0x (ALL), from the mCODE Elixhauser leukemia value set.
ICD_ALL_NOT_IN_REMISSION = coding(
    ICD10CM, "C91.00", "Acute lymphoblastic leukemia not having achieved remission"
)
ICD_ALL_IN_REMISSION = coding(
    ICD10CM, "C91.01", "Acute lymphoblastic leukemia, in remission"
)
ICD_ALL_IN_RELAPSE = coding(
    ICD10CM, "C91.02", "Acute lymphoblastic leukemia, in relapse"
)

# Body structures (SNOMED CT), from value sets and concept maps of several guides.
SITE_CODES = {
    "marrow": coding(SNOMED, "14016003", "Bone marrow structure"),
    "cns": coding(SNOMED, "21483005", "Central nervous system structure"),
    "testis": coding(SNOMED, "40689003", "Testis structure"),
    # other_extramedullary names no one structure: text only.
}

# mCODE CancerDiseaseStatus: LOINC 97509-4, valued from ConditionStatusTrendVS
# (STU 2.1 and later).
LOINC_DISEASE_STATUS = coding(LOINC, "97509-4", "Cancer disease progression")
SCT_WORSENED = coding(SNOMED, "271299001", "Patient's condition worsened (finding)")
SCT_FULL_REMISSION = coding(
    SNOMED, "550991000124107", "Malignant neoplasm in full remission (disorder)"
)

# --- Results ----------------------------------------------------------------------
SCT_POSITIVE = coding(SNOMED, "10828004", "Positive (qualifier value)")
SCT_NEGATIVE = coding(SNOMED, "260385009", "Negative (qualifier value)")

# mCODE GenomicVariant (from the Genomics Reporting guide): code, value and
# components, as in the mCODE examples.
LOINC_VARIANT = coding(LOINC, "69548-6", "Genetic variant assessment")
LOINC_PRESENT = coding(LOINC, "LA9633-4", "Present")
LOINC_ABSENT = coding(LOINC, "LA9634-2", "Absent")
LOINC_GENE_STUDIED = coding(LOINC, "48018-6", "Gene studied [ID]")
LOINC_AMINO_ACID_CHANGE = coding(LOINC, "48005-3", "Amino acid change (pHGVS)")

# mCODE ECOGPerformanceStatus: LOINC 89247-1, valueInteger.
LOINC_ECOG = coding(LOINC, "89247-1", "ECOG Performance Status score")
# FHIR's body weight vital-sign profile.
LOINC_BODY_WEIGHT = coding(LOINC, "29463-7", "Body weight")
# The immunophenotyping panel of the mCODE pediatric ALL example.
LOINC_IMMUNOPHENOTYPE = coding(LOINC, "101119-6")

# --- Procedures (SNOMED CT) ---------------------------------------------------------
# The transplant concept is the general one; "allogeneic" is said in words (no more
# specific concept could be confirmed).
SCT_HSCT = coding(SNOMED, "234336002", "Hemopoietic stem cell transplant (procedure)")
SCT_CAR_T = coding(
    SNOMED,
    "1156961008",
    "Chimeric antigen receptor T-cell immunotherapy (procedure)",
)
# mCODE RadiotherapyCourseSummary.
SCT_RT_COURSE = coding(
    SNOMED, "1217123003", "Radiotherapy course of treatment (regime/therapy)"
)
# The mCODE pediatric ALL example's lumbar puncture.
SCT_LUMBAR_PUNCTURE = coding(SNOMED, "277762005", "Lumbar puncture (procedure)")

# --- Medicines (RxNorm ingredients, from the CIBMTR reporting guide's value sets) --
RXNORM_INGREDIENTS = {
    "blinatumomab": coding(RXNORM, "1597258", "blinatumomab"),
    "inotuzumab": coding(RXNORM, "1942950", "inotuzumab ozogamicin"),
    "rituximab": coding(RXNORM, "121191", "rituximab"),
    # Tyrosine kinase inhibitors, matched on the event's agent.
    "imatinib": coding(RXNORM, "282388", "imatinib"),
    "dasatinib": coding(RXNORM, "475342", "dasatinib"),
    "bosutinib": coding(RXNORM, "1307619", "bosutinib"),
}
