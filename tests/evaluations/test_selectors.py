"""The worklist and case list read from stored evaluations, in constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from evaluations import selectors, stored_rows
from evaluations.models import CaseEvaluation, EvaluationItem, EvaluationResult
from evaluations.services import case_evaluation_refresh
from patients.models import Event, Referral
from patients.services import case_import
from recommendations.worklist_rows import WorklistFilters
from tests.api.conftest import client_with_token, token_for
from tests.conftest import VIGNETTE_DIR, vignette_case
from tests.evaluations.cohort import cohort
from tests.factories import EventFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

# One budget for every size: the counts must not grow with cases or events.
WORKLIST_QUERIES = 10
# The case list page also writes its one audit row and reads the navigation's
# permissions (the dashboard link); it cuts the page on keys (and counts the
# matches in the same query), then reads its rows.
CASE_LIST_QUERIES = 12
API_LIST_QUERIES = 12


def _worklist(user, **filters):  # noqa: ANN001, ANN202
    return selectors.worklist_page(
        user=user,
        filters=WorklistFilters(**filters),
        cursor=None,
        as_of=timezone.localdate(),
    )


def _all_rows(user, page_size=7, **filters):  # noqa: ANN001, ANN202
    rows, cursor = [], None
    while True:
        page = selectors.worklist_page(
            user=user,
            filters=WorklistFilters(**filters),
            cursor=cursor,
            as_of=timezone.localdate(),
            page_size=page_size,
        )
        rows += page.rows
        cursor = page.next_cursor
        if cursor is None:
            return rows


def test_worklist_is_one_row_per_patient_overdue_first_across_pages(program, member):
    cohort(program=program, cases=30)
    rows = _all_rows(member)
    assert len(rows) == len({row.case_pk for row in rows}) == 30
    overdue = [row.overdue_count > 0 for row in rows]
    assert overdue == sorted(overdue, reverse=True)
    assert any(overdue)
    assert not all(overdue)
    for row in rows:
        assert [i.overdue for i in row.items] == sorted(
            (i.overdue for i in row.items), reverse=True
        )


def test_worklist_filters_keep_only_matching_items(program, member):
    cohort(program=program, cases=12)
    rows = _all_rows(member, kind="mental_health", status="referred")
    assert rows
    for row in rows:
        assert [(i.kind, i.status) for i in row.items] == [
            ("mental_health", "referred")
        ]
    never = _all_rows(member, kind="mental_health", status="none")
    assert never
    assert {r.case_pk for r in never}.isdisjoint({r.case_pk for r in rows})
    overdue = _all_rows(member, overdue_only=True)
    assert overdue
    assert all(item.overdue for row in overdue for item in row.items)


def test_worklist_counts_are_the_cards(program, member):
    cohort(program=program, cases=9)
    page = _worklist(member)
    evaluations = CaseEvaluation.objects.filter(program=program)
    assert page.counts.overdue == evaluations.filter(has_overdue=True).count() == 3
    assert page.counts.due == evaluations.filter(n_due__gt=0).count()
    assert page.counts.decisions == 9
    overdue_card = _all_rows(member, card="overdue")
    assert len(overdue_card) == page.counts.overdue


def test_worklist_shows_nothing_of_another_program(program, member):
    cohort(program=ProgramFactory(slug="elsewhere"), cases=3)
    assert _worklist(member).rows == ()
    assert _worklist(member).counts.due == 0


def test_a_forged_cursor_is_refused(program, member):
    with pytest.raises(selectors.InvalidCursor):
        selectors.worklist_page(
            user=member,
            filters=WorklistFilters(),
            cursor="not-a-cursor",
            as_of=timezone.localdate(),
        )


@pytest.mark.parametrize("cases", [10, 500])
def test_worklist_queries_do_not_grow_with_cases(
    program, member, cases, django_assert_max_num_queries
):
    cohort(program=program, cases=cases)
    with django_assert_max_num_queries(WORKLIST_QUERIES):
        page = _worklist(member)
    assert len(page.rows) == min(cases, 25)
    with django_assert_max_num_queries(WORKLIST_QUERIES):
        _worklist(member, kind="fertility", owner=member.pk, card="due")


@pytest.mark.parametrize("events", [5, 200])
def test_worklist_queries_do_not_grow_with_events(
    program, member, events, django_assert_max_num_queries
):
    (case,) = cohort(program=program, cases=1, events_per_case=0)
    Event.objects.bulk_create(
        [
            EventFactory.build(
                case=case,
                type="chemotherapy",
                date=dt.date(2026, 10, 21) - dt.timedelta(days=n % 200),
            )
            for n in range(events)
        ]
    )
    with django_assert_max_num_queries(WORKLIST_QUERIES):
        _worklist(member)


@pytest.mark.parametrize("cases", [10, 500])
def test_case_list_queries_do_not_grow_with_cases(
    client, program, member, cases, django_assert_max_num_queries
):
    cohort(program=program, cases=cases)
    client.force_login(member)
    client.get("/cases/")  # the session and the user are cached from here on
    with django_assert_max_num_queries(CASE_LIST_QUERIES):
        response = client.post(
            "/cases/", {"q": "synthetic", "lineage": "B", "alert": "any"}
        )
    assert response.status_code == 200
    with django_assert_max_num_queries(CASE_LIST_QUERIES):
        page = selectors.case_list_page(
            user=member, as_of=timezone.localdate(), query="synthetic0000"
        )
    assert page.paginator.count == 10


@pytest.mark.parametrize("cases", [10, 500])
def test_api_list_queries_do_not_grow_with_cases(
    program, member, cases, django_assert_max_num_queries
):
    cohort(program=program, cases=cases)
    api = client_with_token(token_for(member))
    with django_assert_max_num_queries(API_LIST_QUERIES):
        response = api.get("/api/v1/cases/", {"alert": "any", "lineage": "B"})
    assert response.status_code == 200
    with django_assert_max_num_queries(API_LIST_QUERIES):
        response = api.post("/api/v1/cases/search/", {"q": "SYN"}, format="json")
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(cases, 50)


def test_case_list_pages_count_up_to_a_bound_past_the_page_unless_searched(
    program, member, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cohort(program=program, cases=30)
    today = timezone.localdate()

    def page(number, **filters):  # noqa: ANN001, ANN202
        return selectors.case_list_page(
            user=member, as_of=today, page_number=number, page_size=25, **filters
        )

    with CaptureQueriesContext(connection) as queries:
        first = page(1)
    counting = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(counting) == 1
    # The count reads at most COUNTED_AHEAD + 1 rows past the page's start.
    assert f"LIMIT {selectors.COUNTED_AHEAD + 1}" in counting[0]
    second = page(2)
    assert (first.number, len(first), first.paginator.count) == (1, 25, 30)
    assert (first.has_next(), first.paginator.num_pages) == (True, 2)
    assert not first.paginator.more
    assert (second.number, len(second), second.has_next()) == (2, 5, False)
    names = [row.case.family_name for row in [*first, *second]]
    assert names == sorted(names)
    assert len(set(names)) == 30
    # as Paginator.get_page: past the end is the last page, not a number the first
    assert [row.case.family_name for row in page(9)] == names[25:]
    assert page(9).number == 2
    assert page("x").number == 1
    assert [row.case.family_name for row in page("x")] == names[:25]
    nothing = page(1, query="no such patient")
    assert (nothing.number, len(nothing), nothing.paginator.count) == (1, 0, 0)
    assert page(3, query="no such patient").number == 1
    one = page(1, query="Synthetic00007")
    assert (len(one), one.paginator.count, one.has_other_pages()) == (1, 1, False)
    # A search reads every match to sort it by name: its count comes with its keys,
    # exact, in the same query.
    with CaptureQueriesContext(connection) as queries:
        searched = page(1, query="synthetic")
    counting = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(counting) == 1
    assert "OVER ()" in counting[0]
    assert (searched.paginator.count, searched.paginator.more) == (30, False)

    # Past the bound the count says "more than", and the pages run on.
    monkeypatch.setattr(selectors, "COUNTED_AHEAD", 6)

    def small(number):  # noqa: ANN001, ANN202
        return selectors.case_list_page(
            user=member, as_of=today, page_number=number, page_size=5
        )

    first = small(1)
    assert (first.paginator.more, first.paginator.count) == (True, 7)
    assert [row.case.family_name for row in first] == names[:5]
    assert first.has_next()
    fifth = small(5)
    assert (fifth.number, fifth.paginator.more) == (5, True)
    assert [row.case.family_name for row in fifth] == names[20:25]
    # A search is counted in full whatever the bound.
    searched = selectors.case_list_page(
        user=member, as_of=today, page_number=1, page_size=5, query="synthetic"
    )
    assert (searched.paginator.count, searched.paginator.more) == (30, False)
    last = small(6)
    assert (last.paginator.more, last.paginator.count, last.has_next()) == (
        False,
        30,
        False,
    )
    assert [row.case.family_name for row in last] == names[25:]
    assert small(99).number == 6  # past the end: the last page, counted exactly


@pytest.mark.parametrize("query", ["", "synthetic"])
def test_a_page_number_past_any_registry_is_the_last_page(
    client, program, member, query
):
    cohort(program=program, cases=30)
    client.force_login(member)
    response = client.post("/cases/", {"q": query, "page": "9" * 25})
    assert response.status_code == 200
    assert "Page 2 of 2 (30 cases)" in response.content.decode()
    page = selectors.case_list_page(
        user=member, as_of=timezone.localdate(), page_number=10**30, query=query
    )
    assert (page.number, len(page)) == (2, 5)


def test_the_case_list_says_more_than_when_it_stopped_counting(
    client, program, member, monkeypatch
):
    cohort(program=program, cases=30)
    client.force_login(member)
    page = client.get("/cases/").content.decode()
    assert "Page 1 of 2 (30 cases)" in page
    monkeypatch.setattr(selectors, "COUNTED_AHEAD", 10)  # less than a page
    page = client.get("/cases/").content.decode()
    assert "Page 1 (more than 25 cases)" in page
    assert 'name="page" value="2"' in page
    page = client.post("/cases/", {"page": "2"}).content.decode()
    assert "Page 2 of 2 (30 cases)" in page


def test_case_list_finds_by_name_and_filters_by_alert_in_sql(program, member):
    cohort(program=program, cases=5)
    page = selectors.case_list_page(
        user=member, as_of=timezone.localdate(), query="Synthetic00003"
    )
    assert [row.case.family_name for row in page] == ["Synthetic00003"]
    outsider = UserFactory(username="outsider")
    assert (
        selectors.case_list_page(
            user=outsider, as_of=timezone.localdate()
        ).paginator.count
        == 0
    )


def test_case_list_rows_show_the_engines_age_flag_and_alert_count(
    client, program, member
):
    from tests.factories import CaseFactory

    older = CaseFactory(
        program=program, family_name="Olderpatient", birth_date=dt.date(1980, 1, 2)
    )
    younger = CaseFactory(program=program, family_name="Youngerpatient")
    client.force_login(member)
    html = client.post("/cases/", {"q": "patient"}).content.decode()
    rows = {
        name: html[html.index(name) : html.index("</tr>", html.index(name))]
        for name in ("Olderpatient", "Youngerpatient")
    }
    stored = {e.case_id: e for e in CaseEvaluation.objects.select_related("display")}
    for case, name in ((older, "Olderpatient"), (younger, "Youngerpatient")):
        derived = stored[case.pk].display.result["derived"]
        assert (stored[case.pk].age_years, stored[case.pk].outside_aya) == (
            derived["age_years"],
            derived["outside_aya"],
        )
        assert f"<td>{derived['age_years']}" in rows[name]
        assert ("outside 15–39" in rows[name]) is derived["outside_aya"]
        assert f"<td>{stored[case.pk].n_alerts}</td>" in rows[name]
    assert stored[older.pk].outside_aya is True
    assert stored[younger.pk].outside_aya is False


# --- the worklist's stored items (evaluations.stored_rows) ---


def test_the_stored_items_are_the_item_rows(program):
    cohort(program=program, cases=12)
    results = EvaluationResult.objects.filter(evaluation__program=program)
    assert results.count() == 12
    for result in results:
        items = list(EvaluationItem.objects.filter(evaluation_id=result.pk))
        from_items = stored_rows.encode(items)
        assert set(result.worklist) == {"alerts", "referrals", "workup", "checks"}
        assert result.worklist["alerts"] == from_items["alerts"]
        assert result.worklist["referrals"] == from_items["referrals"]
        # Worded as the engine-backed worklist words them (the test below).
        assert len(result.worklist["workup"]) == len(from_items["workup"])
    assert any(r.worklist["referrals"] for r in results)
    assert any(r.worklist["alerts"] for r in results)


def test_a_row_without_stored_items_is_evaluated_again_before_it_is_shown(
    program, member, django_assert_max_num_queries
):
    """An evaluation written before ``EvaluationResult.worklist`` existed: the page
    re-evaluates the rows it shows, as it does a stale row, and shows them whole."""
    cohort(program=program, cases=9)
    stored = _all_rows(member, page_size=4)
    filtered = _all_rows(member, kind="mental_health", status="referred")
    assert filtered
    EvaluationResult.objects.update(worklist={})
    assert _all_rows(member, page_size=4) == stored
    assert not EvaluationResult.objects.filter(worklist={}).exists()
    EvaluationResult.objects.update(worklist={})
    assert _all_rows(member, kind="mental_health", status="referred") == filtered
    _all_rows(member)  # every row shown once: all of them stored again
    with django_assert_max_num_queries(WORKLIST_QUERIES):
        _worklist(member)
    assert any(row.items for row in stored)


def test_the_last_resort_reads_a_rows_items(program, member):
    """``_stored_rows`` reads the item rows of a row that has no stored items."""
    cohort(program=program, cases=3)
    result = EvaluationResult.objects.filter(worklist__has_key="referrals").first()
    page_row = selectors.PageRow(
        pk=result.pk, **dict.fromkeys(selectors.PageRow._fields[1:-1]), worklist={}
    )
    items = EvaluationItem.objects.filter(evaluation_id=result.pk)
    assert selectors._stored_rows([page_row]) == {
        result.pk: stored_rows.encode(list(items))
    }


def test_an_owner_whose_account_was_deleted_is_shown_as_nobody(program, member):
    (case,) = cohort(program=program, cases=1)
    gone = UserFactory(first_name="Gone", last_name="Away", programs=[program])
    Referral.objects.filter(case=case).delete()
    Referral.objects.create(
        case=case, kind="mental_health", status="referred", owner=gone
    )
    case_evaluation_refresh(case_ids=[case.pk])
    gone.delete()  # the referral's owner becomes null; the stored row is not rewritten
    (row,) = _worklist(member).rows
    item = next(i for i in row.items if i.kind == "mental_health")
    assert (item.owner_pk, item.owner_name) == (None, "")
    (unowned,) = _worklist(member, unassigned=True).rows
    assert "mental_health" in {i.kind for i in unowned.items}


def test_the_migration_has_every_stored_row_evaluated_again(program, member):
    """Migration 0006 dates every row's validity in the past: the next read
    re-evaluates the rows it shows, and the daily job the rest."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("evaluations.migrations.0006_worklist_items")
    assert [
        op
        for op in migration.Migration.operations
        if getattr(op, "code", None) is migration.evaluate_again
    ]
    cohort(program=program, cases=5)
    EvaluationResult.objects.update(worklist={})
    migration.evaluate_again(apps, None)
    today = timezone.localdate()
    assert not CaseEvaluation.objects.filter(valid_until__gt=today).exists()
    _worklist(member)
    assert all(r.worklist for r in EvaluationResult.objects.all())
    assert not CaseEvaluation.objects.filter(valid_until__lte=today).exists()


def test_an_owner_no_longer_in_the_program_keeps_their_name(
    program, member, django_assert_max_num_queries
):
    (case,) = cohort(program=program, cases=1)
    former = UserFactory(first_name="Ines", last_name="Duarte")
    Referral.objects.filter(case=case).delete()
    Referral.objects.create(
        case=case, kind="mental_health", status="referred", owner=former
    )
    case_evaluation_refresh(case_ids=[case.pk])
    with django_assert_max_num_queries(WORKLIST_QUERIES):
        (row,) = _worklist(member).rows
    owned = [item for item in row.items if item.owner_pk == former.pk]
    assert owned
    assert {item.owner_name for item in owned} == {"Ines Duarte"}
    assert former.pk not in dict(_worklist(member).owners)


def test_stored_rows_say_what_the_engine_run_per_request_says(program, member):
    """The two producers of ``WorklistPage`` (recommendations.worklist_rows) give
    the same row for a patient: the page never knows which one filled it."""
    from recommendations import worklist as per_request

    cohort(program=program, cases=12)
    for path in sorted(VIGNETTE_DIR.glob("*.json")):
        case_import(payload=vignette_case(path.name), program=program, actor=member)
    stored = {row.case_pk: row for row in _all_rows(member, page_size=50)}
    engine_rows, _ = per_request.worklist_rows(
        user=member, filters=WorklistFilters(), as_of=timezone.localdate()
    )
    engine = {row.case_pk: row for row in engine_rows}
    assert len(stored) >= 12
    assert stored.keys() == engine.keys()
    for pk, row in stored.items():
        assert row == engine[pk], row.case_id
    assert any(row.workup_open for row in stored.values())
    assert any(row.checks for row in stored.values())


def test_a_result_written_without_the_stored_items_gets_an_empty_value(program):
    """The column has a database default: a process still running the release
    before migration 0006 writes results without it, and the rows read as not
    stored (and are evaluated again when shown)."""
    from django.db import connection

    (case,) = cohort(program=program, cases=1)
    table = EvaluationResult._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE case_id = %s", [case.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table} (case_id, result) VALUES (%s, %s)",  # noqa: S608
            [case.pk, '{"alerts": []}'],
        )
    assert EvaluationResult.objects.get(pk=case.pk).worklist == {}
