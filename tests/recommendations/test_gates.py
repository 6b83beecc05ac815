"""Gates settled ahead (``logic.conjunction``/``disjunction``) answer as the checks do.

A gated combination must give, for every case, the same finding (outcome, reasons in
order, detail) as ``all_of``/``any_of`` running every check; the facts' gate key must
follow the decision point, lineage and frailty it stands for.
"""

from __future__ import annotations

import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recommendations.engine import facts_from_document
from recommendations.engine.facts import GATE_KEYS, gate_key
from recommendations.engine.logic import (
    GATES,
    all_of,
    any_of,
    applies,
    conjunction,
    disjunction,
    does_not_apply,
    gate,
    insufficient,
)
from recommendations.engine.rules import (
    agents,
    alerts,
    ash_fl_2026,
    ash_rr_2026,
    conditions,
    ref_adult_rr,
    workup,
)
from recommendations.engine.vocabulary import DecisionPoint
from tests.recommendations.strategies import case_documents

RULE_MODULES = (
    agents,
    alerts,
    ash_fl_2026,
    ash_rr_2026,
    conditions,
    ref_adult_rr,
    workup,
)


def _gated_combinations() -> list[tuple[str, object]]:
    found = []
    for module in RULE_MODULES:
        for name, value in vars(module).items():
            if isinstance(value, types.FunctionType) and hasattr(value, "checks"):
                found.append((f"{module.__name__.rsplit('.', 1)[1]}.{name}", value))
    return found


GATED = _gated_combinations()
FITNESS = ("fit", "less_fit", "frail", "unknown")


def test_the_rules_declare_their_gated_combinations():
    """The property below is only as strong as this list: it must not be empty."""
    assert len(GATED) >= 25
    assert {
        conditions.not_frail,
        conditions.at_reinduction,
        conditions.b_lineage,
    } <= GATES
    assert all(combined.checks[0] in GATES for _, combined in GATED)


@settings(max_examples=150, deadline=None)
@given(
    case_documents(),
    st.sampled_from(tuple(DecisionPoint)),
    st.sampled_from(("B", "T")),
    st.sampled_from(FITNESS),
)
def test_gated_combinations_answer_as_their_checks(document, point, lineage, fitness):
    facts = facts_from_document(document).replaced(
        decision_point=point, lineage=lineage, fitness_category=fitness
    )
    for name, combined in GATED:
        expected = combined.combine(facts, combined.checks)
        assert combined(facts) == expected, name


@given(case_documents())
@settings(max_examples=50, deadline=None)
def test_the_gate_key_follows_the_facts(document):
    facts = facts_from_document(document)
    assert GATE_KEYS[facts.gate_key] == (
        facts.decision_point,
        facts.lineage,
        facts.fitness_category == "frail",
    )
    for point in DecisionPoint:
        changed = facts.replaced(decision_point=point, fitness_category="frail")
        assert GATE_KEYS[changed.gate_key] == (point, facts.lineage, True)
        assert changed.gate_key == gate_key(point, facts.lineage, "frail")


def test_gates_settle_before_and_the_rest_runs_in_order():
    calls = []

    def recorded(found):
        def check(facts):
            calls.append(found)
            return found

        return check

    later_no = recorded(does_not_apply("later no"))
    yes = recorded(applies("yes"))
    both = conjunction(conditions.at_reinduction, conditions.b_lineage, yes, later_no)
    facts = facts_from_document(_a_b_relapse())
    assert facts.decision_point is DecisionPoint.REINDUCTION
    assert both(facts) == all_of(facts, both.checks) == later_no(facts)
    calls.clear()
    at_consolidation = facts.replaced(decision_point=DecisionPoint.CONSOLIDATION)
    assert both(at_consolidation) == conditions.at_reinduction(at_consolidation)
    assert calls == [], "a gate that says no settles it without running the rest"

    either = disjunction(conditions.at_consolidation, yes)
    assert either(facts) == any_of(facts, either.checks) == applies("yes")
    assert either(at_consolidation) == conditions.at_consolidation(at_consolidation)


def test_a_gate_must_read_only_what_the_gate_key_holds():
    def reads_fitness(facts):
        return applies() if facts.fitness_category == "fit" else does_not_apply("no")

    def reads_age(facts):
        return applies() if facts.age_years > 20 else does_not_apply("no")

    def unsure(facts):
        return insufficient("not known")

    with pytest.raises(ValueError, match="frail or not frail"):
        gate(reads_fitness)
    with pytest.raises(AttributeError):
        gate(reads_age)
    with pytest.raises(ValueError, match="always knows"):
        gate(unsure)
    assert not {reads_fitness, reads_age, unsure} & GATES


def _a_b_relapse() -> dict:
    from tests.conftest import vignette_case

    document = vignette_case("b_first_relapse_cd19_cd22.json")
    assert document["diagnosis"]["lineage"] == "B"
    return document
