"""Site-wide pages of no app: the favicon browsers ask for at /favicon.ico, and a
trivial signed-in page, the baseline the scale benchmark divides by."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

FAVICON = "patients/favicon.ico"


@login_not_required
@require_safe
def favicon(request: HttpRequest) -> FileResponse:
    """The registry's icon (also linked from every page as a static file)."""
    path = finders.find(FAVICON)
    if not path:
        raise Http404("No favicon.")
    return FileResponse(Path(path).open("rb"), content_type="image/x-icon")


@never_cache
def signed_in(request: HttpRequest) -> HttpResponse:
    """Behind the same middleware as every page (sign-in required); no query of its
    own beyond the session and the user."""
    return HttpResponse("signed in\n", content_type="text/plain; charset=utf-8")
