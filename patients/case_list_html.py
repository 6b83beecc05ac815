"""The case list's table rows written in Python.

Twenty-five rows of six cells cost the template engine as much as the rest of the
page, its search included (issue 11): every cell was a few variable lookups, a
filter or a display method, and every row reversed an address. Here each row is
one format string. Every word that comes from a record is escaped; numbers are
written as the template wrote them (``str`` of the value).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from evaluations.models import CaseEvaluation
from patients import choices
from patients.addresses import address_format

LINEAGE_WORDS = dict(choices.Lineage.choices)
DISEASE_STATE_WORDS = dict(choices.DiseaseState.choices)
OUTSIDE_AYA = ' <span class="tag flag">outside 15–39</span>'
NO_MATCH = '<tr><td colspan="6">No case matches.</td></tr>'


def case_list_rows(rows: Iterable[CaseEvaluation]) -> SafeString:
    """The ``<tr>`` of each row of a case list page (its evaluation and case)."""
    url = address_format("case-detail")
    html = []
    for item in rows:
        case = item.case
        age = "unknown" if item.age_years is None else item.age_years
        lineage = LINEAGE_WORDS.get(case.lineage, case.lineage)
        state = DISEASE_STATE_WORDS.get(case.disease_state, case.disease_state)
        html.append(
            f'<tr><td><a href="{url.format(case.pk)}">'
            f"{escape(case.display_name or case.case_id)}</a><br>"
            f'<span class="muted">{escape(case.case_id)} · {escape(case.program)}'
            f"</span></td><td>{age}{OUTSIDE_AYA if item.outside_aya else ''}</td>"
            f"<td>{escape(lineage)}</td><td>{escape(state)}</td>"
            f"<td>{escape(item.decision_point)}</td><td>{item.n_alerts}</td></tr>\n"
        )
    return mark_safe("".join(html) or NO_MATCH)  # noqa: S308 - every word escaped
