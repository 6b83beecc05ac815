"""The render task's contract and the Celery settings that keep work from being lost."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from config.celery_app import app
from decisionaids import services
from decisionaids.tasks import RENDER_TASK_NAME, render_aid_job
from tests.test_settings import settings_in_subprocess


def test_the_task_has_a_stable_explicit_name():
    assert RENDER_TASK_NAME == "decisionaids.render_aid_job"
    assert render_aid_job.name == RENDER_TASK_NAME
    assert app.tasks[RENDER_TASK_NAME] is render_aid_job._get_current_object()


def test_the_task_retries_a_bounded_number_of_times_with_backoff():
    assert render_aid_job.autoretry_for == (services.AidRenderError, OperationalError)
    assert render_aid_job.max_retries == services.MAX_RENDER_ATTEMPTS - 1 == 3
    assert render_aid_job.retry_backoff
    assert render_aid_job.retry_jitter
    assert render_aid_job.retry_backoff_max == 60
    assert render_aid_job.acks_late is True
    assert render_aid_job.reject_on_worker_lost is True


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


def test_redis_visibility_timeout_outlasts_the_longest_task():
    """A render still running is never handed to a second worker by Redis."""
    out = settings_in_subprocess(
        "config.settings.local",
        {"CELERY_BROKER_URL": "redis://r.invalid:6379/0"},
        "s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'], "
        "s.CELERY_TASK_TIME_LIMIT",
    )
    visibility, hard_limit = (int(v) for v in out.split())
    assert visibility > hard_limit
