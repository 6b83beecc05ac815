"""Boundary vignettes: each rule fires on one side of its condition, not the other."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from recommendations.engine import (
    CATALOGUE,
    EvaluationResult,
    Kind,
    Outcome,
    evaluate,
    facts_from_document,
)
from tests.recommendations.boundary_cases import CASES, BoundaryCase
from tests.recommendations.support import schema_problems

LIST_BY_KIND = {
    Kind.RECOMMENDATION: "recommendations",
    Kind.ALERT: "alerts",
    Kind.REFERRAL: "referrals_due",
    Kind.WORKUP: "workup",
}
CASE_FACING = {rule.id: rule for rule in CATALOGUE if rule.case_facing}


def evaluate_boundary(boundary: BoundaryCase) -> EvaluationResult:
    as_of = None if boundary.as_of is None else date.fromisoformat(boundary.as_of)
    facts = facts_from_document(boundary.document, as_of=as_of)
    if boundary.facts_patch:
        facts = facts.replaced(**boundary.facts_patch)
    return evaluate(
        facts, mental_health_interval_days=boundary.mental_health_interval_days
    )


def assert_subset(expected: object, actual: object, where: str = "item") -> None:
    """Mappings may hold more keys than expected; everything else must be equal."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} missing"
            assert_subset(value, actual[key], f"{where}.{key}")
    else:
        assert actual == expected, where


@pytest.mark.parametrize("boundary", CASES, ids=[boundary.id for boundary in CASES])
def test_rule_reaches_the_expected_outcome(boundary: BoundaryCase):
    # Given a document that differs from the base case only in the facts under test
    rule = CASE_FACING[boundary.rule]

    # When it is evaluated
    result = evaluate_boundary(boundary)
    found = result.outcome(boundary.rule)
    output = result.to_dict()

    # Then the rule ends in the expected state, and the output lists it accordingly
    assert found.outcome is boundary.expect, found.reasons
    assert found.reasons, "every outcome names the facts behind it"
    listed = {
        item["id"]: item
        for item in output[LIST_BY_KIND[rule.kind]]
        if rule.kind is not Kind.WORKUP or item["status"] == "open"
    }
    not_applicable = {item["id"] for item in output["not_applicable"]}
    insufficient = {item["id"] for item in output["insufficient_data"]}
    if boundary.expect is Outcome.APPLIES:
        assert boundary.rule in listed
        assert_subset(boundary.item, listed[boundary.rule])
    else:
        assert boundary.rule not in listed
        assert not boundary.item, "item expectations only make sense when it applies"
    assert (boundary.rule in not_applicable) is (
        boundary.expect is Outcome.DOES_NOT_APPLY
    )
    assert (boundary.rule in insufficient) is (
        boundary.expect is Outcome.INSUFFICIENT_DATA
    )


@pytest.mark.parametrize("boundary", CASES, ids=[boundary.id for boundary in CASES])
def test_boundary_document_is_schema_valid(boundary: BoundaryCase):
    assert schema_problems(boundary.document) == []


def test_every_case_facing_rule_is_covered_both_ways():
    # Given the boundary data, grouped by rule
    outcomes: dict[str, set[Outcome]] = defaultdict(set)
    for boundary in CASES:
        outcomes[boundary.rule].add(boundary.expect)

    # Then every case-facing rule has a case where it fires and one where it does not
    assert set(outcomes) == set(CASE_FACING)
    for rule_id in CASE_FACING:
        assert Outcome.APPLIES in outcomes[rule_id], rule_id
        assert outcomes[rule_id] - {Outcome.APPLIES}, rule_id


def test_boundary_case_ids_are_unique():
    ids = [boundary.id for boundary in CASES]
    assert len(ids) == len(set(ids))
