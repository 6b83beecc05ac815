"""The program dashboard and, for each measure, the cases behind its number."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from dashboard import charts, selectors
from dashboard.measures import (
    MEASURES_BY_ID,
    OUTCOME_LABELS,
    MeasureResult,
    Outcome,
)
from dashboard.period import PeriodChoice, period_from
from patients.audit import audit_read
from patients.models import Program

AUDIT_TARGET = "dashboard"
OUTCOME_ORDER = (Outcome.MET, Outcome.NOT_MET, Outcome.INSUFFICIENT, Outcome.PENDING)


def _program_or_404(request: HttpRequest) -> tuple[Program, list[Program]]:
    programs = selectors.dashboard_programs_for_user(user=request.user)
    if not programs:
        raise Http404("No dashboard to show.")
    chosen = request.GET.get("program")
    if not chosen:
        return programs[0], programs
    program = next((p for p in programs if p.slug == chosen), None)
    if program is None:
        raise Http404("No such program.")
    return program, programs


def _query(program: Program, choice: PeriodChoice, **extra: str) -> str:
    params = {"program": program.slug, "from": choice.start_param}
    params["to"] = choice.end_param
    return urlencode({**params, **extra})


def _audit(request: HttpRequest, program: Program, detail: dict) -> None:
    """One audit entry per page, naming the cases shown (keys, never names)."""
    detail = dict(detail)
    cases = detail.pop("cases")
    audit_read(
        request=request,
        what=detail.pop("page"),
        program=program,
        cases=cases,
        detail=detail,
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    """Coordinators and program admins: the guideline's measures, by month."""
    program, programs = _program_or_404(request)
    choice = period_from(request.GET, today=timezone.localdate())
    results = selectors.program_measures(program=program, period=choice.period)
    query = _query(program, choice)
    cards = [
        {
            "result": result,
            "chart": charts.bar_chart(result),
            "url": reverse("dashboard-measure", args=[result.measure.id]),
            "query": query,
            "months": [
                (month, tally, _query(program, choice, month=f"{month:%Y-%m}"))
                for month, tally in result.by_month
            ],
        }
        for result in results
    ]
    _audit(
        request,
        program,
        {
            "page": "dashboard",
            "period": [choice.start_param, choice.end_param],
            "cases": sorted({u.case.pk for r in results for u in r.all_units}),
        },
    )
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "program": program,
            "programs": programs,
            "choice": choice,
            "cards": cards,
            "query": query,
        },
    )


def _month_param(value: str | None, result: MeasureResult) -> dt.date | None:
    if not value:
        return None
    for month, _ in result.by_month:
        if f"{month:%Y-%m}" == value:
            return month
    raise Http404("That month is not in the period.")


def measure_cases(request: HttpRequest, measure_id: str) -> HttpResponse:
    """The cases behind one measure's number (or one month of its chart)."""
    measure = MEASURES_BY_ID.get(measure_id)
    if measure is None:
        raise Http404("No such measure.")
    program, programs = _program_or_404(request)
    choice = period_from(request.GET, today=timezone.localdate())
    results = selectors.program_measures(program=program, period=choice.period)
    result = next(r for r in results if r.measure.id == measure_id)
    month = _month_param(request.GET.get("month"), result)
    if month is None:
        units, tally = result.units, result.total
    else:
        units = result.units_for_month(month)
        tally = dict(result.by_month)[month]
    groups = [
        (outcome, OUTCOME_LABELS[outcome], [u for u in units if u.outcome is outcome])
        for outcome in OUTCOME_ORDER
    ]
    _audit(
        request,
        program,
        {
            "page": "dashboard_measure",
            "measure": measure.id,
            "period": [choice.start_param, choice.end_param],
            "month": f"{month:%Y-%m}" if month else None,
            "cases": sorted({u.case.pk for u in units}),
        },
    )
    return render(
        request,
        "dashboard/measure.html",
        {
            "program": program,
            "programs": programs,
            "choice": choice,
            "measure": measure,
            "result": result,
            "tally": tally,
            "month": month,
            "groups": groups,
            "back_query": _query(program, choice),
        },
    )
