"""The case list's rows written in Python are the rows its template wrote."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import engines
from django.utils import timezone

from evaluations import selectors
from patients.case_list_html import case_list_rows
from tests.factories import (
    CaseFactory,
    ProgramFactory,
    UserFactory,
    every_lineage_and_state,
)

pytestmark = pytest.mark.django_db

# The rows as templates/patients/case_list.html wrote them before they moved to
# patients/case_list_html.py: the reference the Python rows are held to.
TEMPLATE_ROWS = """
  {% for item in page %}
    <tr>
      <td><a href="{% url 'case-detail' item.case.pk %}">{{ item.case.display_name|default:item.case.case_id }}</a><br><span class="muted">{{ item.case.case_id }} · {{ item.case.program }}</span></td>
      <td>{{ item.age_years|default_if_none:"unknown" }}{% if item.outside_aya %} <span class="tag flag">outside 15–39</span>{% endif %}</td>
      <td>{{ item.case.get_lineage_display }}</td>
      <td>{{ item.case.get_disease_state_display }}</td>
      <td>{{ item.decision_point }}</td>
      <td>{{ item.n_alerts }}</td>
    </tr>
  {% empty %}
    <tr><td colspan="6">No case matches.</td></tr>
  {% endfor %}
"""  # noqa: E501


def _tags_only(html: str) -> str:
    """The markup without the whitespace between tags (the template's indentation)."""
    return re.sub(r">\s+<", "><", str(html)).strip()


def test_every_row_is_what_the_template_wrote_names_and_words_escaped():
    program = ProgramFactory(name='North & "East" <AYA>')
    member = UserFactory(programs=[program])
    tricky = ["", "Inés", "O'Neil", "<b>bold</b>", "A & B", '"quoted"']
    for index, (lineage, state) in enumerate(every_lineage_and_state()):
        CaseFactory(
            program=program,
            case_id=f"X<{index}>&'",
            given_name=tricky[index % len(tricky)],
            family_name=tricky[(index * 5 + 1) % len(tricky)],
            lineage=lineage,
            disease_state=state,
            # Inside the AYA ages and outside them.
            birth_date=[dt.date(2003, 4, 10), dt.date(1970, 1, 2)][index % 2],
        )
    page = selectors.case_list_page(
        user=member, as_of=timezone.localdate(), page_size=100
    )
    rows = list(page)
    assert len(rows) >= 8
    rows[0].age_years = None  # an age the evaluation could not work out
    rows[1].decision_point = '<i>"POINT"</i> & more'  # escaped as any stored word
    rows[2].n_alerts = 12
    assert {row.age_years is None for row in rows} == {True, False}
    assert {row.outside_aya for row in rows} == {True, False}

    written = case_list_rows(rows)
    templated = engines["django"].from_string(TEMPLATE_ROWS).render({"page": rows})

    assert _tags_only(written) == _tags_only(templated)
    assert "<b>" not in written
    assert "<i>" not in written
    assert written.count("<tr>") == len(rows)


def test_an_empty_page_says_no_case_matches():
    templated = engines["django"].from_string(TEMPLATE_ROWS).render({"page": []})

    assert _tags_only(case_list_rows([])) == _tags_only(templated)
