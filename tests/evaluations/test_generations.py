"""Cached worklist cards on a shared Redis cache: reused until the next write, never
stale after one, and computed afresh when the cache is down."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from django.conf import settings
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from evaluations import generations, selectors
from evaluations.models import CaseEvaluation
from evaluations.services import case_evaluation_refresh
from patients.models import Case
from recommendations.models import RuleContent
from recommendations.services import rulecontent_edit_record
from recommendations.worklist_rows import WorklistFilters
from tests.evaluations.cohort import cohort
from tests.factories import ProgramFactory, UserFactory
from tests.servers import free_port

pytestmark = pytest.mark.django_db


def _redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": location,
            # Each test its own keys: the suite's Redis outlives the test.
            "KEY_PREFIX": f"test-{secrets.token_hex(4)}",
        }
    }


@pytest.fixture
def shared_cache():  # noqa: ANN201
    """The suite's own Redis (or CI's) as the cache, as in production."""
    with override_settings(CACHES=_redis_cache(settings.CELERY_BROKER_URL)):
        yield


def _counts(user):  # noqa: ANN001, ANN202
    return selectors.worklist_page(
        user=user,
        filters=WorklistFilters(),
        cursor=None,
        as_of=timezone.localdate(),
    ).counts


def test_cards_come_from_the_cache_until_a_write(
    shared_cache,  # noqa: ARG001
    program,
    member,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    created = cohort(program=program, cases=6)
    # Rows changed behind the services' back (no generation advanced): the count
    # taken now is what the cache holds until the next write through the services.
    CaseEvaluation.objects.filter(program=program).update(
        decision_point=selectors.NO_DECISION_POINT
    )
    assert _counts(member).decisions == 0

    with django_assert_max_num_queries(20) as captured:
        assert _counts(member).decisions == 0
    assert not any("COUNT(" in q["sql"] for q in captured.captured_queries)

    # One case re-evaluated and committed: its real decision point is counted.
    with django_capture_on_commit_callbacks(execute=True):
        case_evaluation_refresh(case_ids=[created[0].pk])
    assert _counts(member).decisions == 1


def test_a_deleted_case_leaves_the_cards(
    shared_cache,  # noqa: ARG001
    program,
    member,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        created = cohort(program=program, cases=4)
    assert _counts(member).decisions == 4
    with django_capture_on_commit_callbacks(execute=True):
        created[0].delete()
    assert _counts(member).decisions == 3


def test_programs_are_counted_apart_and_summed(
    shared_cache,  # noqa: ARG001
    program,
    django_capture_on_commit_callbacks,
):
    other = ProgramFactory(slug="other-program")
    with django_capture_on_commit_callbacks(execute=True):
        cohort(program=program, cases=3)
        cohort(program=other, cases=2)
    counts = selectors.worklist_counts(program_ids=[program.pk, other.pk])
    assert counts.decisions == 5
    assert selectors.worklist_counts(program_ids=[other.pk]).decisions == 2


def test_a_stopped_cache_only_costs_a_count(program, member):
    cohort(program=program, cases=3)
    closed = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(CACHES=_redis_cache(closed)):
        assert _counts(member).decisions == 3
        assert generations.missing_check_due([program.pk]) is True


def test_cases_written_around_the_services_are_looked_for_once_a_period(
    shared_cache,  # noqa: ARG001
    program,
):
    assert generations.missing_check_due([program.pk]) is True
    assert generations.missing_check_due([program.pk]) is False
    with override_settings(AYA_EVALUATION_MISSING_CHECK_SECONDS=0):
        assert generations.missing_check_due([program.pk]) is True


def test_without_a_shared_cache_every_read_counts(program, member):
    """Development and most tests: a per-process cache carries no generations."""
    assert "redis" not in settings.CACHES["default"]["BACKEND"].lower()
    cohort(program=program, cases=2)
    assert _counts(member).decisions == 2
    CaseEvaluation.objects.filter(program=program).update(decision_point="NONE")
    assert _counts(member).decisions == 0


# --- "Found current": a read that found nothing stale is not repeated until a write


def _page(user, as_of=None):  # noqa: ANN001, ANN202
    return selectors.worklist_page(
        user=user,
        filters=WorklistFilters(),
        cursor=None,
        as_of=as_of or timezone.localdate(),
    )


def _checks_staleness(captured) -> bool:  # noqa: ANN001
    # The staleness query: a UNION of index scans (services.stale_case_ids).
    return any(
        " UNION " in q["sql"] and "valid_until" in q["sql"]
        for q in captured.captured_queries
    )


@pytest.fixture
def found_current(shared_cache, program, member, django_capture_on_commit_callbacks):  # noqa: ARG001
    """Cases written through the services, then two reads: the first looks for
    cases written around the services, the second marks the program current."""
    with django_capture_on_commit_callbacks(execute=True):
        created = cohort(program=program, cases=4)
    _page(member)
    _page(member)
    return created


def test_a_program_found_current_is_not_checked_again_until_a_write(
    found_current,
    member,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    with django_assert_max_num_queries(12) as captured:
        _page(member)
    assert not _checks_staleness(captured)

    with django_capture_on_commit_callbacks(execute=True):
        case_evaluation_refresh(case_ids=[found_current[0].pk])
    with django_assert_max_num_queries(14) as captured:
        _page(member)
    assert _checks_staleness(captured)


def test_the_next_day_is_checked_again(found_current, member):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    CaseEvaluation.objects.filter(case_id=found_current[0].pk).update(
        valid_until=tomorrow
    )
    _page(member, as_of=tomorrow)
    assert (
        CaseEvaluation.objects.get(case_id=found_current[0].pk).evaluated_for
        == tomorrow
    )


def test_a_rule_wording_edit_is_checked_again(
    found_current, member, django_capture_on_commit_callbacks
):
    wording = "Refer to social work at once (wording corrected by the program)."
    with django_capture_on_commit_callbacks(execute=True):
        row = RuleContent.objects.get(rule_id="PSY-SOCIAL-WORK")
        row.statement = wording
        rulecontent_edit_record(row=row, actor=UserFactory(username="wording-admin"))
        row.save()
    reasons = {
        item.reason
        for row in _page(member).rows
        for item in row.items
        if item.rule_id == "PSY-SOCIAL-WORK"
    }
    assert reasons == {wording}


def test_a_case_written_around_the_services_is_still_found_within_the_period(
    found_current, program, member
):
    Case.objects.filter(pk=found_current[0].pk).update(version=F("version"))
    CaseEvaluation.objects.filter(case_id=found_current[0].pk).delete()
    with override_settings(AYA_EVALUATION_MISSING_CHECK_SECONDS=0):
        _page(member)
    assert CaseEvaluation.objects.filter(case_id=found_current[0].pk).exists()


def test_a_stopped_cache_checks_every_read(
    program, member, django_assert_max_num_queries, monkeypatch
):
    cohort(program=program, cases=2)
    # Past the missing check (which a stopped cache also answers "due"): the
    # marks themselves cannot be read, so the read checks.
    monkeypatch.setattr(generations, "missing_check_due", lambda program_ids: False)
    closed = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(CACHES=_redis_cache(closed)):
        for _ in range(2):
            with django_assert_max_num_queries(20) as captured:
                _page(member)
            assert _checks_staleness(captured)
