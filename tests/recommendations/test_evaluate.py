"""The evaluator and the catalogue: output shape, sources, overrides, purity."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from recommendations.engine import (
    CART_PRODUCTS,
    CATALOGUE,
    CATALOGUE_ORDER,
    RULES_BY_ID,
    RULESET_VERSION,
    SOURCES,
    DecisionPoint,
    Kind,
    Outcome,
    RuleContent,
    Strength,
    evaluate,
    facts_from_document,
)
from tests.recommendations.boundary_cases import T_LINEAGE, born_for_age, event
from tests.recommendations.support import REPO_ROOT, case

REQUIRED_TOP_LEVEL = {
    "ruleset_version",
    "decision_point",
    "derived",
    "recommendations",
    "alerts",
    "referrals_due",
}
B_ONLY_IDS = {
    "ALERT-INO-HSCT-PLANNING",
    "ALERT-PRIOR-VOD",
    "WU-IMMUNOPHENOTYPE",
    "WU-KMT2A",
    "RR-B-IMMUNO-REINDUCTION",
    "RR-B-CART-OPTION",
    "RR-B-CHEMO-BY-FITNESS",
    "RR-CD20-RITUXIMAB",
    "RR-BLINA-MAINTENANCE",
    "ALERT-BLINA-HIGH-BURDEN",
    "ALERT-BLINA-INPATIENT",
    "ALERT-ANTIGEN-UNKNOWN",
    "ALERT-CD19-ESCAPE",
    "ALERT-TISAGEN-AGE",
}


def result_for(document: dict, **options: object):
    return evaluate(facts_from_document(document), **options)


# --- Output shape -----------------------------------------------------------------


def test_to_dict_has_the_public_keys_and_nothing_else_at_the_top():
    output = result_for(case()).to_dict()
    assert set(output) == REQUIRED_TOP_LEVEL | {
        "workup",
        "workup_open",
        "checks",
        "not_applicable",
        "insufficient_data",
    }
    assert output["ruleset_version"] == RULESET_VERSION
    assert output["decision_point"] == "REINDUCTION"


def test_items_carry_their_contract_keys():
    # Given a case with a recommendation, an alert and referrals due
    output = result_for(case(disease={"marrow_blast_percent": 70})).to_dict()

    # Then each item carries the keys of the public contract
    for item in output["recommendations"]:
        assert {"id", "statement", "source", "strength", "because"} <= set(item)
    for item in output["alerts"]:
        assert {"id", "message", "because", "severity"} <= set(item)
        assert item["severity"] in ("high", "warning")
    for item in output["referrals_due"]:
        assert {"id", "reason", "due"} <= set(item)
    assert output["alerts"]
    assert output["referrals_due"]


def test_every_rule_is_reported_once_in_catalogue_order():
    result = result_for(case())
    reported = [found.rule.id for found in result.outcomes]
    assert reported == [
        rule_id for rule_id in CATALOGUE_ORDER if rule_id != "RR-RESEARCH-PRIORITIES"
    ]
    output = result.to_dict()
    listed = [
        item["id"]
        for key in (
            "recommendations",
            "alerts",
            "referrals_due",
            "not_applicable",
            "insufficient_data",
        )
        for item in output[key]
    ]
    listed += output["workup_open"]
    assert sorted(listed) == sorted(reported)


def test_output_is_deterministic_and_json_serialisable():
    first = json.dumps(result_for(case()).to_dict(), sort_keys=True)
    second = json.dumps(result_for(case()).to_dict(), sort_keys=True)
    assert first == second


@pytest.mark.parametrize(
    ("state", "point"),
    [
        ("primary_refractory", DecisionPoint.REINDUCTION),
        ("relapse", DecisionPoint.REINDUCTION),
        ("progression_after_salvage", DecisionPoint.REINDUCTION),
        ("remission_after_relapse", DecisionPoint.CONSOLIDATION),
    ],
)
def test_decision_point_follows_the_disease_state(state, point):
    assert result_for(case(disease={"state": state})).decision_point is point


# --- Catalogue --------------------------------------------------------------------


def test_research_priorities_is_in_the_library_but_never_in_a_case_result():
    rule = RULES_BY_ID["RR-RESEARCH-PRIORITIES"]
    assert rule in CATALOGUE
    assert rule.content.strength is Strength.RESEARCH_ONLY
    assert rule.library_entry()["case_facing"] is False
    text = json.dumps(result_for(case()).to_dict())
    assert "RR-RESEARCH-PRIORITIES" not in text


def test_catalogue_ids_are_unique_and_match_the_catalogue_order():
    assert [rule.id for rule in CATALOGUE] == list(CATALOGUE_ORDER)
    assert len(set(CATALOGUE_ORDER)) == len(CATALOGUE_ORDER) == 47


@pytest.mark.parametrize("rule", CATALOGUE, ids=[rule.id for rule in CATALOGUE])
def test_rule_is_declared_completely(rule):
    assert rule.source in SOURCES
    assert set(rule.sources) <= set(SOURCES)
    assert rule.content.statement.strip()
    assert "\n" not in rule.content.statement
    assert rule.predicate.__name__ != "<lambda>"
    assert rule.condition
    json.dumps(rule.library_entry())
    expected_kind = {
        "RR": Kind.RECOMMENDATION,
        "ALERT": Kind.ALERT,
        "PSY": Kind.REFERRAL,
        "WU": Kind.WORKUP,
    }
    assert rule.kind is expected_kind[rule.id.split("-")[0]]
    assert (rule.severity is not None) is (rule.kind is Kind.ALERT)


def test_isolated_cns_rule_records_the_adult_reference_as_differing():
    rule = RULES_BY_ID["RR-CNS-ISOLATED-IT"]
    (position,) = rule.differs_from
    assert position.source == "REF-ADULT-RR"
    assert "24 Gy" in position.position
    assert "intrathecal" in position.position
    assert rule.concordant_with == ()


def test_immunotherapy_rule_records_the_adult_reference_as_concordant_2c():
    (position,) = RULES_BY_ID["RR-B-IMMUNO-REINDUCTION"].concordant_with
    assert position.source == "REF-ADULT-RR"
    assert position.strength is Strength.CONDITIONAL
    assert position.strength_stated is True
    assert position.certainty == "low"


def test_unstated_strength_is_conditional_and_marked_not_stated():
    late = RULES_BY_ID["RR-LATE-RELAPSE-RETREAT"].content
    revumenib = RULES_BY_ID["RR-KMT2A-REVUMENIB"].content
    assert (late.strength, late.strength_stated) == (Strength.CONDITIONAL, False)
    assert (revumenib.strength, revumenib.strength_stated, revumenib.certainty) == (
        Strength.CONDITIONAL,
        True,
        "low",
    )


def test_sources_differ_is_shown_side_by_side_in_the_output():
    output = result_for(case(disease={"sites": ["cns"]})).to_dict()
    item = next(i for i in output["recommendations"] if i["id"] == "RR-CNS-ISOLATED-IT")
    assert item["source"] == "ASH-RR-2026"
    assert item["differs_from"][0]["source"] == "REF-ADULT-RR"
    assert item["sources"] == ["ASH-RR-2026", "REF-ADULT-RR"]


def test_engine_imports_nothing_from_django():
    code = (
        "import sys, recommendations.engine; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    found = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == "[]"


# --- CAR-T product table ----------------------------------------------------------


def test_car_t_product_table_lists_the_three_products():
    assert [product.name for product in CART_PRODUCTS] == [
        "tisagenlecleucel",
        "brexucabtagene autoleucel",
        "obecabtagene autoleucel",
    ]


@pytest.mark.parametrize(
    ("age", "disease", "eligible"),
    [
        (25, {"relapse_count": 2}, Outcome.APPLIES),
        (26, {"relapse_count": 2}, Outcome.DOES_NOT_APPLY),
        (20, {"relapse_count": 1}, Outcome.DOES_NOT_APPLY),
        (20, {"state": "primary_refractory", "relapse_count": 0}, Outcome.APPLIES),
        (
            20,
            {"relapse_count": None, "latest_relapse_date": None},
            Outcome.INSUFFICIENT_DATA,
        ),
    ],
)
def test_tisagenlecleucel_label_needs_age_25_or_less_and_refractory_or_second_relapse(
    age, disease, eligible
):
    patch = {key: value for key, value in disease.items() if value is not None}
    document = case(birth_date=born_for_age(age), disease=patch)
    for key, value in disease.items():
        if value is None:
            document["disease"].pop(key)
    facts = facts_from_document(document)
    assert CART_PRODUCTS[0].assess(facts).outcome is eligible


# --- Lineage ----------------------------------------------------------------------


def test_t_lineage_never_gets_b_only_items():
    # Given a T-lineage case with every B-lineage trigger present
    document = case(
        diagnosis={**T_LINEAGE, "date": "2020-01-15"},
        birth_date=born_for_age(30),
        disease={"marrow_blast_percent": 80},
        markers={"cd19": "positive", "cd22": "unknown", "cd20": "positive"},
        events=[event("blinatumomab", "2021-01-01"), event("car_t", "2021-06-01")],
    )

    # When evaluated
    applied = set(result_for(document).ids(Outcome.APPLIES))

    # Then no B-only item applies, and the catalogue marks the same set as B-only
    assert not applied & B_ONLY_IDS
    assert {rule.id for rule in CATALOGUE if rule.lineage == "B"} == B_ONLY_IDS
    assert "RR-T-NELARABINE" in applied


# --- Options and overrides --------------------------------------------------------


def test_as_of_must_match_the_date_the_facts_were_derived_for():
    facts = facts_from_document(case())
    assert evaluate(facts, as_of=date(2026, 11, 1)).as_of == date(2026, 11, 1)
    with pytest.raises(ValueError, match="derived as of 2026-11-01"):
        evaluate(facts, as_of=date(2026, 12, 1))


def test_mental_health_interval_must_be_positive():
    with pytest.raises(ValueError, match="mental_health_interval_days"):
        result_for(case(), mental_health_interval_days=0)


def test_content_override_replaces_wording_and_strength_but_not_logic():
    # Given an administrator's corrected wording and strength for one rule
    overrides = {
        "RR-B-IMMUNO-REINDUCTION": {
            "statement": "Corrected wording.",
            "strength": "strong",
            "certainty": "moderate",
        }
    }

    # When the same case is evaluated with and without the override
    plain = result_for(case()).to_dict()
    corrected = result_for(case(), content_overrides=overrides).to_dict()

    # Then only that item's content changes, and it says so
    item = corrected["recommendations"][0]
    assert item["id"] == "RR-B-IMMUNO-REINDUCTION"
    assert (item["statement"], item["strength"], item["certainty"]) == (
        "Corrected wording.",
        "strong",
        "moderate",
    )
    assert item["content"] == "override"
    assert plain["recommendations"][0]["content"] == "catalogue"
    assert [i["id"] for i in corrected["recommendations"]] == [
        i["id"] for i in plain["recommendations"]
    ]
    assert corrected["recommendations"][1:] == plain["recommendations"][1:]


def test_content_override_accepts_rule_content_and_ignores_retired_ids():
    content = RuleContent("Revised alert.", Strength.INFORMATION, strength_stated=False)
    output = result_for(
        case(),
        content_overrides={"ALERT-BLINA-INPATIENT": content, "RR-RETIRED": {}},
    ).to_dict()
    alert = next(a for a in output["alerts"] if a["id"] == "ALERT-BLINA-INPATIENT")
    assert alert["message"] == "Revised alert."
    assert alert["content"] == "override"


def test_content_override_rejects_a_strength_outside_the_vocabulary():
    with pytest.raises(ValueError, match="strongish"):
        result_for(
            case(), content_overrides={"RR-CLINICAL-TRIAL": {"strength": "strongish"}}
        )


def test_because_names_both_antigens_when_both_open_an_agent():
    """A clinician sees every fact that made the rule apply, not just the first."""
    path = (
        REPO_ROOT
        / "patients"
        / "domain"
        / "vignettes"
        / "b_first_relapse_cd19_cd22.json"
    )
    facts = facts_from_document(json.loads(path.read_text())["case"])
    result = evaluate(facts).to_dict()
    item = next(
        r for r in result["recommendations"] if r["id"] == "RR-B-IMMUNO-REINDUCTION"
    )
    assert "CD19 positive: blinatumomab suited" in item["because"]
    assert "CD22 positive: inotuzumab ozogamicin suited" in item["because"]
