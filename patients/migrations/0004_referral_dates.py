"""Give stored referrals the dates catalogue 2026.2 requires, so none becomes invalid.

- A referral whose status is not ``needed`` and has no date gets the date its status
  was recorded: the local date of ``status_changed_at``, else of ``created_at``.
- A scheduled referral whose date lies after its case's evaluation date held its
  appointment there (2026.1 allowed that); the appointment moves to
  ``appointment_date`` and the date becomes the day the status was recorded.

A recorded day after the case's evaluation date is taken back to that date: the case
document described the referral's status as of its evaluation date, so the status was
reached by then.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def _recorded_day(referral):
    """The day the status was recorded, no later than the case's evaluation date."""
    recorded = referral.status_changed_at or referral.created_at
    day = timezone.localdate(recorded)
    evaluation = referral.case.evaluation_date
    return min(day, evaluation) if evaluation else day


def date_referrals(apps, schema_editor):
    referral_model = apps.get_model("patients", "Referral")
    changed = []
    undated = (
        referral_model.objects.filter(date__isnull=True)
        .exclude(status="needed")
        .select_related("case")
    )
    for referral in undated:
        referral.date = _recorded_day(referral)
        changed.append(referral)
    ahead = referral_model.objects.filter(
        status="scheduled", date__gt=F("case__evaluation_date")
    ).select_related("case")
    for referral in ahead:
        referral.appointment_date = referral.date
        referral.date = _recorded_day(referral)
        changed.append(referral)
    referral_model.objects.bulk_update(
        changed, ["date", "appointment_date"], batch_size=500
    )


def undo_appointments(apps, schema_editor):
    """Back to 2026.1: a scheduled referral's date is its appointment again."""
    referral_model = apps.get_model("patients", "Referral")
    referral_model.objects.filter(
        status="scheduled", appointment_date__isnull=False
    ).update(date=F("appointment_date"))


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0003_catalogue_2026_2_case_fields"),
    ]

    operations = [migrations.RunPython(date_referrals, undo_appointments)]
