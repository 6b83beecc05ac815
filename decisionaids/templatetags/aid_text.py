"""Template filters for the printed aid: words that never break at their hyphen."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

NON_BREAKING_HYPHEN = "\u2011"
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


@register.filter
def keephyphen(value: str) -> SafeString:
    """Escape ``value`` and keep each hyphenated word on one line (CAR-T, brexu-cel).

    A line may break after a hyphen; in a heading or a narrow cell that reads as a
    word hyphenated by the printer, so the hyphen inside a word becomes a
    non-breaking hyphen (U+2011, the same glyph in DejaVu).
    """
    return mark_safe(  # noqa: S308 - escaped before marking
        _WORD_HYPHEN.sub(NON_BREAKING_HYPHEN, str(escape(value)))
    )
