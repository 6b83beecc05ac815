"""A synthetic cohort in a few bulk queries, for query-count and scale tests."""

from __future__ import annotations

import datetime as dt

from evaluations.services import case_evaluation_refresh
from patients.models import Case, Event, Program, Referral
from tests.factories import CaseFactory, EventFactory, ReferralFactory

KINDS = ("social_work", "mental_health", "fertility")


def cohort(*, program: Program, cases: int, events_per_case: int = 2) -> list[Case]:
    """``cases`` relapsed cases with events and some referrals, evaluated."""
    built = CaseFactory.build_batch(cases, program=program)
    for index, case in enumerate(built):
        case.case_id = f"SYN-{program.pk}-{index:05d}"
        case.family_name = f"Synthetic{index:05d}"
        if index % 3 == 0:
            case.next_treatment_start = dt.date(2026, 10, 28)  # fertility overdue
        case.fill_search_text()  # bulk_create does not call save()
    Case.objects.bulk_create(built)
    created = list(Case.objects.filter(program=program).order_by("pk"))
    events = []
    referrals = []
    for index, case in enumerate(created):
        for n in range(events_per_case):
            events.append(
                EventFactory.build(
                    case=case, type="blinatumomab", date=dt.date(2026, 10, 21)
                )
            )
            del n
        if index % 2:
            referrals.append(
                ReferralFactory.build(
                    case=case, kind=KINDS[index % len(KINDS)], status="referred"
                )
            )
    Event.objects.bulk_create(events)
    Referral.objects.bulk_create(referrals)
    case_evaluation_refresh(case_ids=[c.pk for c in created])
    return created
