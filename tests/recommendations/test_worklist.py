"""The engine-backed worklist producer: one row per patient, filters, order, pages."""

from __future__ import annotations

import datetime as dt

import pytest

from patients.models import Case
from patients.services import case_import
from recommendations.models import RecommendationSnapshot
from recommendations.worklist import NOTE_NEW_SCREEN, worklist_page
from recommendations.worklist_rows import WorklistFilters
from tests.conftest import vignette_case
from tests.factories import CaseFactory, ProgramFactory, ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 11, 1)


def _page(user, cursor=None, page_size=25, **filters):  # noqa: ANN001, ANN202
    return worklist_page(
        user=user,
        filters=WorklistFilters(**filters),
        cursor=cursor,
        as_of=AS_OF,
        page_size=page_size,
    )


def test_one_row_per_patient_with_every_due_referral_as_an_item(program, member):
    # Given two patients, each with several PSY rules due
    first, second = CaseFactory.create_batch(2, program=program)

    # When the worklist is read
    page = _page(member)

    # Then each patient is one row, holding all of that patient's due items
    assert sorted(row.case_pk for row in page.rows) == sorted([first.pk, second.pk])
    for row in page.rows:
        rule_ids = [item.rule_id for item in row.items]
        assert len(rule_ids) == len(set(rule_ids)) > 1
        assert "PSY-SOCIAL-WORK" in rule_ids
        assert row.decision_point == "REINDUCTION"
        assert row.case_id in {first.case_id, second.case_id}


def test_another_programs_patients_are_not_there(program, member):
    CaseFactory(program=program)
    CaseFactory(program=ProgramFactory())
    assert len(_page(member).rows) == 1


def test_patients_with_an_overdue_item_come_first_and_items_overdue_first(
    program, member
):
    # Given a patient whose next therapy started before today (fertility overdue)
    on_time = CaseFactory(program=program)
    late = CaseFactory(program=program, next_treatment_start=dt.date(2026, 10, 25))

    rows = _page(member).rows

    assert [row.case_pk for row in rows] == [late.pk, on_time.pk]
    assert rows[0].items[0].overdue
    assert rows[0].items[0].rule_id == "PSY-FERTILITY"
    assert not any(item.overdue for item in rows[1].items)


def test_a_completed_mental_health_screen_past_its_interval_explains_itself(
    program, member
):
    case = CaseFactory(program=program)
    ReferralFactory(
        case=case, kind="mental_health", status="completed", date=dt.date(2026, 5, 1)
    )
    row = _page(member).rows[0]
    item = next(i for i in row.items if i.rule_id == "PSY-MENTAL-HEALTH")
    assert item.status == "completed"
    assert item.note == NOTE_NEW_SCREEN.format(date="2026-05-01")
    assert item.note == "A new screen is due — last completed 2026-05-01."


def test_alerts_carry_their_text_high_first_and_new_until_snapshotted(program, member):
    # Given the Ph-positive relapse with T315I (a high alert, and warnings)
    case_import(payload=vignette_case("ph_positive_t315i.json"), program=program)
    case = Case.objects.get()
    alerts = _page(member).rows[0].alerts
    assert alerts, "the case should raise alerts"
    severities = [alert.severity for alert in alerts]
    assert severities == sorted(severities, key=lambda s: s != "high")
    assert all(alert.text and alert.new for alert in alerts)

    # When a snapshot holds them, they are no longer new
    RecommendationSnapshot.objects.create(
        case=case,
        program=program,
        case_ref=case.case_id,
        ruleset_version="x",
        facts={},
        result={"alerts": [{"id": alert.rule_id} for alert in alerts]},
        case_version=case.version,
        as_of=AS_OF,
    )
    assert not any(alert.new for alert in _page(member).rows[0].alerts)


def test_filters_by_kind_status_and_overdue_keep_only_matching_items(program, member):
    case = CaseFactory(program=program, next_treatment_start=dt.date(2026, 10, 25))
    other = CaseFactory(program=program)
    ReferralFactory(case=other, kind="fertility", status="referred")

    by_kind = _page(member, kind="social_work").rows
    assert {item.kind for row in by_kind for item in row.items} == {"social_work"}

    never = _page(member, status="none", kind="fertility").rows
    assert [row.case_pk for row in never] == [case.pk]

    referred = _page(member, status="referred").rows
    assert [row.case_pk for row in referred] == [other.pk]
    assert [item.kind for item in referred[0].items] == ["fertility"]

    overdue = _page(member, overdue_only=True).rows
    assert [row.case_pk for row in overdue] == [case.pk]
    assert all(item.overdue for item in overdue[0].items)


def test_filters_by_owner_and_unassigned(program, member):
    colleague = UserFactory(programs=[program])
    mine = CaseFactory(program=program)
    theirs = CaseFactory(program=program)
    ReferralFactory(case=mine, kind="fertility", owner=member)
    ReferralFactory(case=theirs, kind="fertility", owner=colleague)

    owned = _page(member, owner=member.pk).rows
    assert [(row.case_pk, [i.kind for i in row.items]) for row in owned] == [
        (mine.pk, ["fertility"])
    ]
    assert owned[0].items[0].owner_name == member.get_username()

    nobody = _page(member, unassigned=True).rows
    assert {row.case_pk for row in nobody} == {mine.pk, theirs.pk}
    assert all(i.owner_pk is None for row in nobody for i in row.items)
    assert "fertility" not in {i.kind for row in nobody for i in row.items}

    # the owners to choose from are the program's members
    assert {pk for pk, _ in _page(member).owners} == {member.pk, colleague.pk}


def test_program_filter_and_cards_that_filter(member):
    north, south = ProgramFactory(), ProgramFactory()
    for program in (north, south):
        program.members.add(member)
    late = CaseFactory(program=north, next_treatment_start=dt.date(2026, 10, 25))
    CaseFactory(program=south)

    assert [row.case_pk for row in _page(member, program=north.pk).rows] == [late.pk]

    page = _page(member)
    assert page.counts.due == 2
    assert page.counts.overdue == 1
    assert page.counts.decisions == 2
    assert [row.case_pk for row in _page(member, card="overdue").rows] == [late.pk]
    assert len(_page(member, card="due").rows) == 2


def test_pages_follow_the_cursor_without_repeating_or_skipping(program, member):
    cases = CaseFactory.create_batch(7, program=program)
    seen, cursor, pages = [], None, 0
    while True:
        page = _page(member, cursor=cursor, page_size=3)
        seen += [row.case_pk for row in page.rows]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
        # the cursor names no patient: only a numeric key and an offset
        assert all(c.case_id not in cursor for c in cases)
    assert pages == 3
    assert sorted(seen) == sorted(c.pk for c in cases)
    assert len(seen) == len(set(seen))
    assert page.counts.due == 7


def test_a_garbled_cursor_starts_at_the_first_page(program, member):
    CaseFactory.create_batch(2, program=program)
    assert len(_page(member, cursor="%%not-a-cursor").rows) == 2


@pytest.mark.parametrize("count", [10, 100])
def test_the_number_of_queries_does_not_grow_with_the_cases(
    program, member, count, django_assert_max_num_queries
):
    cases = CaseFactory.create_batch(count, program=program)
    for case in cases[::3]:
        ReferralFactory(case=case, kind="fertility", status="referred", owner=member)
    with django_assert_max_num_queries(6):
        page = _page(member)
    assert len(page.rows) == min(count, 25)
