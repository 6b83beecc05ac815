"""The audit of reads and sessions: who saw which cases, when and from where.

Every view that shows patient data calls ``audit_read`` once with what it showed;
a list is one row per program whose cases it showed, all written by one INSERT.
Sign-ins, failed sign-ins and sign-outs are recorded from Django's auth signals.
Rows name cases by key and identifier and fields by name: never a value.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from patients.models import AuditEntry, Case, Program

# The address of the request being served, for audit rows written by services that
# never see the request (an edit, a reprint, an export).
_remote_addr: ContextVar[str | None] = ContextVar("audit_remote_addr", default=None)

USERNAME_MAX = AuditEntry._meta.get_field("actor_username").max_length
SESSION_TARGET = "session"

# What ``audit_read``'s ``what`` names, in words for the audit page.
READ_TARGETS = {
    "case": "the case page",
    "case_api": "the case document",
    "case_form": "the case facts form",
    "event_form": "an event form",
    "referral_form": "a referral form",
    "delete_confirm": "a deletion's confirmation page",
    "worklist": "the worklist",
    "case_list": "the case list",
    "case_search": "a case search",
    "events": "the case's events",
    "event": "an event",
    "referrals": "referrals",
    "referral": "a referral",
    "recommendations": "the case's recommendations",
    "snapshots": "the case's snapshots",
    "snapshot": "a snapshot",
    "decision_aids": "the case's decision-aid jobs",
    "decision_aid": "a decision aid",
    "ruleset_impact": "the rule-set impact report",
    "sheet-preview": "a spreadsheet import preview",
    "admin": "the admin",
    "audit_trail": "the audit trail",
    "dashboard": "the program dashboard",
    "dashboard_measure": "the cases behind a dashboard measure",
}


def address_of(request: HttpRequest | None) -> str | None:
    """The request's REMOTE_ADDR if it is an IP address (proxies: see ADR 0013)."""
    raw = (request.META.get("REMOTE_ADDR") if request is not None else None) or ""
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return None


def current_remote_addr() -> str | None:
    """The address of the request being served, if any."""
    return _remote_addr.get()


class AuditRequestMiddleware:
    """Makes the request's address known to audit rows written deeper down."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _remote_addr.set(address_of(request))
        try:
            return self.get_response(request)
        finally:
            _remote_addr.reset(token)


def _actor(request: HttpRequest) -> tuple[object | None, str]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None, ""
    return user, user.get_username()


def _subject(
    item: object, program: Program | None = None
) -> tuple[int | None, int | None, str]:
    """(program key, case key, case identifier) of a case or of a row of one."""
    if isinstance(item, int):  # a case key, of ``program``
        return (program.pk if program is not None else None), item, ""
    if isinstance(item, Case):
        return item.program_id, item.pk, item.case_id
    if hasattr(item, "case_pk") and hasattr(item, "program_pk"):
        # A row of a list page (recommendations.worklist_rows.WorklistRow).
        return item.program_pk, item.case_pk, item.case_id
    if hasattr(item, "case_ref") and hasattr(item, "program_id"):
        # A snapshot: it keeps its program and case identifier after deletion.
        return item.program_id, item.case_id, item.case_ref
    case = item.case
    return case.program_id, case.pk, case.case_id


def audit_read(
    *,
    request: HttpRequest,
    what: str,
    case: object | None = None,
    cases: Iterable[object] | None = None,
    program: Program | None = None,
    action: str | None = None,
    detail: dict | None = None,
) -> list[AuditEntry]:
    """Record that ``request``'s user was shown patient data, in one INSERT.

    ``case`` is the one case a page shows (a case, or a row of one: event, referral,
    snapshot, decision-aid job). ``cases`` are the cases (or rows of them, or keys of
    cases of ``program``) a list showed: one entry per program, naming them in
    ``cases_shown``. ``what`` is a key of
    ``READ_TARGETS``; ``detail`` names filters and counts, never values.
    """
    actor, username = _actor(request)
    base = {
        "actor": actor,
        "actor_username": username,
        "remote_addr": address_of(request),
        "target": what,
    }
    rows = []
    if case is not None:
        program_id, case_pk, case_ref = _subject(case)
        rows.append(
            AuditEntry(
                **base,
                action=action or AuditEntry.Action.VIEWED,
                program_id=program_id,
                case_id=case_pk,
                case_ref=case_ref,
                detail=detail or {},
            )
        )
    elif cases is not None:
        by_program: dict[int | None, list[int]] = {}
        for item in cases:
            program_id, case_pk, _ = _subject(item, program)
            shown = by_program.setdefault(program_id, [])
            if case_pk is not None and case_pk not in shown:
                shown.append(case_pk)
        if not by_program:
            by_program = {program.pk if program is not None else None: []}
        rows = [
            AuditEntry(
                **base,
                action=action or AuditEntry.Action.VIEWED_LIST,
                program_id=program_id,
                cases_shown=AuditEntry.encode_cases(shown),
                detail={**(detail or {}), "cases": len(shown)},
            )
            for program_id, shown in by_program.items()
        ]
    else:
        rows.append(
            AuditEntry(
                **base,
                action=action or AuditEntry.Action.VIEWED,
                program=program,
                detail=detail or {},
            )
        )
    if len(rows) == 1:
        # One statement in autocommit: ``bulk_create`` would wrap it in a
        # transaction of its own, two more round trips on every page.
        rows[0].save(force_insert=True)
        return rows
    return AuditEntry.objects.bulk_create(rows)


# ---------------------------------------------------------------------------------
# Sessions: Django's auth signals (the site, the admin and API token creation)
# ---------------------------------------------------------------------------------


def _session_entry(
    *, request: HttpRequest | None, action: str, actor: object | None, username: str
) -> None:
    AuditEntry.objects.create(
        actor=actor,
        actor_username=username[:USERNAME_MAX],
        remote_addr=address_of(request) or current_remote_addr(),
        action=action,
        target=SESSION_TARGET,
    )


@receiver(user_logged_in, dispatch_uid="patients.audit.signed_in")
def record_sign_in(sender, request, user, **kwargs) -> None:  # noqa: ANN001, ANN003
    _session_entry(
        request=request,
        action=AuditEntry.Action.SIGNED_IN,
        actor=user,
        username=user.get_username(),
    )


@receiver(user_logged_out, dispatch_uid="patients.audit.signed_out")
def record_sign_out(sender, request, user, **kwargs) -> None:  # noqa: ANN001, ANN003
    if user is None:  # signing out while signed out
        return
    _session_entry(
        request=request,
        action=AuditEntry.Action.SIGNED_OUT,
        actor=user,
        username=user.get_username(),
    )


@receiver(user_login_failed, dispatch_uid="patients.audit.sign_in_failed")
def record_sign_in_failure(sender, credentials, request=None, **kwargs) -> None:  # noqa: ANN001, ANN003
    """The username that was tried is kept (never the password); no user is linked."""
    field = get_user_model().USERNAME_FIELD
    tried = credentials.get(field) or credentials.get("username") or ""
    _session_entry(
        request=request,
        action=AuditEntry.Action.SIGN_IN_FAILED,
        actor=None,
        username=str(tried),
    )
