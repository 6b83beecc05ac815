"""The audit trail page for program admins: filters, details in words, CSV export.

Filters travel in the address (user, action, dates, and the case by its numeric key);
a case identifier typed in is posted, looked up among the admin's programs and
replaced by the case's key, so no identifier ever goes in a URL.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from patients import access, choices, selectors
from patients.audit import READ_TARGETS, audit_read
from patients.models import AuditEntry, Case, Program

AUDIT_PER_PAGE = 50
CASES_NAMED = 5  # case identifiers written out per list entry, then "and N more"
FILTERS = ("user", "action", "case", "date_from", "date_to")

MSG_NO_SUCH_CASE = "No case with the identifier “{case_id}” in your programs."
MSG_DATES_REVERSED = "The start date is after the end date."
MSG_DATE_FORMAT = "Write the date as year-month-day, e.g. 2026-11-30."
MSG_FILTER_REFUSED = "The audit trail was not filtered: "

WRITE_VERBS = {
    AuditEntry.Action.CREATED: "Added",
    AuditEntry.Action.UPDATED: "Changed",
    AuditEntry.Action.DELETED: "Deleted",
    AuditEntry.Action.IMPORTED: "Imported",
    AuditEntry.Action.EXPORTED: "Exported",
}
WRITE_TARGETS = {
    "case": "the case",
    "event": "an event",
    "referral": "a referral",
    "snapshot": "a snapshot of the recommendations",
    "decision_aid": "a decision aid",
    "program": "the program",
    "membership": "a member's roles",
    "api_token": "API tokens",
    "sheet": "cases from a spreadsheet",
    "sheet-preview": "a spreadsheet preview",
    "audit_trail": "the audit trail (CSV)",
    "recommendationsnapshot": "snapshots",
    "decisionaidjob": "decision-aid jobs",
}
ADMIN_MODELS = {
    "case": "cases",
    "event": "events",
    "referral": "referrals",
    "recommendationsnapshot": "snapshots",
    "decisionaidjob": "decision-aid jobs",
}
VIA = {
    "api": "through the API",
    "admin": "in the admin",
    "command": "from the command line",
    "export_cases": "with the export_cases command",
}
FILTER_WORDS = {"q": "name or identifier", "decision_point": "decision point"}
COUNTED = {
    "events": "event",
    "referrals": "referral",
    "rows": "row",
    "pages": "page",
    "count": "token",
    "problems": "problem",
}


class AuditFilterForm(forms.Form):
    user = forms.CharField(required=False, max_length=150, label="User")
    action = forms.ChoiceField(
        required=False,
        choices=[("", "Any action"), *AuditEntry.Action.choices],
        label="Action",
    )
    case = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    date_from = forms.DateField(
        required=False,
        label="From",
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": MSG_DATE_FORMAT},
    )
    date_to = forms.DateField(
        required=False,
        label="To",
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": MSG_DATE_FORMAT},
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", MSG_DATES_REVERSED)
        return data


def _admin_programs(request: HttpRequest) -> list[Program]:
    programs = [
        program
        for program in selectors.program_list_for_user(user=request.user)
        if access.program_admin_check(request.user, program)
    ]
    if not programs:
        raise Http404("No audit trail to show.")
    return programs


def _members(programs: list[Program]) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(programs__in=programs)
        .distinct()
        .order_by("username")
    )


def audit_entries_for(programs: list[Program]) -> QuerySet[AuditEntry]:
    """The programs' entries, and their members' sign-ins, sign-outs and failures."""
    usernames = _members(programs).values("username")
    return AuditEntry.objects.filter(
        Q(program__in=programs) | Q(program__isnull=True, actor_username__in=usernames)
    ).select_related("program")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_filter(entries: QuerySet[AuditEntry], *, data: dict) -> QuerySet:
    if data.get("user"):
        entries = entries.filter(actor_username=data["user"])
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("case"):
        pk = data["case"]
        entries = entries.filter(Q(case_id=pk) | Q(cases_shown__contains=f" {pk} "))
    if data.get("date_from"):
        entries = entries.filter(at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        entries = entries.filter(
            at__lt=_day_start(data["date_to"] + dt.timedelta(days=1))
        )
    return entries


# ---------------------------------------------------------------------------------
# Details in words
# ---------------------------------------------------------------------------------


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _named_cases(pks: list[int], refs: dict[int, str]) -> str:
    named = [refs.get(pk, f"a deleted case (key {pk})") for pk in pks[:CASES_NAMED]]
    more = len(pks) - len(named)
    return ", ".join(named) + (f" and {more} more" if more > 0 else "")


# Details read in this order, then the other keys shortest first (PostgreSQL's
# jsonb keeps no insertion order, so the order must not depend on it).
DETAIL_ORDER = ("rows", "new", "created", "updated", "unchanged", "problems")


def _ordered(detail: dict) -> list[tuple[str, object]]:
    rest = sorted(
        (k for k in detail if k not in DETAIL_ORDER), key=lambda k: (len(k), k)
    )
    return [(k, detail[k]) for k in (*[k for k in DETAIL_ORDER if k in detail], *rest)]


def _detail_words(entry: AuditEntry, refs: dict[int, str]) -> list[str]:
    words = []
    detail = entry.detail or {}
    for key, value in _ordered(detail):
        if key == "via":
            words.append(VIA.get(str(value), f"via {value}"))
        elif key == "fields":
            names = [str(name).replace("_", " ") for name in value]
            words.append("fields: " + (", ".join(names) if names else "none"))
        elif key == "filters":
            used = [FILTER_WORDS.get(name, name.replace("_", " ")) for name in value]
            if used:
                words.append("filtered by " + ", ".join(used))
        elif key == "cases":
            shown = entry.shown_case_pks
            text = _plural(int(value), "case")
            words.append(f"{text}: {_named_cases(shown, refs)}" if shown else text)
        elif key == "new" and isinstance(value, bool):
            words.append("a new case" if value else "an existing case")
        elif key in {"new", "created", "updated", "unchanged"}:
            words.append(f"{value} {key}")
        elif key in COUNTED:
            words.append(_plural(int(value), COUNTED[key]))
        elif key == "type":
            words.append(choices.EventType(value).label.lower())
        elif key == "kind":
            words.append(choices.ReferralKind(value).label.lower() + " referral")
        elif key == "job":
            words.append(f"job {value}")
        elif key == "aid":
            words.append(f"aid {value}")
        elif key == "reprint":
            words.append("the stored PDF, printed again")
        elif key == "given":
            words.append("marked as given to the patient")
        elif key == "format":
            words.append("as FHIR R4" if value == "fhir-r4" else f"as {value}")
        elif key == "ruleset_version":
            words.append(f"rule set {value}")
        elif key == "roles":
            words.append("roles: " + (", ".join(value) or "none"))
        elif key == "model":
            words.append(f"its pages of {ADMIN_MODELS.get(value, value)}")
        elif key in {"event", "referral", "snapshot", "user", "file_sha256"}:
            continue  # internal keys and checksums: not for reading
        else:
            words.append(f"{str(key).replace('_', ' ')} {value}")
    if entry.shown_case_pks and "cases" not in detail:
        words.append("cases shown: " + _named_cases(entry.shown_case_pks, refs))
    return words


def describe(entry: AuditEntry, refs: dict[int, str]) -> str:
    """What happened, in a sentence: "Viewed the worklist: 3 cases: PUB-001, …"."""
    action, target = entry.action, entry.target
    if action == AuditEntry.Action.SIGNED_IN:
        head = "Signed in"
    elif action == AuditEntry.Action.SIGNED_OUT:
        head = "Signed out"
    elif action == AuditEntry.Action.SIGN_IN_FAILED:
        head = "Sign-in refused (wrong username or password)"
    elif action == AuditEntry.Action.SEARCHED:
        head = "Searched the cases"
    elif action in (AuditEntry.Action.VIEWED, AuditEntry.Action.VIEWED_LIST):
        head = "Viewed " + READ_TARGETS.get(target, target.replace("_", " "))
    else:
        verb = WRITE_VERBS.get(action, entry.get_action_display())
        head = f"{verb} {WRITE_TARGETS.get(target, target.replace('_', ' '))}"
    words = _detail_words(entry, refs)
    return head + (" — " + "; ".join(words) if words else "")


def _case_refs(entries: Iterable[AuditEntry], programs: list[Program]) -> dict:
    pks = {pk for entry in entries for pk in entry.shown_case_pks}
    if not pks:
        return {}
    return dict(
        Case.objects.filter(pk__in=pks, program__in=programs).values_list(
            "pk", "case_id"
        )
    )


# ---------------------------------------------------------------------------------
# The page, the case lookup and the CSV export
# ---------------------------------------------------------------------------------


def _address(params: dict, **extra: str) -> str:
    """The audit page's address with these filters (and ``extra``, e.g. format)."""
    query = QueryDict(mutable=True)
    for name in FILTERS:
        if params.get(name):
            query[name] = str(params[name])
    query.update(extra)
    url = reverse("audit-list")
    return f"{url}?{query.urlencode()}" if query else url


def _find_case(request: HttpRequest, programs: list[Program]) -> HttpResponse:
    """The typed case identifier, replaced by the case's key in the address."""
    params = {name: request.POST.get(name, "") for name in FILTERS}
    case_id = request.POST.get("case_id", "").strip()
    if not case_id:
        params["case"] = ""
        return redirect(_address(params))
    case = Case.objects.filter(program__in=programs, case_id=case_id).first()
    if case is None:
        messages.error(request, MSG_NO_SUCH_CASE.format(case_id=case_id[:64]))
        return redirect(_address(params))
    params["case"] = case.pk
    return redirect(_address(params))


@require_http_methods(["GET", "POST"])
def audit_list(request: HttpRequest) -> HttpResponse:
    """Program admins: who read or changed which case, when and from where."""
    programs = _admin_programs(request)
    if request.method == "POST":
        return _find_case(request, programs)
    form = AuditFilterForm(request.GET)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    case = None
    if data.get("case"):
        case = Case.objects.filter(pk=data["case"], program__in=programs).first()
        if case is None:
            raise Http404("No such case.")
    entries = audit_filter(audit_entries_for(programs), data=data)
    if valid and request.GET.get("format") == "csv":
        return _csv_export(request, entries, programs=programs, data=data)
    page = Paginator(entries if valid else entries.none(), AUDIT_PER_PAGE).get_page(
        request.GET.get("page")
    )
    refs = _case_refs(page, programs)
    rows = [(entry, describe(entry, refs)) for entry in page]
    return render(
        request,
        "patients/audit_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "case": case,
            "members": _members(programs).values_list("username", flat=True),
            "time_zone": timezone.get_current_timezone_name(),
            "filtered": not valid or any(data.get(name) for name in FILTERS),
            "csv_address": _address(data, format="csv"),
            "without_case": _address({**data, "case": None}),
        },
        status=200 if valid else 400,
    )


# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


CSV_COLUMNS = [
    "time",
    "time zone",
    "user",
    "from address",
    "action",
    "what",
    "case",
    "cases shown",
    "program",
]


def _csv_rows(
    entries: QuerySet[AuditEntry], programs: list[Program]
) -> Iterator[list[str]]:
    yield CSV_COLUMNS
    zone = timezone.get_current_timezone()
    batch: list[AuditEntry] = []

    def flush() -> Iterator[list[str]]:
        refs = _case_refs(batch, programs)
        for entry in batch:
            yield [
                entry.at.astimezone(zone).isoformat(timespec="seconds"),
                str(zone),
                entry.actor_username or "system",
                entry.remote_addr or "",
                entry.get_action_display(),
                describe(entry, refs),
                entry.case_ref,
                " ".join(refs.get(pk, str(pk)) for pk in entry.shown_case_pks),
                entry.program.name if entry.program else "",
            ]

    for entry in entries.iterator(chunk_size=500):
        batch.append(entry)
        if len(batch) == 500:
            yield from flush()
            batch = []
    yield from flush()


def _csv_export(
    request: HttpRequest,
    entries: QuerySet[AuditEntry],
    *,
    programs: list[Program],
    data: dict,
) -> StreamingHttpResponse:
    """The filtered trail as CSV; the export is itself audited, once per program."""
    used = sorted(name for name in FILTERS if data.get(name))
    count = entries.count()
    for program in programs:
        audit_read(
            request=request,
            what="audit_trail",
            action=AuditEntry.Action.EXPORTED,
            program=program,
            detail={"rows": count, "filters": used},
        )
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (
            writer.writerow([_cell(value) for value in row])
            for row in _csv_rows(entries, programs)
        ),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
