"""The case list's table rows (``case_list_html``)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from patients import case_list_html

register = template.Library()


@register.simple_tag
def case_list_rows(rows) -> SafeString:  # noqa: ANN001 - a page of CaseEvaluation
    """``{% case_list_rows page %}``: the ``<tr>`` of each row, or "No case matches"."""
    return case_list_html.case_list_rows(rows)
