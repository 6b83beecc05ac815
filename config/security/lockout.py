"""Lockout after repeated failed sign-ins (django-axes): whose address, what answer.

Axes counts failures per username and per client address
(``AXES_LOCKOUT_PARAMETERS``) on every path that calls ``authenticate`` with the
request: the sign-in page, the admin's and ``POST /api/v1/auth/tokens/``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle

MSG_LOCKED_OUT = (
    "Too many failed sign-ins for this account or from this address. "
    "Try again in {minutes} minutes, or ask an administrator to unlock the account."
)
LOCKOUT_TEMPLATE = "registration/locked_out.html"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting ``X-Forwarded-For`` exactly as the API's rate
    limits do (``REST_FRAMEWORK["NUM_PROXIES"]``), so one proxy's address never
    stands for every user behind it and a client cannot pick its own."""
    return BaseThrottle().get_ident(request) or None


def cool_off_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message() -> str:
    return MSG_LOCKED_OUT.format(minutes=cool_off_minutes())


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """A plain page, or under /api/ the API's JSON error, with status 429."""
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    message = lockout_message()
    if request.path.startswith("/api/"):
        from config.api.errors import error_body

        response: HttpResponse = JsonResponse(
            error_body(message, "locked_out"), status=429
        )
    else:
        response = render(request, LOCKOUT_TEMPLATE, {"message": message}, status=429)
    response["Retry-After"] = retry_after
    return response
