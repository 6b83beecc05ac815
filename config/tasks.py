"""Housekeeping tasks that celery beat sends on the schedule in CELERY_BEAT_SCHEDULE."""

from __future__ import annotations

from importlib import import_module

from celery import shared_task
from django.conf import settings

CLEAR_SESSIONS_TASK_NAME = "config.clear_expired_sessions"


@shared_task(name=CLEAR_SESSIONS_TASK_NAME, ignore_result=True)
def clear_expired_sessions() -> None:
    """Delete expired sign-in sessions (what ``manage.py clearsessions`` does).

    Django never removes an expired session row by itself; its documentation asks
    for this job to run regularly.
    """
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
