"""Stored wording (editable, with history) and snapshots (immutable)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from patients import errors
from patients import services as patient_services
from recommendations import engine, selectors, services
from recommendations.models import RecommendationSnapshot, RuleContent
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_catalogue_rule_has_a_wording_row_after_migrate():
    assert set(RuleContent.objects.values_list("rule_id", flat=True)) == {
        rule.id for rule in engine.CATALOGUE
    }


def test_sync_never_overwrites_an_administrators_edit():
    row = RuleContent.objects.get(rule_id="RR-T-NELARABINE")
    row.statement = "Edited by the program admin."
    row.save()
    assert services.rulecontent_sync() == 0
    row.refresh_from_db()
    assert row.statement == "Edited by the program admin."


def test_edited_wording_and_strength_appear_in_results_with_history(program, member):
    # given an administrator's correction of a rule's wording and strength
    row = RuleContent.objects.get(rule_id="RR-CLINICAL-TRIAL")
    row.statement = "Offer a clinical trial whenever one is open."
    row.strength = "strong"
    row.save()
    # when a case is evaluated
    case = CaseFactory(program=program)
    result = selectors.case_evaluate(case=case)
    # then the result carries the edited content, and the history keeps both versions
    item = next(r for r in result["recommendations"] if r["id"] == "RR-CLINICAL-TRIAL")
    assert item["statement"] == "Offer a clinical trial whenever one is open."
    assert item["strength"] == "strong"
    assert row.history.count() == 2


def test_snapshot_stores_facts_version_and_result(program, member):
    case = CaseFactory(program=program)
    snapshot = services.recommendation_snapshot_create(case=case, actor=member)
    assert snapshot.ruleset_version == engine.RULESET_VERSION
    assert snapshot.facts["case_id"] == case.case_id
    assert snapshot.result["decision_point"] == "REINDUCTION"
    assert snapshot.created_by == member


def test_later_edits_to_the_case_never_change_an_old_snapshot(program, member):
    case = CaseFactory(program=program, cd22="positive")
    snapshot = services.recommendation_snapshot_create(case=case, actor=member)
    before = (snapshot.facts, snapshot.result)
    patient_services.case_update(case=case, actor=member, data={"cd22": "negative"})
    snapshot.refresh_from_db()
    assert (snapshot.facts, snapshot.result) == before
    assert snapshot.facts["markers"]["cd22"] == "positive"


def test_a_saved_snapshot_cannot_be_changed(program, member):
    snapshot = services.recommendation_snapshot_create(
        case=CaseFactory(program=program), actor=member
    )
    snapshot.result = {"decision_point": "NONE"}
    with pytest.raises(ValidationError):
        snapshot.save()
    assert (
        RecommendationSnapshot.objects.get().result["decision_point"] == "REINDUCTION"
    )


def test_only_members_can_snapshot_a_case(program):
    case = CaseFactory(program=program)
    with pytest.raises(errors.ApplicationError):
        services.recommendation_snapshot_create(case=case, actor=UserFactory())
    assert not RecommendationSnapshot.objects.exists()


def test_results_mark_only_edited_rules_as_overrides(program):
    case = CaseFactory(program=program)
    untouched = selectors.case_evaluate(case=case)
    assert {r["content"] for r in untouched["recommendations"]} == {"catalogue"}
    row = RuleContent.objects.get(rule_id="RR-CLINICAL-TRIAL")
    row.statement = "Offer a clinical trial whenever one is open."
    row.save()
    edited = selectors.case_evaluate(case=case)
    contents = {r["id"]: r["content"] for r in edited["recommendations"]}
    assert contents["RR-CLINICAL-TRIAL"] == "override"
    assert contents["RR-B-IMMUNO-REINDUCTION"] == "catalogue"
