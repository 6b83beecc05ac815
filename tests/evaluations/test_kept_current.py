"""Stored evaluations follow the date and the rules: a day passing, a rule change."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from evaluations import selectors, services
from evaluations.models import CaseEvaluation, EvaluationItem, ReevaluationJob
from patients.models import Case
from patients.services import case_import
from recommendations.models import RuleContent
from recommendations.services import rulecontent_edit_record
from recommendations.worklist_rows import WorklistFilters
from tests.conftest import vignette_case
from tests.evaluations.support import assert_current
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_WORDING = "Refer to social work at once (wording corrected by the program)."


def _import(program, document: dict) -> Case:
    case_import(payload=document, program=program)
    return Case.objects.get(program=program, case_id=document["case_id"])


@pytest.fixture
def screened(program):
    """A case whose last mental-health screening falls due in ten days."""
    today = timezone.localdate()
    document = vignette_case("t_all_relapse.json")
    document["evaluation_date"] = today.isoformat()
    document.setdefault("referrals", []).append(
        {
            "kind": "mental_health",
            "status": "completed",
            "date": (today - dt.timedelta(days=80)).isoformat(),
        }
    )
    return _import(program, document)


def _due_rules(case: Case) -> list[str]:
    stored = CaseEvaluation.objects.get(case_id=case.pk)
    return sorted(
        stored.items.filter(kind=EvaluationItem.Kind.REFERRAL).values_list(
            "rule_id", flat=True
        )
    )


def test_valid_until_is_the_day_the_screening_falls_due_again(program, screened):
    stored = CaseEvaluation.objects.get(case_id=screened.pk)
    assert "PSY-MENTAL-HEALTH" not in _due_rules(screened)
    # 80 days ago + interval 90 + 1: the first day the engine says "due".
    assert stored.valid_until == timezone.localdate() + dt.timedelta(days=11)


def test_the_daily_job_re_evaluates_what_a_day_changed(program, screened):
    later = timezone.localdate() + dt.timedelta(days=11)
    assert services.evaluations_refresh_due(as_of=later - dt.timedelta(days=1)) == 0
    assert services.evaluations_refresh_due(as_of=later) == 1
    assert "PSY-MENTAL-HEALTH" in _due_rules(screened)
    assert_current(screened, as_of=later)


def test_a_page_read_after_a_day_passed_never_shows_the_stale_result(
    program, member, screened
):
    later = timezone.localdate() + dt.timedelta(days=11)
    page = selectors.worklist_page(
        user=member, filters=WorklistFilters(), cursor=None, as_of=later
    )
    (row,) = page.rows
    assert "PSY-MENTAL-HEALTH" in [item.rule_id for item in row.items]
    assert CaseEvaluation.objects.get(case_id=screened.pk).evaluated_for == later


def test_a_planned_treatment_makes_fertility_overdue_the_day_after(program, member):
    today = timezone.localdate()
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document["evaluation_date"] = today.isoformat()
    document.setdefault("plans", {})["next_treatment_start"] = (
        today + dt.timedelta(days=3)
    ).isoformat()
    case = _import(program, document)
    item = EvaluationItem.objects.get(evaluation_id=case.pk, rule_id="PSY-FERTILITY")
    assert not item.overdue
    later = today + dt.timedelta(days=4)
    services.evaluations_refresh_due(as_of=later)
    item = EvaluationItem.objects.get(evaluation_id=case.pk, rule_id="PSY-FERTILITY")
    assert item.overdue
    assert CaseEvaluation.objects.get(case_id=case.pk).has_overdue


def _edit_social_work_wording() -> None:
    row = RuleContent.objects.get(rule_id="PSY-SOCIAL-WORK")
    row.statement = NEW_WORDING
    rulecontent_edit_record(row=row, actor=UserFactory(username="wording-admin"))
    row.save()


def _social_work_text(case: Case) -> str:
    return EvaluationItem.objects.get(
        evaluation_id=case.pk, rule_id="PSY-SOCIAL-WORK"
    ).text


def test_a_rule_wording_edit_is_re_evaluated_in_lanes_and_chunks_with_progress(
    program, settings
):
    settings.AYA_REEVALUATION_LANES = 2
    for name in (
        "t_all_relapse.json",
        "b_first_relapse_cd19_cd22.json",
        "isolated_cns_relapse.json",
        "ph_positive_t315i.json",
    ):
        _import(program, vignette_case(name))
    cases = list(Case.objects.order_by("pk"))
    lane_of = {case.pk: case.pk % 2 for case in cases}
    _edit_social_work_wording()
    job = services.reevaluation_start(program=None, reason="wording edited")
    assert (job.total, job.lanes) == (4, 2)

    first = services.reevaluation_chunk(job_id=job.pk, lane=0, chunk_size=1)
    job.refresh_from_db()
    assert (job.status, job.done, job.percent) == ("running", 1, 25)
    changed = [c for c in cases if _social_work_text(c) == NEW_WORDING]
    assert len(changed) == 1
    assert lane_of[changed[0].pk] == 0
    assert first is True
    while services.reevaluation_chunk(job_id=job.pk, lane=0, chunk_size=1):
        pass
    job.refresh_from_db()
    lane_zero = sum(lane == 0 for lane in lane_of.values())
    assert (job.status, job.done) == ("running", lane_zero)  # lane 1 still to run
    assert all(
        (_social_work_text(case) == NEW_WORDING) == (lane_of[case.pk] == 0)
        for case in cases
    )
    while services.reevaluation_chunk(job_id=job.pk, lane=1, chunk_size=1):
        pass
    job.refresh_from_db()
    assert (job.status, job.done) == (ReevaluationJob.Status.DONE, 4)
    assert job.finished_at is not None
    assert all(_social_work_text(case) == NEW_WORDING for case in cases)
    assert sorted(job.lane_set.values_list("number", "done", "finished")) == [
        (0, lane_zero, True),
        (1, 4 - lane_zero, True),
    ]
    # A duplicate delivery of a finished lane, or of an unknown one, does nothing.
    assert services.reevaluation_chunk(job_id=job.pk, lane=0) is False
    assert services.reevaluation_chunk(job_id=job.pk, lane=1) is False
    assert services.reevaluation_chunk(job_id=job.pk, lane=2) is False
    job.refresh_from_db()
    assert job.done == 4


def test_a_page_read_after_a_rule_edit_shows_the_new_wording(program, member):
    case = _import(program, vignette_case("t_all_relapse.json"))
    _edit_social_work_wording()  # no job has run yet
    page = selectors.worklist_page(
        user=member,
        filters=WorklistFilters(),
        cursor=None,
        as_of=timezone.localdate(),
    )
    reasons = {item.rule_id: item.reason for item in page.rows[0].items}
    assert reasons["PSY-SOCIAL-WORK"] == NEW_WORDING
    assert _social_work_text(case) == NEW_WORDING


def test_the_admin_wording_edit_queues_a_job_for_each_lane(
    admin_client, program, monkeypatch, django_capture_on_commit_callbacks, settings
):
    _import(program, vignette_case("t_all_relapse.json"))
    sent = []
    monkeypatch.setattr(
        "evaluations.tasks.reevaluation_run.delay",
        lambda job_id, lane: sent.append((job_id, lane)),
    )
    row = RuleContent.objects.get(rule_id="PSY-SOCIAL-WORK")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/recommendations/rulecontent/{row.pk}/change/",
            {
                "statement": NEW_WORDING,
                "strength": row.strength,
                "strength_stated": "on" if row.strength_stated else "",
                "certainty": row.certainty,
            },
        )
    assert response.status_code == 302, response.content.decode()[-3000:]
    job = ReevaluationJob.objects.get()
    assert sent == [(job.pk, lane) for lane in range(job.lanes)]
    assert job.lanes == settings.AYA_REEVALUATION_LANES
    assert job.total == 1


def test_reevaluate_command_reports_cases_per_second(program):
    for name in ("t_all_relapse.json", "b_first_relapse_cd19_cd22.json"):
        _import(program, vignette_case(name))
    CaseEvaluation.objects.all().delete()
    out = StringIO()
    call_command("reevaluate", "--program", program.slug, stdout=out)
    assert "Re-evaluated 2 cases" in out.getvalue()
    assert "cases/s" in out.getvalue()
    assert CaseEvaluation.objects.count() == 2


def test_beyond_the_read_limit_a_page_refreshes_the_rows_it_shows(
    program, member, settings
):
    for name in ("t_all_relapse.json", "b_first_relapse_cd19_cd22.json"):
        _import(program, vignette_case(name))
    _edit_social_work_wording()
    settings.AYA_EVALUATION_READ_REFRESH_MAX = 0  # as if a big job were under way
    page = selectors.worklist_page(
        user=member,
        filters=WorklistFilters(),
        cursor=None,
        as_of=timezone.localdate(),
        page_size=1,
    )
    (row,) = page.rows
    reasons = {item.rule_id: item.reason for item in row.items}
    assert reasons["PSY-SOCIAL-WORK"] == NEW_WORDING
    shown = Case.objects.get(pk=row.case_pk)
    other = Case.objects.exclude(pk=row.case_pk).get()
    assert _social_work_text(shown) == NEW_WORDING
    assert _social_work_text(other) != NEW_WORDING  # left to the worker's job
