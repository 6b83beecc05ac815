"""Case facts: each derivation the rules rely on, read once from the case document."""

from __future__ import annotations

import json
from datetime import date

import pytest

from recommendations.engine import facts_from_document
from recommendations.engine.facts import whole_months, whole_years
from tests.recommendations.boundary_cases import event, referral
from tests.recommendations.support import DROP, case

REMISSION = {
    "state": "remission_after_relapse",
    "latest_relapse_date": "2026-07-15",
    "sites": [],
}


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (date(2003, 4, 10), date(2026, 4, 9), 22),
        (date(2003, 4, 10), date(2026, 4, 10), 23),
        (date(2004, 2, 29), date(2026, 2, 28), 21),
        (date(2004, 2, 29), date(2026, 3, 1), 22),
    ],
)
def test_whole_years_count_completed_birthdays(start, end, years):
    assert whole_years(start, end) == years


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2023, 10, 20), date(2026, 10, 20), 36),
        (date(2023, 10, 21), date(2026, 10, 20), 35),
        (date(2024, 1, 31), date(2024, 2, 29), 0),
        (date(2024, 1, 31), date(2024, 3, 31), 2),
    ],
)
def test_whole_months_count_completed_calendar_months(start, end, months):
    assert whole_months(start, end) == months


def test_absent_optional_members_take_schema_defaults_and_booleans_stay_unknown():
    # Given a document with only the required members
    document = case(markers=DROP, fitness=DROP, plans=DROP, psychosocial=DROP)
    for member in ("sex", "can_become_pregnant", "weight_kg", "medications"):
        document.pop(member)
    document["diagnosis"].pop("ph_status")

    # When facts are derived
    facts = facts_from_document(document)

    # Then categorical members read "unknown" and absent booleans stay None
    assert (facts.cd19, facts.cd22, facts.cd20) == ("unknown",) * 3
    assert facts.kmt2a_rearranged == "unknown"
    assert facts.ph_status == "unknown"
    assert facts.fitness_category == "unknown"
    assert facts.transplant_eligible == "unknown"
    assert facts.abl1_mutations is None
    assert facts.t315i is None
    assert facts.prior_neuropathy is None
    assert facts.hsct_planned is None
    assert facts.school_or_work_disrupted is None
    assert facts.strong_cyp3a4_inhibitor is None
    assert facts.weight_kg is None


def test_as_of_defaults_to_the_evaluation_date_and_sets_the_age():
    facts = facts_from_document(case())
    assert facts.as_of == date(2026, 11, 1)
    assert facts.age_years == 23
    assert facts_from_document(case(), as_of=date(2027, 4, 10)).age_years == 24


def test_recorded_relapse_count_wins_over_relapse_dates():
    document = case(events=[event("relapse", "2025-03-01")])
    facts = facts_from_document(document)
    assert (facts.relapse_count, facts.relapse_count_basis) == (1, "recorded")


def test_relapse_count_counts_distinct_relapse_dates_when_not_recorded():
    # Given two relapse events, one on the same day as latest_relapse_date
    document = case(
        disease={"relapse_count": DROP},
        events=[event("relapse", "2025-03-01"), event("relapse", "2026-10-20")],
    )

    # Then the same date counts once
    facts = facts_from_document(document)
    assert (facts.relapse_count, facts.relapse_count_basis) == (2, "relapse dates")


def test_relapse_count_is_unknown_when_a_relapse_state_records_no_relapse():
    facts = facts_from_document(
        case(disease={"relapse_count": DROP, "latest_relapse_date": DROP})
    )
    assert facts.relapse_count is None
    assert facts.episode_start is None
    assert facts.months_to_relapse is None


def test_primary_refractory_episode_starts_at_diagnosis_with_no_relapse():
    facts = facts_from_document(
        case(
            disease={
                "state": "primary_refractory",
                "relapse_count": DROP,
                "latest_relapse_date": DROP,
            }
        )
    )
    assert facts.relapse_count == 0
    assert facts.episode_start == date(2024, 1, 15)
    assert facts.refractory is True


def test_latest_relapse_is_the_latest_of_events_and_the_recorded_date():
    facts = facts_from_document(case(events=[event("relapse", "2026-10-28")]))
    assert facts.latest_relapse_date == date(2026, 10, 28)
    assert facts.episode_start == date(2026, 10, 28)
    assert facts.months_to_relapse == 33
    assert facts.late_relapse is False


def test_events_after_as_of_have_not_happened_yet():
    # Given a blinatumomab course and a relapse both dated after the chosen as_of
    document = case(
        events=[event("blinatumomab", "2026-10-25"), event("relapse", "2026-10-30")]
    )

    # When facts are read as of 2026-10-24
    facts = facts_from_document(document, as_of=date(2026, 10, 24))

    # Then neither counts
    assert facts.prior_blinatumomab is False
    assert facts.latest_relapse_date == date(2026, 10, 20)


def test_prior_therapy_flags_cover_every_therapy_the_rules_read():
    kinds = (
        "inotuzumab",
        "blinatumomab",
        "car_t",
        "allo_hsct",
        "revumenib",
        "nelarabine",
        "it_chemotherapy",
        "cranial_rt",
        "tki",
        "chemotherapy",
    )
    facts = facts_from_document(
        case(events=[event(kind, "2025-01-01") for kind in kinds])
    )
    flags = (
        facts.prior_inotuzumab,
        facts.prior_blinatumomab,
        facts.prior_cart,
        facts.prior_hsct,
        facts.prior_revumenib,
        facts.prior_nelarabine,
        facts.prior_it_chemotherapy,
        facts.prior_cranial_rt,
        facts.prior_tki,
        facts.prior_chemotherapy,
    )
    assert flags == (True,) * len(flags)
    assert facts.prior_therapies == frozenset(kinds)
    assert facts_from_document(case()).prior_therapies == frozenset()


@pytest.mark.parametrize(
    ("sites", "events", "isolated"),
    [
        (["cns"], [], True),
        (["marrow", "cns"], [], False),
        # CNS with testis is not isolated (catalogue 2026.2), whatever the event says.
        (
            ["testis"],
            [event("cns_event", "2026-10-20", cns_kind="isolated_cns_relapse")],
            False,
        ),
        (["cns", "testis"], [], False),
        (["cns", "other_extramedullary"], [], False),
        # No other site recorded, CNS involved by an event in this episode: isolated.
        ([], [event("cns_event", "2026-10-21", cns_kind="cns_involvement")], True),
        (DROP, [event("cns_event", "2026-10-21", cns_kind="cns_involvement")], None),
        (
            DROP,
            [event("cns_event", "2026-10-21", cns_kind="isolated_cns_relapse")],
            True,
        ),
        (
            ["marrow"],
            [event("cns_event", "2026-10-21", cns_kind="isolated_cns_relapse")],
            False,
        ),
        (DROP, [], None),
        ([], [], False),
    ],
)
def test_isolated_cns_relapse_follows_the_catalogue_definition(sites, events, isolated):
    facts = facts_from_document(case(disease={"sites": sites}, events=events))
    assert facts.isolated_cns_relapse is isolated


def test_latest_mrd_is_from_the_most_recent_response_of_the_current_episode():
    facts = facts_from_document(
        case(
            disease=REMISSION,
            events=[
                event("response", "2026-10-01", response="CR", mrd="negative"),
                event("response", "2026-09-01", response="CR", mrd="positive"),
            ],
        )
    )
    assert facts.latest_mrd == "negative"
    assert facts.latest_mrd_date == date(2026, 10, 1)
    assert facts.latest_response_date == date(2026, 10, 1)


def test_an_mrd_result_from_an_earlier_remission_says_nothing_about_this_one():
    # Given an MRD-negative first remission, then a relapse and a new remission
    # with no response recorded since that relapse
    document = case(
        disease=REMISSION,
        events=[event("response", "2025-02-01", response="CR", mrd="negative")],
    )

    # Then the latest MRD of the current episode is unknown
    facts = facts_from_document(document)
    assert facts.latest_mrd is None
    assert facts.latest_response == "CR"


def test_remission_is_credited_to_therapy_still_running_after_the_previous_response():
    # Given blinatumomab started before a partial response and still running after it
    document = case(
        disease=REMISSION,
        events=[
            event("blinatumomab", "2026-07-20", end_date="2026-09-10"),
            event("response", "2026-08-20", response="PR"),
            event("inotuzumab", "2026-07-21", end_date="2026-08-10"),
            event("response", "2026-09-15", response="CRh", mrd="negative"),
        ],
    )

    # Then the remission is credited to blinatumomab but not to inotuzumab
    facts = facts_from_document(document)
    assert facts.remission_therapies == frozenset({"blinatumomab"})
    assert facts.remission_with_blinatumomab is True
    assert facts.remission_with_cart is False


def test_remission_credit_is_unknown_without_a_therapy_before_the_response():
    facts = facts_from_document(
        case(
            disease=REMISSION,
            events=[event("response", "2026-09-15", response="CR", mrd="negative")],
        )
    )
    assert facts.remission_therapies is None
    assert facts.remission_with_cart is None


def test_referral_counts_except_when_only_needed():
    facts = facts_from_document(
        case(
            referrals=[
                referral("social_work", "needed"),
                referral("palliative_care", "declined", "2026-10-25"),
                referral("education_work", "scheduled", "2026-10-28"),
            ]
        )
    )
    assert not facts.referral_counts("social_work")
    assert facts.referral_counts("palliative_care")
    assert facts.referral_counts("education_work")


def test_a_status_reached_after_as_of_has_not_happened_yet():
    document = case(referrals=[referral("education_work", "scheduled", "2026-10-28")])
    facts = facts_from_document(document, as_of=date(2026, 10, 27))
    assert not facts.referral_counts("education_work")


def test_completed_referral_dated_after_as_of_does_not_count_yet():
    document = case(referrals=[referral("social_work", "completed", "2026-10-30")])
    assert facts_from_document(document).referral_counts("social_work")
    assert not facts_from_document(document, as_of=date(2026, 10, 29)).referral_counts(
        "social_work"
    )


def test_gonadotoxic_therapy_start_is_the_first_in_the_current_episode():
    facts = facts_from_document(
        case(
            events=[
                event("chemotherapy", "2024-01-20"),
                event("car_t", "2026-10-30"),
                event("chemotherapy", "2026-10-25"),
            ]
        )
    )
    assert facts.gonadotoxic_therapy_started == date(2026, 10, 25)


def test_case_facts_are_immutable_and_keep_no_instance_dict():
    facts = facts_from_document(case())
    with pytest.raises(AttributeError):
        facts.age_years = 40  # type: ignore[misc]
    assert not hasattr(facts, "__dict__")


def test_a_replaced_copy_remembers_nothing_of_the_original():
    # Given facts whose shared conditions were computed during an evaluation
    from recommendations.engine import evaluate

    facts = facts_from_document(case())
    evaluate(facts)
    assert facts.memo

    # When a fact is changed
    frail = facts.replaced(fitness_category="frail")

    # Then the copy starts with nothing remembered, and the original is unchanged
    assert frail.memo == {}
    assert facts.fitness_category == "fit"
    assert "RR-B-IMMUNO-REINDUCTION" not in evaluate(frail).ids()


def test_derived_summary_is_json_ready_and_names_the_derivations():
    summary = facts_from_document(case(events=[event("inotuzumab", "2025-01-01")]))
    derived = json.loads(json.dumps(summary.derived_summary()))
    assert derived["age_years"] == 23
    assert derived["months_to_relapse"] == 33
    assert derived["current_episode_start"] == "2026-10-20"
    assert derived["prior_inotuzumab"] is True
    assert derived["isolated_cns_relapse"] is False


# --- Catalogue 2026.2 derivations -------------------------------------------------


def test_remission_before_a_first_relapse_starts_at_diagnosis_when_none_is_recorded():
    # Given a first relapse (diagnosis 2024-01-15, relapse 2026-10-20), no response
    facts = facts_from_document(case())

    # Then the remission is measured from diagnosis, and it is not a late relapse
    assert facts.remission_start == date(2024, 1, 15)
    assert facts.remission_start_basis == "diagnosis"
    assert facts.remission_months == 33
    assert facts.late_relapse is False


def test_remission_before_a_second_relapse_is_unknown_without_a_recorded_start():
    document = case(
        disease={"relapse_count": 2},
        events=[event("relapse", "2025-01-10"), event("relapse", "2026-10-20")],
    )
    facts = facts_from_document(document)
    assert facts.remission_start is None
    assert facts.remission_months is None
    assert facts.late_relapse is None
    assert "not recorded" in facts.remission_start_basis


def test_remission_before_the_latest_relapse_starts_at_the_latest_cr_after_the_last():
    # Given a second relapse 44 months after diagnosis, the remission before it
    # starting with a CR 20 months earlier (and an older CR before the first relapse)
    document = case(
        diagnosis={"date": "2023-02-01"},
        disease={"relapse_count": 2, "latest_relapse_date": "2026-10-01"},
        events=[
            event("response", "2023-04-01", response="CR"),
            event("relapse", "2024-12-01"),
            event("response", "2025-02-01", response="CRi", mrd="negative"),
            event("relapse", "2026-10-01"),
        ],
    )
    facts = facts_from_document(document)
    assert facts.months_to_relapse == 44
    assert facts.remission_start == date(2025, 2, 1)
    assert facts.remission_months == 20
    assert facts.late_relapse is False


def test_an_earlier_relapse_counted_but_not_dated_leaves_the_remission_unknown():
    # Given relapse count 2 and only the latest relapse dated, with a CR before it
    document = case(
        disease={"relapse_count": 2},
        events=[event("response", "2022-01-01", response="CR")],
        diagnosis={"date": "2021-06-01"},
    )
    facts = facts_from_document(document)
    assert facts.remission_start is None
    assert facts.remission_start_basis == "date of the earlier relapse not recorded"


@pytest.mark.parametrize(
    ("cr_date", "months", "late"),
    [("2023-10-20", 36, True), ("2023-10-21", 35, False)],
)
def test_late_relapse_is_a_remission_of_36_months_or_more(cr_date, months, late):
    document = case(
        diagnosis={"date": "2023-06-01"},
        events=[event("response", cr_date, response="CR")],
    )
    facts = facts_from_document(document)
    assert (facts.remission_months, facts.late_relapse) == (months, late)


def test_there_is_no_remission_before_a_relapse_in_refractory_disease():
    facts = facts_from_document(
        case(
            disease={
                "state": "primary_refractory",
                "relapse_count": DROP,
                "latest_relapse_date": DROP,
            }
        )
    )
    assert facts.has_relapsed is False
    assert facts.remission_start_basis == "no relapse"
    assert facts.late_relapse is None


def test_agents_are_placed_in_the_current_episode_or_before_it():
    document = case(
        events=[
            event("blinatumomab", "2025-03-01"),
            event("blinatumomab", "2025-05-01"),
            event("inotuzumab", "2026-10-22"),
        ]
    )
    facts = facts_from_document(document)
    blinatumomab, inotuzumab = facts.agent("blinatumomab"), facts.agent("inotuzumab")
    assert (blinatumomab.in_episode, blinatumomab.last_before) == (
        False,
        date(2025, 5, 1),
    )
    assert (inotuzumab.in_episode, inotuzumab.last_in_episode) == (
        True,
        date(2026, 10, 22),
    )
    assert facts.agent("car_t").in_episode is False
    derived = facts.derived_summary()["agents"]
    assert derived["blinatumomab"]["last_given_before"] == "2025-05-01"
    assert derived["inotuzumab"]["given_in_episode"] is True


def test_an_agent_cannot_be_placed_without_the_episode_start():
    document = case(
        disease={"relapse_count": DROP, "latest_relapse_date": DROP},
        events=[event("blinatumomab", "2025-03-01")],
    )
    assert facts_from_document(document).agent("blinatumomab").in_episode is None


def test_the_transplant_before_the_latest_relapse_keeps_its_donor():
    document = case(
        events=[
            event("allo_hsct", "2025-01-10", donor="cord"),
            event("allo_hsct", "2025-09-01", donor="matched_unrelated"),
        ]
    )
    facts = facts_from_document(document)
    assert facts.hsct_before_relapse == date(2025, 9, 1)
    assert facts.hsct_before_relapse_donor == "matched_unrelated"


def test_workup_counts_only_inside_the_current_episode():
    document = case(
        events=[
            event("workup", "2025-01-05", test="lumbar_puncture", result="negative"),
            event("workup", "2026-10-21", test="hla_typing", result="sent"),
        ]
    )
    facts = facts_from_document(document)
    assert set(facts.workup_done) == {"hla_typing"}
    assert facts.workup_done["hla_typing"].result == "sent"


def test_markers_tested_on_vod_and_the_latest_cd19_directed_therapy_are_read():
    document = case(
        markers={"tested_on": "2026-10-21"},
        events=[
            event("blinatumomab", "2025-03-01"),
            event("car_t", "2025-08-01", agent="tisagenlecleucel"),
            event("toxicity", "2025-08-09", toxicity="vod_sos", grade=3),
        ],
    )
    facts = facts_from_document(document)
    assert facts.markers_tested_on == date(2026, 10, 21)
    assert facts.latest_cd19_directed == date(2025, 8, 1)
    assert facts.vod_recorded is True


@pytest.mark.parametrize("cr_date", ["2015-01-01", "2014-12-01"])
@pytest.mark.parametrize("initial_regimen", ["hyper-CVAD", DROP])
def test_a_cr_dated_on_or_before_the_diagnosis_does_not_break_a_late_relapse(
    cr_date, initial_regimen
):
    """Found by test_engine_copes_with_any_as_of: the remission before a first late
    relapse starts with a CR dated on the diagnosis day, and the engine raised
    looking for a CR after it. What brought the remission is then the initial
    regimen when one is recorded, and unknown otherwise."""
    diagnosis = {"date": "2015-01-01", "initial_regimen": initial_regimen}
    document = case(
        diagnosis=diagnosis,
        disease={"latest_relapse_date": "2018-01-01"},
        events=[event("response", cr_date, response="CR")],
    )

    facts = facts_from_document(document)

    assert facts.remission_start_basis == "response"
    assert facts.late_relapse is True
    expected = None if initial_regimen is DROP else ("hyper-CVAD",)
    assert facts.remission_regimen == expected
