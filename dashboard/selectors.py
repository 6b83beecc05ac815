"""Reads for the dashboard: a program's cases as plain histories, in a few queries."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from dashboard.access import dashboard_role_check
from dashboard.history import AidGiven, CaseHistory, Period, ReferralRow
from dashboard.measures import (
    MEASURES,
    REMISSION_RESPONSES,
    MeasureResult,
    measure_compute,
)
from decisionaids.models import DecisionAidJob
from patients.choices import THERAPY_EVENT_TYPES, EventType, FitnessCategory
from patients.models import Case, Program
from patients.selectors import case_with_timeline, program_list_for_user
from recommendations import engine
from recommendations.engine.logic import APPLIES, INSUFFICIENT_DATA
from recommendations.engine.rules.workup import ITEMS as WORKUP_ITEMS
from recommendations.selectors import case_document_for_engine

_FRAIL = {FitnessCategory.FRAIL: True, FitnessCategory.UNKNOWN: None}


def dashboard_programs_for_user(
    *, user: AbstractBaseUser | AnonymousUser
) -> list[Program]:
    """The programs whose dashboard the user may see (two queries)."""
    if not dashboard_role_check(user):
        return []
    return list(program_list_for_user(user=user))


def _workup_due(facts: engine.CaseFacts) -> frozenset[str] | None:
    """The tests the engine's WU-… items say are due for this case at re-induction."""
    due = set()
    for item in WORKUP_ITEMS:
        outcome = item.due(facts).outcome
        if outcome is INSUFFICIENT_DATA:
            return None
        if outcome is APPLIES:
            due.add(item.test)
    return frozenset(due)


def _history(case: Case, aids: list[AidGiven], *, today: dt.date) -> CaseHistory:
    events = list(case.events.all())
    facts = engine.facts_from_document(
        case_document_for_engine(case=case), as_of=max(today, case.evaluation_date)
    )
    relapses = {e.date for e in events if e.type == EventType.RELAPSE}
    if case.latest_relapse_date:
        relapses.add(case.latest_relapse_date)
    return CaseHistory(
        pk=case.pk,
        case_id=case.case_id,
        name=case.display_name,
        diagnosis_date=case.diagnosis_date,
        relapse_dates=tuple(sorted(relapses)),
        relapse_count=case.relapse_count,
        therapy_dates=tuple(
            sorted(e.date for e in events if e.type in THERAPY_EVENT_TYPES)
        ),
        remission_dates=tuple(
            sorted(
                e.date
                for e in events
                if e.type == EventType.RESPONSE and e.response in REMISSION_RESPONSES
            )
        ),
        workup=tuple((e.test, e.date) for e in events if e.type == EventType.WORKUP),
        referrals=tuple(
            ReferralRow(r.kind, r.status, r.date) for r in case.referrals.all()
        ),
        aids_given=tuple(aids),
        frail_now=_FRAIL.get(case.fitness_category, False),
        workup_due=_workup_due(facts),
        current_decision_point=str(facts.decision_point),
        mental_health_interval_days=case.program.mental_health_interval_days,
    )


def program_case_histories(*, program: Program, today: dt.date) -> list[CaseHistory]:
    """Every case of the program as the measures read it: four queries in all."""
    aids: dict[int, list[AidGiven]] = {}
    given = DecisionAidJob.objects.filter(
        case__program=program, given_at__isnull=False
    ).values_list("case_id", "snapshot__as_of", "snapshot__result__decision_point")
    for case_pk, as_of, point in given:
        aids.setdefault(case_pk, []).append(AidGiven(str(point), as_of))
    cases = case_with_timeline(Case.objects.filter(program=program)).order_by(
        "family_name", "case_id"
    )
    return [_history(case, aids.get(case.pk, []), today=today) for case in cases]


def program_measures(*, program: Program, period: Period) -> list[MeasureResult]:
    histories = program_case_histories(program=program, today=period.today)
    return [measure_compute(measure, histories, period) for measure in MEASURES]
