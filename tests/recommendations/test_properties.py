"""Properties over generated schema-valid case documents: the engine's invariants."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from recommendations.engine import (
    CATALOGUE,
    CATALOGUE_ORDER,
    RULES_BY_ID,
    SOURCES,
    Outcome,
    evaluate,
    facts_from_document,
)
from tests.recommendations.strategies import case_documents
from tests.recommendations.support import schema_problems

PROPERTY_SETTINGS = settings(max_examples=250, deadline=None)
SOURCE_KEYS = {"ASH-RR-2026", "ASH-FL-2026", "REF-ADULT-RR"}
B_ONLY = {rule.id for rule in CATALOGUE if rule.lineage == "B"}
ITEM_LISTS = ("recommendations", "alerts", "referrals_due")
ALL_LISTS = (*ITEM_LISTS, "not_applicable", "insufficient_data")


def test_b_only_set_covers_the_catalogue_b_items():
    """The property below is only as strong as this set."""
    b_prefixed = {rule_id for rule_id in CATALOGUE_ORDER if rule_id.startswith("RR-B-")}
    named = {"RR-CD20-RITUXIMAB", "ALERT-BLINA-HIGH-BURDEN", "ALERT-BLINA-INPATIENT"}
    named |= {"ALERT-ANTIGEN-UNKNOWN", "ALERT-TISAGEN-AGE"}
    assert b_prefixed | named <= B_ONLY
    assert set(SOURCES) == SOURCE_KEYS


@PROPERTY_SETTINGS
@given(case_documents())
def test_generated_documents_are_schema_valid(document):
    assert schema_problems(document) == []


@PROPERTY_SETTINGS
@given(case_documents())
def test_engine_output_is_sound_for_any_valid_case(document):
    # Given any schema-valid case document
    # When the engine evaluates it (it must not raise)
    facts = facts_from_document(document)
    result = evaluate(facts)
    output = result.to_dict()

    # Then the output is JSON and deterministic
    text = json.dumps(output, sort_keys=True)
    again = json.dumps(
        evaluate(facts_from_document(document)).to_dict(), sort_keys=True
    )
    assert text == again

    # and every ID is a catalogue ID, in catalogue order, citing known sources
    listed = [item["id"] for key in ALL_LISTS for item in output[key]]
    assert sorted(listed) == sorted(set(listed))
    assert "RR-RESEARCH-PRIORITIES" not in text
    for key in ITEM_LISTS:
        ids = [item["id"] for item in output[key]]
        assert ids == sorted(ids, key=CATALOGUE_ORDER.index)
        for item in output[key]:
            assert item["id"] in RULES_BY_ID
            assert item["source"] in SOURCE_KEYS
            assert set(item["sources"]) <= SOURCE_KEYS
            assert item["because"]

    # and each outcome is one of the three states, consistent with the rule's data
    for found in result.outcomes:
        assert isinstance(found.outcome, Outcome)
        if found.outcome is Outcome.APPLIES:
            assert result.decision_point in found.rule.decision_points, found.rule.id
            if found.rule.lineage is not None:
                assert facts.lineage == found.rule.lineage, found.rule.id

    # and T-lineage never gets a B-only item
    if facts.lineage == "T":
        assert not B_ONLY & set(result.ids(Outcome.APPLIES))

    # and every referral due has an ISO due date
    for item in output["referrals_due"]:
        assert date.fromisoformat(item["due"])


@PROPERTY_SETTINGS
@given(case_documents(), st.integers(-3000, 400))
def test_engine_copes_with_any_as_of(document, days_later):
    as_of = date.fromisoformat(document["evaluation_date"]) + timedelta(days=days_later)
    result = evaluate(facts_from_document(document, as_of=as_of), as_of=as_of)
    assert result.to_dict()["derived"]["as_of"] == as_of.isoformat()


# --- Catalogue 2026.2 invariants ---------------------------------------------------

DISEASE_DIRECTED = {rule.id for rule in CATALOGUE if rule.disease_directed}
# Words with which every missing fact is named ("MRD of this remission not recorded").
MISSING_FACT_WORDS = ("not recorded", "unknown", "missing", "not done")


def test_the_disease_directed_set_is_the_catalogue_list():
    """RR-FRAIL-SUPPORTIVE turns off exactly the items the catalogue names."""
    assert {
        "RR-B-IMMUNO-REINDUCTION",
        "RR-B-CART-OPTION",
        "RR-KMT2A-REVUMENIB",
        "RR-B-CHEMO-BY-FITNESS",
        "RR-CD20-RITUXIMAB",
        "RR-LATE-RELAPSE-RETREAT",
        "RR-PH-TKI",
        "RR-T-NELARABINE",
        "RR-HSCT-SHARED-DECISION",
        "RR-CART-THEN-HSCT",
        "RR-BLINA-MAINTENANCE",
    } == DISEASE_DIRECTED


@PROPERTY_SETTINGS
@given(case_documents())
def test_frail_supportive_never_stands_beside_a_disease_directed_item(document):
    result = evaluate(facts_from_document(document))
    applied = set(result.ids(Outcome.APPLIES))
    if "RR-FRAIL-SUPPORTIVE" in applied:
        assert not applied & DISEASE_DIRECTED
    for rule_id in DISEASE_DIRECTED:
        found = result.outcome(rule_id)
        if result.facts.fitness_category == "frail":
            assert found.outcome is Outcome.DOES_NOT_APPLY, rule_id
            assert "frail (RR-FRAIL-SUPPORTIVE)" in found.reasons, rule_id


@PROPERTY_SETTINGS
@given(case_documents())
def test_an_agent_given_in_this_episode_is_never_suggested_at_reinduction(document):
    facts = facts_from_document(document)
    output = evaluate(facts).to_dict()
    if output["decision_point"] != "REINDUCTION":
        return
    recommendations = {item["id"]: item for item in output["recommendations"]}
    in_episode = {
        name for name, found in facts.agents.items() if found.in_episode is True
    }
    suggested: set[str] = set()
    immuno = recommendations.get("RR-B-IMMUNO-REINDUCTION")
    if immuno is not None:
        suggested |= set(immuno["detail"]["agents"])
        assert immuno["detail"]["agents"], "applies only with an agent left"
    multiply = recommendations.get("RR-MULTIPLY-RELAPSED")
    if multiply is not None:
        suggested |= set(multiply["detail"]["agents"])
    if "RR-B-CART-OPTION" in recommendations:
        suggested.add("car_t")
    if "RR-KMT2A-REVUMENIB" in recommendations:
        suggested.add("revumenib")
    assert not suggested & in_episode


@PROPERTY_SETTINGS
@given(case_documents())
def test_every_agent_list_agrees_across_items(document):
    output = evaluate(facts_from_document(document)).to_dict()
    recommendations = {item["id"]: item for item in output["recommendations"]}
    alerts = {item["id"] for item in output["alerts"]}
    immuno = recommendations.get("RR-B-IMMUNO-REINDUCTION")
    agents = set(immuno["detail"]["agents"]) if immuno else set()
    multiply = recommendations.get("RR-MULTIPLY-RELAPSED")
    if multiply is not None:
        named = set(multiply["detail"]["agents"])
        assert named & {"blinatumomab", "inotuzumab"} == agents
        assert ("car_t" in named) is ("RR-B-CART-OPTION" in recommendations)
        assert ("revumenib" in named) is ("RR-KMT2A-REVUMENIB" in recommendations)
    maintenance = "RR-BLINA-MAINTENANCE" in recommendations
    if "ALERT-BLINA-HIGH-BURDEN" in alerts:
        assert "blinatumomab" in agents
    assert ("ALERT-BLINA-INPATIENT" in alerts) is (
        "blinatumomab" in agents or maintenance
    )
    for alert in ("ALERT-INO-HSCT-PLANNING", "ALERT-PRIOR-VOD"):
        if alert in alerts:
            assert "inotuzumab" in agents, alert
    assert ("ALERT-REVUMENIB-DOSE" in alerts) is (
        "RR-KMT2A-REVUMENIB" in recommendations
    )
    if "RR-B-CHEMO-BY-FITNESS" in recommendations:
        assert not agents


@PROPERTY_SETTINGS
@given(case_documents())
def test_every_insufficient_item_names_its_missing_fact(document):
    output = evaluate(facts_from_document(document)).to_dict()
    checks = {item["id"]: item for item in output["checks"]}
    assert set(checks) == {item["id"] for item in output["insufficient_data"]}
    for item in output["insufficient_data"]:
        assert item["missing"], item["id"]
        for fact in item["missing"]:
            assert any(word in fact for word in MISSING_FACT_WORDS), (item["id"], fact)


@PROPERTY_SETTINGS
@given(case_documents())
def test_alerts_carry_the_catalogue_severity(document):
    output = evaluate(facts_from_document(document)).to_dict()
    high = {
        "ALERT-INO-VOD",
        "ALERT-INO-HSCT-PLANNING",
        "ALERT-PRIOR-VOD",
        "ALERT-T315I",
        "ALERT-CD19-ESCAPE",
        "ALERT-CNS-RT-ALONE",
        "ALERT-REVUMENIB-DOSE",
    }
    for item in output["alerts"]:
        assert item["severity"] == ("high" if item["id"] in high else "warning")


@PROPERTY_SETTINGS
@given(case_documents())
def test_leaving_keys_out_changes_nothing_else(document):
    """What the stored evaluations read is the same with and without ``omit``."""
    as_of = date.fromisoformat(document["evaluation_date"])
    result = evaluate(facts_from_document(document, as_of=as_of), as_of=as_of)
    omitted = frozenset({"recommendations", "not_applicable"})

    full = result.to_dict()
    partial = result.to_dict(omit=omitted)

    assert omitted.isdisjoint(partial)
    assert partial == {k: v for k, v in full.items() if k not in omitted}
