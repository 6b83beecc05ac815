"""Periodic housekeeping: celery beat's schedule and the jobs it sends."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from config.tasks import (
    CLEAR_SESSIONS_TASK_NAME,
    CLEAR_TOKENS_TASK_NAME,
    clear_expired_api_tokens,
    clear_expired_sessions,
)


def test_every_scheduled_job_names_a_task_the_worker_knows():
    from config.celery_app import app

    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule
    assert len(schedule) >= 1
    for name, entry in schedule.items():
        assert entry["task"] in app.tasks, name
    assert schedule["clear-expired-sessions"]["task"] == CLEAR_SESSIONS_TASK_NAME
    assert schedule["clear-expired-sessions"]["schedule"] <= dt.timedelta(days=1)
    assert schedule["clear-expired-api-tokens"]["task"] == CLEAR_TOKENS_TASK_NAME
    assert schedule["clear-expired-api-tokens"]["schedule"] <= dt.timedelta(days=1)


def test_beat_keeps_its_schedule_file_in_the_run_folder():
    from config.celery_app import app

    assert app.conf.beat_schedule_filename == settings.CELERY_BEAT_SCHEDULE_FILENAME
    assert settings.CELERY_BEAT_SCHEDULE_FILENAME.startswith(str(settings.TEST_RUN_DIR))


@pytest.mark.django_db
def test_clearing_sessions_deletes_the_expired_ones_only():
    store = import_module(settings.SESSION_ENGINE).SessionStore
    live, expired = store(), store()
    live.create()
    expired.set_expiry(1)
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )

    clear_expired_sessions()

    assert list(Session.objects.values_list("session_key", flat=True)) == [
        live.session_key
    ]


@pytest.mark.django_db
def test_clearing_api_tokens_deletes_the_expired_ones_only():
    from knox.models import get_token_model

    from tests.factories import UserFactory

    user = UserFactory()
    tokens = get_token_model().objects
    live, _ = tokens.create(user=user)
    expired, _ = tokens.create(user=user)
    tokens.filter(pk=expired.pk).update(expiry=timezone.now() - dt.timedelta(seconds=1))

    assert clear_expired_api_tokens() == 1

    assert list(tokens.values_list("pk", flat=True)) == [live.pk]
