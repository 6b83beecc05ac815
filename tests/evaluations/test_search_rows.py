"""The case list's search reads its own narrow table (evaluations migration 0007).

Its rows follow their cases in the same transaction as every other stored value,
are rewritten only when one of their values changes, and give the case list the
same answers the cases and their evaluations give.
"""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from evaluations import selectors
from evaluations.models import CaseEvaluation, CaseSearchRow
from evaluations.services import (
    case_changed,
    case_evaluation_refresh,
    evaluations_refresh_due,
    stale_case_ids,
)
from patients import services as case_services
from patients.models import Case
from patients.search import search_terms
from patients.services import case_import
from tests.conftest import VIGNETTE_DIR, vignette_case
from tests.evaluations.cohort import cohort
from tests.evaluations.support import assert_current
from tests.factories import ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

SEARCH_ROW = ("pk", "program_id", "lineage", "sort_name", "search_text")


def _expected(cases: dict, *, query: str, lineage: str, point: str, alert: str):  # noqa: ANN202
    """The keys a case list should show, worked out from the cases themselves and
    their evaluations, in the list's order (sort name, then key)."""
    terms = search_terms(query)
    found = [
        (evaluation.sort_name, pk)
        for pk, (case, evaluation) in cases.items()
        if all(term in case.search_text for term in terms)
        and (not lineage or case.lineage == lineage)
        and (not point or evaluation.decision_point == point)
        and (
            not alert
            or (
                evaluation.n_alerts > 0
                if alert == "any"
                else alert in evaluation.alert_ids
            )
        )
    ]
    return [pk for _, pk in sorted(found)]


def test_a_search_with_each_filter_finds_what_the_cases_say(program, member):
    # given every vignette, imported twice under two names
    for path in sorted(VIGNETTE_DIR.glob("*.json")):
        document = vignette_case(path.name)
        case_import(payload=document, program=program, actor=member)
        document["case_id"] = f"{document['case_id']}-B"
        document["family_name"] = "Ínés Okafor"
        case_import(payload=document, program=program, actor=member)
    cases = {
        evaluation.pk: (evaluation.case, evaluation)
        for evaluation in CaseEvaluation.objects.select_related("case")
    }
    points = sorted({e.decision_point for _, e in cases.values()})
    alerts = sorted({a for _, e in cases.values() for a in e.alert_ids})
    assert len(points) >= 2  # the vignettes vary
    assert len(alerts) > 2

    # when the case list is searched with every filter in turn
    combinations = itertools.product(
        ["okafor", "ines", "-b", "zz-nobody"],
        ["", "B", "T"],
        ["", *points],
        ["", "any", *alerts],
    )
    for query, lineage, point, alert in combinations:
        page = selectors.case_list_page(
            user=member,
            as_of=timezone.localdate(),
            page_size=500,
            query=query,
            lineage=lineage,
            decision_point=point,
            alert=alert,
        )
        # then it shows what the cases and their evaluations say, in name order
        wanted = _expected(
            cases, query=query, lineage=lineage, point=point, alert=alert
        )
        assert [row.pk for row in page] == wanted, (query, lineage, point, alert)
        assert page.paginator.count == len(wanted)
    everyone = selectors.case_list_page(
        user=member, as_of=timezone.localdate(), page_size=500, query="okafor"
    )
    assert len(everyone) == len(cases) // 2  # the copies, by their new name


def test_a_search_row_follows_its_case_and_goes_with_it(program, member):
    case = cohort(program=program, cases=3)[1]
    assert_current(case)  # the search row too
    case_services.case_update(
        case=case, actor=member, data={"family_name": "Nguyễn", "lineage": "T"}
    )
    assert_current(case)
    found = selectors.case_list_page(
        user=member, as_of=timezone.localdate(), query="NGUYEN", lineage="T"
    )
    assert [row.pk for row in found] == [case.pk]
    Case.objects.get(pk=case.pk).delete()
    assert not CaseSearchRow.objects.filter(pk=case.pk).exists()
    assert CaseSearchRow.objects.count() == CaseEvaluation.objects.count() == 2


def _search(user, query):  # noqa: ANN001, ANN202
    page = selectors.case_list_page(user=user, as_of=timezone.localdate(), query=query)
    return [row.pk for row in page]


def test_a_case_moved_to_another_program_is_found_there_only(program, member):
    case = cohort(program=program, cases=3)[0]
    other = ProgramFactory(name="South", slug="south")
    south = UserFactory(username="south1", programs=[other])
    Case.objects.filter(pk=case.pk).update(program=other)
    case_changed(case_ids=[case.pk])
    assert_current(case)
    assert _search(member, "synthetic00000") == []
    assert _search(south, "synthetic00000") == [case.pk]


def test_a_search_row_not_its_cases_own_is_found_and_written_again(program, member):
    cases = cohort(program=program, cases=4)
    missing, moved, renamed = cases[0], cases[1], cases[2]
    other = ProgramFactory(name="South", slug="south")
    south = UserFactory(username="south1", programs=[other])
    # given search rows as a process of the earlier release could leave them
    CaseSearchRow.objects.filter(pk=missing.pk).delete()
    CaseSearchRow.objects.filter(pk=moved.pk).update(program=other)
    CaseSearchRow.objects.filter(pk=renamed.pk).update(search_text="someone else")
    # a row's program alone does not show another program's case
    assert _search(south, "synthetic") == []
    # then the check for missing rows finds the row that is not there
    today = timezone.localdate()
    assert stale_case_ids(as_of=today, program_ids=[program.pk]) == [missing.pk]
    # and the daily job finds every row that is not its case's, and writes it again
    assert stale_case_ids(as_of=today, full=True) == sorted(
        [missing.pk, moved.pk, renamed.pk]
    )
    assert evaluations_refresh_due(as_of=today) == 3
    for case in (missing, moved, renamed):
        assert_current(case)
    assert _search(member, "synthetic") == sorted(c.pk for c in cases)
    assert stale_case_ids(as_of=today, full=True) == []


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a row's version (xmin): PostgreSQL"
)
@pytest.mark.parametrize("cases", [3, 30])  # one statement, and COPY through a stage
def test_a_re_evaluation_leaves_an_unchanged_search_row_as_it_is(program, cases):
    built = cohort(program=program, cases=cases)

    def versions() -> dict[int, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT case_id, xmin::text FROM evaluations_casesearchrow")
            return dict(cursor.fetchall())

    def evaluation_versions() -> dict[int, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT case_id, xmin::text FROM evaluations_caseevaluation")
            return dict(cursor.fetchall())

    before, evaluated = versions(), evaluation_versions()
    renamed = built[0]
    Case.objects.filter(pk=renamed.pk).update(
        given_name="Renamed", search_text=f"{renamed.search_text} renamed"
    )
    case_evaluation_refresh(case_ids=[c.pk for c in built])
    after = versions()
    # every evaluation was written again, but only the renamed case's search row
    assert all(evaluation_versions()[pk] != evaluated[pk] for pk in evaluated)
    assert {pk for pk in before if after[pk] != before[pk]} == {renamed.pk}
    assert CaseSearchRow.objects.get(pk=renamed.pk).search_text.endswith(" renamed")


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_search_and_moves_it_back(program, member):
    cohort(program=program, cases=4)
    rows = set(CaseSearchRow.objects.values_list(*SEARCH_ROW))
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("evaluations", "0006_worklist_items")])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT case_id, search_text FROM evaluations_caseevaluation"
            )
            back = dict(cursor.fetchall())
        assert back == {row[0]: row[-1] for row in rows}
        if connection.vendor == "postgresql":
            assert _indexes("evaluations_caseevaluation") >= {"eval_search_trgm"}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("evaluations"))
    assert set(CaseSearchRow.objects.values_list(*SEARCH_ROW)) == rows
    if connection.vendor == "postgresql":
        assert "eval_search_trgm" not in _indexes("evaluations_caseevaluation")
        assert "search_row_trgm" in _indexes("evaluations_casesearchrow")
    found = selectors.case_list_page(
        user=member, as_of=timezone.localdate(), query="synthetic00002"
    )
    assert [row.case.family_name for row in found] == ["Synthetic00002"]


def _indexes(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, table))
