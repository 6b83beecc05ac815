"""A trivial signed-in page: the baseline the scale benchmark divides by."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def signed_in(request: HttpRequest) -> HttpResponse:
    """Behind the same middleware as every page (sign-in required); no query of its
    own beyond the session and the user."""
    return HttpResponse("signed in\n", content_type="text/plain; charset=utf-8")
