"""The worklist page: one row per patient, with status changes in place and an undo.

The rows come from a producer with the ``WorklistPage`` shape (``PRODUCER``); the page
never knows whether the engine ran or stored evaluations were read. Each change is a
plain form POST that redirects back with the filters, and the same POST sent by htmx
answers with the patient's row, the summary cards and a message with its undo, so the
page changes in place without a reload.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from evaluations import selectors as evaluation_selectors
from patients import selectors, services
from patients.audit import audit_read
from patients.choices import ReferralKind, ReferralStatus
from patients.errors import ApplicationError
from patients.models import Case
from recommendations import worklist
from recommendations.worklist_rows import WorklistFilters

# The producer of the rows: the stored current evaluations, read with SQL (ADR 0007).
# ``recommendations.worklist`` gives the same page from the engine run per request.
PRODUCER = evaluation_selectors
PAGE_SIZE = 25
# How long an undo is offered on the page, and accepted by the server (a little more,
# for a slow click or a page without JavaScript).
UNDO_SHOWN_SECONDS = 15
UNDO_ACCEPTED_SECONDS = 120
UNDO_SALT = "patients.worklist.undo"
SESSION_UNDO = "worklist_undo"

QUICK_STATUSES = (
    ReferralStatus.REFERRED,
    ReferralStatus.SCHEDULED,
    ReferralStatus.COMPLETED,
    ReferralStatus.DECLINED,
)
# "Mark all" takes only a status that needs nothing more (no date, no reason).
BULK_STATUSES = (ReferralStatus.REFERRED, ReferralStatus.COMPLETED)
DECISION_WORDS = {
    "REINDUCTION": "Re-induction decision",
    "CONSOLIDATION": "Consolidation decision",
    "NONE": "No decision pending",
}
CARD_LABELS = {
    "overdue": "patients with an overdue referral",
    "due": "patients with referrals due",
    "alerts": "patients with new alerts",
    "workup": "patients with open work-up",
    "decisions": "patients at a decision point",
}
MSG_NOT_UNDERSTOOD = "That change was not understood; nothing changed."
MSG_UNDO_EXPIRED = "The undo has expired; change the referral directly."
MSG_UNDONE = "Undone: the {kinds} referral for {name} is back as it was."
MSG_UNDONE_MANY = "Undone: the {kinds} referrals for {name} are back as they were."
MSG_ALL_SET = "{count} referrals for {name} are now {status}: {kinds}."
MSG_STATUS_SET = "{kind} referral for {name} is now {status}."
MSG_ASSIGNED = "{kind} referral for {name} is now owned by {owner}."
MSG_UNASSIGNED = "{kind} referral for {name} now has no owner."
FILTER_KEYS = ("owner", "kind", "status", "overdue", "program", "card")
# A program to filter by: what the filter shows of it (its rendering is kept).
ProgramChoice = namedtuple("ProgramChoice", ["pk", "name"])  # noqa: PYI024


def _today() -> dt.date:
    return timezone.localdate()


# --- Filters in the address ---


def _clean_query(query: QueryDict, *, with_cursor: bool = True) -> dict[str, str]:
    """The filter parameters worth keeping, each checked against what it may be."""
    kept: dict[str, str] = {}
    owner = query.get("owner", "")
    if owner in {"none", "me"} or owner.isdigit():
        kept["owner"] = owner
    if query.get("kind") in worklist.REFERRAL_KIND_FOR_RULE.values():
        kept["kind"] = query["kind"]
    if query.get("status") in [*ReferralStatus.values, "none"]:
        kept["status"] = query["status"]
    if query.get("overdue") == "1":
        kept["overdue"] = "1"
    if query.get("program", "").isdigit():
        kept["program"] = query["program"]
    if query.get("card") in CARD_LABELS:
        kept["card"] = query["card"]
    cursor = query.get("cursor", "")
    if with_cursor and cursor and len(cursor) < 100 and cursor.isascii():
        kept["cursor"] = cursor
    return kept


def _filters(kept: dict[str, str], user) -> WorklistFilters:  # noqa: ANN001
    owner = kept.get("owner")
    return WorklistFilters(
        owner=user.pk
        if owner == "me"
        else int(owner)
        if owner and owner.isdigit()
        else None,
        unassigned=owner == "none",
        kind=kept.get("kind"),
        status=kept.get("status"),
        overdue_only=kept.get("overdue") == "1",
        program=int(kept["program"]) if "program" in kept else None,
        card=kept.get("card"),
    )


def _address(kept: dict[str, str], **changes: str | None) -> str:
    values = {**kept, **changes}
    query = urlencode({k: v for k, v in values.items() if v})
    return f"{reverse('worklist')}?{query}" if query else reverse("worklist")


def _next_query(request: HttpRequest) -> dict[str, str]:
    """The filters a change came from (the form's ``next``), checked again."""
    return _clean_query(QueryDict(request.POST.get("next", "")))


# --- The page ---


def _cards(kept: dict[str, str], filters: WorklistFilters, counts) -> list[dict]:  # noqa: ANN001
    """The summary cards, each a link that filters (and, when active, unfilters)."""
    without_cursor = {k: v for k, v in kept.items() if k != "cursor"}
    return [
        {
            "name": name,
            "count": getattr(counts, name),
            "label": label,
            "active": filters.card == name,
            "href": _address(
                without_cursor, card=None if filters.card == name else name
            ),
        }
        for name, label in CARD_LABELS.items()
    ]


def _context(request: HttpRequest, kept: dict[str, str]) -> dict:
    user = request.user
    filters = _filters(kept, user)
    try:
        page = PRODUCER.worklist_page(
            user=user,
            filters=filters,
            cursor=kept.get("cursor"),
            as_of=_today(),
            page_size=PAGE_SIZE,
        )
    except ValueError:  # a cursor the producer did not make: start at the top
        kept.pop("cursor", None)
        page = PRODUCER.worklist_page(
            user=user, filters=filters, cursor=None, as_of=_today(), page_size=PAGE_SIZE
        )
    without_cursor = {k: v for k, v in kept.items() if k != "cursor"}
    cards = _cards(kept, filters, page.counts)
    return {
        "page": page,
        "cards": cards,
        "filters": kept,
        "next_query": urlencode(kept),
        "kinds": [
            (k, ReferralKind(k).label) for k in worklist.REFERRAL_KIND_FOR_RULE.values()
        ],
        "statuses": ReferralStatus.choices,
        "programs": [
            ProgramChoice(*values)
            for values in selectors.program_list_for_user(user=user)
            .order_by("name")
            .values_list("pk", "name")
        ],
        "next_href": _address(without_cursor, cursor=page.next_cursor)
        if page.next_cursor
        else "",
        "first_href": _address(without_cursor) if kept.get("cursor") else "",
        "decision_words": DECISION_WORDS,
        "undo_seconds": UNDO_SHOWN_SECONDS,
        "today": _today(),
    }


@require_GET
def worklist_page(request: HttpRequest) -> HttpResponse:
    """The coordinator's home: a row per patient with what is due, overdue first."""
    kept = _clean_query(request.GET)
    context = _context(request, kept)
    context["undo"] = request.session.pop(SESSION_UNDO, None)
    audit_read(
        request=request,
        what="worklist",
        cases=context["page"].rows,
    )
    return render(request, "patients/worklist.html", context)


@require_GET
def worklist_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """A patient's due referral items with their forms (status, owner).

    The worklist renders an item's forms only when it is opened: htmx asks for
    ``?kind=`` and swaps this item's panel in. Without JavaScript the item's link
    opens this page, which shows the same forms; they post back to the worklist.
    """
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if case is None:
        raise Http404("No such case.")
    kept = _clean_query(QueryDict(request.GET.get("next", "")), with_cursor=False)
    page = PRODUCER.worklist_page(
        user=request.user,
        filters=_filters(kept, request.user),
        cursor=None,
        as_of=_today(),
        case_pk=case.pk,
    )
    row = page.rows[0] if page.rows else None
    kind = request.GET.get("kind")
    items = [i for i in (row.items if row else ()) if kind in (None, i.kind)]
    audit_read(request=request, what="worklist item", case=case)
    context = {
        "case": case,
        "row": row,
        "items": items,
        "page": page,
        "next_query": urlencode(kept),
        "back_href": _address(kept),
        "today": _today(),
    }
    if request.headers.get("HX-Request") == "true":
        item = items[0] if items else None
        return render(
            request, "patients/_worklist_panel.html", {**context, "item": item}
        )
    return render(request, "patients/worklist_item.html", context)


# --- Changes ---


def _case(request: HttpRequest) -> Case:
    pk = request.POST.get("case", "")
    case = (
        selectors.case_get_for_user(user=request.user, pk=int(pk))
        if pk.isdigit()
        else None
    )
    if case is None:
        raise Http404("No such case.")
    return case


def _kind(request: HttpRequest) -> str | None:
    kind = request.POST.get("kind")
    return kind if kind in worklist.REFERRAL_KIND_FOR_RULE.values() else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise ValidationError(
            {"appointment_date": "Give the appointment date as YYYY-MM-DD."}
        ) from None


def _name(case: Case) -> str:
    return case.display_name or case.case_id


def _error_text(error: Exception) -> str:
    if isinstance(error, ApplicationError):
        return f"Nothing changed: {error.message}"
    messages_ = getattr(error, "messages", None) or [str(error)]
    text = " ".join(str(m) for m in messages_)
    return text if "nothing changed" in text.lower() else f"Nothing changed: {text}"


def _field_of(error: Exception) -> str:
    """The input an error is about, to mark it invalid and move the focus there."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return next(iter(error.error_dict), "")
    return ""


def _answer(
    request: HttpRequest,
    *,
    case: Case,
    kind: str | None,
    kept: dict[str, str],
    message: str,
    error: bool = False,
    undo: str | None = None,
    invalid: str = "",
) -> HttpResponse:
    """htmx: the row, the cards and the message; otherwise back to the filtered page."""
    if request.headers.get("HX-Request") != "true":
        (messages.error if error else messages.success)(request, message)
        if undo:
            request.session[SESSION_UNDO] = {"token": undo, "case": case.pk}
        return redirect(f"{_address(kept)}#row-{case.pk}")
    filters = _filters(kept, request.user)
    # This patient's row only (it is swapped in where it is, even if its order
    # changed), the cards and the owners: the same cost at 30 cases or 50,000.
    page = PRODUCER.worklist_page(
        user=request.user,
        filters=filters,
        cursor=None,
        as_of=_today(),
        case_pk=case.pk,
    )
    row = page.rows[0] if page.rows else None
    context = {
        "row": row,
        "case": case,
        "page": page,
        "cards": _cards(kept, filters, page.counts),
        "filters": kept,
        "next_query": urlencode(kept),
        "decision_words": DECISION_WORDS,
        "undo_seconds": UNDO_SHOWN_SECONDS,
        "open_kind": kind,
        "invalid": invalid,
        "today": _today(),
        "message": message,
        "error": error,
        "undo": {"token": undo, "case": case.pk} if undo else None,
        "oob": True,
    }
    return render(request, "patients/_worklist_swap.html", context)


def _undo_token(request: HttpRequest, changes: list[services.ReferralChange]) -> str:
    payload = {
        "user": request.user.pk,
        "case": changes[0].referral.case_id,
        "changes": [change.as_dict() for change in changes],
    }
    return signing.dumps(payload, salt=UNDO_SALT, compress=True)


def _refused(
    request: HttpRequest, case: Case, kind: str | None, kept: dict, error: Exception
) -> HttpResponse:
    return _answer(
        request,
        case=case,
        kind=kind,
        kept=kept,
        message=_error_text(error),
        error=True,
        invalid=_field_of(error),
    )


@require_POST
def worklist_status(request: HttpRequest) -> HttpResponse:
    """Set a due item's referral status: declined takes a reason, scheduled a date."""
    case, kind, kept = _case(request), _kind(request), _next_query(request)
    status = request.POST.get("status")
    if kind is None or status not in {s.value for s in QUICK_STATUSES}:
        return _refused(request, case, kind, kept, ApplicationError(MSG_NOT_UNDERSTOOD))
    try:
        appointment = (
            _date(request.POST.get("appointment_date"))
            if status == ReferralStatus.SCHEDULED
            else None
        )
        change = services.referral_change_status(
            case=case,
            kind=kind,
            status=status,
            actor=request.user,
            on=_today(),
            appointment_date=appointment,
            declined_reason=request.POST.get("declined_reason", "")
            if status == ReferralStatus.DECLINED
            else "",
        )
    except (ValidationError, ApplicationError) as error:
        return _refused(request, case, kind, kept, error)
    label = ReferralStatus(status).label.lower()
    if change.referral.appointment_date and status == ReferralStatus.SCHEDULED:
        label += f" (appointment {change.referral.appointment_date.isoformat()})"
    message = MSG_STATUS_SET.format(
        kind=ReferralKind(kind).label, name=_name(case), status=label
    )
    return _answer(
        request,
        case=case,
        kind=kind,
        kept=kept,
        message=message,
        undo=_undo_token(request, [change]),
    )


@require_POST
def worklist_status_all(request: HttpRequest) -> HttpResponse:
    """Mark every due referral shown for a patient referred, or completed, at once."""
    case, kept = _case(request), _next_query(request)
    kinds = [
        kind
        for kind in request.POST.getlist("kind")
        if kind in worklist.REFERRAL_KIND_FOR_RULE.values()
    ]
    status = request.POST.get("status")
    if not kinds or status not in BULK_STATUSES:
        return _refused(request, case, None, kept, ApplicationError(MSG_NOT_UNDERSTOOD))
    try:
        changes = services.referral_change_statuses(
            case=case, kinds=kinds, status=status, actor=request.user, on=_today()
        )
    except (ValidationError, ApplicationError) as error:
        return _refused(request, case, None, kept, error)
    message = MSG_ALL_SET.format(
        count=len(changes),
        name=_name(case),
        status=ReferralStatus(status).label.lower(),
        kinds=", ".join(ReferralKind(kind).label for kind in dict.fromkeys(kinds)),
    )
    return _answer(
        request,
        case=case,
        kind=None,
        kept=kept,
        message=message,
        undo=_undo_token(request, changes),
    )


@require_POST
def worklist_assign(request: HttpRequest) -> HttpResponse:
    """Give a due item an owner: "assign to me", or a member of the case's program."""
    case, kind, kept = _case(request), _kind(request), _next_query(request)
    choice = request.POST.get("assign")
    owner_pk = request.POST.get("owner", "")
    owner = None
    if choice == "me":
        owner = request.user
    elif choice == "chosen" and owner_pk.isdigit():
        owner = (
            get_user_model().objects.filter(pk=int(owner_pk), is_active=True).first()
        )
    if (
        kind is None
        or choice not in {"me", "chosen"}
        or (choice == "chosen" and owner_pk and owner is None)
    ):
        return _refused(request, case, kind, kept, ApplicationError(MSG_NOT_UNDERSTOOD))
    try:
        change = services.referral_assign(
            case=case, kind=kind, owner=owner, actor=request.user, on=_today()
        )
    except (ValidationError, ApplicationError) as error:
        return _refused(request, case, kind, kept, error)
    label = ReferralKind(kind).label
    if owner is None:
        message = MSG_UNASSIGNED.format(kind=label, name=_name(case))
    else:
        who = owner.get_full_name() or owner.get_username()
        message = MSG_ASSIGNED.format(kind=label, name=_name(case), owner=who)
    return _answer(
        request,
        case=case,
        kind=kind,
        kept=kept,
        message=message,
        undo=_undo_token(request, [change]),
    )


@require_POST
def worklist_undo(request: HttpRequest) -> HttpResponse:
    """Put referrals back as they were before a worklist change, for a short while."""
    case, kept = _case(request), _next_query(request)
    try:
        payload = signing.loads(
            request.POST.get("token", ""), salt=UNDO_SALT, max_age=UNDO_ACCEPTED_SECONDS
        )
    except signing.BadSignature:
        payload = None
    if (
        not isinstance(payload, dict)
        or payload.get("user") != request.user.pk
        or payload.get("case") != case.pk
    ):
        return _refused(request, case, None, kept, ApplicationError(MSG_UNDO_EXPIRED))
    changes = payload["changes"]
    try:
        services.referral_restore(
            case=case, changes=changes, actor=request.user, on=_today()
        )
    except (ValidationError, ApplicationError) as error:
        return _refused(request, case, None, kept, error)
    kinds = ", ".join(ReferralKind(change["kind"]).label.lower() for change in changes)
    return _answer(
        request,
        case=case,
        kind=changes[0]["kind"] if len(changes) == 1 else None,
        kept=kept,
        message=(MSG_UNDONE if len(changes) == 1 else MSG_UNDONE_MANY).format(
            kinds=kinds, name=_name(case)
        ),
    )
