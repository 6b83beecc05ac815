"""The PostgreSQL backend (config.postgresql): prepared statements, except for the
statements that must be planned for their values. PostgreSQL only (CI's second run).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from config.postgresql import planned_for_values
from evaluations.selectors import case_list_page
from patients.models import Case
from tests.evaluations.cohort import cohort

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="prepared statements: PostgreSQL"
    ),
]


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def _runs(times: int, query) -> None:  # noqa: ANN001
    for _ in range(times):
        list(query())


def test_a_statement_run_often_is_prepared_unless_planned_for_values():
    assert connection.settings_dict["ENGINE"] == "config.postgresql"
    _runs(6, lambda: Case.objects.filter(case_id="PREPARED-1"))
    with planned_for_values():
        _runs(6, lambda: Case.objects.filter(family_name="PLANNED-EACH-TIME"))
    statements = _prepared()
    assert any('"case_id" = $1' in s for s in statements), statements
    assert not any('"family_name" = $1' in s for s in statements), statements
    # And outside the block the same statement is prepared again.
    _runs(6, lambda: Case.objects.filter(family_name="PLANNED-EACH-TIME"))
    assert any('"family_name" = $1' in s for s in _prepared())


def test_the_case_list_search_is_planned_for_its_term(program, member):  # noqa: ANN001
    cohort(program=program, cases=4)
    today = timezone.localdate()
    for _ in range(6):
        case_list_page(user=member, as_of=today)
        case_list_page(user=member, as_of=today, query="zz")
    lists = [
        s
        for s in _prepared()
        if 'FROM "evaluations_caseevaluation"' in s
        and ("COUNT(*)" in s or "ORDER BY" in s)
    ]
    assert len(lists) >= 2, "the list's count and page queries are prepared"
    assert not [s for s in lists if "LIKE" in s], lists
