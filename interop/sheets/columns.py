"""The spreadsheet's three sheets and their columns, each mapped to a document path.

Columns say where a value goes in the case document and how a cell is read (its
kind); what is allowed and what is required comes from the case schema itself
(``allowed_values`` and ``required``), so the template's help and the import's
validation can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from patients.documents import case_schema

CASES, EVENTS, REFERRALS = "cases", "events", "referrals"
SHEETS = (CASES, EVENTS, REFERRALS)
KEY = "case_id"


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, its place in the document, how to read its cells."""

    key: str
    path: tuple[str, ...]
    kind: str  # text | date | int | number | bool | enum | list
    label: str
    example: object = None

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def _case(key: str, path: tuple[str, ...], kind: str, label: str, example=None):  # noqa: ANN001, ANN202
    return Column(key, path, kind, label, example)


CASE_COLUMNS: tuple[Column, ...] = (
    _case(KEY, ("case_id",), "text", "Program's case identifier", "EXAMPLE-001"),
    _case("given_name", ("given_name",), "text", "Given name", "Alex"),
    _case("family_name", ("family_name",), "text", "Family name", "Example"),
    _case("birth_date", ("birth_date",), "date", "Birth date", "2003-04-10"),
    _case("sex", ("sex",), "enum", "Sex", "female"),
    _case(
        "can_become_pregnant",
        ("can_become_pregnant",),
        "bool",
        "Can become pregnant (yes/no)",
        "yes",
    ),
    _case(
        "preferred_language",
        ("preferred_language",),
        "enum",
        "Preferred language for decision aids",
        "en",
    ),
    _case("weight_kg", ("weight_kg",), "number", "Weight (kg)", 62),
    _case(
        "evaluation_date",
        ("evaluation_date",),
        "date",
        "Date the facts describe (the clinic visit)",
        "2026-11-01",
    ),
    _case(
        "diagnosis_date", ("diagnosis", "date"), "date", "Diagnosis date", "2024-01-15"
    ),
    _case("lineage", ("diagnosis", "lineage"), "enum", "Lineage (B or T)", "B"),
    _case("ph_status", ("diagnosis", "ph_status"), "enum", "Ph status", "negative"),
    _case(
        "initial_regimen",
        ("diagnosis", "initial_regimen"),
        "text",
        "Initial regimen",
        "CALGB 10403",
    ),
    _case("disease_state", ("disease", "state"), "enum", "Disease state", "relapse"),
    _case(
        "relapse_count",
        ("disease", "relapse_count"),
        "int",
        "Number of relapses",
        1,
    ),
    _case(
        "latest_relapse_date",
        ("disease", "latest_relapse_date"),
        "date",
        "Latest relapse date",
        "2026-10-20",
    ),
    _case(
        "sites",
        ("disease", "sites"),
        "list",
        "Disease sites, separated by commas ('none' when no site is involved)",
        "marrow, cns",
    ),
    _case(
        "marrow_blast_percent",
        ("disease", "marrow_blast_percent"),
        "number",
        "Marrow blasts (%)",
        30,
    ),
    _case(
        "testicular_disease_after_induction",
        ("disease", "testicular_disease_after_induction"),
        "bool",
        "Testicular disease still present after induction (yes/no)",
    ),
    _case("cd19", ("markers", "cd19"), "enum", "CD19", "positive"),
    _case("cd22", ("markers", "cd22"), "enum", "CD22", "positive"),
    _case("cd20", ("markers", "cd20"), "enum", "CD20", "negative"),
    _case(
        "markers_tested_on",
        ("markers", "tested_on"),
        "date",
        "Date of the immunophenotype CD19/CD22/CD20 come from",
        "2026-10-21",
    ),
    _case(
        "kmt2a_rearranged",
        ("markers", "kmt2a_rearranged"),
        "enum",
        "KMT2A rearranged",
        "no",
    ),
    _case(
        "abl1_mutations",
        ("markers", "abl1_mutations"),
        "list",
        "ABL1 kinase-domain mutations, separated by commas (e.g. T315I; 'none')",
    ),
    _case("ecog", ("fitness", "ecog"), "int", "ECOG performance status (0-4)", 1),
    _case("hct_ci", ("fitness", "hct_ci"), "int", "HCT-CI score"),
    _case(
        "fitness_category",
        ("fitness", "category"),
        "enum",
        "Fitness category",
        "fit",
    ),
    _case(
        "transplant_eligible",
        ("fitness", "transplant_eligible"),
        "enum",
        "Eligible for allogeneic HSCT",
        "yes",
    ),
    _case(
        "prior_neuropathy",
        ("fitness", "prior_neuropathy"),
        "bool",
        "Prior neuropathy (yes/no)",
    ),
    _case(
        "strong_cyp3a4_inhibitor",
        ("medications", "strong_cyp3a4_inhibitor"),
        "bool",
        "On a strong CYP3A4 inhibitor (yes/no)",
    ),
    _case("hsct_planned", ("plans", "hsct_planned"), "bool", "HSCT planned (yes/no)"),
    _case(
        "next_treatment_start",
        ("plans", "next_treatment_start"),
        "date",
        "Next treatment starts on",
    ),
    _case(
        "school_or_work_disrupted",
        ("psychosocial", "school_or_work_disrupted"),
        "bool",
        "School or work disrupted (yes/no)",
        "yes",
    ),
    _case(
        "clinical_trial_screened",
        ("psychosocial", "clinical_trial_screened"),
        "bool",
        "Screened for a clinical trial (yes/no)",
    ),
)

_CASE_ID_ROW = Column(KEY, (), "text", "Case identifier (as on the cases sheet)")

EVENT_COLUMNS: tuple[Column, ...] = (
    Column(KEY, (), "text", _CASE_ID_ROW.label, "EXAMPLE-001"),
    Column("type", ("type",), "enum", "Event type", "blinatumomab"),
    Column("date", ("date",), "date", "Date (start date for a therapy)", "2026-10-22"),
    Column("end_date", ("end_date",), "date", "End date", "2026-10-30"),
    Column(
        "agent",
        ("agent",),
        "text",
        "Agent: CAR-T product, TKI, chemotherapy regimen...",
    ),
    Column("cycles", ("cycles",), "int", "Cycles", 1),
    Column("donor", ("donor",), "enum", "Transplant donor"),
    Column("response", ("response",), "enum", "Response"),
    Column("mrd", ("mrd",), "enum", "MRD"),
    Column("mrd_level", ("mrd_level",), "number", "MRD level (a fraction, 0-1)"),
    Column("toxicity", ("toxicity",), "enum", "Toxicity"),
    Column("grade", ("grade",), "int", "Toxicity grade (1-5)"),
    Column("cns_kind", ("cns_kind",), "enum", "CNS finding"),
    Column("test", ("test",), "enum", "Work-up test (for a workup event)"),
    Column("result", ("result",), "text", "Work-up result, as reported"),
    Column("note", ("note",), "text", "Note"),
)

REFERRAL_COLUMNS: tuple[Column, ...] = (
    Column(KEY, (), "text", _CASE_ID_ROW.label, "EXAMPLE-001"),
    Column("kind", ("kind",), "enum", "Referral kind", "social_work"),
    Column("status", ("status",), "enum", "Status", "referred"),
    Column(
        "date",
        ("date",),
        "date",
        "Date it reached this status (needed for every status but 'needed')",
        "2026-10-21",
    ),
    Column(
        "appointment_date",
        ("appointment_date",),
        "date",
        "Appointment date (for a scheduled referral)",
    ),
    Column("note", ("note",), "text", "Note"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    CASES: CASE_COLUMNS,
    EVENTS: EVENT_COLUMNS,
    REFERRALS: REFERRAL_COLUMNS,
}
COLUMNS_BY_KEY: dict[str, dict[str, Column]] = {
    sheet: {column.key: column for column in columns}
    for sheet, columns in COLUMNS.items()
}
# Where each sheet's rows go in the case document.
LIST_MEMBER = {EVENTS: "events", REFERRALS: "referrals"}


def schema_node(sheet: str, column: Column) -> Mapping | None:
    """The case schema's description of a column's value, None if it has none."""
    node: Mapping = case_schema()
    if sheet != CASES:
        node = node["properties"][LIST_MEMBER[sheet]]["items"]
    for key in column.path:
        properties = node.get("properties", {})
        if key not in properties:
            return None
        node = properties[key]
    return node


def allowed_values(sheet: str, column: Column) -> list[str]:
    """The values the schema allows in a column (an enum, or a list of them)."""
    node = schema_node(sheet, column)
    if node is None:
        return []
    if "items" in node:
        node = node["items"]
    return [str(value) for value in node.get("enum", [])]


def required(sheet: str, column: Column) -> bool:
    """Whether the schema requires the column's value (its members, all the way)."""
    if column.key == KEY:
        return True
    node: Mapping = case_schema()
    if sheet != CASES:
        node = node["properties"][LIST_MEMBER[sheet]]["items"]
    for key in column.path:
        if key not in node.get("required", []):
            return False
        node = node["properties"][key]
    return True
