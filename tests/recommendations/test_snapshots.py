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


def admin_edit(row: RuleContent, **changes: object) -> RuleContent:
    """An administrator's edit, as the admin's save does it."""
    for name, value in changes.items():
        setattr(row, name, value)
    services.rulecontent_edit_record(row=row, actor=UserFactory(is_superuser=True))
    row.save()
    return row


def test_sync_never_overwrites_an_administrators_edit():
    row = admin_edit(
        RuleContent.objects.get(rule_id="RR-T-NELARABINE"),
        statement="Edited by the program admin.",
    )
    assert row.is_override
    result = services.rulecontent_sync()
    assert result.created == result.updated == result.needs_review == ()
    row.refresh_from_db()
    assert row.statement == "Edited by the program admin."


def test_an_upgrade_moves_unedited_rows_to_the_new_catalogue_wording():
    # Given a row nobody edited, still holding an earlier version's wording
    rule = engine.RULES_BY_ID["RR-CNS-PROPHYLAXIS"]
    row = RuleContent.objects.get(rule_id=rule.id)
    RuleContent.objects.filter(pk=row.pk).update(
        statement="Give CNS prophylaxis at re-induction.", rule_version=1
    )

    # When the wording rows are synced with the catalogue in code (after migrate)
    result = services.rulecontent_sync()

    # Then it follows the catalogue, says so in its history, and is no override
    row.refresh_from_db()
    assert rule.id in result.updated
    assert row.statement == rule.content.statement
    assert row.rule_version == rule.version == 2
    assert not row.is_override
    assert row.history.first().history_change_reason == (
        f"catalogue {engine.RULESET_VERSION}"
    )


def test_an_override_of_a_rule_whose_meaning_changed_is_kept_and_flagged(program):
    # Given an override written when RR-FRAIL-SUPPORTIVE was at version 1
    row = admin_edit(
        RuleContent.objects.get(rule_id="RR-FRAIL-SUPPORTIVE"),
        statement="Supportive care only.",
    )
    RuleContent.objects.filter(pk=row.pk).update(rule_version=1)

    # When the rule set (now version 2 of that rule) is synced and a case evaluated
    result = services.rulecontent_sync()
    case = CaseFactory(program=program, fitness_category="frail")
    evaluated = selectors.case_evaluate(case=case)

    # Then the wording is kept, shown as an override needing review
    row.refresh_from_db()
    assert row.statement == "Supportive care only."
    assert row.needs_review
    assert "RR-FRAIL-SUPPORTIVE" in result.needs_review
    item = next(
        r for r in evaluated["recommendations"] if r["id"] == "RR-FRAIL-SUPPORTIVE"
    )
    assert (item["statement"], item["content"], item["content_needs_review"]) == (
        "Supportive care only.",
        "override",
        True,
    )

    # And an administrator's new edit under the current meaning clears the flag
    admin_edit(row, statement="Supportive and palliative care; re-assess fitness.")
    assert not row.needs_review


def test_the_data_migration_tells_edits_from_the_catalogue_wording():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("recommendations.migrations.0002_rule_wording_versions")
    # Given one row an administrator edited (before overrides were marked) and one not
    edited = RuleContent.objects.get(rule_id="RR-CLINICAL-TRIAL")
    edited.statement = "Edited before the upgrade."
    edited.save()
    untouched = RuleContent.objects.get(rule_id="PSY-SOCIAL-WORK")
    RuleContent.objects.update(is_override=False, rule_version=7)

    # When the migration's step runs
    migration.mark_overrides(apps, None)

    # Then only the edited row is an override, and both were written for version 1
    edited.refresh_from_db()
    untouched.refresh_from_db()
    assert (edited.is_override, untouched.is_override) == (True, False)
    assert edited.rule_version == untouched.rule_version == 1


def test_edited_wording_and_strength_appear_in_results_with_history(program, member):
    # given an administrator's correction of a rule's wording and strength
    row = admin_edit(
        RuleContent.objects.get(rule_id="RR-CLINICAL-TRIAL"),
        statement="Offer a clinical trial whenever one is open.",
        strength="strong",
    )
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
    admin_edit(
        RuleContent.objects.get(rule_id="RR-CLINICAL-TRIAL"),
        statement="Offer a clinical trial whenever one is open.",
    )
    edited = selectors.case_evaluate(case=case)
    contents = {r["id"]: r["content"] for r in edited["recommendations"]}
    assert contents["RR-CLINICAL-TRIAL"] == "override"
    assert contents["RR-B-IMMUNO-REINDUCTION"] == "catalogue"
