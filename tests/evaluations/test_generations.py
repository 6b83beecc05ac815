"""Cached worklist cards on a shared Redis cache: reused until the next write, never
stale after one, and computed afresh when the cache is down."""

from __future__ import annotations

import secrets

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from evaluations import generations, selectors
from evaluations.models import CaseEvaluation
from evaluations.services import case_evaluation_refresh
from recommendations.worklist_rows import WorklistFilters
from tests.evaluations.cohort import cohort
from tests.factories import ProgramFactory
from tests.servers import free_port

pytestmark = pytest.mark.django_db


def _redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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
