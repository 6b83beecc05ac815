"""Boundary vignettes as data: for every case-facing rule, cases where it fires and not.

Each ``BoundaryCase`` names one rule and the outcome expected for it (applies, does not
apply, insufficient data). Documents are the base case of ``support.py`` with only the
facts under test changed, and they are schema-valid (a test checks). ``facts_patch``
overrides derived facts directly; it is used once, for the ``NONE`` decision point,
which no schema-valid disease state reaches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recommendations.engine import DecisionPoint, Outcome
from tests.recommendations.support import DROP, case

A = Outcome.APPLIES
N = Outcome.DOES_NOT_APPLY
U = Outcome.INSUFFICIENT_DATA


@dataclass(frozen=True)
class BoundaryCase:
    name: str
    rule: str
    expect: Outcome
    document: dict
    as_of: str | None = None
    mental_health_interval_days: int = 90
    facts_patch: dict = field(default_factory=dict)
    # A subset of the output item (to_dict) expected when the rule applies.
    item: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}"


def event(kind: str, when: str, **members: object) -> dict:
    return {"type": kind, "date": when, **members}


def referral(kind: str, status: str, when: str | None = None) -> dict:
    found = {"kind": kind, "status": status}
    if when is not None:
        found["date"] = when
    return found


def born_for_age(age: int, *, day_after: bool = False) -> str:
    """A birth date giving exactly ``age`` on 2026-11-01 (or one day short of it)."""
    return f"{2026 - age}-11-{'02' if day_after else '01'}"


ANTIGEN_NEGATIVE = {"cd19": "negative", "cd22": "negative"}
T_LINEAGE = {"lineage": "T"}
REMISSION = {
    "state": "remission_after_relapse",
    "latest_relapse_date": "2026-07-15",
    "sites": [],
    "marrow_blast_percent": 2,
}
BLINA_REMISSION_EVENTS = [
    event("blinatumomab", "2026-08-01", end_date="2026-08-29", cycles=1),
    event("response", "2026-09-01", response="CR", mrd="negative"),
]
CART_REMISSION_EVENTS = [
    event("car_t", "2026-08-10", agent="obecabtagene autoleucel"),
    event("response", "2026-09-15", response="CRi", mrd="negative"),
]

CASES: tuple[BoundaryCase, ...] = (
    # --- RR-B-IMMUNO-REINDUCTION --------------------------------------------------
    BoundaryCase(
        "cd19 and cd22 positive",
        "RR-B-IMMUNO-REINDUCTION",
        A,
        case(),
        item={"detail": {"agents": ["blinatumomab", "inotuzumab ozogamicin"]}},
    ),
    BoundaryCase(
        "cd22 positive only: inotuzumab",
        "RR-B-IMMUNO-REINDUCTION",
        A,
        case(markers={"cd19": "negative"}),
        item={"detail": {"agents": ["inotuzumab ozogamicin"]}},
    ),
    BoundaryCase(
        "cd19 and cd22 negative",
        "RR-B-IMMUNO-REINDUCTION",
        N,
        case(markers=ANTIGEN_NEGATIVE),
    ),
    BoundaryCase(
        "cd19 unknown, cd22 negative",
        "RR-B-IMMUNO-REINDUCTION",
        U,
        case(markers={"cd19": "unknown", "cd22": "negative"}),
    ),
    BoundaryCase("T-lineage", "RR-B-IMMUNO-REINDUCTION", N, case(diagnosis=T_LINEAGE)),
    BoundaryCase(
        "consolidation", "RR-B-IMMUNO-REINDUCTION", N, case(disease=REMISSION)
    ),
    # --- RR-B-CART-OPTION ---------------------------------------------------------
    BoundaryCase(
        "cd19 positive, age 23 first relapse: adult products only",
        "RR-B-CART-OPTION",
        A,
        case(),
        item={
            "detail": {
                "eligible_products": [
                    "brexucabtagene autoleucel",
                    "obecabtagene autoleucel",
                ]
            }
        },
    ),
    BoundaryCase(
        "age 25 in second relapse: tisagenlecleucel fits",
        "RR-B-CART-OPTION",
        A,
        case(birth_date=born_for_age(25), disease={"relapse_count": 2}),
        item={
            "detail": {
                "eligible_products": [
                    "tisagenlecleucel",
                    "brexucabtagene autoleucel",
                    "obecabtagene autoleucel",
                ]
            }
        },
    ),
    BoundaryCase(
        "age 26 in second relapse: tisagenlecleucel does not fit",
        "RR-B-CART-OPTION",
        A,
        case(birth_date=born_for_age(26), disease={"relapse_count": 2}),
        item={
            "detail": {
                "eligible_products": [
                    "brexucabtagene autoleucel",
                    "obecabtagene autoleucel",
                ]
            }
        },
    ),
    BoundaryCase(
        "age 16 primary refractory: tisagenlecleucel only",
        "RR-B-CART-OPTION",
        A,
        case(
            birth_date=born_for_age(16),
            disease={
                "state": "primary_refractory",
                "relapse_count": 0,
                "latest_relapse_date": DROP,
            },
        ),
        item={"detail": {"eligible_products": ["tisagenlecleucel"]}},
    ),
    BoundaryCase(
        "cd19 negative", "RR-B-CART-OPTION", N, case(markers={"cd19": "negative"})
    ),
    BoundaryCase(
        "cd19 unknown", "RR-B-CART-OPTION", U, case(markers={"cd19": "unknown"})
    ),
    BoundaryCase("T-lineage", "RR-B-CART-OPTION", N, case(diagnosis=T_LINEAGE)),
    # --- RR-KMT2A-REVUMENIB -------------------------------------------------------
    BoundaryCase(
        "KMT2A, cd19 and cd22 negative",
        "RR-KMT2A-REVUMENIB",
        A,
        case(markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "yes"}),
    ),
    BoundaryCase(
        "KMT2A, antigen positive, second relapse",
        "RR-KMT2A-REVUMENIB",
        A,
        case(markers={"kmt2a_rearranged": "yes"}, disease={"relapse_count": 2}),
    ),
    BoundaryCase(
        "KMT2A, antigen positive, first relapse",
        "RR-KMT2A-REVUMENIB",
        N,
        case(markers={"kmt2a_rearranged": "yes"}),
    ),
    BoundaryCase(
        "KMT2A, prior revumenib",
        "RR-KMT2A-REVUMENIB",
        N,
        case(
            markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "yes"},
            events=[event("revumenib", "2025-02-01")],
        ),
    ),
    BoundaryCase(
        "not KMT2A rearranged",
        "RR-KMT2A-REVUMENIB",
        N,
        case(markers=ANTIGEN_NEGATIVE),
    ),
    BoundaryCase(
        "KMT2A unknown",
        "RR-KMT2A-REVUMENIB",
        U,
        case(markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "unknown"}),
    ),
    # --- RR-B-CHEMO-BY-FITNESS ----------------------------------------------------
    BoundaryCase(
        "antigen negative, not KMT2A, fit: high intensity",
        "RR-B-CHEMO-BY-FITNESS",
        A,
        case(markers=ANTIGEN_NEGATIVE),
        item={"detail": {"intensity": ["high"]}},
    ),
    BoundaryCase(
        "antigen negative, less fit: moderate intensity",
        "RR-B-CHEMO-BY-FITNESS",
        A,
        case(markers=ANTIGEN_NEGATIVE, fitness={"category": "less_fit"}),
        item={"detail": {"intensity": ["moderate"]}},
    ),
    BoundaryCase(
        "antigen negative, KMT2A rearranged",
        "RR-B-CHEMO-BY-FITNESS",
        N,
        case(markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "yes"}),
    ),
    BoundaryCase(
        "antigen negative, KMT2A unknown",
        "RR-B-CHEMO-BY-FITNESS",
        U,
        case(markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "unknown"}),
    ),
    BoundaryCase(
        "T-lineage antigen negative",
        "RR-B-CHEMO-BY-FITNESS",
        N,
        case(diagnosis=T_LINEAGE, markers=ANTIGEN_NEGATIVE),
    ),
    # --- RR-CD20-RITUXIMAB --------------------------------------------------------
    BoundaryCase(
        "CD20 positive with chemotherapy by fitness",
        "RR-CD20-RITUXIMAB",
        A,
        case(markers={**ANTIGEN_NEGATIVE, "cd20": "positive"}),
    ),
    BoundaryCase(
        "CD20 positive with late-relapse re-treatment",
        "RR-CD20-RITUXIMAB",
        A,
        case(markers={"cd20": "positive"}, diagnosis={"date": "2023-10-20"}),
    ),
    BoundaryCase(
        "CD20 negative with chemotherapy by fitness",
        "RR-CD20-RITUXIMAB",
        N,
        case(markers=ANTIGEN_NEGATIVE),
    ),
    BoundaryCase(
        "CD20 positive, no chemotherapy option",
        "RR-CD20-RITUXIMAB",
        N,
        case(markers={"cd20": "positive"}),
    ),
    BoundaryCase(
        "CD20 unknown with chemotherapy by fitness",
        "RR-CD20-RITUXIMAB",
        U,
        case(markers={**ANTIGEN_NEGATIVE, "cd20": "unknown"}),
    ),
    BoundaryCase(
        "T-lineage CD20 positive late relapse",
        "RR-CD20-RITUXIMAB",
        N,
        case(
            markers={"cd20": "positive"},
            diagnosis={"date": "2023-10-20", "lineage": "T"},
        ),
    ),
    # --- RR-LATE-RELAPSE-RETREAT --------------------------------------------------
    BoundaryCase(
        "relapse exactly 36 months after diagnosis",
        "RR-LATE-RELAPSE-RETREAT",
        A,
        case(diagnosis={"date": "2023-10-20", "initial_regimen": "CALGB 10403"}),
        item={"detail": {"initial_regimen": "CALGB 10403"}},
    ),
    BoundaryCase(
        "relapse 35 months after diagnosis (one day short of 36)",
        "RR-LATE-RELAPSE-RETREAT",
        N,
        case(diagnosis={"date": "2023-10-21"}),
    ),
    BoundaryCase(
        "primary refractory",
        "RR-LATE-RELAPSE-RETREAT",
        N,
        case(
            diagnosis={"date": "2020-01-15"},
            disease={"state": "primary_refractory", "latest_relapse_date": DROP},
        ),
    ),
    BoundaryCase(
        "relapse date unknown",
        "RR-LATE-RELAPSE-RETREAT",
        U,
        case(disease={"latest_relapse_date": DROP}),
    ),
    BoundaryCase(
        "T-lineage late relapse",
        "RR-LATE-RELAPSE-RETREAT",
        A,
        case(diagnosis={"date": "2020-01-15", "lineage": "T"}),
    ),
    # --- RR-PH-TKI ----------------------------------------------------------------
    BoundaryCase(
        "Ph positive with T315I",
        "RR-PH-TKI",
        A,
        case(
            diagnosis={"ph_status": "positive"}, markers={"abl1_mutations": ["T315I"]}
        ),
        item={"detail": {"tki_choices": ["ponatinib", "asciminib"]}},
    ),
    BoundaryCase(
        "Ph positive, no mutation",
        "RR-PH-TKI",
        A,
        case(diagnosis={"ph_status": "positive"}),
    ),
    BoundaryCase("Ph negative", "RR-PH-TKI", N, case()),
    BoundaryCase("Ph-like", "RR-PH-TKI", N, case(diagnosis={"ph_status": "ph_like"})),
    BoundaryCase("Ph unknown", "RR-PH-TKI", U, case(diagnosis={"ph_status": DROP})),
    # --- RR-T-NELARABINE ----------------------------------------------------------
    BoundaryCase(
        "T-lineage relapse, age 23: dose given",
        "RR-T-NELARABINE",
        A,
        case(diagnosis=T_LINEAGE, markers=ANTIGEN_NEGATIVE),
        item={
            "detail": {
                "dose": "1500 mg/m2 IV on days 1, 3 and 5 of 21-day cycles "
                "(16 years or older)"
            }
        },
    ),
    BoundaryCase(
        "T-lineage relapse, age 15: no dose in the sources",
        "RR-T-NELARABINE",
        A,
        case(diagnosis=T_LINEAGE, birth_date=born_for_age(15)),
        item={
            "detail": {"dose": "the sources give the dose from 16 years of age only"}
        },
    ),
    BoundaryCase("B-lineage", "RR-T-NELARABINE", N, case()),
    BoundaryCase(
        "T-lineage in remission",
        "RR-T-NELARABINE",
        N,
        case(diagnosis=T_LINEAGE, disease=REMISSION),
    ),
    # --- RR-CNS-ISOLATED-IT -------------------------------------------------------
    BoundaryCase(
        "sites exactly cns",
        "RR-CNS-ISOLATED-IT",
        A,
        case(disease={"sites": ["cns"]}),
        item={
            "differs_from": [
                {
                    "source": "REF-ADULT-RR",
                    "relation": "differs",
                    "position": "For documented CNS involvement, suggests cranial "
                    "radiation (24 Gy in 2 Gy fractions) together with intrathecal "
                    "chemotherapy.",
                    "strength": "conditional",
                    "strength_stated": False,
                    "certainty": None,
                }
            ]
        },
    ),
    BoundaryCase(
        "isolated CNS relapse event this episode, cns and testis sites",
        "RR-CNS-ISOLATED-IT",
        A,
        case(
            disease={"sites": ["cns", "testis"]},
            events=[
                event("cns_event", "2026-10-20", cns_kind="isolated_cns_relapse"),
            ],
        ),
    ),
    BoundaryCase(
        "marrow and cns",
        "RR-CNS-ISOLATED-IT",
        N,
        case(disease={"sites": ["marrow", "cns"]}),
    ),
    BoundaryCase(
        "isolated CNS relapse event from an earlier episode",
        "RR-CNS-ISOLATED-IT",
        N,
        case(
            disease={"sites": ["testis"]},
            events=[
                event("cns_event", "2025-02-01", cns_kind="isolated_cns_relapse"),
            ],
        ),
    ),
    BoundaryCase(
        "sites unknown",
        "RR-CNS-ISOLATED-IT",
        U,
        case(disease={"sites": DROP}),
    ),
    # --- RR-CNS-PROPHYLAXIS -------------------------------------------------------
    BoundaryCase("marrow only", "RR-CNS-PROPHYLAXIS", A, case()),
    BoundaryCase(
        "cns site", "RR-CNS-PROPHYLAXIS", N, case(disease={"sites": ["marrow", "cns"]})
    ),
    BoundaryCase(
        "CNS involvement recorded this episode",
        "RR-CNS-PROPHYLAXIS",
        N,
        case(events=[event("cns_event", "2026-10-22", cns_kind="cns_involvement")]),
    ),
    BoundaryCase(
        "sites unknown, negative lumbar puncture this episode",
        "RR-CNS-PROPHYLAXIS",
        A,
        case(
            disease={"sites": DROP},
            events=[event("cns_event", "2026-10-22", cns_kind="cns_negative_lp")],
        ),
    ),
    BoundaryCase(
        "sites unknown, no CNS evaluation",
        "RR-CNS-PROPHYLAXIS",
        U,
        case(disease={"sites": DROP}),
    ),
    # --- RR-TESTIS-RT -------------------------------------------------------------
    BoundaryCase(
        "testicular disease after induction",
        "RR-TESTIS-RT",
        A,
        case(
            sex="male",
            disease={
                "sites": ["marrow", "testis"],
                "testicular_disease_after_induction": True,
            },
        ),
    ),
    BoundaryCase("no testicular disease after induction", "RR-TESTIS-RT", N, case()),
    BoundaryCase(
        "not a site, status not recorded",
        "RR-TESTIS-RT",
        N,
        case(disease={"testicular_disease_after_induction": DROP}),
    ),
    BoundaryCase(
        "testis a site, status not recorded",
        "RR-TESTIS-RT",
        U,
        case(
            sex="male",
            disease={
                "sites": ["marrow", "testis"],
                "testicular_disease_after_induction": DROP,
            },
        ),
    ),
    # --- RR-MULTIPLY-RELAPSED -----------------------------------------------------
    BoundaryCase(
        "second relapse, KMT2A not treated",
        "RR-MULTIPLY-RELAPSED",
        A,
        case(disease={"relapse_count": 2}, markers={"kmt2a_rearranged": "yes"}),
        item={
            "detail": {
                "options": [
                    "clinical trial",
                    "blinatumomab (CD19 positive, not given before)",
                    "inotuzumab ozogamicin (CD22 positive, not given before)",
                    "CD19 CAR-T (CD19 positive, not given before)",
                    "revumenib (KMT2A rearranged, not given before)",
                    "allo-HSCT (fit, never transplanted)",
                ]
            }
        },
    ),
    BoundaryCase(
        "progression after salvage",
        "RR-MULTIPLY-RELAPSED",
        A,
        case(disease={"state": "progression_after_salvage"}),
    ),
    BoundaryCase(
        "relapse count from two relapse dates",
        "RR-MULTIPLY-RELAPSED",
        A,
        case(
            disease={"relapse_count": DROP},
            events=[event("relapse", "2025-03-01")],
        ),
    ),
    BoundaryCase("first relapse", "RR-MULTIPLY-RELAPSED", N, case()),
    BoundaryCase(
        "relapse count not recorded and no relapse dates",
        "RR-MULTIPLY-RELAPSED",
        U,
        case(disease={"relapse_count": DROP, "latest_relapse_date": DROP}),
    ),
    # --- RR-POST-HSCT-DLI ---------------------------------------------------------
    BoundaryCase(
        "relapse after allo-HSCT",
        "RR-POST-HSCT-DLI",
        A,
        case(events=[event("allo_hsct", "2025-01-10", donor="matched_sibling")]),
    ),
    BoundaryCase("never transplanted", "RR-POST-HSCT-DLI", N, case()),
    BoundaryCase(
        "transplant after the latest relapse",
        "RR-POST-HSCT-DLI",
        N,
        case(events=[event("allo_hsct", "2026-10-25", donor="matched_sibling")]),
    ),
    BoundaryCase(
        "transplanted, relapse date unknown",
        "RR-POST-HSCT-DLI",
        U,
        case(
            disease={"latest_relapse_date": DROP},
            events=[event("allo_hsct", "2025-01-10", donor="haploidentical")],
        ),
    ),
    # --- RR-FRAIL-SUPPORTIVE ------------------------------------------------------
    BoundaryCase(
        "frail", "RR-FRAIL-SUPPORTIVE", A, case(fitness={"category": "frail"})
    ),
    BoundaryCase("fit", "RR-FRAIL-SUPPORTIVE", N, case()),
    BoundaryCase(
        "fitness unknown",
        "RR-FRAIL-SUPPORTIVE",
        U,
        case(fitness={"category": "unknown"}),
    ),
    # --- RR-HSCT-SHARED-DECISION --------------------------------------------------
    BoundaryCase(
        "remission after relapse",
        "RR-HSCT-SHARED-DECISION",
        A,
        case(disease=REMISSION, events=BLINA_REMISSION_EVENTS),
    ),
    BoundaryCase("active relapse", "RR-HSCT-SHARED-DECISION", N, case()),
    # --- RR-CART-THEN-HSCT --------------------------------------------------------
    BoundaryCase(
        "remission reached with CAR-T",
        "RR-CART-THEN-HSCT",
        A,
        case(disease=REMISSION, events=CART_REMISSION_EVENTS),
    ),
    BoundaryCase(
        "remission reached with blinatumomab",
        "RR-CART-THEN-HSCT",
        N,
        case(disease=REMISSION, events=BLINA_REMISSION_EVENTS),
    ),
    BoundaryCase(
        "CAR-T before a partial response, remission after blinatumomab",
        "RR-CART-THEN-HSCT",
        N,
        case(
            disease=REMISSION,
            events=[
                event("car_t", "2026-07-20", agent="brexucabtagene autoleucel"),
                event("response", "2026-08-20", response="PR", mrd="positive"),
                event("blinatumomab", "2026-08-25", end_date="2026-09-22"),
                event("response", "2026-09-25", response="CR", mrd="negative"),
            ],
        ),
    ),
    BoundaryCase(
        "CAR-T in an earlier episode",
        "RR-CART-THEN-HSCT",
        N,
        case(
            disease=REMISSION,
            events=[
                event("car_t", "2025-03-01", agent="tisagenlecleucel"),
                *BLINA_REMISSION_EVENTS,
            ],
        ),
    ),
    BoundaryCase(
        "remission, no response recorded",
        "RR-CART-THEN-HSCT",
        U,
        case(disease=REMISSION, events=[event("car_t", "2026-08-10")]),
    ),
    BoundaryCase(
        "CAR-T remission but active relapse now",
        "RR-CART-THEN-HSCT",
        N,
        case(events=CART_REMISSION_EVENTS),
    ),
    # --- RR-BLINA-MAINTENANCE -----------------------------------------------------
    BoundaryCase(
        "blinatumomab remission, HSCT not planned",
        "RR-BLINA-MAINTENANCE",
        A,
        case(disease=REMISSION, events=BLINA_REMISSION_EVENTS),
    ),
    BoundaryCase(
        "blinatumomab remission, transplant-ineligible, plan not recorded",
        "RR-BLINA-MAINTENANCE",
        A,
        case(
            disease=REMISSION,
            events=BLINA_REMISSION_EVENTS,
            plans=DROP,
            fitness={"transplant_eligible": "no"},
        ),
    ),
    BoundaryCase(
        "blinatumomab remission, HSCT planned",
        "RR-BLINA-MAINTENANCE",
        N,
        case(
            disease=REMISSION,
            events=BLINA_REMISSION_EVENTS,
            plans={"hsct_planned": True},
        ),
    ),
    BoundaryCase(
        "blinatumomab remission, HSCT plan unknown",
        "RR-BLINA-MAINTENANCE",
        U,
        case(disease=REMISSION, events=BLINA_REMISSION_EVENTS, plans=DROP),
    ),
    BoundaryCase(
        "T-lineage with a recorded blinatumomab remission",
        "RR-BLINA-MAINTENANCE",
        N,
        case(diagnosis=T_LINEAGE, disease=REMISSION, events=BLINA_REMISSION_EVENTS),
    ),
    # --- RR-CLINICAL-TRIAL --------------------------------------------------------
    BoundaryCase("re-induction", "RR-CLINICAL-TRIAL", A, case()),
    BoundaryCase(
        "consolidation",
        "RR-CLINICAL-TRIAL",
        A,
        case(disease=REMISSION, events=BLINA_REMISSION_EVENTS),
    ),
    BoundaryCase(
        "decision point NONE (a state outside the catalogue)",
        "RR-CLINICAL-TRIAL",
        N,
        case(),
        facts_patch={"state": "unclassified", "decision_point": DecisionPoint.NONE},
    ),
    # --- ALERT-INO-VOD ------------------------------------------------------------
    BoundaryCase(
        "prior inotuzumab at consolidation",
        "ALERT-INO-VOD",
        A,
        case(
            disease=REMISSION,
            events=[
                event("inotuzumab", "2026-08-01", end_date="2026-09-20", cycles=2),
                event("response", "2026-09-25", response="CR", mrd="negative"),
            ],
        ),
    ),
    BoundaryCase(
        "prior inotuzumab, relapse, HSCT planned",
        "ALERT-INO-VOD",
        A,
        case(plans={"hsct_planned": True}, events=[event("inotuzumab", "2025-03-01")]),
    ),
    BoundaryCase(
        "prior inotuzumab, relapse, HSCT not planned",
        "ALERT-INO-VOD",
        N,
        case(events=[event("inotuzumab", "2025-03-01")]),
    ),
    BoundaryCase(
        "prior inotuzumab, relapse, HSCT plan unknown",
        "ALERT-INO-VOD",
        U,
        case(plans=DROP, events=[event("inotuzumab", "2025-03-01")]),
    ),
    BoundaryCase(
        "inotuzumab dated on as_of counts as prior",
        "ALERT-INO-VOD",
        A,
        case(plans={"hsct_planned": True}, events=[event("inotuzumab", "2026-10-25")]),
        as_of="2026-10-25",
    ),
    BoundaryCase(
        "inotuzumab dated after as_of is not prior",
        "ALERT-INO-VOD",
        N,
        case(plans={"hsct_planned": True}, events=[event("inotuzumab", "2026-10-25")]),
        as_of="2026-10-24",
    ),
    # --- ALERT-BLINA-HIGH-BURDEN --------------------------------------------------
    BoundaryCase(
        "blasts 51 %",
        "ALERT-BLINA-HIGH-BURDEN",
        A,
        case(disease={"marrow_blast_percent": 51}),
    ),
    BoundaryCase(
        "blasts exactly 50 %",
        "ALERT-BLINA-HIGH-BURDEN",
        N,
        case(disease={"marrow_blast_percent": 50}),
    ),
    BoundaryCase(
        "blasts 80 %, blinatumomab not an option (CD19 negative)",
        "ALERT-BLINA-HIGH-BURDEN",
        N,
        case(disease={"marrow_blast_percent": 80}, markers={"cd19": "negative"}),
    ),
    BoundaryCase(
        "blasts not recorded",
        "ALERT-BLINA-HIGH-BURDEN",
        U,
        case(disease={"marrow_blast_percent": DROP}),
    ),
    # --- ALERT-BLINA-INPATIENT ----------------------------------------------------
    BoundaryCase(
        "blinatumomab re-induction option", "ALERT-BLINA-INPATIENT", A, case()
    ),
    BoundaryCase(
        "blinatumomab maintenance option",
        "ALERT-BLINA-INPATIENT",
        A,
        case(disease=REMISSION, events=BLINA_REMISSION_EVENTS),
    ),
    BoundaryCase(
        "CD19 negative, CD22 positive",
        "ALERT-BLINA-INPATIENT",
        N,
        case(markers={"cd19": "negative"}),
    ),
    BoundaryCase("T-lineage", "ALERT-BLINA-INPATIENT", N, case(diagnosis=T_LINEAGE)),
    # --- ALERT-ANTIGEN-UNKNOWN ----------------------------------------------------
    BoundaryCase(
        "CD22 unknown",
        "ALERT-ANTIGEN-UNKNOWN",
        A,
        case(markers={"cd22": "unknown"}),
    ),
    BoundaryCase(
        "markers not recorded at all", "ALERT-ANTIGEN-UNKNOWN", A, case(markers=DROP)
    ),
    BoundaryCase("both antigens known", "ALERT-ANTIGEN-UNKNOWN", N, case()),
    BoundaryCase(
        "T-lineage with unknown antigens",
        "ALERT-ANTIGEN-UNKNOWN",
        N,
        case(diagnosis=T_LINEAGE, markers=DROP),
    ),
    BoundaryCase(
        "consolidation with unknown antigens",
        "ALERT-ANTIGEN-UNKNOWN",
        N,
        case(disease=REMISSION, markers=DROP),
    ),
    # --- ALERT-CD19-ESCAPE --------------------------------------------------------
    BoundaryCase(
        "prior blinatumomab, CD19 negative",
        "ALERT-CD19-ESCAPE",
        A,
        case(
            markers={"cd19": "negative"}, events=[event("blinatumomab", "2025-03-01")]
        ),
    ),
    BoundaryCase(
        "prior CAR-T, CD19 unknown",
        "ALERT-CD19-ESCAPE",
        A,
        case(markers={"cd19": "unknown"}, events=[event("car_t", "2025-03-01")]),
    ),
    BoundaryCase(
        "prior blinatumomab, CD19 positive",
        "ALERT-CD19-ESCAPE",
        N,
        case(events=[event("blinatumomab", "2025-03-01")]),
    ),
    BoundaryCase(
        "CD19 negative, no CD19-directed therapy",
        "ALERT-CD19-ESCAPE",
        N,
        case(markers={"cd19": "negative"}),
    ),
    # --- ALERT-TISAGEN-AGE --------------------------------------------------------
    BoundaryCase(
        "age 26, CAR-T option",
        "ALERT-TISAGEN-AGE",
        A,
        case(birth_date=born_for_age(26)),
    ),
    BoundaryCase(
        "age 25, CAR-T option",
        "ALERT-TISAGEN-AGE",
        N,
        case(birth_date=born_for_age(25)),
    ),
    BoundaryCase(
        "one day before the 26th birthday",
        "ALERT-TISAGEN-AGE",
        N,
        case(birth_date=born_for_age(26, day_after=True)),
    ),
    BoundaryCase(
        "age 30, CD19 negative (no CAR-T option)",
        "ALERT-TISAGEN-AGE",
        N,
        case(birth_date=born_for_age(30), markers={"cd19": "negative"}),
    ),
    # --- ALERT-NELARABINE-NEURO ---------------------------------------------------
    BoundaryCase(
        "T-lineage, prior neuropathy",
        "ALERT-NELARABINE-NEURO",
        A,
        case(diagnosis=T_LINEAGE, fitness={"prior_neuropathy": True}),
    ),
    BoundaryCase(
        "T-lineage, IT chemotherapy this episode",
        "ALERT-NELARABINE-NEURO",
        A,
        case(diagnosis=T_LINEAGE, events=[event("it_chemotherapy", "2026-10-22")]),
    ),
    BoundaryCase(
        "T-lineage, cranial RT this episode",
        "ALERT-NELARABINE-NEURO",
        A,
        case(diagnosis=T_LINEAGE, events=[event("cranial_rt", "2026-10-25")]),
    ),
    BoundaryCase(
        "T-lineage, CNS site",
        "ALERT-NELARABINE-NEURO",
        A,
        case(diagnosis=T_LINEAGE, disease={"sites": ["marrow", "cns"]}),
    ),
    BoundaryCase(
        "T-lineage, IT chemotherapy only in an earlier episode",
        "ALERT-NELARABINE-NEURO",
        N,
        case(diagnosis=T_LINEAGE, events=[event("it_chemotherapy", "2024-02-01")]),
    ),
    BoundaryCase(
        "T-lineage, no risk factor",
        "ALERT-NELARABINE-NEURO",
        N,
        case(diagnosis=T_LINEAGE),
    ),
    BoundaryCase(
        "T-lineage, neuropathy history not recorded",
        "ALERT-NELARABINE-NEURO",
        U,
        case(diagnosis=T_LINEAGE, fitness={"prior_neuropathy": DROP}),
    ),
    BoundaryCase(
        "B-lineage, prior neuropathy",
        "ALERT-NELARABINE-NEURO",
        N,
        case(fitness={"prior_neuropathy": True}),
    ),
    # --- ALERT-REVUMENIB-DOSE -----------------------------------------------------
    BoundaryCase(
        "62 kg with a strong CYP3A4 inhibitor",
        "ALERT-REVUMENIB-DOSE",
        A,
        case(
            markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "yes"},
            medications={"strong_cyp3a4_inhibitor": True},
        ),
        item={"detail": {"dose": "160 mg twice daily"}},
    ),
    BoundaryCase(
        "exactly 40 kg, no inhibitor",
        "ALERT-REVUMENIB-DOSE",
        A,
        case(markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "yes"}, weight_kg=40),
        item={"detail": {"dose": "270 mg twice daily"}},
    ),
    BoundaryCase(
        "39.5 kg, no inhibitor",
        "ALERT-REVUMENIB-DOSE",
        A,
        case(markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "yes"}, weight_kg=39.5),
        item={"detail": {"dose": "160 mg/m2 twice daily"}},
    ),
    BoundaryCase(
        "39.5 kg with an inhibitor",
        "ALERT-REVUMENIB-DOSE",
        A,
        case(
            markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "yes"},
            weight_kg=39.5,
            medications={"strong_cyp3a4_inhibitor": True},
        ),
        item={"detail": {"dose": "95 mg/m2 twice daily"}},
    ),
    BoundaryCase(
        "revumenib not a recommendation (KMT2A not rearranged)",
        "ALERT-REVUMENIB-DOSE",
        N,
        case(markers=ANTIGEN_NEGATIVE),
    ),
    # --- ALERT-T315I --------------------------------------------------------------
    BoundaryCase(
        "Ph positive with T315I",
        "ALERT-T315I",
        A,
        case(
            diagnosis={"ph_status": "positive"}, markers={"abl1_mutations": ["T315I"]}
        ),
    ),
    BoundaryCase(
        "Ph positive, other mutation",
        "ALERT-T315I",
        N,
        case(
            diagnosis={"ph_status": "positive"}, markers={"abl1_mutations": ["E255K"]}
        ),
    ),
    BoundaryCase(
        "Ph positive, mutations not recorded",
        "ALERT-T315I",
        U,
        case(diagnosis={"ph_status": "positive"}, markers={"abl1_mutations": DROP}),
    ),
    BoundaryCase(
        "Ph negative", "ALERT-T315I", N, case(markers={"abl1_mutations": ["T315I"]})
    ),
    # --- ALERT-MRD-BEFORE-HSCT ----------------------------------------------------
    BoundaryCase(
        "consolidation, MRD positive",
        "ALERT-MRD-BEFORE-HSCT",
        A,
        case(
            disease=REMISSION,
            events=[
                event("blinatumomab", "2026-08-01"),
                event("response", "2026-09-01", response="CR", mrd="positive"),
            ],
        ),
    ),
    BoundaryCase(
        "consolidation, MRD negative",
        "ALERT-MRD-BEFORE-HSCT",
        N,
        case(disease=REMISSION, events=BLINA_REMISSION_EVENTS),
    ),
    BoundaryCase(
        "consolidation, MRD positive then negative (latest counts)",
        "ALERT-MRD-BEFORE-HSCT",
        N,
        case(
            disease=REMISSION,
            events=[
                event("response", "2026-09-01", response="CR", mrd="positive"),
                event("response", "2026-10-01", response="CR", mrd="negative"),
            ],
        ),
    ),
    BoundaryCase(
        "consolidation, MRD not done",
        "ALERT-MRD-BEFORE-HSCT",
        U,
        case(
            disease=REMISSION,
            events=[event("response", "2026-09-01", response="CR", mrd="not_done")],
        ),
    ),
    BoundaryCase(
        "active relapse with an old MRD-positive response",
        "ALERT-MRD-BEFORE-HSCT",
        N,
        case(events=[event("response", "2024-03-01", response="CR", mrd="positive")]),
    ),
    # --- ALERT-CNS-RT-ALONE -------------------------------------------------------
    BoundaryCase(
        "isolated CNS relapse, cranial RT without IT",
        "ALERT-CNS-RT-ALONE",
        A,
        case(disease={"sites": ["cns"]}, events=[event("cranial_rt", "2026-10-25")]),
    ),
    BoundaryCase(
        "isolated CNS relapse, cranial RT with IT",
        "ALERT-CNS-RT-ALONE",
        N,
        case(
            disease={"sites": ["cns"]},
            events=[
                event("it_chemotherapy", "2026-10-22"),
                event("cranial_rt", "2026-10-25"),
            ],
        ),
    ),
    BoundaryCase(
        "isolated CNS relapse, no cranial RT",
        "ALERT-CNS-RT-ALONE",
        N,
        case(disease={"sites": ["cns"]}),
    ),
    BoundaryCase(
        "marrow relapse with cranial RT",
        "ALERT-CNS-RT-ALONE",
        N,
        case(events=[event("cranial_rt", "2026-10-25")]),
    ),
    # --- ALERT-OUTSIDE-AYA --------------------------------------------------------
    BoundaryCase(
        "age 14 (one day before 15th birthday)",
        "ALERT-OUTSIDE-AYA",
        A,
        case(birth_date=born_for_age(15, day_after=True)),
    ),
    BoundaryCase(
        "age exactly 15", "ALERT-OUTSIDE-AYA", N, case(birth_date=born_for_age(15))
    ),
    BoundaryCase("age 39", "ALERT-OUTSIDE-AYA", N, case(birth_date=born_for_age(39))),
    BoundaryCase(
        "age 39, a day before turning 40",
        "ALERT-OUTSIDE-AYA",
        N,
        case(birth_date=born_for_age(40, day_after=True)),
    ),
    BoundaryCase("age 40", "ALERT-OUTSIDE-AYA", A, case(birth_date=born_for_age(40))),
    # --- PSY-FERTILITY ------------------------------------------------------------
    BoundaryCase(
        "no fertility referral: due now",
        "PSY-FERTILITY",
        A,
        case(),
        item={"due": "2026-11-01", "due_basis": "now", "overdue": False},
    ),
    BoundaryCase(
        "no referral, next treatment planned: due by that date",
        "PSY-FERTILITY",
        A,
        case(plans={"next_treatment_start": "2026-11-10"}),
        item={
            "due": "2026-11-10",
            "due_basis": "next_treatment_start",
            "overdue": False,
        },
    ),
    BoundaryCase(
        "planned start is today: due, not yet overdue",
        "PSY-FERTILITY",
        A,
        case(plans={"next_treatment_start": "2026-11-01"}),
        item={"due": "2026-11-01", "overdue": False},
    ),
    BoundaryCase(
        "chemotherapy already started this episode: overdue",
        "PSY-FERTILITY",
        A,
        case(events=[event("chemotherapy", "2026-10-25", agent="FLAG-Ida")]),
        item={"due": "2026-11-01", "overdue": True, "overdue_since": "2026-10-25"},
    ),
    BoundaryCase(
        "planned start has passed: overdue",
        "PSY-FERTILITY",
        A,
        case(plans={"next_treatment_start": "2026-10-28"}),
        item={"due": "2026-10-28", "overdue": True, "overdue_since": "2026-10-28"},
    ),
    BoundaryCase(
        "completed in this episode",
        "PSY-FERTILITY",
        N,
        case(referrals=[referral("fertility", "completed", "2026-10-21")]),
    ),
    BoundaryCase(
        "declined in this episode",
        "PSY-FERTILITY",
        N,
        case(referrals=[referral("fertility", "declined", "2026-10-20")]),
    ),
    BoundaryCase(
        "completed in an earlier episode",
        "PSY-FERTILITY",
        A,
        case(referrals=[referral("fertility", "completed", "2024-01-20")]),
    ),
    BoundaryCase(
        "only referred in this episode",
        "PSY-FERTILITY",
        A,
        case(referrals=[referral("fertility", "referred", "2026-10-21")]),
    ),
    BoundaryCase(
        "completed, date not recorded",
        "PSY-FERTILITY",
        U,
        case(referrals=[referral("fertility", "completed")]),
    ),
    # --- PSY-SOCIAL-WORK ----------------------------------------------------------
    BoundaryCase("no referral", "PSY-SOCIAL-WORK", A, case()),
    BoundaryCase(
        "only marked as needed",
        "PSY-SOCIAL-WORK",
        A,
        case(referrals=[referral("social_work", "needed")]),
    ),
    BoundaryCase(
        "referred long ago",
        "PSY-SOCIAL-WORK",
        N,
        case(referrals=[referral("social_work", "referred", "2024-01-20")]),
    ),
    BoundaryCase(
        "declined",
        "PSY-SOCIAL-WORK",
        N,
        case(referrals=[referral("social_work", "declined", "2026-10-21")]),
    ),
    # --- PSY-MENTAL-HEALTH --------------------------------------------------------
    BoundaryCase(
        "completed exactly 90 days ago",
        "PSY-MENTAL-HEALTH",
        N,
        case(referrals=[referral("mental_health", "completed", "2026-08-03")]),
    ),
    BoundaryCase(
        "completed 91 days ago",
        "PSY-MENTAL-HEALTH",
        A,
        case(referrals=[referral("mental_health", "completed", "2026-08-02")]),
        item={"due": "2026-10-31", "due_basis": "screening_interval", "overdue": True},
    ),
    BoundaryCase(
        "completed 31 days ago, 30-day program interval",
        "PSY-MENTAL-HEALTH",
        A,
        case(referrals=[referral("mental_health", "completed", "2026-10-01")]),
        mental_health_interval_days=30,
    ),
    BoundaryCase(
        "completed 30 days ago, 30-day program interval",
        "PSY-MENTAL-HEALTH",
        N,
        case(referrals=[referral("mental_health", "completed", "2026-10-02")]),
        mental_health_interval_days=30,
    ),
    BoundaryCase(
        "never screened",
        "PSY-MENTAL-HEALTH",
        A,
        case(),
        item={"due": "2026-11-01", "due_basis": "now", "overdue": False},
    ),
    BoundaryCase(
        "only scheduled",
        "PSY-MENTAL-HEALTH",
        A,
        case(referrals=[referral("mental_health", "scheduled", "2026-11-20")]),
    ),
    BoundaryCase(
        "completed, date not recorded",
        "PSY-MENTAL-HEALTH",
        U,
        case(referrals=[referral("mental_health", "completed")]),
    ),
    # --- PSY-EDUCATION-WORK -------------------------------------------------------
    BoundaryCase(
        "school disrupted, no referral",
        "PSY-EDUCATION-WORK",
        A,
        case(psychosocial={"school_or_work_disrupted": True}),
    ),
    BoundaryCase("not disrupted", "PSY-EDUCATION-WORK", N, case()),
    BoundaryCase(
        "disrupted, referral scheduled",
        "PSY-EDUCATION-WORK",
        N,
        case(
            psychosocial={"school_or_work_disrupted": True},
            referrals=[referral("education_work", "scheduled", "2026-11-15")],
        ),
    ),
    BoundaryCase(
        "disruption not recorded",
        "PSY-EDUCATION-WORK",
        U,
        case(psychosocial=DROP),
    ),
    # --- PSY-PALLIATIVE -----------------------------------------------------------
    BoundaryCase("frail", "PSY-PALLIATIVE", A, case(fitness={"category": "frail"})),
    BoundaryCase(
        "second relapse", "PSY-PALLIATIVE", A, case(disease={"relapse_count": 2})
    ),
    BoundaryCase("fit, first relapse", "PSY-PALLIATIVE", N, case()),
    BoundaryCase(
        "frail, palliative care referral completed",
        "PSY-PALLIATIVE",
        N,
        case(
            fitness={"category": "frail"},
            referrals=[referral("palliative_care", "completed", "2026-10-25")],
        ),
    ),
    BoundaryCase(
        "fitness unknown, first relapse",
        "PSY-PALLIATIVE",
        U,
        case(fitness={"category": "unknown"}),
    ),
    # --- PSY-NEUROCOGNITIVE -------------------------------------------------------
    BoundaryCase(
        "intrathecal chemotherapy in the history",
        "PSY-NEUROCOGNITIVE",
        A,
        case(events=[event("it_chemotherapy", "2024-02-01")]),
    ),
    BoundaryCase(
        "nelarabine in the history",
        "PSY-NEUROCOGNITIVE",
        A,
        case(diagnosis=T_LINEAGE, events=[event("nelarabine", "2024-03-01")]),
    ),
    BoundaryCase(
        "cranial RT in the history",
        "PSY-NEUROCOGNITIVE",
        A,
        case(events=[event("cranial_rt", "2024-05-01")]),
    ),
    BoundaryCase("no neurotoxic therapy", "PSY-NEUROCOGNITIVE", N, case()),
    BoundaryCase(
        "IT chemotherapy, neurocognitive referral made",
        "PSY-NEUROCOGNITIVE",
        N,
        case(
            events=[event("it_chemotherapy", "2024-02-01")],
            referrals=[referral("neurocognitive", "referred", "2024-06-01")],
        ),
    ),
)
