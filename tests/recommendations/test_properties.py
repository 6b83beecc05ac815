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
