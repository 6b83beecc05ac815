"""Safety alerts (catalogue "Safety alerts"), kept together rather than split by source.

The catalogue's alert table gives no source column: each alert restates a warning from
one or more seeds, so every alert here cites the source its wording comes from
(seed 001 for ASH-RR-2026, seed 004 for REF-ADULT-RR). Alerts inform; they carry the
``information`` strength, which no source grades (``strength_stated=False``). Several
alerts fire on another rule's condition (blinatumomab being an option, CAR-T,
revumenib), so they import those named conditions rather than restate them.
"""

from __future__ import annotations

from recommendations.engine.facts import CaseFacts
from recommendations.engine.logic import (
    APPLIES,
    DOES_NOT_APPLY,
    Finding,
    all_of,
    any_of,
    applies,
    conjunction,
    disjunction,
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
from recommendations.engine.rules.ash_rr_2026 import cart_option_condition
from recommendations.engine.rules.ref_adult_rr import (
    blina_maintenance_condition,
    kmt2a_revumenib_condition,
)
from recommendations.engine.vocabulary import (
    ALL_DECISION_POINTS,
    ASH_RR_2026,
    CONSOLIDATION,
    REF_ADULT_RR,
    REINDUCTION,
    RR_DECISION_POINTS,
    Kind,
    Relation,
    Severity,
    Strength,
)

HIGH = Severity.HIGH
WARNING = Severity.WARNING

# REF-ADULT-RR revumenib dosing: weight threshold and twice-daily doses.
REVUMENIB_WEIGHT_THRESHOLD_KG = 40
REVUMENIB_DOSE_FLAT = "270 mg twice daily"
REVUMENIB_DOSE_FLAT_WITH_INHIBITOR = "160 mg twice daily"
REVUMENIB_DOSE_BSA = "160 mg/m2 twice daily"
REVUMENIB_DOSE_BSA_WITH_INHIBITOR = "95 mg/m2 twice daily"


def _information(message: str) -> RuleContent:
    return RuleContent(message, Strength.INFORMATION, strength_stated=False)


# --- Agents suited now (RR-B-IMMUNO-REINDUCTION's one answer) -------------------

_SUITED_NOW = conjunction(c.at_reinduction, c.b_lineage, c.not_frail)


def _suited_now(facts: CaseFacts, agent: str) -> Finding:
    """The agent is listed by RR-B-IMMUNO-REINDUCTION for this case."""
    found = _SUITED_NOW(facts)
    if found.outcome is DOES_NOT_APPLY:
        return found
    status = agents.agent_status(facts, agent)
    if found.outcome is APPLIES or status.outcome is DOES_NOT_APPLY:
        return status
    return found


@memoized
def blinatumomab_suited_now(facts: CaseFacts) -> Finding:
    return _suited_now(facts, agents.BLINATUMOMAB)


@memoized
def inotuzumab_suited_now(facts: CaseFacts) -> Finding:
    return _suited_now(facts, agents.INOTUZUMAB)


_BLINA_MAINTENANCE = applies(
    "blinatumomab maintenance is an option (RR-BLINA-MAINTENANCE)"
)


def blinatumomab_maintenance_option(facts: CaseFacts) -> Finding:
    found = blina_maintenance_condition(facts)
    return _BLINA_MAINTENANCE if found.outcome is APPLIES else found


_BLINA_OPTION_CHECKS = (blinatumomab_suited_now, blinatumomab_maintenance_option)


def blinatumomab_option(facts: CaseFacts) -> Finding:
    """Blinatumomab is on the table: suited for re-induction, or as maintenance."""
    return any_of(facts, _BLINA_OPTION_CHECKS)


_INO_VOD_SETTING = disjunction(c.at_consolidation, c.hsct_planned)


def consolidation_or_hsct_planned(facts: CaseFacts) -> Finding:
    return _INO_VOD_SETTING(facts)


_INO_VOD_CHECKS = (c.prior_inotuzumab, consolidation_or_hsct_planned)


def ino_vod(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _INO_VOD_CHECKS)


_ELIGIBILITY_YES_OR_UNKNOWN = {
    "yes": applies("transplant-eligible"),
    "unknown": applies("transplant eligibility not yet known"),
    "no": does_not_apply("not transplant-eligible"),
}


def transplant_eligible_yes_or_unknown(facts: CaseFacts) -> Finding:
    return _ELIGIBILITY_YES_OR_UNKNOWN[facts.transplant_eligible]


_INO_HSCT_PLANNING_CHECKS = (inotuzumab_suited_now, transplant_eligible_yes_or_unknown)


def ino_hsct_planning(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _INO_HSCT_PLANNING_CHECKS)


_VOD_RECORDED = (
    applies("VOD/SOS recorded before"),
    does_not_apply("no VOD/SOS recorded"),
)


def vod_recorded(facts: CaseFacts) -> Finding:
    return _VOD_RECORDED[0] if facts.vod_recorded else _VOD_RECORDED[1]


# The cheap check goes first: most cases have no VOD on record.
_PRIOR_VOD_CHECKS = (vod_recorded, inotuzumab_suited_now)


def prior_vod(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _PRIOR_VOD_CHECKS)


# The cheap blast check goes first: it settles most cases before the agent check.
_HIGH_BURDEN_CHECKS = (c.marrow_blasts_over_50, blinatumomab_suited_now)


def blina_high_burden(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _HIGH_BURDEN_CHECKS)


def blina_inpatient(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return blinatumomab_option(facts)


_ANTIGENS_KNOWN = does_not_apply("CD19 and CD22 both known")


def cd19_or_cd22_unknown(facts: CaseFacts) -> Finding:
    """Here "unknown" is the finding itself, so this check is never insufficient."""
    unknown = tuple(
        f"{label} unknown"
        for label, value in (("CD19", facts.cd19), ("CD22", facts.cd22))
        if value == "unknown"
    )
    return applies(*unknown) if unknown else _ANTIGENS_KNOWN


_ANTIGEN_UNKNOWN = conjunction(c.at_reinduction, c.b_lineage, cd19_or_cd22_unknown)


def antigen_unknown(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _ANTIGEN_UNKNOWN(facts)


_CD19_DIRECTED_CHECKS = (c.prior_blinatumomab, c.prior_cart)


def prior_cd19_directed_therapy(facts: CaseFacts) -> Finding:
    return any_of(facts, _CD19_DIRECTED_CHECKS)


_CD19_OPTION_CHECKS = (
    blinatumomab_suited_now,
    cart_option_condition,
    blinatumomab_maintenance_option,
)


def cd19_directed_option(facts: CaseFacts) -> Finding:
    """A CD19-directed option is on the table now (blinatumomab, CAR-T, maintenance)."""
    return any_of(facts, _CD19_OPTION_CHECKS)


_CD19_UNDATED = applies("CD19 result undated (markers.tested_on not recorded)")


def cd19_result_predates_therapy(facts: CaseFacts) -> Finding:
    """The CD19 result is undated or older than the latest blinatumomab/CAR-T."""
    tested = facts.markers_tested_on
    if tested is None:
        return _CD19_UNDATED
    latest = facts.latest_cd19_directed
    if latest is not None and tested < latest:
        return applies(
            f"CD19 tested {tested.isoformat()}, before the latest blinatumomab or "
            f"CAR-T ({latest.isoformat()})"
        )
    return does_not_apply(
        f"CD19 tested {tested.isoformat()}, after the latest CD19-directed therapy"
    )


_STALE_CD19_CHECKS = (cd19_directed_option, cd19_result_predates_therapy)


def stale_cd19_with_option(facts: CaseFacts) -> Finding:
    return all_of(facts, _STALE_CD19_CHECKS)


_CD19_DOUBT_CHECKS = (c.cd19_not_positive, stale_cd19_with_option)


def cd19_in_doubt(facts: CaseFacts) -> Finding:
    return any_of(facts, _CD19_DOUBT_CHECKS)


_CD19_ESCAPE = conjunction(c.b_lineage, prior_cd19_directed_therapy, cd19_in_doubt)


def cd19_escape(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _CD19_ESCAPE(facts)


_TISAGEN_AGE_CHECKS = (cart_option_condition, c.age_over_25)


def tisagen_age(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _TISAGEN_AGE_CHECKS)


_NEURO_RISK_CHECKS = (
    c.cns_involvement,
    c.episode_it_chemotherapy,
    c.episode_cranial_rt,
    c.prior_neuropathy,
)


def nelarabine_neuro_risk(facts: CaseFacts) -> Finding:
    """Any of the REF-ADULT-RR risk factors; every one present is named."""
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    for check in _NEURO_RISK_CHECKS:
        found = check(facts)
        if found.outcome is APPLIES:
            present += found.reasons
        elif found.outcome is DOES_NOT_APPLY:
            absent += found.reasons
        else:
            missing += found.reasons
    if present:
        return applies(*present)
    if missing:
        return insufficient(*missing)
    return does_not_apply(*absent)


_NELARABINE_NEURO = conjunction(c.t_lineage, nelarabine_neuro_risk)


def nelarabine_neuro(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _NELARABINE_NEURO(facts)


def revumenib_dose_for(facts: CaseFacts) -> tuple[str, tuple[str, ...]]:
    """This case's revumenib dose (REF-ADULT-RR) and the facts it was read from."""
    weight = facts.weight_kg
    inhibitor = facts.strong_cyp3a4_inhibitor
    if weight is None:
        return (
            "depends on weight (40 kg threshold): weight not recorded",
            ("weight not recorded",),
        )
    facts_used = (f"weight {weight:g} kg",)
    if weight >= REVUMENIB_WEIGHT_THRESHOLD_KG:
        usual, reduced = REVUMENIB_DOSE_FLAT, REVUMENIB_DOSE_FLAT_WITH_INHIBITOR
    else:
        usual, reduced = REVUMENIB_DOSE_BSA, REVUMENIB_DOSE_BSA_WITH_INHIBITOR
    if inhibitor is True:
        return reduced, (*facts_used, "strong CYP3A4 inhibitor")
    if inhibitor is False:
        return usual, (*facts_used, "no strong CYP3A4 inhibitor")
    return (
        f"{usual}, or {reduced} with a strong CYP3A4 inhibitor",
        (*facts_used, "CYP3A4 inhibitor use not recorded"),
    )


def revumenib_dose(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = kmt2a_revumenib_condition(facts)
    if found.outcome is not APPLIES:
        return found
    dose, used = revumenib_dose_for(facts)
    return with_detail(
        with_reasons(applies("RR-KMT2A-REVUMENIB applies"), *used, f"dose: {dose}"),
        {"dose": dose},
    )


_T315I_CHECKS = (c.ph_positive, c.abl1_t315i)


def t315i(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _T315I_CHECKS)


_MRD = conjunction(c.at_consolidation, c.latest_mrd_positive)


def mrd_before_hsct(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return _MRD(facts)


_RT_ALONE_CHECKS = (
    c.isolated_cns_relapse,
    c.episode_cranial_rt,
    c.no_episode_it_chemotherapy,
)


def cns_rt_alone(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return all_of(facts, _RT_ALONE_CHECKS)


def outside_aya(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    return c.outside_aya(facts)


# --- Declarations -------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        id="ALERT-INO-VOD",
        kind=Kind.ALERT,
        decision_points=ALL_DECISION_POINTS,
        source=ASH_RR_2026,
        content=_information(
            "Prior inotuzumab raises the risk of hepatic VOD/SOS after HSCT: tell the "
            "transplant team and monitor liver tests; defibrotide treats VOD."
        ),
        condition="prior inotuzumab and (CONSOLIDATION or HSCT planned)",
        predicate=ino_vod,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Warns of hepatic SOS after inotuzumab, most of all when allogeneic "
                "HCT follows; liver tests are monitored.",
                Strength.INFORMATION,
            ),
        ),
        severity=HIGH,
    ),
    Rule(
        id="ALERT-INO-HSCT-PLANNING",
        kind=Kind.ALERT,
        decision_points=REINDUCTION,
        source=ASH_RR_2026,
        content=_information(
            "If inotuzumab is given and HSCT follows, the risk of VOD/SOS is higher "
            "(10 of 48 transplanted after inotuzumab had VOD): plan with the "
            "transplant team and record inotuzumab prominently."
        ),
        condition=(
            "inotuzumab is a suited agent now (RR-B-IMMUNO-REINDUCTION) and transplant "
            "eligibility yes or unknown"
        ),
        predicate=ino_hsct_planning,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Boxed warnings for hepatic SOS and for non-relapse mortality after "
                "HCT; in the phase 3 trial 10 of 48 transplanted after inotuzumab had "
                "VOD.",
                Strength.INFORMATION,
            ),
        ),
        lineage="B",
        severity=HIGH,
    ),
    Rule(
        id="ALERT-PRIOR-VOD",
        kind=Kind.ALERT,
        decision_points=REINDUCTION,
        source=ASH_RR_2026,
        content=_information(
            "VOD/SOS has happened before, and VOD/SOS is inotuzumab's most serious "
            "toxicity: weigh this before choosing inotuzumab."
        ),
        condition="inotuzumab is a suited agent now and a VOD/SOS toxicity is recorded",
        predicate=prior_vod,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Boxed warning for hepatotoxicity, including life-threatening hepatic "
                "SOS.",
                Strength.INFORMATION,
            ),
        ),
        lineage="B",
        severity=HIGH,
    ),
    Rule(
        id="ALERT-BLINA-HIGH-BURDEN",
        kind=Kind.ALERT,
        decision_points=RR_DECISION_POINTS,
        source=REF_ADULT_RR,
        content=_information(
            "Marrow blasts above 50 %: cytoreduce for about a week first (a steroid, "
            "with or without low-intensity chemotherapy) to lower the CRS risk of "
            "blinatumomab."
        ),
        condition=(
            "blinatumomab is a suited agent now (RR-B-IMMUNO-REINDUCTION) and marrow "
            "blasts over 50 %"
        ),
        predicate=blina_high_burden,
        lineage="B",
        severity=WARNING,
        version=2,
    ),
    Rule(
        id="ALERT-BLINA-INPATIENT",
        kind=Kind.ALERT,
        decision_points=RR_DECISION_POINTS,
        source=ASH_RR_2026,
        content=_information(
            "Blinatumomab: admit for the first 48-72 hours of each cycle, and hold it "
            "for grade 3 or higher neurotoxicity."
        ),
        condition=(
            "blinatumomab is a suited agent now (RR-B-IMMUNO-REINDUCTION) or "
            "RR-BLINA-MAINTENANCE applies"
        ),
        predicate=blina_inpatient,
        positions=(
            SourcePosition(
                REF_ADULT_RR,
                Relation.CONCORDANT,
                "Patients are hospitalised around the infusion to watch for CRS and "
                "neurotoxicity.",
                Strength.INFORMATION,
            ),
        ),
        lineage="B",
        severity=WARNING,
        version=2,
    ),
    Rule(
        id="ALERT-ANTIGEN-UNKNOWN",
        kind=Kind.ALERT,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_information(
            "CD19 or CD22 expression is not known: test antigen expression before "
            "choosing immunotherapy."
        ),
        condition="REINDUCTION; B-lineage; CD19 or CD22 unknown",
        predicate=antigen_unknown,
        lineage="B",
        severity=WARNING,
    ),
    Rule(
        id="ALERT-CD19-ESCAPE",
        kind=Kind.ALERT,
        decision_points=ALL_DECISION_POINTS,
        source=REF_ADULT_RR,
        content=_information(
            "CD19-directed therapy was given before, and CD19 is not positive or was "
            "tested before that therapy: CD19-directed therapy may not work; confirm "
            "CD19 on the current disease."
        ),
        condition=(
            "B-lineage; prior blinatumomab or CAR-T; and CD19 not positive, or a "
            "CD19-directed option on the table now while the CD19 result is dated "
            "before the latest blinatumomab/CAR-T or undated"
        ),
        predicate=cd19_escape,
        lineage="B",
        severity=HIGH,
        version=2,
    ),
    Rule(
        id="ALERT-TISAGEN-AGE",
        kind=Kind.ALERT,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_information(
            "Tisagenlecleucel is labelled for patients aged 25 or younger; other CAR-T "
            "products may still fit."
        ),
        condition="RR-B-CART-OPTION applies and age over 25",
        predicate=tisagen_age,
        lineage="B",
        severity=WARNING,
        version=2,
    ),
    Rule(
        id="ALERT-NELARABINE-NEURO",
        kind=Kind.ALERT,
        decision_points=ALL_DECISION_POINTS,
        source=REF_ADULT_RR,
        content=_information(
            "Higher risk of neurotoxicity with nelarabine: CNS disease, intrathecal "
            "therapy or cranial radiation, or a history of neuropathy."
        ),
        condition=(
            "T-lineage; CNS involvement, IT chemotherapy or cranial RT in the current "
            "episode, or prior neuropathy"
        ),
        predicate=nelarabine_neuro,
        lineage="T",
        severity=WARNING,
    ),
    Rule(
        id="ALERT-REVUMENIB-DOSE",
        kind=Kind.ALERT,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        content=_information(
            "Revumenib dose: 40 kg or more, 270 mg twice daily (160 mg with a strong "
            "CYP3A4 inhibitor); under 40 kg, 160 mg/m2 twice daily (95 mg/m2 with "
            "one). Watch for differentiation syndrome and QT prolongation; it is "
            "toxic to an embryo or fetus."
        ),
        condition=(
            "revumenib is recommended (RR-KMT2A-REVUMENIB, which RR-MULTIPLY-RELAPSED "
            "names with the same condition)"
        ),
        predicate=revumenib_dose,
        severity=HIGH,
        version=2,
    ),
    Rule(
        id="ALERT-T315I",
        kind=Kind.ALERT,
        decision_points=ALL_DECISION_POINTS,
        source=REF_ADULT_RR,
        content=_information(
            "ABL1 T315I limits which TKIs can work: choose the TKI by kinase-domain "
            "mutation testing (the source names second-generation TKIs, asciminib and "
            "ponatinib as the choices); a TKI given in this episode is one the "
            "leukemia came back on. A clinician's reading not stated in the sources, "
            "awaiting a program admin's confirmation: only ponatinib or asciminib are "
            "active against T315I."
        ),
        condition="Ph positive with ABL1 T315I",
        predicate=t315i,
        severity=HIGH,
        version=2,
    ),
    Rule(
        id="ALERT-MRD-BEFORE-HSCT",
        kind=Kind.ALERT,
        decision_points=CONSOLIDATION,
        source=REF_ADULT_RR,
        content=_information(
            "MRD of this remission is positive: HSCT outcomes are best when MRD is "
            "negative."
        ),
        condition=(
            "CONSOLIDATION; latest MRD of the current episode positive (insufficient "
            "data when it is not recorded)"
        ),
        predicate=mrd_before_hsct,
        severity=WARNING,
        version=2,
    ),
    Rule(
        id="ALERT-CNS-RT-ALONE",
        kind=Kind.ALERT,
        decision_points=ALL_DECISION_POINTS,
        source=ASH_RR_2026,
        content=_information(
            "Cranial radiation is recorded without intrathecal chemotherapy for an "
            "isolated CNS relapse: CNS radiation alone is not advised."
        ),
        condition=(
            "isolated CNS relapse; cranial RT and no IT chemotherapy in the current "
            "episode"
        ),
        predicate=cns_rt_alone,
        severity=HIGH,
        version=2,
    ),
    Rule(
        id="ALERT-OUTSIDE-AYA",
        kind=Kind.ALERT,
        decision_points=ALL_DECISION_POINTS,
        source=ASH_RR_2026,
        content=_information(
            "Age is outside 15-39: the guideline was written for adolescents and young "
            "adults aged 15-39."
        ),
        condition="age under 15 or over 39",
        predicate=outside_aya,
        severity=WARNING,
    ),
)
