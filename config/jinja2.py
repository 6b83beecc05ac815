"""The Jinja2 environment for the pages whose body Jinja2 renders (docs/adr/0007).

Django's own template language resolves every variable through a chain of lookups,
localisation and escaping; on the case page that was a third of the page's time. The
body of such a page is a Jinja2 template under ``jinja_templates/``; its frame
(``base.html`` with the navigation) stays a Django template, which ``patients.pages``
fills with the rendered body. The helpers below are the Django template tags and
filters those bodies use, with the same output.
"""

from __future__ import annotations

import datetime as dt

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.timezone import template_localtime
from jinja2 import ChainableUndefined, Environment, Undefined


def url(name: str, *args: object) -> str:
    """``{% url name arg ... %}``."""
    return reverse(name, args=args)


def date(value: dt.date | dt.datetime | None, arg: str | None = None) -> str:
    """``|date:"Y-m-d"``, in the current time zone as Django's filter is; empty for
    nothing, as Django's."""
    if isinstance(value, Undefined):
        return ""
    return defaultfilters.date(template_localtime(value), arg)


def floatformat(value: object, arg: str | int = -1) -> str:
    """``|floatformat:"-1"``; empty for nothing, as Django's."""
    if isinstance(value, Undefined):
        return ""
    return defaultfilters.floatformat(value, arg)


def environment(**options: object) -> Environment:
    """These pages always escape (Django's backend asks for it by default).

    A name the context lacks renders empty, as in Django's templates, and so does an
    attribute of it (``ChainableUndefined``) or a date or number filtered from it: a
    renamed field blanks a cell rather than failing the clinician's page. That holds
    in development too, where Django's backend would print the name's source
    (``DebugUndefined``) and a page would read differently than in production.
    """
    options.pop("autoescape", None)
    options["undefined"] = ChainableUndefined
    env = Environment(autoescape=True, **options)
    env.globals.update(url=url, static=static)
    env.filters.update(date=date, floatformat=floatformat)
    return env
