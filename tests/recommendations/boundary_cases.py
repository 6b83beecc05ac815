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
        item={"detail": {"agents": ["blinatumomab", "inotuzumab"]}},
    ),
    BoundaryCase(
        "cd22 positive only: inotuzumab",
        "RR-B-IMMUNO-REINDUCTION",
        A,
        case(markers={"cd19": "negative"}),
        item={"detail": {"agents": ["inotuzumab"]}},
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
            diagnosis={"ph_status": "positive"},
            markers={"abl1_mutations": ["T315I"]},
            events=[
                event("tki", "2024-02-01", agent="dasatinib"),
                event("tki", "2026-10-22", agent="ponatinib"),
            ],
        ),
        item={
            "detail": {
                "tkis_given": [
                    {
                        "agent": "dasatinib",
                        "date": "2024-02-01",
                        "in_current_episode": False,
                    },
                    {
                        "agent": "ponatinib",
                        "date": "2026-10-22",
                        "in_current_episode": True,
                    },
                ]
            }
        },
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
        N,
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
                    "clinical trial first",
                    "blinatumomab (not given in this episode)",
                    "inotuzumab ozogamicin (not given in this episode)",
                    "CD19 CAR-T (RR-B-CART-OPTION)",
                    "revumenib (KMT2A rearranged, not given before)",
                    "allo-HSCT (fit, never transplanted)",
                ],
                "agents": ["blinatumomab", "inotuzumab", "car_t", "revumenib"],
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
        "prior blinatumomab, CD19 positive, tested after it",
        "ALERT-CD19-ESCAPE",
        N,
        case(
            markers={"tested_on": "2026-10-21"},
            events=[event("blinatumomab", "2025-03-01")],
        ),
    ),
    BoundaryCase(
        "prior blinatumomab, CD19 positive but undated, blinatumomab suited again",
        "ALERT-CD19-ESCAPE",
        A,
        case(events=[event("blinatumomab", "2025-03-01")]),
    ),
    BoundaryCase(
        "prior CAR-T, CD19 positive tested before it, CAR-T option on the table",
        "ALERT-CD19-ESCAPE",
        A,
        case(
            markers={"cd22": "negative", "tested_on": "2025-01-10"},
            events=[event("car_t", "2025-02-01", agent="tisagenlecleucel")],
        ),
    ),
    BoundaryCase(
        "prior CAR-T, CD19 positive tested before it, no CD19-directed option",
        "ALERT-CD19-ESCAPE",
        N,
        case(
            fitness={"category": "frail"},
            markers={"tested_on": "2025-01-10"},
            events=[event("car_t", "2025-02-01", agent="tisagenlecleucel")],
        ),
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
        "completed, but no relapse date to place it in the episode",
        "PSY-FERTILITY",
        U,
        case(
            disease={"relapse_count": DROP, "latest_relapse_date": DROP},
            referrals=[referral("fertility", "completed", "2026-10-21")],
        ),
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
            referrals=[referral("education_work", "scheduled", "2026-10-25")],
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
    # ==============================================================================
    # Catalogue 2026.2: changed definitions and new items
    # ==============================================================================
    # --- Frail precedence: every disease-directed item is off when frail ------------
    *(
        BoundaryCase(
            f"frail: {rule_id} does not apply",
            rule_id,
            N,
            document,
        )
        for rule_id, document in (
            ("RR-B-IMMUNO-REINDUCTION", case(fitness={"category": "frail"})),
            ("RR-B-CART-OPTION", case(fitness={"category": "frail"})),
            (
                "RR-KMT2A-REVUMENIB",
                case(
                    fitness={"category": "frail"},
                    markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "yes"},
                ),
            ),
            (
                "RR-B-CHEMO-BY-FITNESS",
                case(fitness={"category": "frail"}, markers=ANTIGEN_NEGATIVE),
            ),
            (
                "RR-LATE-RELAPSE-RETREAT",
                case(fitness={"category": "frail"}, diagnosis={"date": "2020-01-15"}),
            ),
            (
                "RR-PH-TKI",
                case(
                    fitness={"category": "frail"}, diagnosis={"ph_status": "positive"}
                ),
            ),
            (
                "RR-T-NELARABINE",
                case(fitness={"category": "frail"}, diagnosis=T_LINEAGE),
            ),
            (
                "RR-HSCT-SHARED-DECISION",
                case(fitness={"category": "frail"}, disease=REMISSION),
            ),
            (
                "RR-CART-THEN-HSCT",
                case(
                    fitness={"category": "frail"},
                    disease=REMISSION,
                    events=CART_REMISSION_EVENTS,
                ),
            ),
            (
                "RR-BLINA-MAINTENANCE",
                case(
                    fitness={"category": "frail", "transplant_eligible": "no"},
                    disease=REMISSION,
                    events=BLINA_REMISSION_EVENTS,
                ),
            ),
        )
    ),
    BoundaryCase(
        "less fit: immunotherapy still applies",
        "RR-B-IMMUNO-REINDUCTION",
        A,
        case(fitness={"category": "less_fit"}),
    ),
    BoundaryCase(
        "less fit, antigen negative: moderate intensity",
        "RR-B-CHEMO-BY-FITNESS",
        A,
        case(fitness={"category": "less_fit"}, markers=ANTIGEN_NEGATIVE),
        item={"detail": {"intensity": ["moderate"]}},
    ),
    BoundaryCase(
        "fitness not recorded, antigen negative: fitness decides",
        "RR-B-CHEMO-BY-FITNESS",
        A,
        case(fitness={"category": DROP}, markers=ANTIGEN_NEGATIVE),
        item={"detail": {"intensity": ["high", "moderate"]}},
    ),
    BoundaryCase(
        "frail at CONSOLIDATION",
        "RR-FRAIL-SUPPORTIVE",
        A,
        case(fitness={"category": "frail"}, disease=REMISSION),
    ),
    BoundaryCase(
        "less fit", "RR-FRAIL-SUPPORTIVE", N, case(fitness={"category": "less_fit"})
    ),
    BoundaryCase(
        "fitness not recorded",
        "RR-FRAIL-SUPPORTIVE",
        U,
        case(fitness={"category": DROP}),
    ),
    # --- Agents given in this episode are not re-offered; before: shown as such -----
    BoundaryCase(
        "blinatumomab given in this episode, CD22 negative: no agent left",
        "RR-B-IMMUNO-REINDUCTION",
        N,
        case(
            markers={"cd22": "negative"},
            events=[event("blinatumomab", "2026-10-22")],
        ),
    ),
    BoundaryCase(
        "blinatumomab given in this episode: inotuzumab only, blinatumomab left out",
        "RR-B-IMMUNO-REINDUCTION",
        A,
        case(events=[event("blinatumomab", "2026-10-22")]),
        item={
            "detail": {
                "agents": ["inotuzumab"],
                "left_out": {
                    "blinatumomab": "blinatumomab given in the current episode "
                    "(2026-10-22): not re-offered"
                },
            }
        },
    ),
    BoundaryCase(
        "blinatumomab given in an earlier episode: listed with its date",
        "RR-B-IMMUNO-REINDUCTION",
        A,
        case(events=[event("blinatumomab", "2025-03-01")]),
        item={
            "detail": {
                "agents": ["blinatumomab", "inotuzumab"],
                "given_before": {"blinatumomab": "2025-03-01"},
            }
        },
    ),
    BoundaryCase(
        "blinatumomab given on the relapse date belongs to this episode",
        "RR-B-IMMUNO-REINDUCTION",
        N,
        case(
            markers={"cd22": "negative"},
            events=[event("blinatumomab", "2026-10-20")],
        ),
    ),
    BoundaryCase(
        "CD19 only, blinatumomab given in this episode: chemotherapy is the fallback",
        "RR-B-CHEMO-BY-FITNESS",
        A,
        case(
            markers={"cd22": "negative"},
            events=[event("blinatumomab", "2026-10-22")],
        ),
    ),
    BoundaryCase(
        "antigen negative, KMT2A rearranged, revumenib given: chemotherapy after it",
        "RR-B-CHEMO-BY-FITNESS",
        A,
        case(
            markers={**ANTIGEN_NEGATIVE, "kmt2a_rearranged": "yes"},
            events=[event("revumenib", "2026-10-22")],
        ),
    ),
    BoundaryCase(
        "KMT2A, first relapse, the only suited agent given in this episode",
        "RR-KMT2A-REVUMENIB",
        A,
        case(
            markers={"cd22": "negative", "kmt2a_rearranged": "yes"},
            events=[event("blinatumomab", "2026-10-22")],
        ),
    ),
    BoundaryCase(
        "KMT2A, progression after salvage with antigen-directed agents left",
        "RR-KMT2A-REVUMENIB",
        A,
        case(
            disease={"state": "progression_after_salvage"},
            markers={"kmt2a_rearranged": "yes"},
        ),
    ),
    BoundaryCase(
        "CAR-T given in this episode",
        "RR-B-CART-OPTION",
        N,
        case(events=[event("car_t", "2026-10-25", agent="obecabtagene autoleucel")]),
    ),
    BoundaryCase(
        "CAR-T given in an earlier episode",
        "RR-B-CART-OPTION",
        A,
        case(events=[event("car_t", "2025-02-01", agent="tisagenlecleucel")]),
    ),
    BoundaryCase(
        "age 17 in first relapse: no product's label fits",
        "RR-B-CART-OPTION",
        N,
        case(birth_date=born_for_age(17)),
    ),
    BoundaryCase(
        "age 17, relapse count unknown: tisagenlecleucel's fit unknown",
        "RR-B-CART-OPTION",
        A,
        case(
            birth_date=born_for_age(17),
            disease={"relapse_count": DROP, "latest_relapse_date": DROP},
        ),
    ),
    BoundaryCase(
        "marrow and CNS: the CNS caveat",
        "RR-B-CART-OPTION",
        A,
        case(disease={"sites": ["marrow", "cns"]}),
        item={"detail": {"cns_caveat": True}},
    ),
    BoundaryCase(
        "progressing on blinatumomab given in this episode",
        "ALERT-BLINA-INPATIENT",
        N,
        case(
            disease={"state": "progression_after_salvage"},
            events=[event("blinatumomab", "2026-10-22")],
        ),
    ),
    BoundaryCase(
        "progressing on blinatumomab, blasts 60 %",
        "ALERT-BLINA-HIGH-BURDEN",
        N,
        case(
            disease={"state": "progression_after_salvage", "marrow_blast_percent": 60},
            events=[event("blinatumomab", "2026-10-22")],
        ),
    ),
    BoundaryCase(
        "progression after salvage, KMT2A, CD19 and CD22 positive",
        "ALERT-REVUMENIB-DOSE",
        A,
        case(
            disease={"state": "progression_after_salvage"},
            markers={"kmt2a_rearranged": "yes"},
        ),
    ),
    BoundaryCase(
        "progression after salvage: blinatumomab of this episode not named",
        "RR-MULTIPLY-RELAPSED",
        A,
        case(
            disease={"state": "progression_after_salvage"},
            events=[event("blinatumomab", "2026-10-22")],
        ),
        item={"detail": {"agents": ["inotuzumab", "car_t"]}},
    ),
    # --- The remission before the latest relapse (late relapse) --------------------
    BoundaryCase(
        "remission of 36 months from a recorded CR",
        "RR-LATE-RELAPSE-RETREAT",
        A,
        case(
            diagnosis={"date": "2023-06-01"},
            events=[event("response", "2023-10-20", response="CR")],
        ),
    ),
    BoundaryCase(
        "remission of 35 months from a recorded CR",
        "RR-LATE-RELAPSE-RETREAT",
        N,
        case(
            diagnosis={"date": "2021-06-01"},
            events=[event("response", "2023-10-21", response="CR")],
        ),
    ),
    BoundaryCase(
        "second relapse 44 months from diagnosis after a 20-month remission",
        "RR-LATE-RELAPSE-RETREAT",
        N,
        case(
            diagnosis={"date": "2023-02-01"},
            disease={"relapse_count": 2, "latest_relapse_date": "2026-10-01"},
            events=[
                event("relapse", "2024-12-01"),
                event("response", "2025-02-01", response="CR"),
                event("relapse", "2026-10-01"),
            ],
        ),
    ),
    BoundaryCase(
        "first relapse, no remission recorded: measured from diagnosis",
        "RR-LATE-RELAPSE-RETREAT",
        A,
        case(diagnosis={"date": "2022-01-15"}),
    ),
    BoundaryCase(
        "second relapse, no remission recorded: unknown",
        "RR-LATE-RELAPSE-RETREAT",
        U,
        case(
            diagnosis={"date": "2018-01-15"},
            disease={"relapse_count": 2},
            events=[event("relapse", "2020-05-01")],
        ),
    ),
    BoundaryCase(
        "progression after salvage with no relapse ever",
        "RR-LATE-RELAPSE-RETREAT",
        N,
        case(
            diagnosis={"date": "2018-01-15"},
            disease={
                "state": "progression_after_salvage",
                "relapse_count": 0,
                "latest_relapse_date": DROP,
            },
        ),
    ),
    # --- CNS involved vs isolated CNS relapse ---------------------------------------
    BoundaryCase(
        "marrow and CNS sites",
        "RR-CNS-INVOLVED",
        A,
        case(disease={"sites": ["marrow", "cns"]}),
    ),
    BoundaryCase(
        "CNS and testis sites",
        "RR-CNS-INVOLVED",
        A,
        case(sex="male", disease={"sites": ["cns", "testis"]}),
    ),
    BoundaryCase(
        "marrow site and a CNS involvement event in this episode",
        "RR-CNS-INVOLVED",
        A,
        case(events=[event("cns_event", "2026-10-22", cns_kind="cns_involvement")]),
    ),
    BoundaryCase(
        "CNS alone: isolated, not this item",
        "RR-CNS-INVOLVED",
        N,
        case(disease={"sites": ["cns"]}),
    ),
    BoundaryCase(
        "CNS involvement only in an earlier episode",
        "RR-CNS-INVOLVED",
        N,
        case(events=[event("cns_event", "2025-01-10", cns_kind="cns_involvement")]),
    ),
    BoundaryCase("marrow only", "RR-CNS-INVOLVED", N, case()),
    BoundaryCase(
        "CNS event, sites not recorded",
        "RR-CNS-INVOLVED",
        U,
        case(
            disease={"sites": DROP},
            events=[event("cns_event", "2026-10-22", cns_kind="cns_involvement")],
        ),
    ),
    BoundaryCase(
        "CNS and testis: not isolated",
        "RR-CNS-ISOLATED-IT",
        N,
        case(sex="male", disease={"sites": ["cns", "testis"]}),
    ),
    BoundaryCase(
        "CNS alone with testis RT sites: other extramedullary is not isolated",
        "ALERT-CNS-RT-ALONE",
        N,
        case(
            disease={"sites": ["cns", "other_extramedullary"]},
            events=[event("cranial_rt", "2026-10-25")],
        ),
    ),
    BoundaryCase(
        "remission without CNS involvement",
        "RR-CNS-PROPHYLAXIS",
        A,
        case(disease=REMISSION),
    ),
    BoundaryCase(
        "testicular disease after induction, at CONSOLIDATION",
        "RR-TESTIS-RT",
        A,
        case(
            sex="male",
            disease={**REMISSION, "testicular_disease_after_induction": True},
        ),
    ),
    # --- Donor lymphocytes: not after cord blood ------------------------------------
    BoundaryCase(
        "relapse after a matched sibling transplant",
        "RR-POST-HSCT-DLI",
        A,
        case(events=[event("allo_hsct", "2025-05-01", donor="matched_sibling")]),
    ),
    BoundaryCase(
        "relapse after a cord-blood transplant",
        "RR-POST-HSCT-DLI",
        N,
        case(events=[event("allo_hsct", "2025-05-01", donor="cord")]),
    ),
    BoundaryCase(
        "relapse after a transplant whose donor is not recorded",
        "RR-POST-HSCT-DLI",
        U,
        case(events=[event("allo_hsct", "2025-05-01")]),
    ),
    # --- Maintenance only when CD19 is not negative --------------------------------
    BoundaryCase(
        "remission with blinatumomab, CD19 now negative",
        "RR-BLINA-MAINTENANCE",
        N,
        case(
            disease=REMISSION,
            markers={"cd19": "negative"},
            plans={"hsct_planned": False},
            events=BLINA_REMISSION_EVENTS,
        ),
    ),
    # --- MRD of this remission -----------------------------------------------------
    BoundaryCase(
        "MRD positive only in an earlier remission",
        "ALERT-MRD-BEFORE-HSCT",
        U,
        case(
            disease=REMISSION,
            events=[event("response", "2025-03-01", response="CR", mrd="positive")],
        ),
    ),
    # --- ALERT-INO-HSCT-PLANNING ------------------------------------------------------
    BoundaryCase(
        "inotuzumab suited, transplant-eligible",
        "ALERT-INO-HSCT-PLANNING",
        A,
        case(),
    ),
    BoundaryCase(
        "inotuzumab suited, eligibility unknown",
        "ALERT-INO-HSCT-PLANNING",
        A,
        case(fitness={"transplant_eligible": DROP}),
    ),
    BoundaryCase(
        "inotuzumab suited, not transplant-eligible",
        "ALERT-INO-HSCT-PLANNING",
        N,
        case(fitness={"transplant_eligible": "no"}),
    ),
    BoundaryCase(
        "inotuzumab given in this episode",
        "ALERT-INO-HSCT-PLANNING",
        N,
        case(events=[event("inotuzumab", "2026-10-22")]),
    ),
    BoundaryCase(
        "CD22 negative",
        "ALERT-INO-HSCT-PLANNING",
        N,
        case(markers={"cd22": "negative"}),
    ),
    BoundaryCase(
        "CD22 unknown",
        "ALERT-INO-HSCT-PLANNING",
        U,
        case(markers={"cd22": "unknown"}),
    ),
    # --- ALERT-PRIOR-VOD --------------------------------------------------------------
    BoundaryCase(
        "VOD recorded, inotuzumab suited",
        "ALERT-PRIOR-VOD",
        A,
        case(events=[event("toxicity", "2025-06-01", toxicity="vod_sos", grade=3)]),
    ),
    BoundaryCase(
        "VOD recorded, CD22 negative",
        "ALERT-PRIOR-VOD",
        N,
        case(
            markers={"cd22": "negative"},
            events=[event("toxicity", "2025-06-01", toxicity="vod_sos", grade=3)],
        ),
    ),
    BoundaryCase("no VOD recorded", "ALERT-PRIOR-VOD", N, case()),
    # --- Relapse work-up --------------------------------------------------------------
    *(
        BoundaryCase(f"due, not done: {rule_id}", rule_id, A, document)
        for rule_id, document in (
            ("WU-IMMUNOPHENOTYPE", case()),
            ("WU-BCR-ABL1", case()),
            ("WU-KMT2A", case()),
            ("WU-LUMBAR-PUNCTURE", case()),
            ("WU-TESTICULAR-EXAM", case(sex="male", can_become_pregnant=DROP)),
            ("WU-HLA-TYPING", case()),
            ("WU-PREGNANCY-TEST", case()),
        )
    ),
    *(
        BoundaryCase(f"done in this episode: {rule_id}", rule_id, N, document)
        for rule_id, document in (
            (
                "WU-IMMUNOPHENOTYPE",
                case(
                    events=[
                        event(
                            "workup",
                            "2026-10-21",
                            test="marrow_immunophenotype",
                            result="CD19+ CD22+ CD20-",
                        )
                    ]
                ),
            ),
            (
                "WU-LUMBAR-PUNCTURE",
                case(events=[event("workup", "2026-10-22", test="lumbar_puncture")]),
            ),
        )
    ),
    BoundaryCase(
        "done only in an earlier episode",
        "WU-LUMBAR-PUNCTURE",
        A,
        case(events=[event("workup", "2025-02-02", test="lumbar_puncture")]),
    ),
    BoundaryCase("at CONSOLIDATION", "WU-BCR-ABL1", N, case(disease=REMISSION)),
    BoundaryCase("T-lineage", "WU-IMMUNOPHENOTYPE", N, case(diagnosis=T_LINEAGE)),
    BoundaryCase("T-lineage", "WU-KMT2A", N, case(diagnosis=T_LINEAGE)),
    BoundaryCase("sex female", "WU-TESTICULAR-EXAM", N, case()),
    BoundaryCase("sex not recorded", "WU-TESTICULAR-EXAM", U, case(sex=DROP)),
    BoundaryCase(
        "not transplant-eligible",
        "WU-HLA-TYPING",
        N,
        case(fitness={"transplant_eligible": "no"}),
    ),
    BoundaryCase("frail", "WU-HLA-TYPING", N, case(fitness={"category": "frail"})),
    BoundaryCase(
        "cannot become pregnant",
        "WU-PREGNANCY-TEST",
        N,
        case(can_become_pregnant=False),
    ),
    BoundaryCase(
        "whether pregnancy is possible not recorded",
        "WU-PREGNANCY-TEST",
        U,
        case(can_become_pregnant=DROP),
    ),
    BoundaryCase(
        "work-up cannot be placed without a relapse date",
        "WU-LUMBAR-PUNCTURE",
        U,
        case(
            disease={"relapse_count": DROP, "latest_relapse_date": DROP},
            events=[event("workup", "2026-10-22", test="lumbar_puncture")],
        ),
    ),
)
