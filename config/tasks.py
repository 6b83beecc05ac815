"""Housekeeping tasks that celery beat sends on the schedule in CELERY_BEAT_SCHEDULE."""

from __future__ import annotations

from importlib import import_module

from celery import shared_task
from django.conf import settings

CLEAR_SESSIONS_TASK_NAME = "config.clear_expired_sessions"
CLEAR_TOKENS_TASK_NAME = "config.clear_expired_api_tokens"


@shared_task(name=CLEAR_SESSIONS_TASK_NAME, ignore_result=True)
def clear_expired_sessions() -> None:
    """Delete expired sign-in sessions (what ``manage.py clearsessions`` does).

    Django never removes an expired session row by itself; its documentation asks
    for this job to run regularly.
    """
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task(name=CLEAR_TOKENS_TASK_NAME, ignore_result=True)
def clear_expired_api_tokens() -> int:
    """Delete expired API tokens; returns how many.

    An expired token is refused whether or not its row is still there
    (``config.api.authentication``); this keeps the table to live tokens, which
    knox itself would do by reading every token of the user on each API call.
    """
    from django.utils import timezone
    from knox.models import get_token_model

    deleted, _ = get_token_model().objects.filter(expiry__lt=timezone.now()).delete()
    return deleted
