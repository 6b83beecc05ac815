"""Pages whose body Jinja2 renders inside a Django template's frame (docs/adr/0007).

The frame (``base.html``: navigation, session warning, messages) stays in Django's
template language with everything else; the body, which holds most of the page's
variables, is a Jinja2 template under ``jinja_templates/`` and renders several times
faster.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.backends.utils import csrf_input
from django.template.loader import get_template
from django.utils.safestring import mark_safe


def render_with_body(
    request: HttpRequest, frame: str, body: str, context: dict
) -> HttpResponse:
    """``frame`` (a Django template with ``{{ body }}`` in its content block) around
    ``body`` (a Jinja2 template), both given ``context``.

    The body's forms share one CSRF field, as the Django template's
    ``{% csrf_token %}`` tags share the request's one token.
    """
    html = get_template(body, using="jinja2").render(
        {**context, "csrf_field": csrf_input(request)}, request
    )
    return render(request, frame, {**context, "body": mark_safe(html)})  # noqa: S308
