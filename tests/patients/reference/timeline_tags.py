"""The timeline tags of the case page as Django's template language drew it.

Only ``case_detail_dtl.html`` beside this file uses them: the test settings register
this library, and the page's Jinja2 body calls ``patients.timeline_html`` itself.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.safestring import SafeString

from patients import timeline_html
from patients.models import Case
from patients.timeline import Timeline

register = template.Library()


@register.simple_tag
def timeline_svg(tl: Timeline, tl_id: str, tl_caption: str) -> SafeString:
    """``{% timeline_svg timeline "whole" "whole history" %}``: ``tl`` as SVG."""
    return timeline_html.timeline_svg(tl, tl_id, tl_caption)


@register.simple_tag
def timeline_table_rows(rows: list, case: Case, today: dt.date) -> SafeString:
    """``{% timeline_table_rows timeline_rows case today %}``: the table's rows."""
    return timeline_html.timeline_table_rows(rows, case, today)
