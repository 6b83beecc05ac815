"""Guideline library and recommendation snapshots."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from patients.selectors import case_get_for_user, program_list_for_user
from recommendations import engine, selectors, services
from recommendations.models import RecommendationSnapshot


def guideline_library(request: HttpRequest) -> HttpResponse:
    """Every rule with source, strength and statement, and the research priorities."""
    overrides = selectors.rule_content_overrides()
    entries = []
    for rule in engine.CATALOGUE:
        entry = rule.library_entry()
        content = overrides.get(rule.id)
        if content is not None:
            entry.update(
                statement=content.statement,
                strength=str(content.strength),
                strength_stated=content.strength_stated,
                certainty=content.certainty,
            )
        entries.append(entry)
    case_facing = [e for e in entries if e["case_facing"]]
    groups = [
        ("Recommendations", [e for e in case_facing if e["kind"] == "recommendation"]),
        ("Safety alerts", [e for e in case_facing if e["kind"] == "alert"]),
        (
            "Psychosocial and supportive care",
            [e for e in case_facing if e["kind"] == "referral"],
        ),
        (
            "Research priorities (never part of a case's result)",
            [e for e in entries if not e["case_facing"]],
        ),
    ]
    return render(
        request,
        "recommendations/library.html",
        {
            "groups": groups,
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
    return render(
        request, "recommendations/snapshot_detail.html", {"snapshot": snapshot}
    )
