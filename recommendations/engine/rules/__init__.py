"""The catalogue: every rule, in the order of ../shared/domain/README.md.

Rules are declared in one module per primary source (``ash_rr_2026``, ``ref_adult_rr``,
``ash_fl_2026``) plus ``alerts``, whose items restate warnings from several sources, and
``workup``, the relapse work-up checklist. ``CATALOGUE_ORDER`` fixes the public order
(recommendations by table, then alerts, psychosocial referrals and work-up), which is
also the order of every case result.
"""

from __future__ import annotations

from recommendations.engine.rule import Rule
from recommendations.engine.rules import (
    alerts,
    ash_fl_2026,
    ash_rr_2026,
    ref_adult_rr,
    workup,
)

CATALOGUE_ORDER: tuple[str, ...] = (
    # REINDUCTION
    "RR-B-IMMUNO-REINDUCTION",
    "RR-B-CART-OPTION",
    "RR-KMT2A-REVUMENIB",
    "RR-B-CHEMO-BY-FITNESS",
    "RR-CD20-RITUXIMAB",
    "RR-LATE-RELAPSE-RETREAT",
    "RR-PH-TKI",
    "RR-T-NELARABINE",
    "RR-CNS-ISOLATED-IT",
    "RR-CNS-INVOLVED",
    "RR-CNS-PROPHYLAXIS",
    "RR-TESTIS-RT",
    "RR-MULTIPLY-RELAPSED",
    "RR-POST-HSCT-DLI",
    "RR-FRAIL-SUPPORTIVE",
    # CONSOLIDATION
    "RR-HSCT-SHARED-DECISION",
    "RR-CART-THEN-HSCT",
    "RR-BLINA-MAINTENANCE",
    # Every decision point
    "RR-CLINICAL-TRIAL",
    "RR-RESEARCH-PRIORITIES",
    # Safety alerts
    "ALERT-INO-VOD",
    "ALERT-INO-HSCT-PLANNING",
    "ALERT-PRIOR-VOD",
    "ALERT-BLINA-HIGH-BURDEN",
    "ALERT-BLINA-INPATIENT",
    "ALERT-ANTIGEN-UNKNOWN",
    "ALERT-CD19-ESCAPE",
    "ALERT-TISAGEN-AGE",
    "ALERT-NELARABINE-NEURO",
    "ALERT-REVUMENIB-DOSE",
    "ALERT-T315I",
    "ALERT-MRD-BEFORE-HSCT",
    "ALERT-CNS-RT-ALONE",
    "ALERT-OUTSIDE-AYA",
    # Psychosocial and supportive care
    "PSY-FERTILITY",
    "PSY-SOCIAL-WORK",
    "PSY-MENTAL-HEALTH",
    "PSY-EDUCATION-WORK",
    "PSY-PALLIATIVE",
    "PSY-NEUROCOGNITIVE",
    # Relapse work-up
    "WU-IMMUNOPHENOTYPE",
    "WU-BCR-ABL1",
    "WU-KMT2A",
    "WU-LUMBAR-PUNCTURE",
    "WU-TESTICULAR-EXAM",
    "WU-HLA-TYPING",
    "WU-PREGNANCY-TEST",
)


def _assemble() -> tuple[Rule, ...]:
    declared: dict[str, Rule] = {}
    for module in (ash_rr_2026, ref_adult_rr, alerts, ash_fl_2026, workup):
        for rule in module.RULES:
            if rule.id in declared:
                raise RuntimeError(f"rule {rule.id} is declared twice")
            declared[rule.id] = rule
    if set(declared) != set(CATALOGUE_ORDER):
        raise RuntimeError(
            "declared rules and CATALOGUE_ORDER disagree: "
            f"{sorted(set(declared) ^ set(CATALOGUE_ORDER))}"
        )
    return tuple(declared[rule_id] for rule_id in CATALOGUE_ORDER)


CATALOGUE: tuple[Rule, ...] = _assemble()
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in CATALOGUE}
# Rules evaluated for a case: the research-only item is library content only.
CASE_RULES: tuple[Rule, ...] = tuple(rule for rule in CATALOGUE if rule.case_facing)
