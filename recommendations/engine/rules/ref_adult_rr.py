"""Rules whose primary source is REF-ADULT-RR, the adult R/R ALL clinical reference.

Statements are written for this product from seed 004. Its graded items are "Grade 2C"
(a weak, conditional suggestion with low certainty), carried as ``conditional``,
``strength_stated=True``, certainty ``low``; its ungraded items carry ``conditional``
with ``strength_stated=False`` (catalogue rule).
"""

from __future__ import annotations

from recommendations.engine.facts import CaseFacts
from recommendations.engine.logic import (
    APPLIES,
    INSUFFICIENT_DATA,
    Finding,
    all_of,
    any_of,
    applies,
    does_not_apply,
    insufficient,
    with_detail,
    with_reasons,
)
from recommendations.engine.rule import EvaluationOptions, Rule, RuleContent
from recommendations.engine.rules import conditions as c
from recommendations.engine.vocabulary import (
    CONSOLIDATION,
    GRADE_2C_CERTAINTY,
    REF_ADULT_RR,
    REINDUCTION,
    Kind,
    Strength,
)

# REF-ADULT-RR salvage chemotherapy examples by intensity. High intensity suits fit,
# younger patients; moderate, older patients or moderate comorbidity; low, older or
# frail patients. The catalogue's fitness categories map onto them in that order.
CHEMOTHERAPY_BY_INTENSITY: dict[str, tuple[str, ...]] = {
    "high": (
        "CALGB 9111",
        "dose-adjusted hyper-CVAD",
        "high-dose cytarabine plus idarubicin",
    ),
    "moderate": (
        "PETHEMA ALLOLD07",
        "GMALL regimen",
        "GRAALL-SA1",
        "modified DFCI 91-01",
        "FLAG-Ida",
        "clofarabine plus cytarabine",
        "FLAM",
        "etoposide, ifosfamide, mitoxantrone",
        "idarubicin plus cytarabine",
        "MEC",
    ),
    "low": ("vincristine plus prednisone", "POMP", "MOpAD"),
}
INTENSITY_BY_FITNESS: dict[str, tuple[str, ...]] = {
    "fit": ("high",),
    "less_fit": ("moderate",),
    "frail": ("low",),
    "unknown": ("high", "moderate", "low"),
}


def _grade_2c(statement: str) -> RuleContent:
    return RuleContent(
        statement,
        Strength.CONDITIONAL,
        strength_stated=True,
        certainty=GRADE_2C_CERTAINTY,
    )


def _unstated(statement: str) -> RuleContent:
    return RuleContent(statement, Strength.CONDITIONAL, strength_stated=False)


# --- RR-KMT2A-REVUMENIB -------------------------------------------------------

_REVUMENIB_SETTING_CHECKS = (c.cd19_and_cd22_negative, c.relapse_count_at_least_two)


def antigen_negative_or_multiply_relapsed(facts: CaseFacts) -> Finding:
    return any_of(facts, _REVUMENIB_SETTING_CHECKS)


_REVUMENIB_CHECKS = (
    c.at_reinduction,
    c.kmt2a_rearranged,
    c.no_prior_revumenib,
    antigen_negative_or_multiply_relapsed,
)


def kmt2a_revumenib_condition(facts: CaseFacts) -> Finding:
    return all_of(facts, _REVUMENIB_CHECKS)


def kmt2a_revumenib(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return kmt2a_revumenib_condition(facts)


# --- RR-B-CHEMO-BY-FITNESS ----------------------------------------------------

_CHEMO_CHECKS = (
    c.at_reinduction,
    c.b_lineage,
    c.cd19_negative,
    c.cd22_negative,
    c.kmt2a_not_rearranged,
)


def b_chemo_by_fitness_condition(facts: CaseFacts) -> Finding:
    return all_of(facts, _CHEMO_CHECKS)


def b_chemo_by_fitness(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = b_chemo_by_fitness_condition(facts)
    if found.outcome is not APPLIES:
        return found
    intensities = INTENSITY_BY_FITNESS[facts.fitness_category]
    label = facts.fitness_category.replace("_", " ")
    return with_detail(
        with_reasons(found, f"fitness {label}: {' or '.join(intensities)} intensity"),
        {
            "intensity": intensities,
            "regimens": {
                level: CHEMOTHERAPY_BY_INTENSITY[level] for level in intensities
            },
        },
    )


# --- RR-LATE-RELAPSE-RETREAT --------------------------------------------------

_LATE_RELAPSE_CHECKS = (c.at_reinduction, c.late_relapse)


def late_relapse_retreat_condition(facts: CaseFacts) -> Finding:
    return all_of(facts, _LATE_RELAPSE_CHECKS)


def late_relapse_retreat(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = late_relapse_retreat_condition(facts)
    if found.outcome is not APPLIES:
        return found
    return with_detail(found, {"initial_regimen": facts.initial_regimen})


# --- RR-CD20-RITUXIMAB --------------------------------------------------------


_CHEMO_OPTION_BY_FITNESS = applies("chemotherapy option: RR-B-CHEMO-BY-FITNESS")
_CHEMO_OPTION_RETREAT = applies("chemotherapy option: RR-LATE-RELAPSE-RETREAT")


def chemo_based_option_condition(facts: CaseFacts) -> Finding:
    """A chemotherapy-based option is on the table (chemo by fitness, late relapse)."""
    chemo = b_chemo_by_fitness_condition(facts)
    if chemo.outcome is APPLIES:
        return _CHEMO_OPTION_BY_FITNESS
    retreat = late_relapse_retreat_condition(facts)
    if retreat.outcome is APPLIES:
        return _CHEMO_OPTION_RETREAT
    missing = tuple(
        reason
        for found in (chemo, retreat)
        if found.outcome is INSUFFICIENT_DATA
        for reason in found.reasons
    )
    if missing:
        return insufficient(*missing)
    return does_not_apply("no chemotherapy-based option applies")


_RITUXIMAB_CHECKS = (
    c.at_reinduction,
    c.b_lineage,
    c.cd20_positive,
    chemo_based_option_condition,
)


def cd20_rituximab(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _RITUXIMAB_CHECKS)


# --- RR-PH-TKI ----------------------------------------------------------------

_PH_TKI_CHECKS = (c.at_reinduction, c.ph_positive)


def ph_tki(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = all_of(facts, _PH_TKI_CHECKS)
    if found.outcome is not APPLIES:
        return found
    if facts.t315i:
        return with_detail(
            with_reasons(found, "ABL1 T315I: ponatinib or asciminib only"),
            {"tki_choices": ("ponatinib", "asciminib")},
        )
    if facts.abl1_mutations is None:
        return with_reasons(found, "kinase-domain mutation results not recorded")
    return found


# --- RR-CNS-PROPHYLAXIS -------------------------------------------------------

_PROPHYLAXIS_CHECKS = (c.at_reinduction, c.no_cns_involvement)


def cns_prophylaxis(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _PROPHYLAXIS_CHECKS)


# --- RR-TESTIS-RT -------------------------------------------------------------

_TESTIS_CHECKS = (c.at_reinduction, c.testicular_disease_after_induction)


def testis_rt(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _TESTIS_CHECKS)


# --- RR-MULTIPLY-RELAPSED -----------------------------------------------------

_MULTIPLY_SETTING_CHECKS = (c.relapse_count_at_least_two, c.progression_after_salvage)


def multiply_relapsed_setting(facts: CaseFacts) -> Finding:
    return any_of(facts, _MULTIPLY_SETTING_CHECKS)


_MULTIPLY_CHECKS = (c.at_reinduction, multiply_relapsed_setting)


def multiply_relapsed_options(facts: CaseFacts) -> tuple[str, ...]:
    """REF-ADULT-RR's order: trial first, then what has not been given yet."""
    options: tuple[str, ...] = ("clinical trial",)
    if facts.lineage == "B":
        if facts.cd19 == "positive" and not facts.prior_blinatumomab:
            options += ("blinatumomab (CD19 positive, not given before)",)
        if facts.cd22 == "positive" and not facts.prior_inotuzumab:
            options += ("inotuzumab ozogamicin (CD22 positive, not given before)",)
        if facts.cd19 == "positive" and not facts.prior_cart:
            options += ("CD19 CAR-T (CD19 positive, not given before)",)
    if facts.kmt2a_rearranged == "yes" and not facts.prior_revumenib:
        options += ("revumenib (KMT2A rearranged, not given before)",)
    if facts.fitness_category == "fit" and not facts.prior_hsct:
        options += ("allo-HSCT (fit, never transplanted)",)
    return options


def multiply_relapsed(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = all_of(facts, _MULTIPLY_CHECKS)
    if found.outcome is not APPLIES:
        return found
    return with_detail(found, {"options": multiply_relapsed_options(facts)})


# --- RR-POST-HSCT-DLI ---------------------------------------------------------

_DLI_CHECKS = (c.at_reinduction, c.relapse_after_hsct)


def post_hsct_dli(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _DLI_CHECKS)


# --- RR-FRAIL-SUPPORTIVE ------------------------------------------------------

_FRAIL_CHECKS = (c.at_reinduction, c.frail)


def frail_supportive(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _FRAIL_CHECKS)


# --- RR-BLINA-MAINTENANCE -----------------------------------------------------

_BLINA_MAINTENANCE_CHECKS = (
    c.at_consolidation,
    c.b_lineage,
    c.remission_with_blinatumomab,
    c.hsct_not_planned,
)


def blina_maintenance_condition(facts: CaseFacts) -> Finding:
    return all_of(facts, _BLINA_MAINTENANCE_CHECKS)


def blina_maintenance(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return blina_maintenance_condition(facts)


# --- Declarations -------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        id="RR-KMT2A-REVUMENIB",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_grade_2c(
            "Treat KMT2A-rearranged disease not yet given revumenib with the menin "
            "inhibitor revumenib."
        ),
        condition=(
            "REINDUCTION; KMT2A rearranged; no prior revumenib; CD19 and CD22 "
            "negative, or relapse count 2 or more"
        ),
        predicate=kmt2a_revumenib,
    ),
    Rule(
        id="RR-B-CHEMO-BY-FITNESS",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated(
            "Use salvage chemotherapy whose intensity (high, moderate or low) matches "
            "the patient's fitness."
        ),
        condition=(
            "REINDUCTION; B-lineage; CD19 and CD22 negative; KMT2A not rearranged"
        ),
        predicate=b_chemo_by_fitness,
        lineage="B",
    ),
    Rule(
        id="RR-CD20-RITUXIMAB",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_grade_2c(
            "Add rituximab to chemotherapy-based re-induction for CD20-positive "
            "disease."
        ),
        condition=(
            "REINDUCTION; B-lineage; CD20 positive; RR-B-CHEMO-BY-FITNESS or "
            "RR-LATE-RELAPSE-RETREAT applies"
        ),
        predicate=cd20_rituximab,
        lineage="B",
    ),
    Rule(
        id="RR-LATE-RELAPSE-RETREAT",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated(
            "After a relapse 36 months or more from diagnosis, re-treating with the "
            "original induction regimen is acceptable."
        ),
        condition="REINDUCTION; relapse 36 months or more after diagnosis",
        predicate=late_relapse_retreat,
    ),
    Rule(
        id="RR-PH-TKI",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_grade_2c(
            "Give a BCR::ABL1 tyrosine kinase inhibitor chosen by kinase-domain "
            "mutation testing, combined with immunotherapy or chemotherapy; with "
            "T315I only ponatinib or asciminib are suitable."
        ),
        condition="REINDUCTION; Ph positive",
        predicate=ph_tki,
    ),
    Rule(
        id="RR-CNS-PROPHYLAXIS",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_grade_2c(
            "Give CNS prophylaxis (systemic and/or intrathecal) through induction and "
            "consolidation."
        ),
        condition="REINDUCTION; no CNS involvement",
        predicate=cns_prophylaxis,
    ),
    Rule(
        id="RR-TESTIS-RT",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated(
            "Consider radiation to both testes (24 Gy in 2 Gy fractions) for "
            "testicular disease still present at the end of induction."
        ),
        condition="REINDUCTION; testicular disease still present at end of induction",
        predicate=testis_rt,
    ),
    Rule(
        id="RR-MULTIPLY-RELAPSED",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated(
            "Offer a clinical trial first; otherwise choose by fitness and prior "
            "therapy: CD19/CD22 immunotherapy not yet given, revumenib for "
            "KMT2A-rearranged disease not yet treated with it, allo-HSCT if fit and "
            "never transplanted."
        ),
        condition="REINDUCTION; relapse count 2 or more, or progression after salvage",
        predicate=multiply_relapsed,
    ),
    Rule(
        id="RR-POST-HSCT-DLI",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated("For relapse after allogeneic HSCT, give donor lymphocytes."),
        condition="REINDUCTION; latest relapse after an allo-HSCT",
        predicate=post_hsct_dli,
    ),
    Rule(
        id="RR-FRAIL-SUPPORTIVE",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated(
            "For a frail patient, offer supportive and palliative care without "
            "disease-modifying therapy."
        ),
        condition="REINDUCTION; fitness frail",
        predicate=frail_supportive,
    ),
    Rule(
        id="RR-BLINA-MAINTENANCE",
        kind=Kind.RECOMMENDATION,
        decision_points=CONSOLIDATION,
        source=REF_ADULT_RR,
        content=_unstated(
            "When blinatumomab reached remission and HSCT is not planned, consider "
            "blinatumomab maintenance: a 4-week continuous infusion every 12 weeks."
        ),
        condition=(
            "CONSOLIDATION; B-lineage; remission reached with blinatumomab; HSCT not "
            "planned (declined or not transplant-eligible)"
        ),
        predicate=blina_maintenance,
        lineage="B",
    ),
)
