"""The worklist's referral services: a reason to decline, a date, owners, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from patients import errors, models, services
from patients.models import AuditEntry, Referral
from tests.factories import CaseFactory, ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def case(program):
    return CaseFactory(program=program)


def test_declining_without_a_reason_is_refused_and_nothing_changes(case, member):
    with pytest.raises(ValidationError) as failure:
        services.referral_set_status(
            case=case,
            kind="fertility",
            status="declined",
            actor=member,
            on=TODAY,
            declined_reason="   ",
        )
    assert failure.value.message_dict == {
        "declined_reason": [services.MSG_DECLINED_NEEDS_REASON]
    }
    case.refresh_from_db()
    assert (case.version, Referral.objects.count()) == (1, 0)


def test_declining_keeps_the_reason_until_the_status_moves_on(case, member):
    referral = services.referral_set_status(
        case=case,
        kind="fertility",
        status="declined",
        actor=member,
        on=TODAY,
        declined_reason="Does not want to delay treatment",
    )
    referral.refresh_from_db()
    assert (referral.status, referral.date, referral.declined_reason) == (
        "declined",
        TODAY,
        "Does not want to delay treatment",
    )
    entry = AuditEntry.objects.filter(target="referral").latest("id")
    assert "declined_reason" in entry.detail["fields"]
    assert "Does not want" not in str(entry.detail)  # fields named, never values

    # a change made on the case page moves it on, and the reason goes with it
    referral = services.referral_save(
        case=case,
        actor=member,
        today=TODAY,
        referral=referral,
        data={"status": "referred", "date": TODAY},
    )
    referral.refresh_from_db()
    assert (referral.status, referral.declined_reason) == ("referred", "")


def test_a_closed_referral_stays_history_and_a_new_one_answers_the_item(case, member):
    # Given a mental-health screen completed months ago (a new one is due)
    last = ReferralFactory(
        case=case, kind="mental_health", status="completed", date=dt.date(2026, 5, 1)
    )
    # When the worklist marks the screen completed
    change = services.referral_change_status(
        case=case, kind="mental_health", status="completed", actor=member, on=TODAY
    )
    # Then a new screen is recorded today and the last one is left as it was
    assert change.created
    assert (change.referral.status, change.referral.date) == ("completed", TODAY)
    last.refresh_from_db()
    assert (last.status, last.date) == ("completed", dt.date(2026, 5, 1))
    # and undo removes only the new one
    services.referral_restore(
        case=case, changes=[change.as_dict()], actor=member, on=TODAY
    )
    assert list(Referral.objects.values_list("pk", flat=True)) == [last.pk]


def test_a_reason_on_a_referral_that_is_not_declined_is_refused(case):
    referral = ReferralFactory.build(
        case=case, kind="fertility", status="referred", declined_reason="because"
    )
    with pytest.raises(ValidationError) as failure:
        referral.full_clean()
    assert failure.value.message_dict["declined_reason"] == [
        models.MSG_REASON_ONLY_WHEN_DECLINED
    ]


def test_scheduled_takes_the_appointment_date(case, member):
    change = services.referral_change_status(
        case=case,
        kind="social_work",
        status="scheduled",
        actor=member,
        on=TODAY,
        appointment_date=dt.date(2026, 12, 2),
    )
    referral = Referral.objects.get(pk=change.referral.pk)
    assert (referral.status, referral.date, referral.appointment_date) == (
        "scheduled",
        TODAY,
        dt.date(2026, 12, 2),
    )


def test_an_appointment_before_the_day_it_was_scheduled_is_refused(case, member):
    with pytest.raises(ValidationError) as failure:
        services.referral_change_status(
            case=case,
            kind="social_work",
            status="scheduled",
            actor=member,
            on=TODAY,
            appointment_date=dt.date(2026, 11, 1),
        )
    assert "appointment_date" in failure.value.message_dict
    assert not Referral.objects.exists()


def test_assigning_an_owner_creates_a_needed_referral_to_carry_it(case, member):
    colleague = UserFactory(programs=[case.program])
    change = services.referral_assign(
        case=case, kind="mental_health", owner=colleague, actor=member, on=TODAY
    )
    referral = Referral.objects.get()
    assert change.created
    assert (referral.kind, referral.status, referral.date, referral.owner) == (
        "mental_health",
        "needed",
        None,
        colleague,
    )
    assert AuditEntry.objects.filter(target="referral", actor=member).exists()


def test_only_a_member_of_the_program_can_own_a_referral(case, member):
    outsider = UserFactory()
    with pytest.raises(ValidationError) as failure:
        services.referral_assign(
            case=case, kind="fertility", owner=outsider, actor=member, on=TODAY
        )
    assert failure.value.message_dict == {"owner": [services.MSG_OWNER_NOT_MEMBER]}
    assert not Referral.objects.exists()


def test_assigning_nobody_clears_the_owner(case, member):
    ReferralFactory(case=case, kind="fertility", status="referred", owner=member)
    services.referral_assign(
        case=case, kind="fertility", owner=None, actor=member, on=TODAY
    )
    assert Referral.objects.get().owner is None


def test_undo_puts_a_changed_referral_back_and_is_audited(case, member):
    colleague = UserFactory(programs=[case.program])
    ReferralFactory(
        case=case,
        kind="fertility",
        status="scheduled",
        date=dt.date(2026, 10, 25),
        appointment_date=dt.date(2026, 12, 1),
        owner=colleague,
    )
    change = services.referral_change_status(
        case=case, kind="fertility", status="completed", actor=member, on=TODAY
    )

    services.referral_restore(
        case=case, changes=[change.as_dict()], actor=member, on=TODAY
    )

    referral = Referral.objects.get()
    assert (
        referral.status,
        referral.date,
        referral.appointment_date,
        referral.owner,
    ) == ("scheduled", dt.date(2026, 10, 25), dt.date(2026, 12, 1), colleague)
    entry = AuditEntry.objects.filter(target="referral").latest("id")
    assert (entry.actor, entry.action, entry.detail.get("undo")) == (
        member,
        "updated",
        True,
    )


def test_undo_deletes_a_referral_the_change_created(case, member):
    change = services.referral_change_status(
        case=case, kind="social_work", status="referred", actor=member, on=TODAY
    )
    services.referral_restore(
        case=case, changes=[change.as_dict()], actor=member, on=TODAY
    )
    assert not Referral.objects.exists()
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.detail["undo"]) == ("deleted", True)


def test_undo_of_several_changes_restores_them_all(case, member):
    changes = services.referral_change_statuses(
        case=case,
        kinds=["social_work", "fertility", "social_work"],
        status="completed",
        actor=member,
        on=TODAY,
    )
    assert [c.referral.kind for c in changes] == ["social_work", "fertility"]
    assert Referral.objects.filter(status="completed").count() == 2
    services.referral_restore(
        case=case, changes=[c.as_dict() for c in changes], actor=member, on=TODAY
    )
    assert not Referral.objects.exists()


def test_mark_all_refuses_a_status_that_needs_more(case, member):
    with pytest.raises(ValidationError):
        services.referral_change_statuses(
            case=case, kinds=["fertility"], status="declined", actor=member, on=TODAY
        )
    assert not Referral.objects.exists()


def test_undo_after_a_later_change_is_refused_and_keeps_the_later_change(case, member):
    change = services.referral_change_status(
        case=case, kind="fertility", status="referred", actor=member, on=TODAY
    )
    services.referral_change_status(
        case=case, kind="fertility", status="completed", actor=member, on=TODAY
    )
    with pytest.raises(errors.ApplicationError, match="changed again"):
        services.referral_restore(
            case=case, changes=[change.as_dict()], actor=member, on=TODAY
        )
    assert Referral.objects.get().status == "completed"


def test_undo_by_someone_without_access_is_refused(case, member):
    change = services.referral_change_status(
        case=case, kind="fertility", status="referred", actor=member, on=TODAY
    )
    with pytest.raises(errors.ApplicationError, match="do not have access"):
        services.referral_restore(
            case=case, changes=[change.as_dict()], actor=UserFactory(), on=TODAY
        )
    assert Referral.objects.get().status == "referred"
