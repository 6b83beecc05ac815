"""The render task's contract and the Celery settings that keep work from being lost."""

from __future__ import annotations

import pytest
from django.db import InterfaceError, OperationalError

from config.celery_app import app
from decisionaids import dispatch, services
from decisionaids.tasks import (
    RENDER_TASK_NAME,
    RETRY_ON,
    SWEEP_TASK_NAME,
    render_aid_job,
    sweep_aid_jobs,
)
from tests.test_settings import settings_in_subprocess


def test_the_task_has_a_stable_explicit_name():
    assert RENDER_TASK_NAME == "decisionaids.render_aid_job"
    assert render_aid_job.name == RENDER_TASK_NAME
    assert app.tasks[RENDER_TASK_NAME] is render_aid_job._get_current_object()


def test_the_task_retries_a_bounded_number_of_times_with_backoff():
    assert (services.AidRenderError, OperationalError, InterfaceError) == RETRY_ON
    # More task retries than render attempts: the database being away also retries.
    assert render_aid_job.max_retries == 6 > services.MAX_RENDER_ATTEMPTS == 4
    assert render_aid_job.acks_late is True
    assert render_aid_job.reject_on_worker_lost is True


def test_retries_wait_a_doubling_time_from_a_floor_never_near_zero(settings):
    """Finding: the database restarting for 3 s burned all four attempts (jitter to
    0 s). Now: 5, 10, 20, 40, 60, 60 s, each up to a quarter longer, never shorter."""
    settings.AYA_AID_RETRY_BASE_SECONDS = 5
    settings.AYA_AID_RETRY_MAX_SECONDS = 60
    floors = [5, 10, 20, 40, 60, 60]
    for retries, floor in enumerate(floors):
        waits = [dispatch.retry_countdown(retries) for _ in range(200)]
        assert floor <= min(waits) <= max(waits) <= floor * 1.25
    # The waits before the row's last attempt outlast a restart of tens of seconds.
    assert sum(floors[: services.MAX_RENDER_ATTEMPTS - 1]) == 35
    assert sum(floors) == 195


def test_the_sweeper_is_a_named_task_on_the_beat_schedule_every_minute():
    assert sweep_aid_jobs.name == SWEEP_TASK_NAME == "decisionaids.sweep_aid_jobs"
    entry = app.conf.beat_schedule["sweep-decision-aid-jobs"]
    assert entry["task"] == SWEEP_TASK_NAME
    assert entry["schedule"].total_seconds() == 60
    assert entry["options"] == {"expires": 60}


def test_the_task_message_carries_only_the_job_id(monkeypatch):
    sent = {}

    def capture(self, args=None, kwargs=None, **options):  # noqa: ANN001, ANN003, ANN202
        sent.update(args=args, kwargs=kwargs)

    monkeypatch.setattr(
        type(render_aid_job._get_current_object()), "apply_async", capture
    )
    render_aid_job.delay(42)

    assert sent == {"args": (42,), "kwargs": {}}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("task_acks_late", True),
        ("task_reject_on_worker_lost", True),
        ("worker_prefetch_multiplier", 1),
        ("task_serializer", "json"),
        ("accept_content", ["json"]),
        ("task_always_eager", False),
    ],
)
def test_celery_settings_do_not_lose_work(name, value):
    assert app.conf[name] == value


def test_celery_has_time_limits_soft_before_hard():
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit


def test_redis_visibility_timeout_outlasts_the_longest_task_and_not_by_much():
    """A render still running is never handed to a second worker by Redis, and the
    jobs of a worker that died are not held for an hour (finding: 3600 s)."""
    out = settings_in_subprocess(
        "config.settings.local",
        {"CELERY_BROKER_URL": "redis://r.invalid:6379/0"},
        "s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'], "
        "s.CELERY_TASK_TIME_LIMIT",
    )
    visibility, hard_limit = (int(v) for v in out.split())
    assert hard_limit < visibility <= hard_limit + 60
    # A retry waits (ETA) inside the worker unacknowledged: it must not be redelivered.
    assert visibility > 60 * 1.25


def test_a_worker_reconnects_to_its_broker_however_long_the_outage():
    assert app.conf.broker_connection_max_retries is None


def test_sending_a_task_retries_once_briefly():
    policy = app.conf.task_publish_retry_policy
    assert policy["max_retries"] <= 1
    assert policy["interval_max"] <= 1
