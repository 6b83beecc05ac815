"""Idle timeout: a signed-in session ends after a quiet spell, and a page warns first.

Each request of a signed-in user records the time of its activity in the session;
a request that comes more than ``AYA_SESSION_IDLE_MINUTES`` after the last one
signs the user out first (``user_logged_out`` is sent, as for a sign-out). The
session also ends ``SESSION_COOKIE_AGE`` seconds after sign-in however busy it was
(8 hours in production). ``static/patients/session.js`` asks ``session_status``
(which does not count as activity) before warning, so another tab's activity is
seen, and its "Stay signed in" button posts to the same view.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_http_methods

LAST_ACTIVITY = "aya_last_activity"
SIGNED_IN_AT = "aya_signed_in_at"
# Activity is written to the session at most this often (a database write).
WRITE_EVERY_SECONDS = 15
MSG_IDLE = "You were signed out after {minutes} minutes without activity."
MSG_MAX_AGE = "You were signed out: a session lasts at most {hours} hours."


def idle_seconds() -> int:
    return settings.AYA_SESSION_IDLE_MINUTES * 60


def max_age_seconds() -> int:
    return settings.SESSION_COOKIE_AGE


def _now() -> int:
    return int(time.time())


def session_remaining(request: HttpRequest, *, now: int) -> int:
    """Seconds left before the session ends, idle or absolute, whichever is first."""
    session = request.session
    last = session.get(LAST_ACTIVITY, now)
    started = session.get(SIGNED_IN_AT, now)
    return max(0, min(last + idle_seconds() - now, started + max_age_seconds() - now))


def _expiry_message(request: HttpRequest, *, now: int) -> str | None:
    session = request.session
    last = session.get(LAST_ACTIVITY)
    started = session.get(SIGNED_IN_AT)
    if started is not None and now - started >= max_age_seconds():
        return MSG_MAX_AGE.format(hours=round(max_age_seconds() / 3600, 1))
    if last is not None and now - last >= idle_seconds():
        return MSG_IDLE.format(minutes=settings.AYA_SESSION_IDLE_MINUTES)
    return None


class IdleTimeoutMiddleware:
    """Signs out a session that has been idle too long or lived too long.

    Placed after ``AuthenticationMiddleware`` and before ``LoginRequiredMiddleware``,
    which then sends the signed-out request to the sign-in page (the API answers
    401/403 as for any request without credentials).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> None:  # noqa: ANN001
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        now = _now()
        message = _expiry_message(request, now=now)
        if message is not None:
            logout(request)
            if not request.path.startswith("/api/"):
                messages.info(request, message)
            return None
        session = request.session
        session.setdefault(SIGNED_IN_AT, now)
        if getattr(view_func, "session_activity", True):
            last = session.get(LAST_ACTIVITY)
            if last is None or now - last >= WRITE_EVERY_SECONDS:
                session[LAST_ACTIVITY] = now
        return None


@login_not_required
@require_http_methods(["GET", "POST"])
def session_status(request: HttpRequest) -> JsonResponse:
    """GET: how long the session has left (not activity). POST: stay signed in."""
    if not request.user.is_authenticated:
        return JsonResponse({"active": False, "remaining": 0})
    now = _now()
    if request.method == "POST":
        request.session[LAST_ACTIVITY] = now
    return JsonResponse(
        {"active": True, "remaining": session_remaining(request, now=now)}
    )


session_status.session_activity = False


def session_timeout(request: HttpRequest) -> dict:
    """Template context: what the warning script needs to know."""
    return {
        "session_idle_seconds": idle_seconds(),
        "session_warn_seconds": settings.AYA_SESSION_WARN_SECONDS,
    }
