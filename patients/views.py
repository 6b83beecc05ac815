"""Clinic pages: case list, case page and edit forms.

(The worklist is in worklist_views, the audit trail in audit_views.)

Every page requires sign-in (LoginRequiredMiddleware). A case of another program is a
404, exactly like a case that does not exist. Views parse input and call services;
they hold no business rules.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from patients import selectors, services, timeline_html
from patients.audit import audit_read
from patients.case_page import case_page_parts, timeline_parts
from patients.choices import ReferralKind, ReferralStatus, WorkupTest
from patients.errors import ApplicationError
from patients.forms import (
    CaseFactsForm,
    CaseSearchForm,
    EventForm,
    ReferralForm,
    WorkupRecordForm,
)
from patients.models import AuditEntry, Case, Event, Referral
from patients.pages import render_with_body
from recommendations import engine
from recommendations import selectors as rule_selectors

CASES_PER_PAGE = 25


def _case_or_404(request: HttpRequest, pk: int) -> Case:
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if case is None:
        raise Http404("No such case.")
    return case


def _today():  # noqa: ANN202
    return timezone.localdate()


@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    """Cases of my programs; the search travels in the POST body, not the URL."""
    from evaluations.selectors import case_list_page

    alert_ids = [rule.id for rule in engine.CATALOGUE if rule.id.startswith("ALERT-")]
    form = CaseSearchForm(request.POST or None, alert_ids=alert_ids)
    searched = request.method == "POST" and form.is_valid()
    filters: dict = {}
    page_number = 1
    used: list[str] = []
    if searched:
        data = form.cleaned_data
        filters = {
            "query": data["q"],
            "lineage": data["lineage"],
            "decision_point": data["decision_point"],
            "alert": data["alert"],
        }
        page_number = request.POST.get("page") or 1
        used = sorted(name for name, value in data.items() if value)
    page = case_list_page(
        user=request.user,
        as_of=_today(),
        page_number=page_number,
        page_size=CASES_PER_PAGE,
        **filters,
    )
    audit_read(
        request=request,
        what="case_search" if used else "case_list",
        action=AuditEntry.Action.SEARCHED if used else None,
        cases=[row.case for row in page],
        detail={"filters": used} if used else None,
    )
    return render(request, "patients/case_list.html", {"form": form, "page": page})


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The clinician's view at a visit: facts, timeline, recommendations, referrals."""
    # One query for the access check and the case, then the timeline prefetched.
    case = (
        selectors.case_with_timeline(selectors.case_list_for_user(user=request.user))
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404("No such case.")
    today = _today()
    # One document for the engine and the decision-aid panel.
    document = rule_selectors.case_document_for_engine(case=case)
    result = rule_selectors.case_evaluate(case=case, as_of=today, document=document)
    events = list(case.events.all())
    audit_read(request=request, what="case", case=case)
    context = {
        "case": case,
        "result": result,
        **case_page_parts(case, result=result, events=events, as_of=today),
        "events": events,
        "referrals": list(case.referrals.all()),
        **timeline_parts(case, events=events, result=result, today=today),
        "snapshots": _snapshot_list(case),
        "today": today,
        "sources": engine.SOURCES,
    }
    context.update(_aid_context(case, result, document))
    context["timeline_svg"] = timeline_html.timeline_svg
    context["timeline_table_rows"] = timeline_html.timeline_table_rows
    return render_with_body(
        request, "patients/case_detail.html", "patients/case_detail.html", context
    )


@require_POST
def workup_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The work-up checklist's one step: mark a test done, with its date and result."""
    case = _case_or_404(request, pk)
    form = WorkupRecordForm(request.POST)
    if form.is_valid():
        try:
            services.workup_record(
                case=case,
                actor=request.user,
                test=form.cleaned_data["test"],
                date=form.cleaned_data["date"],
                result=form.cleaned_data["result"],
                today=_today(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            label = WorkupTest(form.cleaned_data["test"]).label
            messages.success(request, f"{label} recorded as done.")
            return redirect(f"{reverse('case-detail', args=[case.pk])}#workup")
    messages.error(
        request,
        "The work-up was not recorded: "
        + " ".join(str(m) for errors in form.errors.values() for m in errors),
    )
    return redirect(f"{reverse('case-detail', args=[case.pk])}#workup")


class SnapshotLine(NamedTuple):
    """A saved snapshot as the case page lists it."""

    pk: int
    created_at: dt.datetime
    saved_by: str | None
    ruleset_version: str
    point: str | None


def _snapshot_list(case: Case) -> list[SnapshotLine]:
    """The latest five snapshots as the page lists them, in one query of the five
    values shown: who saved each, and its decision point read in SQL, not its two
    JSON documents."""
    from django.db.models.fields.json import KT

    rows = case.snapshots.values_list(
        "pk",
        "created_at",
        "created_by__username",
        "ruleset_version",
        KT("result__decision_point"),
    )[:5]
    return [SnapshotLine(*row) for row in rows]


def _aid_context(case: Case, result: dict, document: dict | None = None) -> dict:
    from decisionaids.selectors import aid_panel_for_case

    return aid_panel_for_case(case=case, result=result, document=document)


def _apply_errors(form, error: ValidationError) -> None:  # noqa: ANN001
    """Put a service's validation errors on the form's fields, in plain words."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages_:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    form = CaseFactsForm(request.POST or None, instance=Case.objects.get(pk=case.pk))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.case_update(
                case=case,
                actor=request.user,
                data=data,
                expected_version=_int(request.POST.get("version")),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The case facts were saved.")
            return redirect("case-detail", pk=case.pk)
    audit_read(request=request, what="case_form", case=case)
    return render(
        request,
        "patients/case_form.html",
        {"case": case, "form": form},
        status=_status(form),
    )


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _status(form) -> int:  # noqa: ANN001
    return 400 if form.is_bound and form.errors else 200


@require_http_methods(["GET", "POST"])
def event_edit(
    request: HttpRequest, pk: int, event_pk: int | None = None
) -> HttpResponse:
    case = _case_or_404(request, pk)
    event = get_object_or_404(Event, pk=event_pk, case=case) if event_pk else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.event_save(
                case=case, actor=request.user, data=data, today=_today(), event=event
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The event was saved.")
            return redirect("case-detail", pk=case.pk)
    audit_read(request=request, what="event_form", case=case)
    return render(
        request,
        "patients/event_form.html",
        {"case": case, "form": form, "event": event},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def event_delete(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    event = get_object_or_404(Event, pk=event_pk, case=case)
    if request.method == "POST":
        services.event_delete(event=event, actor=request.user)
        messages.success(request, "The event was deleted.")
        return redirect("case-detail", pk=case.pk)
    audit_read(request=request, what="delete_confirm", case=case)
    return render(
        request,
        "patients/confirm_delete.html",
        {"case": case, "what": f"the event “{event}”"},
    )


def _owners(case: Case):  # noqa: ANN202
    return get_user_model().objects.filter(programs=case.program, is_active=True)


@require_http_methods(["GET", "POST"])
def referral_edit(
    request: HttpRequest, pk: int, referral_pk: int | None = None
) -> HttpResponse:
    case = _case_or_404(request, pk)
    referral = (
        get_object_or_404(Referral, pk=referral_pk, case=case) if referral_pk else None
    )
    initial = {}
    if referral is None and request.GET.get("kind") in ReferralKind.values:
        initial = {"kind": request.GET["kind"], "owner": request.user.pk}
    form = ReferralForm(
        request.POST or None, instance=referral, initial=initial, owners=_owners(case)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.referral_save(
                case=case,
                actor=request.user,
                data=data,
                today=_today(),
                referral=referral,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The referral was saved.")
            return redirect("case-detail", pk=case.pk)
    audit_read(request=request, what="referral_form", case=case)
    return render(
        request,
        "patients/referral_form.html",
        {"case": case, "form": form, "referral": referral},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def referral_delete(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    referral = get_object_or_404(Referral, pk=referral_pk, case=case)
    if request.method == "POST":
        services.referral_delete(referral=referral, actor=request.user)
        messages.success(request, "The referral was deleted.")
        return redirect("case-detail", pk=case.pk)
    audit_read(request=request, what="delete_confirm", case=case)
    return render(
        request,
        "patients/confirm_delete.html",
        {"case": case, "what": f"the referral “{referral}”"},
    )


@require_POST
def referral_quick_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The worklist's one click: set the status of a case's referral of one kind."""
    case = _case_or_404(request, pk)
    kind, status = request.POST.get("kind"), request.POST.get("status")
    if kind not in ReferralKind.values or status not in ReferralStatus.values:
        messages.error(
            request, "That referral change was not understood; nothing changed."
        )
    else:
        try:
            services.referral_set_status(
                case=case, kind=kind, status=status, actor=request.user, on=_today()
            )
        except (ValidationError, ApplicationError) as error:
            text = getattr(error, "message", None) or "; ".join(error.messages)
            messages.error(request, f"Nothing changed: {text}")
        else:
            messages.success(
                request,
                f"{ReferralKind(kind).label} referral for {case.case_id} is now "
                f"{ReferralStatus(status).label.lower()}.",
            )
    target = request.POST.get("next")
    return redirect(target if target in {"/", f"/cases/{case.pk}/"} else "worklist")
