"""Writes to the registry: atomic, fully validated, each leaving an audit entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from patients import documents, errors
from patients.models import AuditEntry, Case, Event, Program, Referral

MSG_CASE_ID_IN_OTHER_PROGRAM = "case_id {case_id!r} already belongs to another program."


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    warnings: list[documents.DocumentError] = field(default_factory=list)


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    case: Case | None = None,
    program: Program | None = None,
    target: str = "case",
    detail: dict | None = None,
) -> AuditEntry:
    """Write one audit entry; ``detail`` names fields and counts, never values."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        case=case,
        case_ref=case.case_id if case is not None else "",
        program=program or (case.program if case is not None else None),
        target=target,
        detail=detail or {},
    )


def _as_list(payload: object) -> tuple[list, bool]:
    if isinstance(payload, list):
        return payload, True
    return [payload], False


def case_import(
    *,
    payload: object,
    program: Program,
    actor: AbstractBaseUser | None = None,
) -> ImportResult:
    """Import one case document or a list of them, all or nothing.

    Every problem is collected with its JSON path before anything is written; if there
    is any, ``DocumentInvalid`` is raised and the database is unchanged. Re-importing a
    ``case_id`` updates that case: its events are replaced by the document's, and its
    referrals are matched by kind and date so that owners set in the app survive.
    """
    items, is_list = _as_list(payload)
    if is_list and not items:
        raise errors.ApplicationError(errors.MSG_EMPTY_LIST)

    problems: list[documents.DocumentError] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        prefix = f"$[{index}]" if is_list else "$"
        problems += documents.validate_case_document(item, prefix=prefix)
        case_id = item.get("case_id") if isinstance(item, dict) else None
        if isinstance(case_id, str):
            if case_id in seen:
                problems.append(
                    documents.DocumentError(
                        f"{prefix}.case_id",
                        errors.MSG_DUPLICATE_CASE_ID.format(case_id=case_id),
                    )
                )
            seen[case_id] = index
    if problems:
        raise errors.DocumentInvalid(
            errors.MSG_IMPORT_FAILED.format(count=len(problems)), errors=problems
        )

    result = ImportResult()
    with transaction.atomic():
        existing = {
            case.case_id: case
            for case in Case.objects.select_for_update().filter(
                program=program, case_id__in=list(seen)
            )
        }
        for index, item in enumerate(items):
            prefix = f"$[{index}]" if is_list else "$"
            _import_one(
                item,
                program=program,
                case=existing.get(item["case_id"]),
                actor=actor,
                result=result,
                prefix=prefix,
            )
    return result


def _import_one(
    document: dict,
    *,
    program: Program,
    case: Case | None,
    actor: AbstractBaseUser | None,
    result: ImportResult,
    prefix: str,
) -> None:
    is_new = case is None
    case, events, referrals = documents.instances_from_document(document, case=case)
    case.program = program
    if not is_new:
        case.version += 1
    case.full_clean()
    case.save()
    if case.outside_aya:
        result.warnings.append(
            documents.DocumentError(
                f"{prefix}.birth_date",
                f"Age {case.age_at_evaluation} at evaluation is outside the "
                "guideline's 15-39 population; the case is kept and flagged "
                "(ALERT-OUTSIDE-AYA).",
            )
        )

    case.events.all().delete()
    for event in events:
        event.case = case
    Event.objects.bulk_create(events)

    kept = _match_referrals(case, referrals)
    for referral in referrals:
        referral.case = case
        previous = kept.get(id(referral))
        if previous is not None:
            referral.pk = previous.pk
            referral.owner_id = previous.owner_id
            referral.created_at = previous.created_at
            if previous.status != referral.status:
                referral.status_changed_at = timezone.now()
                referral.status_changed_by = actor
            else:
                referral.status_changed_at = previous.status_changed_at
                referral.status_changed_by_id = previous.status_changed_by_id
        referral.save()
    keep_pks = [r.pk for r in referrals]
    case.referrals.exclude(pk__in=keep_pks).delete()

    (result.created if is_new else result.updated).append(case.case_id)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.IMPORTED,
        case=case,
        detail={"new": is_new, "events": len(events), "referrals": len(referrals)},
    )


def _match_referrals(case: Case, incoming: Sequence[Referral]) -> dict[int, Referral]:
    """Pair incoming referrals with stored ones of the same kind and date, in order."""
    if case.pk is None:
        return {}
    pool: dict[tuple, list[Referral]] = {}
    for stored in case.referrals.all():
        pool.setdefault((stored.kind, stored.date), []).append(stored)
    matched = {}
    for referral in incoming:
        candidates = pool.get((referral.kind, referral.date))
        if candidates:
            matched[id(referral)] = candidates.pop(0)
    return matched


def case_export(
    *, cases: Sequence[Case], actor: AbstractBaseUser | None = None
) -> list[dict]:
    """Case documents for the given cases (load them with ``case_with_timeline``)."""
    exported = [documents.case_to_document(case) for case in cases]
    for case in cases:
        audit_record(actor=actor, action=AuditEntry.Action.EXPORTED, case=case)
    return exported
