"""Hypothesis strategies for schema-valid case documents (case.schema.json).

Documents are built to satisfy the schema (the property tests also validate them), but
not the registry's cross-field rules: dates may disagree with one another and events
may follow the evaluation date, because the engine must cope with any valid document.
"""

from __future__ import annotations

import string
from datetime import date, timedelta

from hypothesis import strategies as st

EVENT_TYPES = (
    "blinatumomab",
    "inotuzumab",
    "car_t",
    "revumenib",
    "nelarabine",
    "tki",
    "chemotherapy",
    "rituximab",
    "allo_hsct",
    "dli",
    "it_chemotherapy",
    "cranial_rt",
    "testicular_rt",
    "relapse",
    "cns_event",
    "response",
    "toxicity",
    "workup",
)
WORKUP_TESTS = (
    "marrow_immunophenotype",
    "bcr_abl1",
    "kmt2a_fish",
    "ngs_mutations",
    "lumbar_puncture",
    "testicular_exam",
    "hla_typing",
    "pregnancy_test",
    "echocardiogram",
)
REFERRAL_KINDS = (
    "fertility",
    "social_work",
    "mental_health",
    "education_work",
    "palliative_care",
    "neurocognitive",
    "psychology",
    "other",
)
REFERRAL_STATUSES = ("needed", "referred", "scheduled", "completed", "declined")
MARKER = st.sampled_from(("positive", "negative", "unknown"))
YES_NO = st.sampled_from(("yes", "no", "unknown"))
SHORT_TEXT = st.text(alphabet=string.ascii_letters + " -", max_size=20)
CASE_ID_ALPHABET = string.ascii_uppercase + string.digits + "-"


def iso(value: date) -> str:
    return value.isoformat()


def near(anchor: date, before: int, after: int) -> st.SearchStrategy[str]:
    """ISO dates from ``before`` days before ``anchor`` to ``after`` days after it."""

    def shifted(days: int) -> str:
        return iso(anchor + timedelta(days=days))

    return st.integers(-before, after).map(shifted)


@st.composite
def events(draw: st.DrawFn, diagnosis: date, evaluation: date) -> dict:
    span = max((evaluation - diagnosis).days, 0)
    start = diagnosis + timedelta(days=draw(st.integers(0, span + 60)))
    item: dict = {"type": draw(st.sampled_from(EVENT_TYPES)), "date": iso(start)}
    optional = {
        "end_date": near(start, 0, 120),
        "agent": SHORT_TEXT,
        "cycles": st.integers(1, 50),
        "donor": st.sampled_from(
            ("matched_sibling", "matched_unrelated", "haploidentical", "cord", "other")
        ),
        "response": st.sampled_from(
            ("CR", "CRh", "CRi", "PR", "refractory", "progression")
        ),
        "mrd": st.sampled_from(("negative", "positive", "not_done")),
        "mrd_level": st.floats(0, 1),
        "toxicity": st.sampled_from(
            ("crs", "icans", "vod_sos", "gvhd", "infection", "other")
        ),
        "grade": st.integers(1, 5),
        "cns_kind": st.sampled_from(
            ("isolated_cns_relapse", "cns_involvement", "cns_negative_lp")
        ),
    }
    for key, strategy in optional.items():
        if draw(st.integers(0, 3)) == 0:
            item[key] = draw(strategy)
    if item["type"] == "workup":
        # The schema requires the test of a work-up event (catalogue 2026.2).
        item["test"] = draw(st.sampled_from(WORKUP_TESTS))
        if draw(st.booleans()):
            item["result"] = draw(SHORT_TEXT)
    return item


@st.composite
def referrals(draw: st.DrawFn, evaluation: date) -> dict:
    item: dict = {
        "kind": draw(st.sampled_from(REFERRAL_KINDS)),
        "status": draw(st.sampled_from(REFERRAL_STATUSES)),
    }
    # Every status but "needed" carries the date it was reached (2026.2).
    if item["status"] != "needed" or draw(st.booleans()):
        item["date"] = draw(near(evaluation, 400, 30))
    if item["status"] == "scheduled" and draw(st.booleans()):
        item["appointment_date"] = draw(near(evaluation, 10, 90))
    return item


# Members are present three times in four, so combinations that make rules apply
# (which need several known facts at once) are drawn often enough to matter.
PRESENT = st.sampled_from((True, True, True, False))


def optional_members(draw: st.DrawFn, members: dict) -> dict:
    """Each member present or absent (absent means unknown / the schema default)."""
    return {key: draw(value) for key, value in members.items() if draw(PRESENT)}


def sometimes(members: dict) -> st.SearchStrategy[dict]:
    """An object whose members are each present or absent."""

    @st.composite
    def build(draw: st.DrawFn) -> dict:
        return optional_members(draw, members)

    return build()


@st.composite
def episode_story(draw: st.DrawFn, evaluation: date) -> list[dict]:
    """A coherent current episode: relapse, a therapy, then a response with MRD."""
    relapse = evaluation - timedelta(days=draw(st.integers(30, 400)))
    therapy_start = relapse + timedelta(days=draw(st.integers(0, 20)))
    response_day = therapy_start + timedelta(days=draw(st.integers(1, 25)))
    therapy = draw(
        st.sampled_from(
            ("blinatumomab", "car_t", "inotuzumab", "chemotherapy", "revumenib")
        )
    )
    story = [
        {"type": "relapse", "date": iso(relapse)},
        {"type": therapy, "date": iso(therapy_start)},
        {
            "type": "response",
            "date": iso(response_day),
            "response": draw(st.sampled_from(("CR", "CRh", "CRi", "PR"))),
            "mrd": draw(st.sampled_from(("negative", "positive", "not_done"))),
        },
    ]
    if draw(st.booleans()):
        kind = draw(st.sampled_from(("cranial_rt", "it_chemotherapy", "cns_event")))
        extra = {"type": kind, "date": iso(relapse + timedelta(days=1))}
        if kind == "cns_event":
            extra["cns_kind"] = draw(
                st.sampled_from(("isolated_cns_relapse", "cns_involvement"))
            )
        story.append(extra)
    return story


@st.composite
def case_documents(draw: st.DrawFn) -> dict:
    evaluation = draw(st.dates(date(2018, 1, 1), date(2030, 12, 31)))
    birth = evaluation - timedelta(days=draw(st.integers(365 * 8, 365 * 55)))
    diagnosis = evaluation - timedelta(days=draw(st.integers(0, 365 * 8)))
    document: dict = {
        "case_id": draw(st.text(alphabet=CASE_ID_ALPHABET, min_size=1, max_size=64)),
        "birth_date": iso(birth),
        "evaluation_date": iso(evaluation),
        "diagnosis": {
            "date": iso(diagnosis),
            "lineage": draw(st.sampled_from(("B", "T"))),
            **optional_members(
                draw,
                {
                    "ph_status": st.sampled_from(
                        ("positive", "negative", "ph_like", "unknown")
                    ),
                    "initial_regimen": SHORT_TEXT,
                },
            ),
        },
        "disease": {
            "state": draw(
                st.sampled_from(
                    (
                        "primary_refractory",
                        "relapse",
                        "remission_after_relapse",
                        "progression_after_salvage",
                    )
                )
            ),
            **optional_members(
                draw,
                {
                    "relapse_count": st.integers(0, 20),
                    "latest_relapse_date": near(evaluation, 365 * 8, 0),
                    "sites": st.lists(
                        st.sampled_from(
                            ("marrow", "cns", "testis", "other_extramedullary")
                        ),
                        unique=True,
                        max_size=4,
                    ),
                    "marrow_blast_percent": st.one_of(
                        st.integers(0, 100), st.floats(0, 100)
                    ),
                    "testicular_disease_after_induction": st.booleans(),
                },
            ),
        },
    }
    document.update(
        optional_members(
            draw,
            {
                "sex": st.sampled_from(("female", "male", "other", "unknown")),
                "can_become_pregnant": st.booleans(),
                "preferred_language": st.sampled_from(("en", "es")),
                "weight_kg": st.floats(1, 400),
                "markers": sometimes(
                    {
                        "cd19": MARKER,
                        "cd22": MARKER,
                        "cd20": MARKER,
                        "kmt2a_rearranged": YES_NO,
                        "abl1_mutations": st.lists(
                            st.sampled_from(("T315I", "E255K", "Y253H", "F317L")),
                            unique=True,
                            max_size=3,
                        ),
                        "tested_on": near(evaluation, 365 * 3, 0),
                    },
                ),
                "fitness": sometimes(
                    {
                        "ecog": st.integers(0, 4),
                        "hct_ci": st.integers(0, 30),
                        "category": st.sampled_from(
                            ("fit", "less_fit", "frail", "unknown")
                        ),
                        "transplant_eligible": YES_NO,
                        "prior_neuropathy": st.booleans(),
                    },
                ),
                "medications": sometimes({"strong_cyp3a4_inhibitor": st.booleans()}),
                "plans": sometimes(
                    {
                        "hsct_planned": st.booleans(),
                        "next_treatment_start": near(evaluation, 60, 60),
                    },
                ),
                "events": st.lists(events(diagnosis, evaluation), max_size=6),
                "referrals": st.lists(referrals(evaluation), max_size=6),
                "psychosocial": sometimes(
                    {
                        "school_or_work_disrupted": st.booleans(),
                        "clinical_trial_screened": st.booleans(),
                    },
                ),
            },
        )
    )
    if draw(st.booleans()):
        story = draw(episode_story(evaluation))
        document["events"] = [*document.get("events", []), *story]
        if "latest_relapse_date" in document["disease"]:
            # Keep the story's relapse the latest, so its episode is the current one.
            document["disease"]["latest_relapse_date"] = story[0]["date"]
    return document
