"""Rules whose primary source is REF-ADULT-RR, the adult R/R ALL clinical reference.

Statements are written for this product from seed 004. Its graded items are "Grade 2C"
(a weak, conditional suggestion with low certainty), carried as ``conditional``,
``strength_stated=True``, certainty ``low``; its ungraded items carry ``conditional``
with ``strength_stated=False`` (catalogue rule).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from recommendations.engine.facts import CaseFacts
from recommendations.engine.logic import (
    APPLIES,
    INSUFFICIENT_DATA,
    Finding,
    Outcome,
    any_of,
    applies,
    conjunction,
    does_not_apply,
    insufficient,
    memoized,
    with_detail,
    with_reasons,
)
from recommendations.engine.rule import (
    EvaluationOptions,
    Rule,
    RuleContent,
    SourcePosition,
)
from recommendations.engine.rules import agents
from recommendations.engine.rules import conditions as c
from recommendations.engine.rules.ash_rr_2026 import (
    b_immuno_reinduction_condition,
    cart_option_condition,
)
from recommendations.engine.vocabulary import (
    ASH_RR_2026,
    CONSOLIDATION,
    GRADE_2C_CERTAINTY,
    REF_ADULT_RR,
    REINDUCTION,
    RR_DECISION_POINTS,
    Kind,
    Relation,
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
# Frail patients get RR-FRAIL-SUPPORTIVE instead; with fitness not recorded, fitness
# decides between the two intensities.
INTENSITY_BY_FITNESS: dict[str, tuple[str, ...]] = {
    "fit": ("high",),
    "less_fit": ("moderate",),
    "unknown": ("high", "moderate"),
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

_REVUMENIB_SETTING_CHECKS = (
    agents.no_agent_left,
    c.relapse_count_at_least_two,
    c.progression_after_salvage,
)


def revumenib_setting(facts: CaseFacts) -> Finding:
    """No suited CD19/CD22 agent left, or multiply relapsed, or progressing."""
    return any_of(facts, _REVUMENIB_SETTING_CHECKS)


_REVUMENIB = conjunction(
    c.not_frail,
    c.at_reinduction,
    c.kmt2a_rearranged,
    c.no_prior_revumenib,
    revumenib_setting,
)


@memoized
def kmt2a_revumenib_condition(facts: CaseFacts) -> Finding:
    return _REVUMENIB(facts)


def kmt2a_revumenib(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return kmt2a_revumenib_condition(facts)


# --- RR-B-CHEMO-BY-FITNESS ----------------------------------------------------

_REVUMENIB_GIVEN = applies("revumenib given before")
_KMT2A_UNTREATED = {
    "yes": does_not_apply(
        "KMT2A rearranged and revumenib not yet given (RR-KMT2A-REVUMENIB first)"
    ),
    "no": applies("KMT2A not rearranged"),
    "unknown": insufficient("KMT2A rearrangement unknown"),
}


def not_kmt2a_awaiting_revumenib(facts: CaseFacts) -> Finding:
    """Not (KMT2A rearranged with revumenib not yet given)."""
    if facts.prior_revumenib:
        return _REVUMENIB_GIVEN
    return _KMT2A_UNTREATED[facts.kmt2a_rearranged]


_CHEMO = conjunction(
    c.not_frail,
    c.at_reinduction,
    c.b_lineage,
    agents.no_agent_left,
    not_kmt2a_awaiting_revumenib,
)


@memoized
def b_chemo_by_fitness_condition(facts: CaseFacts) -> Finding:
    return _CHEMO(facts)


def b_chemo_by_fitness(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = b_chemo_by_fitness_condition(facts)
    if found.outcome is not APPLIES:
        return found
    intensities = INTENSITY_BY_FITNESS[facts.fitness_category]
    if facts.fitness_category == "unknown":
        reason = "fitness category not recorded: fitness decides the intensity"
    else:
        label = facts.fitness_category.replace("_", " ")
        reason = f"fitness {label}: {' or '.join(intensities)} intensity"
    return with_detail(
        with_reasons(found, reason),
        {
            "intensity": intensities,
            "regimens": {
                level: CHEMOTHERAPY_BY_INTENSITY[level] for level in intensities
            },
        },
    )


# --- RR-LATE-RELAPSE-RETREAT --------------------------------------------------

_LATE_RELAPSE = conjunction(c.not_frail, c.at_reinduction, c.late_relapse)


@memoized
def late_relapse_retreat_condition(facts: CaseFacts) -> Finding:
    return _LATE_RELAPSE(facts)


def late_relapse_retreat(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = late_relapse_retreat_condition(facts)
    if found.outcome is not APPLIES:
        return found
    regimen = facts.remission_regimen
    if regimen is None:
        found = with_reasons(
            found, "the regimen that brought that remission is not recorded"
        )
    else:
        found = with_reasons(
            found, "that remission was reached with " + ", ".join(regimen)
        )
    return with_detail(
        found,
        {
            "regimen": None if regimen is None else list(regimen),
            "remission_months": facts.remission_months,
            "initial_regimen": facts.initial_regimen,
        },
    )


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


_RITUXIMAB = conjunction(
    c.not_frail,
    c.at_reinduction,
    c.b_lineage,
    c.cd20_positive,
    chemo_based_option_condition,
)


def cd20_rituximab(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _RITUXIMAB(facts)


# --- RR-PH-TKI ----------------------------------------------------------------

_PH_TKI = conjunction(c.not_frail, c.at_reinduction, c.ph_positive)


def ph_tki(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = _PH_TKI(facts)
    if found.outcome is not APPLIES:
        return found
    extra: list[str] = []
    given = []
    for name, when, in_episode in facts.tkis:
        given.append(
            {"agent": name, "date": when.isoformat(), "in_current_episode": in_episode}
        )
        if in_episode:
            extra.append(
                f"{name} given in the current episode ({when.isoformat()}): the "
                "leukemia came back on it"
            )
        else:
            extra.append(f"{name} given before ({when.isoformat()})")
    if facts.t315i:
        extra.append("ABL1 T315I: choose the TKI by mutation testing (ALERT-T315I)")
    elif facts.abl1_mutations is None:
        extra.append("kinase-domain mutation results not recorded")
    return with_detail(with_reasons(found, *extra), {"tkis_given": given})


# --- RR-CNS-INVOLVED ----------------------------------------------------------

_CNS_INVOLVED = conjunction(
    c.at_reinduction,
    c.cns_involvement,
    c.not_isolated_cns_relapse,
)


def cns_involved(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _CNS_INVOLVED(facts)


# --- RR-CNS-PROPHYLAXIS -------------------------------------------------------

_PROPHYLAXIS = conjunction(c.at_rr_decision_point, c.no_cns_involvement)


def cns_prophylaxis(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _PROPHYLAXIS(facts)


# --- RR-TESTIS-RT -------------------------------------------------------------

_TESTIS = conjunction(c.at_rr_decision_point, c.testicular_disease_after_induction)


def testis_rt(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _TESTIS(facts)


# --- RR-MULTIPLY-RELAPSED -----------------------------------------------------

_MULTIPLY_SETTING_CHECKS = (c.relapse_count_at_least_two, c.progression_after_salvage)


def multiply_relapsed_setting(facts: CaseFacts) -> Finding:
    return any_of(facts, _MULTIPLY_SETTING_CHECKS)


_MULTIPLY = conjunction(c.at_reinduction, multiply_relapsed_setting)
# REF-ADULT-RR: allo-HSCT for the medically fit never transplanted; catalogue:
# transplant eligibility "yes" or "unknown".
_HSCT_ELIGIBILITY = frozenset({"yes", "unknown"})


def multiply_relapsed_options(facts: CaseFacts) -> Mapping[str, object]:
    """REF-ADULT-RR's order: a trial first, then what the other rules leave open.

    The agents come from the same conditions as RR-B-IMMUNO-REINDUCTION,
    RR-B-CART-OPTION and RR-KMT2A-REVUMENIB, so the answers cannot differ.
    """
    immuno = b_immuno_reinduction_condition(facts)
    found = agents.antigen_agents(facts)
    return _options(
        immuno.outcome,
        immuno.reasons,
        found.left,
        tuple(found.given_before.items()),
        cart_option_condition(facts),
        kmt2a_revumenib_condition(facts),
        facts.fitness_category,
        facts.transplant_eligible,
        facts.prior_hsct,
    )


@functools.lru_cache(maxsize=1024)
def _options(
    immuno: Outcome,
    immuno_reasons: tuple[str, ...],
    left: tuple[str, ...],
    given_before: tuple[tuple[str, str], ...],
    cart: Finding,
    revumenib: Finding,
    fitness: str,
    transplant_eligible: str,
    prior_hsct: bool,
) -> Mapping[str, object]:
    """The options list for one mix of answers; read-only, so safe to share."""
    options = ["clinical trial first"]
    keys: list[str] = []
    unsettled: list[str] = []
    if immuno is APPLIES:
        before_by_agent = dict(given_before)
        for agent in left:
            name = agents.AGENT_NAMES[agent]
            before = before_by_agent.get(agent)
            options.append(
                f"{name} (not given in this episode)"
                if before is None
                else f"{name} (given before, {before}; may be tried again with care)"
            )
            keys.append(agent)
    elif immuno is INSUFFICIENT_DATA:
        unsettled += immuno_reasons
    if cart.outcome is APPLIES:
        options.append("CD19 CAR-T (RR-B-CART-OPTION)")
        keys.append("car_t")
    elif cart.outcome is INSUFFICIENT_DATA:
        unsettled += cart.reasons
    if revumenib.outcome is APPLIES:
        options.append("revumenib (KMT2A rearranged, not given before)")
        keys.append("revumenib")
    elif revumenib.outcome is INSUFFICIENT_DATA:
        unsettled += revumenib.reasons
    if not prior_hsct:
        if fitness == "unknown":
            unsettled.append("fitness category not recorded (allo-HSCT if fit)")
        elif fitness == "fit" and transplant_eligible in _HSCT_ELIGIBILITY:
            options.append("allo-HSCT (fit, never transplanted)")
    return MappingProxyType(
        {
            "options": tuple(options),
            "agents": tuple(keys),
            "not_settled": tuple(dict.fromkeys(unsettled)),
        }
    )


def multiply_relapsed(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = _MULTIPLY(facts)
    if found.outcome is not APPLIES:
        return found
    return with_detail(found, multiply_relapsed_options(facts))


# --- RR-POST-HSCT-DLI ---------------------------------------------------------

_DLI = conjunction(c.at_reinduction, c.relapse_after_hsct_not_cord)


def post_hsct_dli(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _DLI(facts)


# --- RR-FRAIL-SUPPORTIVE ------------------------------------------------------

_FRAIL = conjunction(c.at_rr_decision_point, c.frail)


def frail_supportive(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _FRAIL(facts)


# --- RR-BLINA-MAINTENANCE -----------------------------------------------------

_BLINA_MAINTENANCE = conjunction(
    c.not_frail,
    c.at_consolidation,
    c.b_lineage,
    c.cd19_not_negative,
    c.remission_with_blinatumomab,
    c.hsct_not_planned,
)


@memoized
def blina_maintenance_condition(facts: CaseFacts) -> Finding:
    return _BLINA_MAINTENANCE(facts)


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
            "REINDUCTION; KMT2A rearranged; not frail; no prior revumenib; and no "
            "suited CD19/CD22 agent left, or relapse count 2 or more, or progression "
            "after salvage"
        ),
        predicate=kmt2a_revumenib,
        version=2,
        disease_directed=True,
    ),
    Rule(
        id="RR-B-CHEMO-BY-FITNESS",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated(
            "Use salvage chemotherapy whose intensity matches the patient's fitness: "
            "high intensity when fit, moderate when less fit; when fitness is not "
            "recorded, fitness decides."
        ),
        condition=(
            "REINDUCTION; B-lineage; not frail; no suited CD19/CD22 agent left "
            "(antigen-negative, or each suited agent given in this episode); not "
            "KMT2A rearranged with revumenib not yet given"
        ),
        predicate=b_chemo_by_fitness,
        lineage="B",
        version=2,
        disease_directed=True,
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
        version=2,
        disease_directed=True,
    ),
    Rule(
        id="RR-LATE-RELAPSE-RETREAT",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated(
            "When the remission this relapse ended lasted 36 months or more, "
            "re-treating with the regimen that brought that remission is acceptable."
        ),
        condition=(
            "REINDUCTION; not frail; the remission before the latest relapse lasted "
            "36 months or more"
        ),
        predicate=late_relapse_retreat,
        version=2,
        disease_directed=True,
    ),
    Rule(
        id="RR-PH-TKI",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_grade_2c(
            "Give a BCR::ABL1 tyrosine kinase inhibitor chosen by kinase-domain "
            "mutation testing, combined with immunotherapy or chemotherapy. A TKI "
            "given in this episode is one the leukemia came back on."
        ),
        condition="REINDUCTION; Ph positive; not frail",
        predicate=ph_tki,
        version=2,
        disease_directed=True,
    ),
    Rule(
        id="RR-CNS-INVOLVED",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_grade_2c(
            "Add CNS-directed therapy to systemic therapy: intrathecal chemotherapy. "
            "For documented CNS involvement this source suggests cranial radiation "
            "(24 Gy) plus intrathecal chemotherapy; CAR-T for CNS relapse is still "
            "under investigation."
        ),
        condition=(
            "REINDUCTION; CNS involved but not an isolated CNS relapse (for example "
            "marrow and CNS)"
        ),
        predicate=cns_involved,
        positions=(
            SourcePosition(
                ASH_RR_2026,
                Relation.CONCORDANT,
                "Advises against CNS radiation alone; CAR-T for CNS relapse is under "
                "investigation.",
            ),
        ),
    ),
    Rule(
        id="RR-CNS-PROPHYLAXIS",
        kind=Kind.RECOMMENDATION,
        decision_points=RR_DECISION_POINTS,
        source=REF_ADULT_RR,
        content=_grade_2c(
            "Give CNS prophylaxis (systemic and/or intrathecal) through induction and "
            "consolidation."
        ),
        condition="REINDUCTION or CONSOLIDATION; no CNS involvement",
        predicate=cns_prophylaxis,
        version=2,
    ),
    Rule(
        id="RR-TESTIS-RT",
        kind=Kind.RECOMMENDATION,
        decision_points=RR_DECISION_POINTS,
        source=REF_ADULT_RR,
        content=_unstated(
            "Consider radiation to both testes (24 Gy in 2 Gy fractions), typically "
            "with the first cycle of maintenance, for testicular disease still present "
            "at the end of induction."
        ),
        condition=(
            "REINDUCTION or CONSOLIDATION; testicular disease still present at end of "
            "induction"
        ),
        predicate=testis_rt,
        version=2,
    ),
    Rule(
        id="RR-MULTIPLY-RELAPSED",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated(
            "Offer a clinical trial first; otherwise choose by fitness and prior "
            "therapy: CD19/CD22 immunotherapy not given in this episode, revumenib for "
            "KMT2A-rearranged disease not yet treated with it, allo-HSCT if fit, "
            "transplant-eligible and never transplanted."
        ),
        condition="REINDUCTION; relapse count 2 or more, or progression after salvage",
        predicate=multiply_relapsed,
        version=2,
    ),
    Rule(
        id="RR-POST-HSCT-DLI",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_unstated("For relapse after allogeneic HSCT, give donor lymphocytes."),
        condition=(
            "REINDUCTION; latest relapse after an allo-HSCT whose donor is not cord "
            "blood"
        ),
        predicate=post_hsct_dli,
        version=2,
    ),
    Rule(
        id="RR-FRAIL-SUPPORTIVE",
        kind=Kind.RECOMMENDATION,
        decision_points=RR_DECISION_POINTS,
        source=REF_ADULT_RR,
        content=_unstated(
            "For a frail patient, offer supportive and palliative care; treatment "
            "aimed at the leukemia is not advised while the patient is frail. Fitness "
            "can change: if it improves, re-assess the fitness category, since some "
            "low-intensity regimens are tolerated by frail patients."
        ),
        condition="REINDUCTION or CONSOLIDATION; fitness frail",
        predicate=frail_supportive,
        version=2,
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
            "CONSOLIDATION; B-lineage; not frail; CD19 not negative; remission reached "
            "with blinatumomab; HSCT not planned (declined or not transplant-eligible)"
        ),
        predicate=blina_maintenance,
        lineage="B",
        version=2,
        disease_directed=True,
    ),
)
