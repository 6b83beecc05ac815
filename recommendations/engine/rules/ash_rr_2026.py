"""Rules whose primary source is ASH-RR-2026, the ASH 2026 R/R ALL guideline for AYAs.

Statements are written for this product from seeds 000-002 (see ../shared/seeds).
The seeds do not state the GRADE strength of most of these recommendations, so they
carry ``conditional`` with ``strength_stated=False`` (catalogue rule); the catalogue
itself states good practice for the clinical-trial item, conditional for CAR-T then
HSCT, and research-only for the research priorities.
"""

from __future__ import annotations

from recommendations.engine.facts import CaseFacts
from recommendations.engine.logic import (
    APPLIES,
    Finding,
    all_of,
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
from recommendations.engine.rules.cart_products import product_eligibility
from recommendations.engine.vocabulary import (
    ALL_DECISION_POINTS,
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

# REF-ADULT-RR: nelarabine 1500 mg/m2 is its stated dose from 16 years of age.
NELARABINE_DOSE_MIN_AGE = 16


def _unstated(statement: str) -> RuleContent:
    """Content for an item whose source gives no strength (catalogue rule)."""
    return RuleContent(statement, Strength.CONDITIONAL, strength_stated=False)


# --- RR-B-IMMUNO-REINDUCTION --------------------------------------------------

_IMMUNO = conjunction(c.not_frail, c.at_reinduction, c.b_lineage, agents.agent_left)


@memoized
def b_immuno_reinduction_condition(facts: CaseFacts) -> Finding:
    return _IMMUNO(facts)


def b_immuno_reinduction(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = b_immuno_reinduction_condition(facts)
    if found.outcome is not APPLIES:
        return found
    return with_detail(found, agents.antigen_agents(facts).detail)


def agents_suited_now(facts: CaseFacts) -> tuple[str, ...]:
    """The agents RR-B-IMMUNO-REINDUCTION lists (none unless it applies)."""
    if b_immuno_reinduction_condition(facts).outcome is not APPLIES:
        return ()
    return agents.antigen_agents(facts).left


# --- RR-B-CART-OPTION ---------------------------------------------------------

_NO_CART_IN_EPISODE = applies("no CAR-T in the current episode")
_CART_UNPLACED = insufficient(
    "latest relapse date not recorded: cannot tell whether CAR-T was given in this "
    "episode"
)


def no_cart_in_episode(facts: CaseFacts) -> Finding:
    history = facts.agent("car_t")
    if history.in_episode is None:
        return _CART_UNPLACED
    if history.in_episode:
        return does_not_apply(
            f"CAR-T given in the current episode ({history.last_in_episode})"
        )
    return _NO_CART_IN_EPISODE


def a_product_label_fits(facts: CaseFacts) -> Finding:
    """At least one product's label fits the case, or its fit cannot be told."""
    products = product_eligibility(facts)
    open_products = [row["product"] for row in products if row["eligible"] is not False]
    if open_products:
        return applies()
    return does_not_apply(
        "no CAR-T product's label fits: "
        + "; ".join(
            f"{row['product']} ({', '.join(row['because'])})"  # type: ignore[arg-type]
            for row in products
        )
    )


_CART = conjunction(
    c.not_frail,
    c.at_reinduction,
    c.b_lineage,
    c.cd19_positive,
    no_cart_in_episode,
    a_product_label_fits,
)
_CNS_CAVEAT = "CNS involved: CAR-T in CNS relapse is under investigation"


@memoized
def cart_option_condition(facts: CaseFacts) -> Finding:
    return _CART(facts)


def b_cart_option(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = cart_option_condition(facts)
    if found.outcome is not APPLIES:
        return found
    products = product_eligibility(facts)
    eligible = [row["product"] for row in products if row["eligible"] is True]
    unclear = [row["product"] for row in products if row["eligible"] is None]
    excluded = [row["product"] for row in products if row["eligible"] is False]
    extra = []
    if eligible:
        extra.append("label fits: " + ", ".join(eligible))  # type: ignore[arg-type]
    if unclear:
        extra.append("label fit unknown: " + ", ".join(unclear))  # type: ignore[arg-type]
    if excluded:
        extra.append("label does not fit: " + ", ".join(excluded))  # type: ignore[arg-type]
    given_before = facts.agent("car_t").last_before
    if given_before is not None:
        extra.append(f"CAR-T given before ({given_before.isoformat()})")
    caveat = facts.cns_involvement is True
    if caveat:
        extra.append(_CNS_CAVEAT)
    return with_detail(
        with_reasons(found, *extra),
        {
            "eligible_products": tuple(eligible),
            "products": products,
            "cns_caveat": caveat,
        },
    )


# --- RR-T-NELARABINE ----------------------------------------------------------

_NELARABINE = conjunction(c.not_frail, c.at_reinduction, c.t_lineage)


def t_nelarabine(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = _NELARABINE(facts)
    if found.outcome is not APPLIES:
        return found
    if facts.age_years >= NELARABINE_DOSE_MIN_AGE:
        note = "1500 mg/m2 IV on days 1, 3 and 5 of 21-day cycles (16 years or older)"
    else:
        note = "the sources give the dose from 16 years of age only"
    history = facts.agent("nelarabine")
    extra: tuple[str, ...] = ()
    if history.in_episode:
        extra = (
            f"nelarabine given in the current episode ({history.last_in_episode})",
        )
    elif history.last_before is not None:
        extra = (f"nelarabine given before ({history.last_before.isoformat()})",)
    return with_detail(with_reasons(found, *extra), {"dose": note})


# --- RR-CNS-ISOLATED-IT -------------------------------------------------------

_CNS_IT = conjunction(c.at_reinduction, c.isolated_cns_relapse)


def cns_isolated_it(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = _CNS_IT(facts)
    if found.outcome is not APPLIES:
        return found
    return with_reasons(
        found,
        "sources differ: REF-ADULT-RR suggests cranial RT 24 Gy plus IT chemotherapy",
    )


# --- RR-HSCT-SHARED-DECISION --------------------------------------------------

_HSCT_DECISION = conjunction(c.not_frail, c.at_consolidation)


def hsct_shared_decision(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = _HSCT_DECISION(facts)
    if found.outcome is not APPLIES:
        return found
    return with_detail(
        with_reasons(found, "remission after relapse"),
        {
            "considerations": {
                "fitness_category": facts.fitness_category,
                "transplant_eligible": facts.transplant_eligible,
                "latest_mrd": facts.latest_mrd,
                "hsct_planned": facts.hsct_planned,
                "late_relapse": facts.late_relapse,
                "prior_inotuzumab": facts.prior_inotuzumab,
                "prior_cart": facts.prior_cart,
                "prior_hsct": facts.prior_hsct,
            }
        },
    )


# --- RR-CART-THEN-HSCT --------------------------------------------------------

_CART_THEN_HSCT = conjunction(c.not_frail, c.at_consolidation, c.remission_with_cart)


def cart_then_hsct(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _CART_THEN_HSCT(facts)


# --- RR-CLINICAL-TRIAL --------------------------------------------------------


def clinical_trial(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = c.at_rr_decision_point(facts)
    screened = facts.clinical_trial_screened
    if found.outcome is not APPLIES or screened:
        return found
    if screened is None:
        return with_reasons(found, "trial screening not recorded")
    return with_reasons(found, "not yet screened for a trial")


# --- RR-RESEARCH-PRIORITIES ---------------------------------------------------

_RESEARCH_ONLY = does_not_apply(
    "research-only item, shown in the guideline library only"
)


def research_only(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    """Never an action for a case; the evaluator does not even report it."""
    return _RESEARCH_ONLY


# --- PSY-PALLIATIVE -----------------------------------------------------------

_PALLIATIVE_NEED_CHECKS = (c.frail, c.relapse_count_at_least_two)


def palliative_need(facts: CaseFacts) -> Finding:
    return any_of(facts, _PALLIATIVE_NEED_CHECKS)


_PALLIATIVE_CHECKS = (c.no_palliative_referral, palliative_need)


def palliative_referral(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = all_of(facts, _PALLIATIVE_CHECKS)
    if found.outcome is not APPLIES:
        return found
    return with_detail(found, c.due_now(facts))


# --- Declarations -------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        id="RR-B-IMMUNO-REINDUCTION",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=ASH_RR_2026,
        content=_unstated(
            "Re-induce with blinatumomab (CD19-positive disease) and/or inotuzumab "
            "ozogamicin (CD22-positive disease) rather than salvage chemotherapy. An "
            "agent given before, in an earlier episode, may be tried again with care; "
            "one given in this episode is not offered again."
        ),
        condition=(
            "REINDUCTION; B-lineage; not frail; a suited agent (blinatumomab for CD19 "
            "positive, inotuzumab for CD22 positive) not given in the current episode"
        ),
        predicate=b_immuno_reinduction,
        version=2,
        disease_directed=True,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Suggests immunotherapy-based re-induction rather than chemotherapy "
                "for CD19- or CD22-positive disease (Grade 2C).",
                Strength.CONDITIONAL,
                strength_stated=True,
                certainty=GRADE_2C_CERTAINTY,
            ),
        ),
        lineage="B",
    ),
    Rule(
        id="RR-B-CART-OPTION",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=ASH_RR_2026,
        content=_unstated(
            "A CD19-directed CAR-T product is an option, given only at a certified "
            "centre; each product has its own labelled eligibility."
        ),
        condition=(
            "REINDUCTION; B-lineage; not frail; CD19 positive; no CAR-T in the current "
            "episode; at least one product's label fits or its fit is unknown"
        ),
        predicate=b_cart_option,
        version=2,
        disease_directed=True,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Lists CD19 CAR-T products among the immunotherapy options, dispensed "
                "only at qualified centres; some labels restrict age or prior lines.",
            ),
        ),
        lineage="B",
    ),
    Rule(
        id="RR-T-NELARABINE",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=ASH_RR_2026,
        content=RuleContent(
            "Use a nelarabine-based salvage regimen for T-lineage disease (from 16 "
            "years: 1500 mg/m2 IV on days 1, 3 and 5 of 21-day cycles).",
            Strength.CONDITIONAL,
            strength_stated=True,  # "suggest" (seed 001)
        ),
        condition="REINDUCTION; T-lineage; not frail",
        predicate=t_nelarabine,
        version=2,
        disease_directed=True,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Suggests nelarabine-based chemotherapy rather than other regimens "
                "(Grade 2C).",
                Strength.CONDITIONAL,
                strength_stated=True,
                certainty=GRADE_2C_CERTAINTY,
            ),
        ),
        lineage="T",
    ),
    Rule(
        id="RR-CNS-ISOLATED-IT",
        kind=Kind.RECOMMENDATION,
        decision_points=REINDUCTION,
        source=ASH_RR_2026,
        content=_unstated(
            "Treat isolated CNS relapse with CNS-directed intrathecal chemotherapy "
            "alongside systemic therapy; CNS radiation alone is not advised, and "
            "CAR-T for CNS relapse is still under investigation."
        ),
        condition="REINDUCTION; isolated CNS relapse (CNS involved, no other site)",
        predicate=cns_isolated_it,
        version=2,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.DIFFERS,
                "For documented CNS involvement, suggests cranial radiation (24 Gy in "
                "2 Gy fractions) together with intrathecal chemotherapy.",
            ),
        ),
    ),
    Rule(
        id="RR-HSCT-SHARED-DECISION",
        kind=Kind.RECOMMENDATION,
        decision_points=CONSOLIDATION,
        source=ASH_RR_2026,
        content=_unstated(
            "Decide on allogeneic HSCT together with the patient, weighing fitness, "
            "MRD, donor, prior therapy and preference. Paediatric practice sometimes "
            "omits HSCT (late relapse with a strong response, or after CAR-T); "
            "evidence for older AYAs is lacking."
        ),
        condition="CONSOLIDATION (remission after relapse); not frail",
        predicate=hsct_shared_decision,
        version=2,
        disease_directed=True,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Suggests allogeneic HCT for transplant-eligible patients, decided "
                "jointly by patient, clinician and transplant team (Grade 2C).",
                Strength.CONDITIONAL,
                strength_stated=True,
                certainty=GRADE_2C_CERTAINTY,
            ),
        ),
    ),
    Rule(
        id="RR-CART-THEN-HSCT",
        kind=Kind.RECOMMENDATION,
        decision_points=CONSOLIDATION,
        source=ASH_RR_2026,
        content=RuleContent(
            "After a remission reached with CAR-T, consider consolidation with "
            "allogeneic HSCT; the evidence is still evolving.",
            Strength.CONDITIONAL,
            strength_stated=True,
        ),
        condition="CONSOLIDATION; not frail; remission reached with CAR-T",
        predicate=cart_then_hsct,
        version=2,
        disease_directed=True,
    ),
    Rule(
        id="RR-CLINICAL-TRIAL",
        kind=Kind.RECOMMENDATION,
        decision_points=RR_DECISION_POINTS,
        source=ASH_RR_2026,
        content=RuleContent(
            "Consider a clinical trial at every decision point.",
            Strength.GOOD_PRACTICE,
            strength_stated=True,
        ),
        condition="any relapsed/refractory case (REINDUCTION or CONSOLIDATION)",
        predicate=clinical_trial,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Encourages participation in a clinical trial when one is available.",
            ),
        ),
    ),
    Rule(
        id="RR-RESEARCH-PRIORITIES",
        kind=Kind.RECOMMENDATION,
        decision_points=(),
        source=ASH_RR_2026,
        content=RuleContent(
            "Research priorities: head-to-head trials of the immunotherapies, and "
            "whether HSCT can be safely left out for selected AYAs.",
            Strength.RESEARCH_ONLY,
            strength_stated=True,
        ),
        condition="never an action for a case",
        predicate=research_only,
        case_facing=False,
    ),
    Rule(
        id="PSY-PALLIATIVE",
        kind=Kind.REFERRAL,
        decision_points=ALL_DECISION_POINTS,
        source=ASH_RR_2026,
        content=_unstated(
            "Refer to palliative care: alongside any disease-directed treatment, and "
            "as the main care when the patient is frail."
        ),
        condition=(
            "(frail, or relapse count 2 or more) and no palliative-care referral that "
            "counts"
        ),
        predicate=palliative_referral,
        version=2,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Offers supportive and palliative care to patients who cannot receive "
                "disease-directed treatment.",
            ),
        ),
    ),
)
