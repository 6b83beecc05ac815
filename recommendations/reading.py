""" "How the engine read this case": the derived facts as plain labels and values.

Pure (no Django). The engine's ``derived`` summary is JSON with snake_case keys,
booleans, lists and ISO dates; a clinician checking it needs words: "Yes"/"No",
"unknown" where the engine does not know, lists as comma-separated words, dates as
YYYY-MM-DD. Each row has its own label, so no two rows read alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

UNKNOWN = "unknown"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# (key, label) in the order a clinician reads a case: who, disease, history, now.
LABELS: tuple[tuple[str, str], ...] = (
    ("as_of", "Evaluated as of"),
    ("age_years", "Age (years)"),
    ("outside_aya", "Outside the 15–39 age range"),
    ("lineage", "Lineage"),
    ("disease_state", "Disease state"),
    ("decision_point", "Decision point"),
    ("refractory", "Refractory disease"),
    ("relapse_count", "Number of relapses"),
    ("relapse_count_basis", "Number of relapses counted from"),
    ("latest_relapse_date", "Latest relapse"),
    ("months_to_relapse", "Months from diagnosis to latest relapse"),
    ("remission_before_relapse_start", "Remission before that relapse began"),
    ("remission_before_relapse_basis", "Start of that remission taken from"),
    ("remission_before_relapse_months", "Length of that remission (months)"),
    ("late_relapse", "Late relapse (remission of 36 months or more)"),
    ("current_episode_start", "Current episode began"),
    ("prior_therapies", "Therapies before"),
    ("prior_blinatumomab", "Blinatumomab before"),
    ("prior_inotuzumab", "Inotuzumab before"),
    ("prior_cart", "CAR-T before"),
    ("car_t_products", "CAR-T products given"),
    ("prior_hsct", "Allogeneic transplant before"),
    ("hsct_before_relapse", "Transplant before the latest relapse"),
    ("hsct_before_relapse_donor", "Donor of that transplant"),
    ("prior_revumenib", "Revumenib before"),
    ("prior_nelarabine", "Nelarabine before"),
    ("prior_it_chemotherapy", "Intrathecal chemotherapy before"),
    ("prior_cranial_rt", "Cranial radiotherapy before"),
    ("vod_sos_recorded", "VOD/SOS recorded"),
    ("markers_tested_on", "Markers tested on"),
    ("cns_involved", "CNS involved"),
    ("isolated_cns_relapse", "Isolated CNS relapse"),
    ("it_chemotherapy_in_episode", "Intrathecal chemotherapy in this episode"),
    ("cranial_rt_in_episode", "Cranial radiotherapy in this episode"),
    ("latest_response", "Latest response in this episode"),
    ("latest_response_date", "Date of that response"),
    ("latest_mrd", "Latest MRD in this episode"),
    ("latest_mrd_date", "Date of that MRD"),
    ("remission_reached_with", "Remission reached with"),
    ("remission_with_cart", "Remission reached with CAR-T"),
    ("remission_with_blinatumomab", "Remission reached with blinatumomab"),
    ("gonadotoxic_therapy_started", "Gonadotoxic therapy started"),
    ("workup_done", "Work-up done in this episode"),
    ("referrals_counted", "Referrals that count"),
    ("fertility_referral_in_episode", "Fertility referral in this episode"),
    ("last_mental_health_completed", "Last mental-health screen completed"),
    ("mental_health_interval_days", "Mental-health screen due every (days)"),
)
# Values that are codes, in words (anything else: underscores become spaces).
VALUE_WORDS = {
    "B": "B-lineage",
    "T": "T-lineage",
    "REINDUCTION": "Re-induction",
    "CONSOLIDATION": "Consolidation",
    "NONE": "None",
    "primary_refractory": "primary refractory",
    "remission_after_relapse": "remission after relapse",
    "progression_after_salvage": "progression after salvage",
    "recorded": "the recorded count",
    "relapse dates": "the relapse dates",
    "diagnosis": "the diagnosis date (first relapse)",
    "response": "a recorded response",
    "car_t": "CAR-T",
    "tki": "TKI",
    "allo_hsct": "allogeneic HSCT",
    "dli": "donor lymphocyte infusion",
    "it_chemotherapy": "intrathecal chemotherapy",
    "cranial_rt": "cranial radiotherapy",
    "testicular_rt": "testicular radiotherapy",
    "not_done": "not done",
    "social_work": "social work",
    "mental_health": "mental health",
    "education_work": "education / work",
    "palliative_care": "palliative care",
    "matched_sibling": "matched sibling",
    "matched_unrelated": "matched unrelated",
    "CRh": "CR with partial hematologic recovery (CRh)",
    "CRi": "CR with incomplete count recovery (CRi)",
    "CR": "complete remission (CR)",
    "PR": "partial response (PR)",
}
AGENT_NAMES = {
    "blinatumomab": "Blinatumomab",
    "inotuzumab": "Inotuzumab",
    "car_t": "CAR-T",
    "revumenib": "Revumenib",
    "nelarabine": "Nelarabine",
    "tki": "TKI",
}


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    value: str


def value_words(value: object) -> str:
    """One value in words: Yes/No, unknown, lists joined, codes spelled out."""
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list | tuple):
        return ", ".join(value_words(item) for item in value) or "none"
    text = str(value)
    if ISO_DATE.match(text):
        return text
    if text in VALUE_WORDS:
        return VALUE_WORDS[text]
    return text.replace("_", " ")


def _agent_words(history: Mapping[str, object]) -> str:
    in_episode = history.get("given_in_episode")
    last_in = history.get("last_given_in_episode")
    before = history.get("last_given_before")
    parts = []
    if in_episode:
        parts.append(f"given in this episode (last {last_in or UNKNOWN})")
    elif in_episode is None:
        parts.append("unknown whether given in this episode")
    if before:
        parts.append(f"given before, last {before}")
    return "; ".join(parts) or "not given"


def engine_reading(derived: Mapping[str, object]) -> list[Row]:
    """Every derived fact as a labelled row; agents one row each."""
    rows = [
        Row(label, value_words(derived[key])) for key, label in LABELS if key in derived
    ]
    agents = derived.get("agents") or {}
    for name, history in agents.items():  # type: ignore[union-attr]
        label = f"{AGENT_NAMES.get(name, value_words(name))} history"
        rows.append(Row(label, _agent_words(history)))
    known = {key for key, _ in LABELS} | {"agents"}
    for key in sorted(set(derived) - known):
        # A fact the engine adds later still shows, in words.
        rows.append(Row(key.replace("_", " ").capitalize(), value_words(derived[key])))
    return rows
