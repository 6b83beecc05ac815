"""Which aid fits a case, and what it offers (pure: no database, no PDF).

The first tests read the real engine's results for the vignettes; the others feed the
planner results in the 2026.2 contract's shape (``contract.result``), so the options
follow the engine's rules member by member.
"""

from __future__ import annotations

import datetime as dt

import pytest

from decisionaids.fit import (
    REASON_B_LINEAGE,
    REASON_ISOLATED_CNS,
    REASON_NO_CNS,
    REASON_SUPPORTIVE_ONLY,
    REASON_T_LINEAGE,
    AidNotApplicable,
    applicability,
    applicable_aids,
)
from decisionaids.personalise import plan_aid
from decisionaids.plan import Note, Removed
from recommendations.selectors import evaluate_document
from tests.conftest import VIGNETTE_FILES, vignette_case
from tests.decisionaids import cases
from tests.decisionaids.contract import agents, cart_detail, result

# Catalogue 2026.2 "Which aid fits", for every worked vignette: the aid to offer
# first, then the others that apply.
EXPECTED_AIDS = {
    "b_first_relapse_cd19_cd22.json": ("DA-REINDUCTION", "DA-FERTILITY"),
    "frail_cd19_positive.json": ("DA-FERTILITY",),
    "isolated_cns_relapse.json": ("DA-CNS-RELAPSE", "DA-FERTILITY"),
    "kmt2a_antigen_negative.json": ("DA-REINDUCTION", "DA-FERTILITY"),
    "marrow_and_cns_relapse.json": (
        "DA-REINDUCTION",
        "DA-CNS-RELAPSE",
        "DA-FERTILITY",
    ),
    "ph_positive_t315i.json": ("DA-REINDUCTION", "DA-FERTILITY"),
    "progressing_on_blinatumomab.json": ("DA-REINDUCTION", "DA-FERTILITY"),
    "remission_after_ino_hsct_planned.json": ("DA-TRANSPLANT", "DA-FERTILITY"),
    "second_relapse_short_remission.json": ("DA-REINDUCTION", "DA-FERTILITY"),
    "t_all_relapse.json": ("DA-REINDUCTION-T", "DA-FERTILITY"),
}
VIGNETTES = [path.name for path in VIGNETTE_FILES]


def test_every_vendored_vignette_has_its_expected_aids():
    assert VIGNETTES, "no vignettes vendored in patients/domain/vignettes"
    assert set(VIGNETTES) <= set(EXPECTED_AIDS)


def test_all_ten_catalogue_vignettes_are_vendored():
    """The 2026.2 vignettes land with the engine; the aids are tested on all ten."""
    assert len(VIGNETTES) == len(EXPECTED_AIDS) == 10


@pytest.mark.parametrize("vignette", VIGNETTES)
def test_the_aid_that_fits_is_offered_first(vignette):
    document = vignette_case(vignette)
    evaluated = evaluate_document(document=document)

    assert (
        applicable_aids(document=document, result=evaluated)
        == (EXPECTED_AIDS[vignette])
    )


def test_the_issues_patients_get_the_aids_that_fit_them():
    for document, expected in (
        (cases.ines(), ("DA-REINDUCTION", "DA-FERTILITY")),
        (
            cases.t_all_with_cns(),
            ("DA-REINDUCTION-T", "DA-CNS-RELAPSE", "DA-FERTILITY"),
        ),
    ):
        evaluated = evaluate_document(document=document)
        assert applicable_aids(document=document, result=evaluated) == expected


# --- applicability (contract) -------------------------------------------------


def test_an_isolated_cns_relapse_gets_the_cns_aid_not_a_marrow_reinduction_aid():
    document = vignette_case("isolated_cns_relapse.json")
    evaluated = result(derived={"isolated_cns_relapse": True, "cns_involved": True})

    assert applicability("DA-REINDUCTION", document=document, result=evaluated) == (
        REASON_ISOLATED_CNS
    )
    assert applicable_aids(document=document, result=evaluated)[0] == "DA-CNS-RELAPSE"


def test_lineage_picks_the_reinduction_aid_and_frailty_leaves_none():
    b_cell = vignette_case("b_first_relapse_cd19_cd22.json")
    t_cell = vignette_case("t_all_relapse.json")
    frail = result(recommendations={"RR-FRAIL-SUPPORTIVE": None})

    assert applicability("DA-REINDUCTION", document=t_cell, result=result()) == (
        REASON_T_LINEAGE
    )
    assert applicability("DA-REINDUCTION-T", document=b_cell, result=result()) == (
        REASON_B_LINEAGE
    )
    for aid in ("DA-REINDUCTION", "DA-REINDUCTION-T"):
        document = b_cell if aid == "DA-REINDUCTION" else t_cell
        assert applicability(aid, document=document, result=frail) == (
            REASON_SUPPORTIVE_ONLY
        )
    with pytest.raises(AidNotApplicable) as refused:
        plan_aid("DA-CNS-RELAPSE", document=b_cell, result=result())
    assert refused.value.reason == REASON_NO_CNS


def test_fertility_is_offered_first_only_when_its_referral_is_due():
    document = vignette_case("remission_after_ino_hsct_planned.json")
    due = result(point="CONSOLIDATION", referrals=("PSY-FERTILITY",))
    done = result(point="CONSOLIDATION")

    assert applicable_aids(document=document, result=due) == (
        "DA-TRANSPLANT",
        "DA-FERTILITY",
    )
    assert applicable_aids(document=document, result=done) == (
        "DA-TRANSPLANT",
        "DA-FERTILITY",
    )
    assert applicable_aids(
        document=vignette_case("b_first_relapse_cd19_cd22.json"),
        result=result(
            recommendations={"RR-FRAIL-SUPPORTIVE": None}, referrals=("PSY-FERTILITY",)
        ),
    ) == ("DA-FERTILITY",)


# --- DA-REINDUCTION (contract) ------------------------------------------------


def ines_result() -> dict:
    return result(
        recommendations={
            "RR-B-IMMUNO-REINDUCTION": {
                "agents": ["blinatumomab", "inotuzumab"],
                "given_before": {
                    "blinatumomab": "2025-03-10",
                    "inotuzumab": "2025-05-02",
                },
                "left_out": {},
            },
            "RR-B-CART-OPTION": cart_detail(
                "brexucabtagene autoleucel",
                "obecabtagene autoleucel",
                out=("tisagenlecleucel",),
            ),
            "RR-CD20-RITUXIMAB": None,
            "RR-MULTIPLY-RELAPSED": {
                "options": ["clinical trial", "blinatumomab", "inotuzumab", "CAR-T"],
                "agents": ["blinatumomab", "inotuzumab", "car_t"],
            },
            "RR-POST-HSCT-DLI": None,
            "RR-CLINICAL-TRIAL": None,
        },
        alerts={
            "ALERT-PRIOR-VOD": {"severity": "high"},
            "ALERT-INO-HSCT-PLANNING": {"severity": "high"},
            "ALERT-BLINA-INPATIENT": None,
        },
        derived={
            "age_years": 32,
            "relapse_count": 2,
            "prior_hsct": True,
            "remission_before_relapse_months": 14,
            "agents": agents(
                blinatumomab={"last_given_before": "2025-03-10"},
                inotuzumab={"last_given_before": "2025-05-02"},
            ),
        },
    )


def test_ines_sees_the_drugs_she_had_before_as_such_and_donor_lymphocytes():
    plan = plan_aid("DA-REINDUCTION", document=cases.ines(), result=ines_result())

    assert plan.option_keys == (
        "trial",
        "blinatumomab",
        "inotuzumab",
        "car_t",
        "dli",
        "chemotherapy",
    )
    by_key = {option.key: option for option in plan.options}
    assert by_key["trial"].variant == "first"
    assert by_key["blinatumomab"].given_before == dt.date(2025, 3, 10)
    assert by_key["inotuzumab"].given_before == dt.date(2025, 5, 2)
    assert by_key["car_t"].products == ("brexucabtagene", "obecabtagene")
    assert by_key["chemotherapy"].variant == "second"
    assert plan.removed == (Removed("tisagenlecleucel_age"),)
    assert [note.key for note in plan.safety] == ["prior_vod", "ino_hsct_planning"]
    assert {"multiply_relapsed", "rituximab", "guideline_immuno"} <= {
        note.key for note in plan.notes
    }


def test_ines_facts_are_her_own():
    plan = plan_aid("DA-REINDUCTION", document=cases.ines(), result=ines_result())
    facts = {note.key: note.params for note in plan.facts}

    assert facts["relapse_n"] == {"n": 2, "date": dt.date(2026, 10, 18)}
    assert facts["remission_length"] == {"months": 14}
    assert facts["markers"] == {
        "has": ("cd19", "cd22", "cd20"),
        "lacks": (),
        "untested": (),
    }
    treatments = [n.params for n in plan.facts if n.key == "treatment_before"]
    assert [(t["treatment"], t["date"]) for t in treatments] == [
        ("chemotherapy", dt.date(2022, 9, 23)),
        ("blinatumomab", dt.date(2025, 3, 10)),
        ("inotuzumab", dt.date(2025, 5, 2)),
    ]
    assert facts["transplant"] == {
        "date": dt.date(2025, 8, 5),
        "donor": "matched_sibling",
    }
    assert facts["had_vod_sos"]["severe"] is True


def test_an_agent_given_in_this_episode_is_left_out_with_its_date():
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    evaluated = result(
        point="REINDUCTION",
        recommendations={
            "RR-B-IMMUNO-REINDUCTION": {
                "agents": ["inotuzumab"],
                "given_before": {},
                "left_out": {
                    "blinatumomab": "given in the current episode (2026-10-22)"
                },
            },
            "RR-MULTIPLY-RELAPSED": {"options": [], "agents": ["inotuzumab"]},
        },
        derived={
            "agents": agents(
                blinatumomab={
                    "given_in_episode": True,
                    "last_given_in_episode": "2026-10-22",
                }
            )
        },
    )

    plan = plan_aid("DA-REINDUCTION", document=document, result=evaluated)

    assert "blinatumomab" not in plan.option_keys
    assert "inotuzumab" in plan.option_keys
    assert (
        Removed(
            "given_in_episode",
            {"option": "blinatumomab", "date": dt.date(2026, 10, 22)},
        )
        in plan.removed
    )
    # CAR-T was not advised (RR-B-CART-OPTION absent): not offered.
    assert "car_t" not in plan.option_keys
    # The guideline's advice names only the agent still open.
    assert Note("guideline_immuno", {"agents": ("inotuzumab",)}) in plan.notes


def test_revumenib_named_by_multiply_relapsed_is_offered_with_its_dose_note():
    document = vignette_case("kmt2a_antigen_negative.json")
    evaluated = result(
        recommendations={
            "RR-MULTIPLY-RELAPSED": {"options": ["revumenib"], "agents": ["revumenib"]}
        },
        alerts={"ALERT-REVUMENIB-DOSE": {"severity": "high"}},
    )

    plan = plan_aid("DA-REINDUCTION", document=document, result=evaluated)

    assert "revumenib" in plan.option_keys
    assert Note("revumenib_cyp3a4") in plan.safety  # a strong CYP3A4 inhibitor
    assert Removed("blinatumomab_cd19") in plan.removed
    assert Removed("car_t_cd19") in plan.removed


def test_chemotherapy_is_the_fallback_when_no_antigen_directed_agent_is_left():
    document = vignette_case("kmt2a_antigen_negative.json")
    evaluated = result(recommendations={"RR-B-CHEMO-BY-FITNESS": None})

    plan = plan_aid("DA-REINDUCTION", document=document, result=evaluated)

    assert plan.option_keys == ("chemotherapy", "trial")
    assert plan.options[0].variant == "fallback"
    assert Note("chemo_by_fitness_fit") in plan.notes


def test_unknown_cd22_keeps_inotuzumab_off_until_tested():
    document = vignette_case("ph_positive_t315i.json")
    evaluated = result(
        recommendations={
            "RR-B-IMMUNO-REINDUCTION": {
                "agents": ["blinatumomab"],
                "given_before": {},
                "left_out": {},
            },
            "RR-PH-TKI": None,
        },
        alerts={
            "ALERT-T315I": {"severity": "high"},
            "ALERT-ANTIGEN-UNKNOWN": None,
        },
    )

    plan = plan_aid("DA-REINDUCTION", document=document, result=evaluated)

    assert "inotuzumab" not in plan.option_keys
    assert Removed("inotuzumab_untested") in plan.removed
    assert {"ph_tki", "t315i"} <= {note.key for note in plan.notes}
    assert Note("antigen_unknown") in plan.safety
    # The blinatumomab study was of Ph-negative leukemia; this patient is Ph+.
    assert Note("tower_ph_negative") in plan.caveats


# --- DA-REINDUCTION-T (contract) ----------------------------------------------


def test_t_all_offers_nelarabine_other_chemotherapy_donor_cells_and_a_trial():
    document = cases.t_all_with_cns()
    evaluated = result(
        recommendations={
            "RR-T-NELARABINE": None,
            "RR-CNS-INVOLVED": None,
            "RR-POST-HSCT-DLI": None,
        },
        alerts={"ALERT-NELARABINE-NEURO": None},
        derived={"cns_involved": True, "age_years": 21},
    )

    plan = plan_aid("DA-REINDUCTION-T", document=document, result=evaluated)

    assert plan.option_keys == ("nelarabine", "dli", "chemotherapy", "trial")
    assert plan.options[2].variant == "t_other"
    assert Note("nelarabine_neuro") in plan.safety
    assert Note("nelarabine_age") in plan.caveats
    assert Note("cns_second_sheet") in plan.notes


def test_nelarabine_given_in_this_episode_is_not_offered_again():
    document = vignette_case("t_all_relapse.json")
    evaluated = result(
        recommendations={"RR-T-NELARABINE": None},
        derived={
            "agents": agents(
                nelarabine={
                    "given_in_episode": True,
                    "last_given_in_episode": "2026-10-25",
                }
            )
        },
    )

    plan = plan_aid("DA-REINDUCTION-T", document=document, result=evaluated)

    assert plan.option_keys == ("chemotherapy", "trial")
    assert plan.removed == (
        Removed(
            "given_in_episode", {"option": "nelarabine", "date": dt.date(2026, 10, 25)}
        ),
    )


# --- DA-CNS-RELAPSE (contract) ------------------------------------------------


def test_the_cns_aid_has_an_isolated_form_and_a_with_marrow_form():
    isolated = plan_aid(
        "DA-CNS-RELAPSE",
        document=vignette_case("isolated_cns_relapse.json"),
        result=result(
            recommendations={"RR-CNS-ISOLATED-IT": None},
            derived={"isolated_cns_relapse": True, "cns_involved": True},
        ),
    )
    with_marrow = plan_aid(
        "DA-CNS-RELAPSE",
        document=cases.t_all_with_cns(),
        result=result(
            recommendations={"RR-CNS-INVOLVED": None}, derived={"cns_involved": True}
        ),
    )

    assert isolated.decision_key == "isolated"
    assert {"sources_isolated", "cart_cns_study"} <= {n.key for n in isolated.notes}
    assert isolated.options[-1].variant == "cart"  # B-ALL, CD19+
    assert with_marrow.decision_key == "involved"
    notes = {n.key for n in with_marrow.notes}
    assert "sources_involved" in notes
    assert "sources_isolated" not in notes  # no disagreement he does not have
    assert "cart_cns_study" not in notes  # T-ALL: no CAR-T
    assert with_marrow.options[-1].variant is None
    assert Note("nelarabine_neuro") in with_marrow.safety


# --- DA-TRANSPLANT (contract) -------------------------------------------------


@pytest.mark.parametrize(
    ("cd19", "with_blina", "variant"),
    [
        ("positive", True, "blina"),
        ("negative", True, "other"),
        ("positive", False, "other"),
    ],
)
def test_blinatumomab_maintenance_only_after_blinatumomab_and_with_cd19(
    cd19, with_blina, variant
):
    document = vignette_case("remission_after_ino_hsct_planned.json")
    document["markers"]["cd19"] = cd19
    evaluated = result(
        point="CONSOLIDATION",
        recommendations={"RR-HSCT-SHARED-DECISION": None},
        derived={"remission_with_blinatumomab": with_blina},
    )

    plan = plan_aid("DA-TRANSPLANT", document=document, result=evaluated)

    assert plan.options[1].key == "no_hsct"
    assert plan.options[1].variant == variant
    if cd19 == "negative":
        assert Note("no_blina_maintenance_cd19") in plan.notes


@pytest.mark.parametrize(
    ("mrd", "shown"), [("negative", True), ("positive", False), (None, False)]
)
def test_the_mrd_negative_transplant_figure_only_for_an_mrd_negative_remission(
    mrd, shown
):
    evaluated = result(
        point="CONSOLIDATION",
        recommendations={"RR-HSCT-SHARED-DECISION": None},
        alerts={"ALERT-INO-VOD": {"severity": "high"}},
        derived={"latest_mrd": mrd},
    )
    plan = plan_aid(
        "DA-TRANSPLANT",
        document=vignette_case("remission_after_ino_hsct_planned.json"),
        result=evaluated,
    )

    assert (("EV-HSCT-MRDNEG", "alive_3y") not in plan.hidden_measures) is shown
    assert plan.safety == (
        Note("ino_vod", {"measure": ("EV-INO-VOD", "vod_after_hsct")}),
    )
    mrd_fact = {"negative": "mrd_negative", "positive": "mrd_positive"}
    assert Note(mrd_fact.get(mrd, "mrd_unknown")) in plan.facts


def test_no_transplant_option_for_a_patient_the_team_found_ineligible():
    document = vignette_case("remission_after_ino_hsct_planned.json")
    document["fitness"]["transplant_eligible"] = "no"
    plan = plan_aid(
        "DA-TRANSPLANT", document=document, result=result(point="CONSOLIDATION")
    )

    assert plan.option_keys == ("no_hsct", "trial")
    assert Removed("hsct_not_eligible") in plan.removed
    assert plan.decision_key == "not_eligible"


# --- DA-FERTILITY -------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "variant"),
    [
        ({"sex": "male", "can_become_pregnant": False}, "male"),
        ({"sex": "female", "can_become_pregnant": True}, "female"),
        ({"sex": "other", "can_become_pregnant": None}, None),
    ],
)
def test_fertility_wording_follows_the_case(changes, variant):
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document.update({k: v for k, v in changes.items() if v is not None})
    if changes["can_become_pregnant"] is None:
        document.pop("can_become_pregnant")

    plan = plan_aid(
        "DA-FERTILITY",
        document=document,
        result=result(referrals=("PSY-FERTILITY",)),
    )

    assert plan.options[1].name_variant == variant
    assert plan.params == {"cells": variant or "default"}
    assert plan.decision_key == (variant or "default")


def test_fertility_aid_notes_a_visit_already_made_and_a_planned_start():
    document = vignette_case("remission_after_ino_hsct_planned.json")
    document["plans"]["next_treatment_start"] = "2026-11-20"
    evaluated = result(
        point="CONSOLIDATION", derived={"fertility_referral_in_episode": True}
    )

    plan = plan_aid("DA-FERTILITY", document=document, result=evaluated)

    assert plan.notes == (
        Note("fertility_done"),
        Note("next_treatment", {"date": "2026-11-20"}),
    )


def test_an_isolated_cns_relapse_aid_says_the_whole_body_is_treated_too():
    plan = plan_aid(
        "DA-CNS-RELAPSE",
        document=vignette_case("isolated_cns_relapse.json"),
        result=result(derived={"isolated_cns_relapse": True, "cns_involved": True}),
    )

    assert Note("whole_body_too") in plan.notes
