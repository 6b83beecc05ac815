"""Guideline library and recommendation snapshots."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from patients.access import program_admin_check
from patients.audit import audit_read
from patients.errors import ApplicationError
from patients.selectors import case_get_for_user, program_list_for_user
from recommendations import engine, impact, library, selectors, services
from recommendations.models import RecommendationSnapshot


def guideline_library(request: HttpRequest) -> HttpResponse:
    """Every rule with source, strength and statement; search and filters in the URL.

    Each entry is anchored by its ID (``/guideline/#RR-…``) so a case page can link
    to it; the filters are GET parameters, so a filtered view can be bookmarked.
    """
    entries = selectors.library_entries()
    page = library.library_page(entries, library.library_filters_from(request.GET))
    return render(
        request,
        "recommendations/library.html",
        {
            "library": page,
            "strength_labels": library.STRENGTH_LABELS,
            "point_labels": library.DECISION_POINT_LABELS,
            "ruleset_version": engine.RULESET_VERSION,
            "sources": engine.SOURCES,
        },
    )


@require_POST
def snapshot_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)
    if case is None:
        raise Http404("No such case.")
    snapshot = services.recommendation_snapshot_create(
        case=case, actor=request.user, as_of=timezone.localdate()
    )
    messages.success(request, f"Snapshot saved ({snapshot.ruleset_version}).")
    return redirect("case-detail", pk=case.pk)


def snapshot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = (
        RecommendationSnapshot.objects.filter(
            pk=pk, program__in=program_list_for_user(user=request.user)
        )
        .select_related("created_by")
        .first()
    )
    if snapshot is None:
        raise Http404("No such snapshot.")
    audit_read(request=request, what="snapshot", case=snapshot)
    return render(
        request, "recommendations/snapshot_detail.html", {"snapshot": snapshot}
    )


def ruleset_impact(request: HttpRequest) -> HttpResponse:
    """Program admins: what the current rule set changes, case by case."""
    programs = [
        program
        for program in program_list_for_user(user=request.user)
        if program_admin_check(request.user, program)
    ]
    if not programs:
        raise Http404("No program to report on.")
    chosen = request.GET.get("program")
    program = next((p for p in programs if p.slug == chosen), programs[0])
    report = impact.program_ruleset_impact(program=program)
    audit_read(
        request=request,
        what="ruleset_impact",
        program=program,
        cases=[case.case_pk for case in report.cases],
    )
    return render(
        request,
        "recommendations/ruleset_impact.html",
        {"report": report, "programs": programs, "program": program},
    )


@require_POST
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """Acknowledge one alert of a case with a reason; back to the case's alerts."""
    case = case_get_for_user(user=request.user, pk=pk)
    if case is None:
        raise Http404("No such case.")
    rule_id = request.POST.get("rule_id", "")
    try:
        services.alert_acknowledge(
            case=case,
            rule_id=rule_id,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            as_of=timezone.localdate(),
        )
    except ApplicationError as error:
        messages.error(request, f"The alert was not acknowledged: {error.message}")
    else:
        messages.success(request, f"{rule_id} acknowledged.")
    return redirect(f"{reverse('case-detail', args=[case.pk])}#alerts")
