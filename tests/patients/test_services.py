"""Clinic edits: events, referrals, case facts: validated, versioned, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from patients import errors, models, services
from patients.models import AuditEntry, Event, Referral
from tests.factories import CaseFactory, EventFactory, ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def case(program):
    return CaseFactory(program=program)


def test_adding_an_event_versions_the_case_and_audits_it(case, member):
    event = services.event_save(
        case=case,
        actor=member,
        today=TODAY,
        data={"type": "blinatumomab", "date": dt.date(2026, 10, 25), "cycles": 1},
    )
    case.refresh_from_db()
    assert case.version == 2
    assert list(case.events.all()) == [event]
    entry = AuditEntry.objects.get(target="event")
    assert (entry.actor, entry.action, entry.case) == (member, "created", case)
    assert "cycles" in entry.detail["fields"]


def test_an_event_dated_after_the_evaluation_date_moves_it_forward(case, member):
    services.event_save(
        case=case,
        actor=member,
        today=TODAY,
        data={"type": "response", "date": dt.date(2026, 11, 15), "response": "CR"},
    )
    case.refresh_from_db()
    assert case.evaluation_date == dt.date(2026, 11, 15)


def test_a_future_event_is_refused_and_nothing_changes(case, member):
    with pytest.raises(ValidationError) as failure:
        services.event_save(
            case=case,
            actor=member,
            today=TODAY,
            data={"type": "relapse", "date": dt.date(2026, 12, 1)},
        )
    assert "after today (2026-11-21)" in failure.value.message_dict["date"][0]
    case.refresh_from_db()
    assert (case.version, case.evaluation_date, Event.objects.count()) == (
        1,
        dt.date(2026, 11, 1),
        0,
    )


def test_an_event_before_diagnosis_is_refused(case, member):
    with pytest.raises(ValidationError) as failure:
        services.event_save(
            case=case,
            actor=member,
            today=TODAY,
            data={"type": "relapse", "date": dt.date(2023, 1, 1)},
        )
    assert "before the diagnosis" in failure.value.message_dict["date"][0]


def test_editing_and_deleting_an_event(case, member):
    event = EventFactory(case=case, type="inotuzumab", date=dt.date(2026, 10, 22))
    services.event_save(
        case=case, actor=member, today=TODAY, event=event, data={"cycles": 2}
    )
    assert Event.objects.get().cycles == 2
    services.event_delete(event=event, actor=member)
    assert not Event.objects.exists()
    assert AuditEntry.objects.filter(target="event", action="deleted").count() == 1


def test_only_members_may_change_a_case(case):
    outsider = UserFactory()
    with pytest.raises(errors.ApplicationError, match="do not have access"):
        services.event_save(
            case=case,
            actor=outsider,
            today=TODAY,
            data={"type": "relapse", "date": dt.date(2026, 10, 20)},
        )
    assert not Event.objects.exists()


def test_one_click_status_creates_then_moves_a_referral(case, member):
    referral = services.referral_set_status(
        case=case, kind="fertility", status="referred", actor=member, on=TODAY
    )
    assert (referral.status, referral.owner, referral.status_changed_by) == (
        "referred",
        member,
        member,
    )
    services.referral_set_status(
        case=case, kind="fertility", status="completed", actor=member, on=TODAY
    )
    assert list(Referral.objects.values_list("kind", "status")) == [
        ("fertility", "completed")
    ]
    case.refresh_from_db()
    assert case.evaluation_date == TODAY


def test_a_scheduled_appointment_may_lie_ahead_without_moving_the_facts_date(
    case, member
):
    # given a referral scheduled on the evaluation date for an appointment next month
    referral = services.referral_save(
        case=case,
        actor=member,
        today=TODAY,
        data={
            "kind": "neurocognitive",
            "status": "scheduled",
            "date": dt.date(2026, 11, 1),
            "appointment_date": dt.date(2026, 12, 15),
        },
    )
    # then the appointment is kept and the facts still describe the visit
    case.refresh_from_db()
    assert referral.appointment_date == dt.date(2026, 12, 15)
    assert case.evaluation_date == dt.date(2026, 11, 1)


def test_scheduling_a_referral_today_is_a_fact_that_moves_the_facts_date(case, member):
    services.referral_save(
        case=case,
        actor=member,
        today=TODAY,
        data={"kind": "neurocognitive", "status": "scheduled", "date": TODAY},
    )
    case.refresh_from_db()
    assert case.evaluation_date == TODAY


def test_a_referral_past_needed_without_a_date_is_refused_and_nothing_changes(
    case, member
):
    with pytest.raises(ValidationError) as failure:
        services.referral_save(
            case=case,
            actor=member,
            today=TODAY,
            data={"kind": "fertility", "status": "completed", "date": None},
        )
    assert failure.value.message_dict == {
        "date": [models.MSG_REFERRAL_NEEDS_DATE.format(status="completed")]
    }
    case.refresh_from_db()
    assert (case.version, Referral.objects.count()) == (1, 0)


def test_one_click_dates_a_new_status_today_and_keeps_the_date_of_the_same_one(
    case, member
):
    # given a referral referred on 2026-10-25
    ReferralFactory(
        case=case, kind="fertility", status="referred", date=dt.date(2026, 10, 25)
    )
    # when the one click says referred again, the date it was reached stays
    referral = services.referral_set_status(
        case=case, kind="fertility", status="referred", actor=member, on=TODAY
    )
    assert referral.date == dt.date(2026, 10, 25)
    # when it moves on to scheduled, with an appointment, the new status is dated today
    referral = services.referral_set_status(
        case=case,
        kind="fertility",
        status="scheduled",
        actor=member,
        on=TODAY,
        appointment_date=dt.date(2026, 12, 3),
    )
    assert (referral.status, referral.date, referral.appointment_date) == (
        "scheduled",
        TODAY,
        dt.date(2026, 12, 3),
    )
    # and once completed, the appointment goes with the scheduled status
    referral = services.referral_set_status(
        case=case, kind="fertility", status="completed", actor=member, on=TODAY
    )
    referral.refresh_from_db()
    assert (referral.status, referral.date, referral.appointment_date) == (
        "completed",
        TODAY,
        None,
    )


def test_an_appointment_sent_with_another_status_is_refused(case, member):
    referral = ReferralFactory(
        case=case,
        kind="fertility",
        status="scheduled",
        date=dt.date(2026, 10, 25),
        appointment_date=dt.date(2026, 11, 20),
    )
    with pytest.raises(ValidationError) as failure:
        services.referral_save(
            case=case,
            actor=member,
            today=TODAY,
            referral=referral,
            data={"status": "declined", "appointment_date": dt.date(2026, 11, 27)},
        )
    assert failure.value.message_dict["appointment_date"] == [
        models.MSG_APPOINTMENT_ONLY_WHEN_SCHEDULED
    ]
    referral.refresh_from_db()
    assert referral.status == "scheduled"


def test_declined_is_a_recorded_decision(case, member):
    referral = ReferralFactory(case=case, kind="fertility", status="needed")
    services.referral_save(
        case=case,
        actor=member,
        today=TODAY,
        referral=referral,
        data={"status": "declined", "date": dt.date(2026, 11, 1), "note": "Declined."},
    )
    referral.refresh_from_db()
    assert referral.status == "declined"
    assert referral.status_changed_by == member
    assert referral.status_changed_at is not None


def test_case_update_refuses_a_stale_version(case, member):
    services.case_update(case=case, actor=member, data={"ecog": 2}, expected_version=1)
    with pytest.raises(errors.ApplicationError, match="now version 2") as failure:
        services.case_update(
            case=case, actor=member, data={"ecog": 3}, expected_version=1
        )
    assert failure.value.extra == {"current_version": 2}
    case.refresh_from_db()
    assert case.ecog == 2


def test_case_update_validates_and_names_changed_fields(case, member):
    with pytest.raises(ValidationError):
        services.case_update(case=case, actor=member, data={"ecog": 9})
    with pytest.raises(errors.ApplicationError, match="Unknown case field"):
        services.case_update(case=case, actor=member, data={"program": None})
    services.case_update(case=case, actor=member, data={"cd22": "negative"})
    entry = AuditEntry.objects.get(action="updated", target="case")
    assert entry.detail == {"fields": ["cd22"]}
