"""Data migrations: stored rows stay valid under catalogue 2026.2's referral rules."""

from __future__ import annotations

import datetime as dt
import importlib
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.utils import timezone

from patients.models import Referral
from tests.factories import CaseFactory, ReferralFactory

pytestmark = pytest.mark.django_db
referral_dates = importlib.import_module("patients.migrations.0004_referral_dates")
NEW_YORK = ZoneInfo("America/New_York")


def stored(case, *, status, date=None, changed_at=None, created_at=None, **extra):
    """A referral row as 2026.1 could store it: written without validation."""
    referral = ReferralFactory(case=case, status=status, date=date, **extra)
    Referral.objects.filter(pk=referral.pk).update(
        status_changed_at=changed_at, created_at=created_at or referral.created_at
    )
    return referral.pk


def test_referrals_get_the_date_their_status_was_recorded():
    # given referrals stored without a date under 2026.1 (evaluation 2026-11-01)
    case = CaseFactory()
    at = dt.datetime(2026, 10, 28, 3, 0, tzinfo=dt.UTC)  # 27 October in New York
    by_status_change = stored(case, status="referred", changed_at=at)
    by_creation = stored(
        case,
        status="completed",
        created_at=dt.datetime(2026, 10, 20, 15, 0, tzinfo=dt.UTC),
    )
    after_visit = stored(
        case,
        status="declined",
        changed_at=dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC),
    )
    needed = stored(case, status="needed", changed_at=at)
    dated = stored(case, status="completed", date=dt.date(2026, 9, 1), changed_at=at)

    # when the data migration runs (in the program's time zone)
    with timezone.override(NEW_YORK):
        referral_dates.date_referrals(apps, None)

    # then each has the local date its status was recorded, never after the visit
    dates = dict(Referral.objects.values_list("pk", "date"))
    assert dates == {
        by_status_change: dt.date(2026, 10, 27),
        by_creation: dt.date(2026, 10, 20),
        after_visit: dt.date(2026, 11, 1),
        needed: None,
        dated: dt.date(2026, 9, 1),
    }
    for referral in Referral.objects.all():
        referral.full_clean()


def test_a_scheduled_date_after_the_visit_becomes_the_appointment():
    # given a 2026.1 scheduled referral whose date held the appointment
    case = CaseFactory()
    pk = stored(
        case,
        status="scheduled",
        date=dt.date(2026, 12, 1),
        changed_at=dt.datetime(2026, 10, 30, 14, 0, tzinfo=dt.UTC),
    )
    in_the_past = stored(
        case,
        status="scheduled",
        date=dt.date(2026, 10, 29),
        changed_at=dt.datetime(2026, 10, 20, 14, 0, tzinfo=dt.UTC),
    )

    with timezone.override(NEW_YORK):
        referral_dates.date_referrals(apps, None)

    # then the appointment moves to its own field and the date is the day it was
    # scheduled; a scheduled date on or before the visit is left as it was
    moved = Referral.objects.get(pk=pk)
    assert (moved.date, moved.appointment_date) == (
        dt.date(2026, 10, 30),
        dt.date(2026, 12, 1),
    )
    moved.full_clean()
    kept = Referral.objects.get(pk=in_the_past)
    assert (kept.date, kept.appointment_date) == (dt.date(2026, 10, 29), None)


def test_going_back_puts_the_appointment_in_the_date_again():
    case = CaseFactory()
    pk = stored(
        case,
        status="scheduled",
        date=dt.date(2026, 10, 30),
        appointment_date=dt.date(2026, 12, 1),
    )

    referral_dates.undo_appointments(apps, None)

    assert Referral.objects.get(pk=pk).date == dt.date(2026, 12, 1)


def test_the_migration_runs_these_functions():
    operation = referral_dates.Migration.operations[0]
    assert operation.code is referral_dates.date_referrals
    assert operation.reverse_code is referral_dates.undo_appointments
