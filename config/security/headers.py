"""``Cache-Control: no-store`` on every response the application makes.

Patient pages, PDFs and API answers must stay out of browser and proxy caches (a
shared computer's back button, a caching proxy). Every dynamic response is
marked, signed in or not: the sign-in page carries a CSRF token and an API call
authenticated by token is anonymous to middleware. Static files are served by
WhiteNoise, earlier in the chain, and keep their long cache lifetimes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Replaces any caching a view asked for: no-store, no-cache, private,
        # must-revalidate, max-age=0, and Expires now.
        if "Cache-Control" in response:
            del response["Cache-Control"]
        add_never_cache_headers(response)
        return response
