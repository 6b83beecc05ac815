"""Site-wide pages of no app: the favicon browsers ask for at /favicon.ico."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest
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
