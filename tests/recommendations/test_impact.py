"""The rule-set impact report: what an upgrade changes for each case of a program."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from patients import services as patient_services
from patients.models import AuditEntry
from recommendations import engine, impact, selectors, services
from recommendations.models import RecommendationSnapshot, RuleContent
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def old_snapshot(case, *, recommendations, alerts=(), referrals=(), actor=None):
    """A snapshot as an earlier rule set stored it: its own result, no work-up list."""
    snapshot = services.recommendation_snapshot_create(case=case, actor=actor)
    RecommendationSnapshot.objects.filter(pk=snapshot.pk).update(
        ruleset_version="ash-rr-aya-2026.1",
        result={
            "ruleset_version": "ash-rr-aya-2026.1",
            "decision_point": "REINDUCTION",
            "recommendations": [{"id": rule_id} for rule_id in recommendations],
            "alerts": [{"id": rule_id} for rule_id in alerts],
            "referrals_due": [{"id": rule_id} for rule_id in referrals],
            "insufficient_data": [],
        },
    )
    return RecommendationSnapshot.objects.get(pk=snapshot.pk)


@pytest.fixture
def frail_case(program, member):
    return CaseFactory(
        program=program, case_id="FRAIL-1", fitness_category="frail", sex="male"
    )


def test_a_frail_case_loses_its_disease_directed_items_under_2026_2(
    program, member, frail_case
):
    # Given a snapshot in which 2026.1 offered a frail patient immunotherapy
    current = selectors.case_evaluate(case=frail_case, as_of=frail_case.evaluation_date)
    old_snapshot(
        frail_case,
        actor=member,
        recommendations=[
            "RR-B-IMMUNO-REINDUCTION",
            "RR-B-CART-OPTION",
            "RR-FRAIL-SUPPORTIVE",
            "RR-CLINICAL-TRIAL",
        ],
        alerts=["ALERT-BLINA-INPATIENT"],
        referrals=[item["id"] for item in current["referrals_due"]],
    )

    # When the program's impact is computed
    report = impact.program_ruleset_impact(program=program)

    # Then the case shows what 2026.2 removed and added, list by list
    (case,) = report.changed
    changes = {change.key: change for change in case.changes}
    assert changes["recommendations"].removed == (
        "RR-B-IMMUNO-REINDUCTION",
        "RR-B-CART-OPTION",
    )
    assert "RR-CNS-PROPHYLAXIS" in changes["recommendations"].added
    assert changes["alerts"].removed == ("ALERT-BLINA-INPATIENT",)
    assert changes["workup_open"].new_in_ruleset
    assert "WU-TESTICULAR-EXAM" in changes["workup_open"].added
    assert not case.facts_changed_since
    assert report.ruleset_version == engine.RULESET_VERSION


def test_unchanged_cases_and_cases_without_a_snapshot_are_told_apart(program, member):
    # Given one case snapshotted under the current rules and one never snapshotted
    same = CaseFactory(program=program, case_id="SAME-1")
    services.recommendation_snapshot_create(case=same, actor=member)
    CaseFactory(program=program, case_id="NEW-1")

    report = impact.program_ruleset_impact(program=program)

    assert [case.case_ref for case in report.unchanged] == ["SAME-1"]
    assert [case.case_ref for case in report.without_snapshot] == ["NEW-1"]
    assert report.changed == ()


def test_a_change_of_facts_since_the_snapshot_is_marked(program, member, frail_case):
    old_snapshot(frail_case, actor=member, recommendations=["RR-CLINICAL-TRIAL"])
    patient_services.case_update(
        case=frail_case, actor=member, data={"marrow_blast_percent": 60}
    )
    (case,) = impact.program_ruleset_impact(program=program).changed
    assert case.facts_changed_since


def test_the_command_prints_the_report_and_audits_the_read(program, member, frail_case):
    old_snapshot(
        frail_case,
        actor=member,
        recommendations=["RR-B-IMMUNO-REINDUCTION", "RR-FRAIL-SUPPORTIVE"],
    )
    out = StringIO()
    call_command("ruleset_impact", program=program.slug, stdout=out)
    text = out.getvalue()
    assert "Rule set ash-rr-aya-2026.2" in text
    assert "FRAIL-1: snapshot of" in text
    assert "- RR-B-IMMUNO-REINDUCTION" in text
    assert AuditEntry.objects.filter(target="ruleset_impact", program=program).exists()

    out = StringIO()
    call_command("ruleset_impact", program=program.slug, format="json", stdout=out)
    data = json.loads(out.getvalue())
    (case,) = [c for c in data["cases"] if c["case_id"] == "FRAIL-1"]
    assert case["changes"]["recommendations"]["removed"] == ["RR-B-IMMUNO-REINDUCTION"]


def test_the_page_is_for_program_admins_and_lists_overrides_to_review(
    client, program, member, frail_case
):
    from django.contrib.auth.models import Group

    old_snapshot(frail_case, actor=member, recommendations=["RR-B-IMMUNO-REINDUCTION"])
    row = RuleContent.objects.get(rule_id="RR-FRAIL-SUPPORTIVE")
    RuleContent.objects.filter(pk=row.pk).update(
        statement="Supportive care only.", is_override=True, rule_version=1
    )

    # A member who is not a program admin gets nothing
    client.force_login(member)
    assert client.get("/guideline/impact/").status_code == 404

    # A program admin sees the changed case and the override to review
    admin = UserFactory(username="padmin", programs=[program])
    admin.groups.add(Group.objects.get(name="program_admin"))
    client.force_login(admin)
    page = client.get("/guideline/impact/").content.decode()
    assert "FRAIL-1" in page
    assert "RR-B-IMMUNO-REINDUCTION" in page
    assert "Wording to review" in page
    assert "RR-FRAIL-SUPPORTIVE" in page


def test_a_2026_1_appointment_is_read_as_2026_2_dates_so_no_false_change():
    # A 2026.1 document: the scheduled referral's date was its appointment, ahead
    document = {
        "evaluation_date": "2026-11-01",
        "referrals": [
            {"kind": "social_work", "status": "scheduled", "date": "2026-11-20"},
            {"kind": "fertility", "status": "completed", "date": "2026-10-25"},
        ],
    }

    read = impact.document_in_current_terms(
        document, ruleset_version="ash-rr-aya-2026.1"
    )

    assert read["referrals"] == [
        {
            "kind": "social_work",
            "status": "scheduled",
            "date": "2026-11-01",
            "appointment_date": "2026-11-20",
        },
        {"kind": "fertility", "status": "completed", "date": "2026-10-25"},
    ]
    current = impact.document_in_current_terms(
        document, ruleset_version=engine.RULESET_VERSION
    )
    assert current is document
