"""Named conditions shared by several rules: one fact each, answered in three states.

Each check takes ``CaseFacts`` and returns a ``Finding`` whose reasons name the fact
("CD19 positive", "relapse count 2"). Findings that depend only on a categorical
value are built once, here, so evaluating a case allocates little.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from recommendations.engine.facts import AYA_MAX_AGE, AYA_MIN_AGE, CaseFacts
from recommendations.engine.logic import (
    Finding,
    all_of,
    any_of,
    applies,
    does_not_apply,
    gate,
    insufficient,
    tri_state,
)
from recommendations.engine.rules.cart_products import TISAGENLECLEUCEL_MAX_AGE
from recommendations.engine.vocabulary import DecisionPoint

# --- Decision point -----------------------------------------------------------


def _at(point: DecisionPoint) -> dict[DecisionPoint, Finding]:
    return {
        other: (
            applies(f"decision point {other}")
            if other is point
            else does_not_apply(f"decision point {other}, not {point}")
        )
        for other in DecisionPoint
    }


_AT_REINDUCTION = _at(DecisionPoint.REINDUCTION)
_AT_CONSOLIDATION = _at(DecisionPoint.CONSOLIDATION)
_AT_RR_POINT = {
    point: (
        does_not_apply("not at a relapsed/refractory decision point")
        if point is DecisionPoint.NONE
        else applies(f"decision point {point}")
    )
    for point in DecisionPoint
}


@gate
def at_reinduction(facts: CaseFacts) -> Finding:
    return _AT_REINDUCTION[facts.decision_point]


@gate
def at_consolidation(facts: CaseFacts) -> Finding:
    return _AT_CONSOLIDATION[facts.decision_point]


@gate
def at_rr_decision_point(facts: CaseFacts) -> Finding:
    return _AT_RR_POINT[facts.decision_point]


# --- Lineage ------------------------------------------------------------------

_B_LINEAGE = {"B": applies("B-lineage"), "T": does_not_apply("T-lineage")}
_T_LINEAGE = {"T": applies("T-lineage"), "B": does_not_apply("B-lineage")}


@gate
def b_lineage(facts: CaseFacts) -> Finding:
    return _B_LINEAGE[facts.lineage]


@gate
def t_lineage(facts: CaseFacts) -> Finding:
    return _T_LINEAGE[facts.lineage]


# --- Markers ------------------------------------------------------------------


def _marker_is(label: str, wanted: str) -> dict[str, Finding]:
    """Findings for "marker is <wanted>": unknown stays unknown, never a yes or a no."""
    return {
        value: (
            applies(f"{label} {value}")
            if value == wanted
            else insufficient(f"{label} unknown")
            if value == "unknown"
            else does_not_apply(f"{label} {value}")
        )
        for value in ("positive", "negative", "unknown")
    }


_CD19_POSITIVE = _marker_is("CD19", "positive")
_CD19_NEGATIVE = _marker_is("CD19", "negative")
_CD22_POSITIVE = _marker_is("CD22", "positive")
_CD22_NEGATIVE = _marker_is("CD22", "negative")
_CD20_POSITIVE = _marker_is("CD20", "positive")
_CD19_NOT_NEGATIVE = {
    "positive": applies("CD19 positive"),
    "negative": does_not_apply("CD19 negative"),
    "unknown": applies("CD19 not known to be negative"),
}
_CD19_NOT_POSITIVE = {
    "positive": does_not_apply("CD19 positive"),
    "negative": applies("CD19 negative"),
    "unknown": applies("CD19 not confirmed (unknown)"),
}


def cd19_positive(facts: CaseFacts) -> Finding:
    return _CD19_POSITIVE[facts.cd19]


def cd19_negative(facts: CaseFacts) -> Finding:
    return _CD19_NEGATIVE[facts.cd19]


def cd19_not_negative(facts: CaseFacts) -> Finding:
    return _CD19_NOT_NEGATIVE[facts.cd19]


def cd19_not_positive(facts: CaseFacts) -> Finding:
    """CD19 anything but positive; here "unknown" is itself the finding."""
    return _CD19_NOT_POSITIVE[facts.cd19]


def cd22_positive(facts: CaseFacts) -> Finding:
    return _CD22_POSITIVE[facts.cd22]


def cd22_negative(facts: CaseFacts) -> Finding:
    return _CD22_NEGATIVE[facts.cd22]


def cd20_positive(facts: CaseFacts) -> Finding:
    return _CD20_POSITIVE[facts.cd20]


_CD19_OR_CD22_POSITIVE_CHECKS = (cd19_positive, cd22_positive)
_CD19_AND_CD22_NEGATIVE_CHECKS = (cd19_negative, cd22_negative)


_BOTH_POSITIVE = applies("CD19 positive", "CD22 positive")


def cd19_or_cd22_positive(facts: CaseFacts) -> Finding:
    # When both antigens are expressed both are reasons: each opens its own agent.
    if facts.cd19 == "positive" and facts.cd22 == "positive":
        return _BOTH_POSITIVE
    return any_of(facts, _CD19_OR_CD22_POSITIVE_CHECKS)


def cd19_and_cd22_negative(facts: CaseFacts) -> Finding:
    return all_of(facts, _CD19_AND_CD22_NEGATIVE_CHECKS)


_KMT2A_REARRANGED = {
    "yes": applies("KMT2A rearranged"),
    "no": does_not_apply("KMT2A not rearranged"),
    "unknown": insufficient("KMT2A rearrangement unknown"),
}
_KMT2A_NOT_REARRANGED = {
    "yes": does_not_apply("KMT2A rearranged"),
    "no": applies("KMT2A not rearranged"),
    "unknown": insufficient("KMT2A rearrangement unknown"),
}


def kmt2a_rearranged(facts: CaseFacts) -> Finding:
    return _KMT2A_REARRANGED[facts.kmt2a_rearranged]


def kmt2a_not_rearranged(facts: CaseFacts) -> Finding:
    return _KMT2A_NOT_REARRANGED[facts.kmt2a_rearranged]


_PH_POSITIVE = {
    "positive": applies("Ph positive"),
    "negative": does_not_apply("Ph negative"),
    "ph_like": does_not_apply("Ph-like, not Ph positive"),
    "unknown": insufficient("Ph status unknown"),
}


def ph_positive(facts: CaseFacts) -> Finding:
    return _PH_POSITIVE[facts.ph_status]


_T315I = (
    applies("ABL1 T315I"),
    does_not_apply("no ABL1 T315I among the recorded mutations"),
    insufficient("ABL1 kinase-domain mutation results not recorded"),
)


def abl1_t315i(facts: CaseFacts) -> Finding:
    return tri_state(facts.t315i, *_T315I)


# --- Relapse history ----------------------------------------------------------

# The schema bounds relapse_count to 0-20; findings for each count are built once.
_RELAPSE_COUNT_AT_LEAST_TWO = {
    None: insufficient("relapse count not recorded"),
    **{
        count: (applies if count >= 2 else does_not_apply)(f"relapse count {count}")
        for count in range(21)
    },
}


def relapse_count_at_least_two(facts: CaseFacts) -> Finding:
    count = facts.relapse_count
    found = _RELAPSE_COUNT_AT_LEAST_TWO.get(count)
    if found is not None:
        return found
    return applies(f"relapse count {count}")  # above the schema's range: still >= 2


_PROGRESSION = {
    True: applies("progression after salvage"),
    False: does_not_apply("no progression after salvage"),
}


def progression_after_salvage(facts: CaseFacts) -> Finding:
    return _PROGRESSION[facts.state == "progression_after_salvage"]


_NO_RELAPSE = does_not_apply("primary refractory disease: no relapse")
_NO_RELAPSE_RECORDED = does_not_apply("no relapse (relapse count 0)")
_RELAPSE_DATE_UNKNOWN = insufficient("latest relapse date not recorded")


def _no_relapse(facts: CaseFacts) -> Finding:
    return _NO_RELAPSE if facts.state == "primary_refractory" else _NO_RELAPSE_RECORDED


def late_relapse(facts: CaseFacts) -> Finding:
    """The remission the latest relapse ended lasted >= 36 months (REF-ADULT-RR)."""
    if facts.has_relapsed is False:
        return _no_relapse(facts)
    months = facts.remission_months
    if months is None:
        return insufficient(facts.remission_start_basis)
    since = facts.remission_start.isoformat()  # type: ignore[union-attr]
    if facts.remission_start_basis == "diagnosis":
        since = f"diagnosis on {since}, no remission recorded"
    if facts.late_relapse:
        return applies(
            f"remission before the latest relapse lasted {months} months (from {since})"
        )
    return does_not_apply(
        f"remission before the latest relapse lasted {months} months (from {since}; "
        "under 36)"
    )


_NO_PRIOR_HSCT = does_not_apply("no prior allo-HSCT")
_NO_HSCT_BEFORE_RELAPSE = does_not_apply("no allo-HSCT before the latest relapse")
_CORD_DONOR = does_not_apply(
    "cord-blood graft: there is no donor to collect lymphocytes from"
)


def relapse_after_hsct_not_cord(facts: CaseFacts) -> Finding:
    """The latest relapse came after an allo-HSCT whose donor was not cord blood."""
    if facts.first_hsct_date is None:
        return _NO_PRIOR_HSCT
    if facts.has_relapsed is False:
        return _no_relapse(facts)
    relapse = facts.latest_relapse_date
    if relapse is None:
        return _RELAPSE_DATE_UNKNOWN
    hsct = facts.hsct_before_relapse
    if hsct is None:
        return _NO_HSCT_BEFORE_RELAPSE
    donor = facts.hsct_before_relapse_donor
    if donor == "cord":
        return _CORD_DONOR
    if donor is None:
        return insufficient(
            f"donor of the allo-HSCT on {hsct.isoformat()} not recorded"
        )
    return applies(
        f"relapse on {relapse.isoformat()} after allo-HSCT on {hsct.isoformat()} "
        f"({donor.replace('_', ' ')} donor)"
    )


# --- CNS and testis -----------------------------------------------------------

_ISOLATED_CNS = (
    applies("isolated CNS relapse (CNS only)"),
    does_not_apply("not an isolated CNS relapse"),
    insufficient("disease sites not recorded"),
)
_NO_CNS_INVOLVEMENT = (
    does_not_apply("CNS involved"),
    applies("no CNS involvement"),
    insufficient("CNS status unknown"),
)
_CNS_INVOLVEMENT = (
    applies("CNS involved"),
    does_not_apply("no CNS involvement"),
    insufficient("CNS status unknown"),
)
_NOT_ISOLATED = (
    does_not_apply("isolated CNS relapse (CNS only)"),
    applies("CNS with other disease sites"),
    insufficient("disease sites not recorded"),
)


def isolated_cns_relapse(facts: CaseFacts) -> Finding:
    return tri_state(facts.isolated_cns_relapse, *_ISOLATED_CNS)


def not_isolated_cns_relapse(facts: CaseFacts) -> Finding:
    return tri_state(facts.isolated_cns_relapse, *_NOT_ISOLATED)


def no_cns_involvement(facts: CaseFacts) -> Finding:
    return tri_state(facts.cns_involvement, *_NO_CNS_INVOLVEMENT)


def cns_involvement(facts: CaseFacts) -> Finding:
    return tri_state(facts.cns_involvement, *_CNS_INVOLVEMENT)


_EPISODE_UNKNOWN = "latest relapse date not recorded"
_EPISODE_IT = (
    applies("intrathecal chemotherapy in the current episode"),
    does_not_apply("no intrathecal chemotherapy in the current episode"),
    insufficient(_EPISODE_UNKNOWN),
)
_NO_EPISODE_IT = (
    does_not_apply("intrathecal chemotherapy in the current episode"),
    applies("no intrathecal chemotherapy in the current episode"),
    insufficient(_EPISODE_UNKNOWN),
)
_EPISODE_CRANIAL_RT = (
    applies("cranial RT in the current episode"),
    does_not_apply("no cranial RT in the current episode"),
    insufficient(_EPISODE_UNKNOWN),
)


def episode_it_chemotherapy(facts: CaseFacts) -> Finding:
    return tri_state(facts.episode_it_chemotherapy, *_EPISODE_IT)


def no_episode_it_chemotherapy(facts: CaseFacts) -> Finding:
    return tri_state(facts.episode_it_chemotherapy, *_NO_EPISODE_IT)


def episode_cranial_rt(facts: CaseFacts) -> Finding:
    return tri_state(facts.episode_cranial_rt, *_EPISODE_CRANIAL_RT)


_TESTIS = (
    applies("testicular disease still present at end of induction"),
    does_not_apply("no testicular disease at end of induction"),
    insufficient("testicular status at end of induction not recorded"),
)
_NO_TESTIS_SITE = does_not_apply("no testicular involvement recorded")


def testicular_disease_after_induction(facts: CaseFacts) -> Finding:
    """Unknown only when the testis is (or may be) a site and the status is missing."""
    value = facts.testicular_disease_after_induction
    if value is None and facts.sites is not None and "testis" not in facts.sites:
        return _NO_TESTIS_SITE
    return tri_state(value, *_TESTIS)


# --- Fitness, prior therapy, plans --------------------------------------------

_FRAIL = {
    "frail": applies("fitness frail"),
    "fit": does_not_apply("fitness fit"),
    "less_fit": does_not_apply("fitness less fit"),
    "unknown": insufficient("fitness category not recorded"),
}
# RR-FRAIL-SUPPORTIVE takes precedence: disease-directed items say why they are off.
FRAIL_PRECEDENCE = does_not_apply("frail (RR-FRAIL-SUPPORTIVE)")
_NOT_FRAIL = applies()


def frail(facts: CaseFacts) -> Finding:
    return _FRAIL[facts.fitness_category]


@gate
def not_frail(facts: CaseFacts) -> Finding:
    """Disease-directed items apply unless the patient is frail (unknown: not frail)."""
    return FRAIL_PRECEDENCE if facts.fitness_category == "frail" else _NOT_FRAIL


_PRIOR_BLINA = (applies("prior blinatumomab"), does_not_apply("no prior blinatumomab"))
_PRIOR_CART = (applies("prior CAR-T"), does_not_apply("no prior CAR-T"))
_PRIOR_INO = (applies("prior inotuzumab"), does_not_apply("no prior inotuzumab"))
_NO_PRIOR_REVUMENIB = (does_not_apply("prior revumenib"), applies("no prior revumenib"))


def prior_blinatumomab(facts: CaseFacts) -> Finding:
    return _PRIOR_BLINA[0] if facts.prior_blinatumomab else _PRIOR_BLINA[1]


def prior_cart(facts: CaseFacts) -> Finding:
    return _PRIOR_CART[0] if facts.prior_cart else _PRIOR_CART[1]


def prior_inotuzumab(facts: CaseFacts) -> Finding:
    return _PRIOR_INO[0] if facts.prior_inotuzumab else _PRIOR_INO[1]


def no_prior_revumenib(facts: CaseFacts) -> Finding:
    return _NO_PRIOR_REVUMENIB[0] if facts.prior_revumenib else _NO_PRIOR_REVUMENIB[1]


_HSCT_PLANNED = (
    applies("HSCT planned"),
    does_not_apply("HSCT not planned"),
    insufficient("HSCT plan not recorded"),
)


def hsct_planned(facts: CaseFacts) -> Finding:
    return tri_state(facts.hsct_planned, *_HSCT_PLANNED)


_HSCT_NOT_PLANNED_YES = applies("HSCT not planned")
_HSCT_INELIGIBLE = applies("not transplant-eligible")
_HSCT_IS_PLANNED = does_not_apply("HSCT planned")
_HSCT_PLAN_UNKNOWN = insufficient("HSCT plan not recorded")


def hsct_not_planned(facts: CaseFacts) -> Finding:
    """HSCT not planned: declined or not planned, or the patient is ineligible."""
    if facts.hsct_planned is True:
        return _HSCT_IS_PLANNED
    if facts.hsct_planned is False:
        return _HSCT_NOT_PLANNED_YES
    if facts.transplant_eligible == "no":
        return _HSCT_INELIGIBLE
    return _HSCT_PLAN_UNKNOWN


_REMISSION_WITH_CART = (
    applies("remission reached with CAR-T"),
    does_not_apply("remission not reached with CAR-T"),
    insufficient("therapy that reached this remission not recorded"),
)
_REMISSION_WITH_BLINA = (
    applies("remission reached with blinatumomab"),
    does_not_apply("remission not reached with blinatumomab"),
    insufficient("therapy that reached this remission not recorded"),
)


def remission_with_cart(facts: CaseFacts) -> Finding:
    return tri_state(facts.remission_with_cart, *_REMISSION_WITH_CART)


def remission_with_blinatumomab(facts: CaseFacts) -> Finding:
    return tri_state(facts.remission_with_blinatumomab, *_REMISSION_WITH_BLINA)


_MRD = {
    "positive": applies("MRD of this remission positive"),
    "negative": does_not_apply("MRD of this remission negative"),
    "not_done": insufficient("MRD of this remission not done"),
    None: insufficient("MRD of this remission not recorded"),
}


def latest_mrd_positive(facts: CaseFacts) -> Finding:
    return _MRD[facts.latest_mrd]


_PRIOR_NEUROPATHY = (
    applies("prior neuropathy"),
    does_not_apply("no prior neuropathy"),
    insufficient("neuropathy history not recorded"),
)


def prior_neuropathy(facts: CaseFacts) -> Finding:
    return tri_state(facts.prior_neuropathy, *_PRIOR_NEUROPATHY)


# --- Age ----------------------------------------------------------------------


# Findings for ages 0-120 are built once; other ages (odd dates) are built on demand.
_AGES = range(121)


def _age_over_25_finding(age: int) -> Finding:
    """Tisagenlecleucel's labelled age limit is 25 years (REF-ADULT-RR)."""
    if age > TISAGENLECLEUCEL_MAX_AGE:
        return applies(f"age {age} (over 25)")
    return does_not_apply(f"age {age}")


def _outside_aya_finding(age: int) -> Finding:
    """ASH-RR-2026 population: 15-39 years."""
    if age < AYA_MIN_AGE or age > AYA_MAX_AGE:
        return applies(f"age {age}, outside 15-39")
    return does_not_apply(f"age {age}, within 15-39")


_AGE_OVER_25 = {age: _age_over_25_finding(age) for age in _AGES}
_OUTSIDE_AYA = {age: _outside_aya_finding(age) for age in _AGES}


def age_over_25(facts: CaseFacts) -> Finding:
    found = _AGE_OVER_25.get(facts.age_years)
    return found if found is not None else _age_over_25_finding(facts.age_years)


def outside_aya(facts: CaseFacts) -> Finding:
    found = _OUTSIDE_AYA.get(facts.age_years)
    return found if found is not None else _outside_aya_finding(facts.age_years)


# --- Marrow burden ------------------------------------------------------------

_BLASTS_UNKNOWN = insufficient("marrow blast percentage not recorded")


def marrow_blasts_over_50(facts: CaseFacts) -> Finding:
    """REF-ADULT-RR: a substantial burden (> 50 % marrow blasts) before blinatumomab."""
    blasts = facts.marrow_blast_percent
    if blasts is None:
        return _BLASTS_UNKNOWN
    if blasts > 50:
        return applies(f"marrow blasts {blasts:g} % (over 50 %)")
    return does_not_apply(f"marrow blasts {blasts:g} %")


# --- Referrals ----------------------------------------------------------------


def due_now(facts: CaseFacts) -> Mapping[str, object]:
    """Timing for an item due from now on (the sources set no later deadline)."""
    return _due_on(facts.as_of)


@functools.lru_cache(maxsize=64)
def _due_on(as_of: date) -> Mapping[str, object]:
    # Read-only and shared: most cases of a batch are evaluated as of the same day.
    return MappingProxyType(
        {
            "due": as_of.isoformat(),
            "due_basis": "now",
            "overdue": False,
            "overdue_since": None,
        }
    )


_PALLIATIVE_COUNTED = (
    does_not_apply("palliative-care referral recorded"),
    applies("no palliative-care referral recorded"),
)
_NEUROCOGNITIVE_COUNTED = (
    does_not_apply("neurocognitive referral recorded"),
    applies("no neurocognitive referral recorded"),
)
_EDUCATION_COUNTED = (
    does_not_apply("education/work referral recorded"),
    applies("no education/work referral recorded"),
)


def no_palliative_referral(facts: CaseFacts) -> Finding:
    counted = facts.referral_counts("palliative_care")
    return _PALLIATIVE_COUNTED[0] if counted else _PALLIATIVE_COUNTED[1]


def no_neurocognitive_referral(facts: CaseFacts) -> Finding:
    counted = facts.referral_counts("neurocognitive")
    return _NEUROCOGNITIVE_COUNTED[0] if counted else _NEUROCOGNITIVE_COUNTED[1]


def no_education_work_referral(facts: CaseFacts) -> Finding:
    counted = facts.referral_counts("education_work")
    return _EDUCATION_COUNTED[0] if counted else _EDUCATION_COUNTED[1]
