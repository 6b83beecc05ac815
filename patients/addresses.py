"""Addresses for pages written in Python, one reversal per page rather than per row."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

# A key no row has, reversed once and replaced by each row's own.
_ROW_KEY = 4_611_686_018_427_387_903


def address_format(name: str, *leading: object) -> str:
    """``reverse(name, args=[*leading, key])``, HTML-escaped, as a format string
    whose one ``{}`` takes each row's key."""
    url = escape(reverse(name, args=[*leading, _ROW_KEY]))
    return url.replace("{", "{{").replace("}", "}}").replace(str(_ROW_KEY), "{}")
