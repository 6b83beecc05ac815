"""Which aids apply to a case, and which options each offers (pure: no database)."""

from __future__ import annotations

import pytest

from decisionaids.personalise import (
    REASON_NO_CNS,
    REASON_T_LINEAGE,
    AidNotApplicable,
    Removed,
    applicable_aids,
    plan_aid,
)
from recommendations.engine import facts_from_document
from recommendations.selectors import evaluate_document
from tests.conftest import vignette_case


def evaluated(name: str, **changes) -> tuple:
    document = vignette_case(name)
    for key, value in changes.items():
        if value is None:
            document.pop(key, None)  # absent, as the schema says "unknown"
        elif isinstance(value, dict) and isinstance(document.get(key), dict):
            document[key] = {**document[key], **value}
        else:
            document[key] = value
    return facts_from_document(document), evaluate_document(document=document)


@pytest.mark.parametrize(
    ("vignette", "aids"),
    [
        ("b_first_relapse_cd19_cd22.json", {"DA-REINDUCTION", "DA-FERTILITY"}),
        (
            "isolated_cns_relapse.json",
            {"DA-REINDUCTION", "DA-CNS-RELAPSE", "DA-FERTILITY"},
        ),
        ("kmt2a_antigen_negative.json", {"DA-REINDUCTION", "DA-FERTILITY"}),
        ("ph_positive_t315i.json", {"DA-REINDUCTION", "DA-FERTILITY"}),
        ("remission_after_ino_hsct_planned.json", {"DA-TRANSPLANT", "DA-FERTILITY"}),
        ("t_all_relapse.json", {"DA-FERTILITY"}),
    ],
)
def test_applicable_aids_per_vignette(vignette, aids):
    facts, result = evaluated(vignette)
    assert set(applicable_aids(facts=facts, result=result)) == aids


def test_an_aid_that_does_not_apply_is_refused_with_its_reason():
    facts, result = evaluated("t_all_relapse.json")
    with pytest.raises(AidNotApplicable) as refused:
        plan_aid("DA-REINDUCTION", facts=facts, result=result)
    assert refused.value.reason == REASON_T_LINEAGE
    facts, result = evaluated("b_first_relapse_cd19_cd22.json")
    with pytest.raises(AidNotApplicable) as refused:
        plan_aid("DA-CNS-RELAPSE", facts=facts, result=result)
    assert refused.value.reason == REASON_NO_CNS


def test_cd19_and_cd22_positive_first_relapse_offers_immunotherapy_and_eligible_cart():
    facts, result = evaluated("b_first_relapse_cd19_cd22.json")
    plan = plan_aid("DA-REINDUCTION", facts=facts, result=result)

    assert plan.option_keys == (
        "blinatumomab",
        "inotuzumab",
        "car_t",
        "chemotherapy",
        "trial",
    )
    car_t = plan.options[2]
    assert car_t.products == ("brexucabtagene", "obecabtagene")
    # 23 years old, but in first relapse: outside tisagenlecleucel's label.
    assert Removed("tisagenlecleucel_label") in plan.removed


def test_cd22_negative_removes_inotuzumab_and_age_over_25_removes_tisagenlecleucel():
    facts, result = evaluated(
        "b_first_relapse_cd19_cd22.json",
        birth_date="1991-06-01",
        markers={"cd22": "negative"},
    )
    plan = plan_aid("DA-REINDUCTION", facts=facts, result=result)

    assert "inotuzumab" not in plan.option_keys
    assert Removed("inotuzumab_cd22") in plan.removed
    assert Removed("tisagenlecleucel_age") in plan.removed


def test_cd19_negative_removes_blinatumomab_and_cart():
    facts, result = evaluated("kmt2a_antigen_negative.json")
    plan = plan_aid("DA-REINDUCTION", facts=facts, result=result)

    assert plan.option_keys == ("revumenib", "chemotherapy", "trial")
    assert {r.key for r in plan.removed} == {
        "blinatumomab_cd19",
        "inotuzumab_cd22",
        "car_t_cd19",
    }


def test_unknown_cd22_keeps_inotuzumab_with_a_test_first_and_notes_ph():
    facts, result = evaluated("ph_positive_t315i.json")
    plan = plan_aid("DA-REINDUCTION", facts=facts, result=result)

    inotuzumab = next(o for o in plan.options if o.key == "inotuzumab")
    assert inotuzumab.needs_test == ("cd22",)
    assert {"ph_tki", "t315i", "antigen_unknown"} <= {n.key for n in plan.notes}


def test_refractory_patient_under_26_may_get_tisagenlecleucel():
    facts, result = evaluated(
        "b_first_relapse_cd19_cd22.json",
        disease={"state": "primary_refractory", "relapse_count": 0},
    )
    plan = plan_aid("DA-REINDUCTION", facts=facts, result=result)
    car_t = next(o for o in plan.options if o.key == "car_t")
    assert "tisagenlecleucel" in car_t.products


def test_prior_inotuzumab_turns_on_the_vod_paragraph_in_the_transplant_aid():
    facts, result = evaluated("remission_after_ino_hsct_planned.json")
    plan = plan_aid("DA-TRANSPLANT", facts=facts, result=result)

    assert [n.key for n in plan.notes][:3] == ["vod", "vod_number", "vod_care"]
    assert plan.option_keys == ("hsct", "no_hsct", "trial")


def test_no_prior_inotuzumab_no_vod_paragraph_and_mrd_positive_hides_mrdneg_figure():
    document_events = [
        {"type": "blinatumomab", "date": "2026-08-01", "end_date": "2026-08-28"},
        {"type": "response", "date": "2026-09-25", "response": "CR", "mrd": "positive"},
    ]
    facts, result = evaluated(
        "remission_after_ino_hsct_planned.json", events=document_events
    )
    plan = plan_aid("DA-TRANSPLANT", facts=facts, result=result)

    keys = [n.key for n in plan.notes]
    assert "vod" not in keys
    assert "mrd_positive" in keys
    assert ("EV-HSCT-MRDNEG", "alive_3y") in plan.hidden_measures


def test_isolated_cns_relapse_aid_says_the_sources_differ():
    facts, result = evaluated("isolated_cns_relapse.json")
    plan = plan_aid("DA-CNS-RELAPSE", facts=facts, result=result)

    assert plan.decision_key == "isolated"
    assert plan.option_keys == ("it_systemic", "cranial_rt", "trial")
    assert plan.notes[0].key == "sources_differ"


@pytest.mark.parametrize(
    ("changes", "variant"),
    [
        ({"sex": "male", "can_become_pregnant": False}, "male"),
        ({"sex": "female", "can_become_pregnant": True}, "female"),
        ({"sex": "other"}, None),
    ],
)
def test_fertility_preservation_wording_follows_the_case(changes, variant):
    facts, result = evaluated("b_first_relapse_cd19_cd22.json", **changes)
    if "can_become_pregnant" not in changes:
        facts, result = evaluated(
            "b_first_relapse_cd19_cd22.json", **changes, can_become_pregnant=None
        )
    plan = plan_aid("DA-FERTILITY", facts=facts, result=result)
    assert plan.options[1].name_variant == variant


def test_fertility_aid_notes_a_visit_already_made():
    facts, result = evaluated("remission_after_ino_hsct_planned.json")
    plan = plan_aid("DA-FERTILITY", facts=facts, result=result)
    assert [n.key for n in plan.notes] == ["fertility_done"]
