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
from jinja2 import Environment, Undefined


def url(name: str, *args: object) -> str:
    """``{% url name arg ... %}``."""
    return reverse(name, args=args)


def date(value: dt.date | dt.datetime | None, arg: str | None = None) -> str:
    """``|date:"Y-m-d"``, in the current time zone as Django's filter is."""
    return defaultfilters.date(template_localtime(value), arg)


def environment(**options: object) -> Environment:
    """These pages always escape (Django's backend asks for it by default). A name
    the context lacks renders empty, as in Django's templates, in development too:
    Django's backend would print its source there (``DebugUndefined``) and a page
    would read differently in development and in production."""
    options.pop("autoescape", None)
    options["undefined"] = Undefined
    env = Environment(autoescape=True, **options)
    env.globals.update(url=url, static=static)
    env.filters.update(date=date, floatformat=defaultfilters.floatformat)
    return env
