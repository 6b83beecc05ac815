"""Writes to the registry: atomic, fully validated, each leaving an audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from patients import documents, errors
from patients.access import ROLE_GROUPS
from patients.audit import current_remote_addr
from patients.choices import ReferralStatus
from patients.models import (
    AuditEntry,
    Case,
    Event,
    Program,
    ProgramMembership,
    Referral,
)

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
    actor_username: str = "",
    cases_shown: Sequence[int] = (),
) -> AuditEntry:
    """Write one audit entry; ``detail`` names fields and counts, never values.

    The actor's username is copied (kept if the user is deleted); ``actor_username``
    names an actor without an account (a command run by an operating-system user).
    The address is the request's being served, if any.
    """
    return AuditEntry.objects.create(
        **_audit_fields(actor, actor_username, case, program, action, target, detail),
        cases_shown=AuditEntry.encode_cases(list(cases_shown)),
    )


def _audit_fields(
    actor: AbstractBaseUser | None,
    actor_username: str,
    case: Case | None,
    program: Program | None,
    action: str,
    target: str,
    detail: dict | None,
) -> dict:
    known = actor is not None and actor.is_authenticated
    return {
        "actor": actor if known else None,
        "actor_username": actor.get_username() if known else actor_username,
        "remote_addr": current_remote_addr(),
        "action": action,
        "case": case,
        "case_ref": case.case_id if case is not None else "",
        "program_id": program.pk
        if program is not None
        else (case.program_id if case is not None else None),
        "target": target,
        "detail": detail or {},
    }


def case_changed(*, case_ids: Sequence[int]) -> None:
    """Every change to cases ends here, inside its transaction: their stored
    evaluations are rewritten with them (evaluations app, ADR 0007)."""
    from evaluations.services import case_evaluation_refresh

    case_evaluation_refresh(case_ids=case_ids)


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
        case_changed(
            case_ids=Case.objects.filter(
                program=program, case_id__in=list(seen)
            ).values_list("pk", flat=True)
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
    *,
    cases: Sequence[Case],
    actor: AbstractBaseUser | None = None,
    actor_username: str = "",
    via: str = "",
) -> list[dict]:
    """Case documents for the given cases (load them with ``case_with_timeline``).

    Each exported case gets its audit entry, all written by one INSERT.
    """
    exported = [documents.case_to_document(case) for case in cases]
    detail = {"via": via} if via else {}
    AuditEntry.objects.bulk_create(
        AuditEntry(
            **_audit_fields(
                actor,
                actor_username,
                case,
                None,
                AuditEntry.Action.EXPORTED,
                "case",
                detail,
            )
        )
        for case in cases
    )
    return exported


# ---------------------------------------------------------------------------------
# Day-to-day edits from the clinic: events, referrals and case facts
# ---------------------------------------------------------------------------------

MSG_NO_ACCESS = "You do not have access to this case."
MSG_STALE_VERSION = (
    "Someone else changed this case while you were editing (now version {current}). "
    "Reload it and make your change again."
)


def _require_access(actor: AbstractBaseUser, case: Case) -> None:
    from patients.access import case_access_check

    if not case_access_check(actor, case):
        raise errors.ApplicationError(MSG_NO_ACCESS)


MSG_DATE_IN_FUTURE = (
    "This date is after today ({today}); record it once it has happened."
)


def _advance_evaluation_date(
    case: Case, instance: object, fields: Sequence[str], *, today: dt.date
) -> None:
    """Recording a fact dated after the evaluation date moves that date forward.

    The evaluation date is the day the facts describe; once something that happened
    later is recorded, the facts describe that later day. Nothing may lie after today.
    Call before validating, so the instance is checked against the new date.
    """
    future = {
        name: MSG_DATE_IN_FUTURE.format(today=today)
        for name in fields
        if getattr(instance, name) and getattr(instance, name) > today
    }
    if future:
        raise ValidationError(future)
    dates = [getattr(instance, name) for name in fields if getattr(instance, name)]
    if dates and case.evaluation_date and max(dates) > case.evaluation_date:
        case.evaluation_date = max(dates)


def _touch_case(case: Case) -> None:
    """Every change to a case's timeline or referrals gives it a new version."""
    case.version += 1
    case.save(update_fields=["version", "evaluation_date", "updated_at"])
    case_changed(case_ids=[case.pk])


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("program").get(pk=case.pk)


def _changed_fields(before: dict, after: object, names: Sequence[str]) -> list[str]:
    return sorted(name for name in names if before.get(name) != getattr(after, name))


def _snapshot(instance: object, names: Sequence[str]) -> dict:
    return {name: getattr(instance, name) for name in names}


CASE_FACT_FIELDS = tuple(
    f.name
    for f in Case._meta.get_fields()
    if getattr(f, "editable", False)
    and f.name
    not in {"id", "program", "case_id", "version", "created_at", "updated_at"}
    and not f.is_relation
)
EVENT_FIELDS = tuple(
    f.name
    for f in Event._meta.get_fields()
    if getattr(f, "editable", False) and f.name not in {"id", "case", "created_at"}
)
REFERRAL_FIELDS = (
    "kind",
    "status",
    "date",
    "appointment_date",
    "note",
    "owner",
    "declined_reason",
)


def case_update(
    *,
    case: Case,
    actor: AbstractBaseUser,
    data: dict,
    expected_version: int | None = None,
) -> Case:
    """Change a case's facts; ``expected_version`` refuses to overwrite a newer edit."""
    _require_access(actor, case)
    unknown = set(data) - set(CASE_FACT_FIELDS)
    if unknown:
        raise errors.ApplicationError(
            f"Unknown case field(s): {', '.join(sorted(unknown))}."
        )
    with transaction.atomic():
        locked = _locked(case)
        if expected_version is not None and locked.version != expected_version:
            raise errors.StaleVersion(
                MSG_STALE_VERSION.format(current=locked.version),
                current_version=locked.version,
            )
        before = _snapshot(locked, CASE_FACT_FIELDS)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.full_clean()
        locked.save()
        case_changed(case_ids=[locked.pk])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATED,
            case=locked,
            detail={"fields": _changed_fields(before, locked, CASE_FACT_FIELDS)},
        )
    return locked


MSG_CASE_ID_CHANGED = (
    "case_id cannot be changed by an update; it must stay {case_id!r}."
)


def case_replace(
    *,
    case: Case,
    document: dict,
    actor: AbstractBaseUser,
    expected_version: int | None,
) -> Case:
    """Replace a case with a document, unless it changed since ``expected_version``.

    The row is locked before the version is compared, so two updates of the same
    version cannot both succeed; the import writes everything or nothing.
    """
    with transaction.atomic():
        locked = _locked(case)
        if expected_version is not None and locked.version != expected_version:
            raise errors.StaleVersion(
                MSG_STALE_VERSION.format(current=locked.version),
                current_version=locked.version,
            )
        if document.get("case_id") != locked.case_id:
            raise ValidationError(
                {"case_id": MSG_CASE_ID_CHANGED.format(case_id=locked.case_id)}
            )
        case_import(payload=document, program=locked.program, actor=actor)
    return Case.objects.get(pk=case.pk)


def event_save(
    *,
    case: Case,
    actor: AbstractBaseUser,
    data: dict,
    today: dt.date,
    event: Event | None = None,
) -> Event:
    """Add an event to a case's timeline, or change one already there."""
    _require_access(actor, case)
    with transaction.atomic():
        locked = _locked(case)
        is_new = event is None
        event = (
            Event(case=locked)
            if is_new
            else Event.objects.get(pk=event.pk, case=locked)
        )
        before = _snapshot(event, EVENT_FIELDS)
        for name, value in data.items():
            setattr(event, name, value)
        # A fact recorded today may move the evaluation date forward; validate
        # against the date the case will carry once saved.
        _advance_evaluation_date(locked, event, ("date", "end_date"), today=today)
        event.case = locked
        event.full_clean()
        event.save()
        _touch_case(locked)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATED if is_new else AuditEntry.Action.UPDATED,
            case=locked,
            target="event",
            detail={
                "event": event.pk,
                "fields": _changed_fields(before, event, EVENT_FIELDS),
            },
        )
    return event


def _delete_from_case(
    instance: Event | Referral, *, actor: AbstractBaseUser, detail: dict
) -> None:
    """Delete an event or referral of a case, versioning the case and auditing it."""
    case = instance.case
    _require_access(actor, case)
    with transaction.atomic():
        locked = _locked(case)
        type(instance).objects.filter(pk=instance.pk, case=locked).delete()
        _touch_case(locked)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DELETED,
            case=locked,
            target=instance._meta.model_name,
            detail=detail,
        )


def event_delete(*, event: Event, actor: AbstractBaseUser) -> None:
    _delete_from_case(
        event, actor=actor, detail={"event": event.pk, "type": event.type}
    )


def referral_save(
    *,
    case: Case,
    actor: AbstractBaseUser,
    data: dict,
    today: dt.date,
    referral: Referral | None = None,
    undo: bool = False,
) -> Referral:
    """Add or change a referral; a status change records who made it and when.

    ``date`` is the day the referral reached its status: a fact, so a later one moves
    the evaluation date forward like any event. Only a scheduled referral's
    ``appointment_date`` may lie ahead, and it does not move the facts' date. When the
    status moves on from scheduled, the appointment goes with it unless ``data``
    names one.
    """
    _require_access(actor, case)
    with transaction.atomic():
        locked = _locked(case)
        is_new = referral is None
        referral = (
            Referral(case=locked)
            if is_new
            else Referral.objects.get(pk=referral.pk, case=locked)
        )
        before = _snapshot(referral, REFERRAL_FIELDS)
        for name, value in data.items():
            setattr(referral, name, value)
        status_changed = is_new or before["status"] != referral.status
        if status_changed:
            referral.status_changed_at = timezone.now()
            referral.status_changed_by = actor
        if (
            referral.status != ReferralStatus.SCHEDULED
            and before["status"] == ReferralStatus.SCHEDULED
            and referral.appointment_date == before["appointment_date"]
        ):
            referral.appointment_date = None
        if (
            referral.status != ReferralStatus.DECLINED
            and before["status"] == ReferralStatus.DECLINED
            and referral.declined_reason == before["declined_reason"]
        ):
            referral.declined_reason = ""
        _advance_evaluation_date(locked, referral, ("date",), today=today)
        referral.case = locked
        referral.full_clean()
        referral.save()
        _touch_case(locked)
        detail = {
            "referral": referral.pk,
            "kind": referral.kind,
            "fields": _changed_fields(before, referral, REFERRAL_FIELDS),
        }
        if undo:
            detail["undo"] = True
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATED if is_new else AuditEntry.Action.UPDATED,
            case=locked,
            target="referral",
            detail=detail,
        )
    return referral


MSG_DECLINED_NEEDS_REASON = "Say why the referral was declined; nothing changed."
MSG_OWNER_NOT_MEMBER = "Only a member of the case's program can own its referral."
MSG_BULK_STATUS = "Only referred or completed can be set for several referrals at once."
MSG_UNDO_STALE = (
    "The referral changed again since, so it was not undone; change it directly."
)


def _latest_referral(case: Case, kind: str) -> Referral | None:
    return case.referrals.filter(kind=kind).order_by("-date", "-id").first()


def _open_referral(case: Case, kind: str) -> Referral | None:
    """The referral a worklist change moves on: the latest, unless it is closed.

    A completed or declined referral is history (the last screen, a decision of an
    earlier episode); when the item is due again, a change starts a new referral and
    leaves that one as it was.
    """
    latest = _latest_referral(case, kind)
    closed = {ReferralStatus.COMPLETED, ReferralStatus.DECLINED}
    return None if latest is None or latest.status in closed else latest


def referral_set_status(
    *,
    case: Case,
    kind: str,
    status: str,
    actor: AbstractBaseUser,
    on: dt.date,
    appointment_date: dt.date | None = None,
    declined_reason: str = "",
) -> Referral:
    """The worklist's one click: move the open referral of a kind to a new status.

    When the case has no open referral of that kind (none yet, or the latest is
    completed or declined, and due again), one is created. A new status is
    dated ``on`` (the day it was reached); the same status again keeps its date. A
    scheduled referral may take its ``appointment_date``; a declined one takes the
    ``declined_reason`` (required: declining is a decision, recorded with its why).
    """
    return referral_change_status(
        case=case,
        kind=kind,
        status=status,
        actor=actor,
        on=on,
        appointment_date=appointment_date,
        declined_reason=declined_reason,
    ).referral


@dataclass(frozen=True, slots=True)
class ReferralChange:
    """What a worklist change did, enough to undo it (``referral_restore``)."""

    referral: Referral
    created: bool
    before: dict  # the earlier state, JSON-ready (dates as ISO text, owner as pk)
    version: int  # the case's version right after the change

    def as_dict(self) -> dict:
        return {
            "case": self.referral.case_id,
            "kind": self.referral.kind,
            "referral": self.referral.pk,
            "created": self.created,
            "before": self.before,
            "version": self.version,
        }


def _state(referral: Referral | None) -> dict:
    if referral is None:
        return {}
    return {
        "status": referral.status,
        "date": referral.date.isoformat() if referral.date else None,
        "appointment_date": (
            referral.appointment_date.isoformat() if referral.appointment_date else None
        ),
        "owner": referral.owner_id,
        "declined_reason": referral.declined_reason,
    }


def referral_change_status(
    *,
    case: Case,
    kind: str,
    status: str,
    actor: AbstractBaseUser,
    on: dt.date,
    appointment_date: dt.date | None = None,
    declined_reason: str = "",
) -> ReferralChange:
    """``referral_set_status``, returning what changed so that it can be undone."""
    declined_reason = declined_reason.strip()
    if status == ReferralStatus.DECLINED and not declined_reason:
        raise ValidationError({"declined_reason": MSG_DECLINED_NEEDS_REASON})
    referral = _open_referral(case, kind)
    before = _state(referral)
    data: dict = {"kind": kind, "status": status}
    if referral is None or referral.status != status:
        data["date"] = on
    if appointment_date is not None:
        data["appointment_date"] = appointment_date
    if status == ReferralStatus.DECLINED:
        data["declined_reason"] = declined_reason
    if referral is None or referral.owner_id is None:
        data["owner"] = actor
    saved = referral_save(
        case=case, actor=actor, data=data, today=on, referral=referral
    )
    return ReferralChange(saved, referral is None, before, saved.case.version)


def referral_assign(
    *,
    case: Case,
    kind: str,
    owner: AbstractBaseUser | None,
    actor: AbstractBaseUser,
    on: dt.date,
) -> ReferralChange:
    """Give the latest referral of a kind an owner (or none), a member of the program.

    When the case has no referral of that kind yet, a ``needed`` one is created to
    carry the owner: the due item then has someone chasing it.
    """
    if owner is not None and not case.program.members.filter(pk=owner.pk).exists():
        raise ValidationError({"owner": MSG_OWNER_NOT_MEMBER})
    referral = _open_referral(case, kind)
    before = _state(referral)
    data: dict = {"owner": owner}
    if referral is None:
        data.update(kind=kind, status=ReferralStatus.NEEDED)
    saved = referral_save(
        case=case, actor=actor, data=data, today=on, referral=referral
    )
    return ReferralChange(saved, referral is None, before, saved.case.version)


def referral_change_statuses(
    *,
    case: Case,
    kinds: Sequence[str],
    status: str,
    actor: AbstractBaseUser,
    on: dt.date,
) -> list[ReferralChange]:
    """Several due referrals of one case to the same status at once, all or nothing.

    For the worklist's "mark all": only a status that needs nothing more (referred,
    completed); scheduled takes a date and declined a reason, one referral at a time.
    """
    if status not in {ReferralStatus.REFERRED, ReferralStatus.COMPLETED}:
        raise ValidationError({"status": MSG_BULK_STATUS})
    with transaction.atomic():
        return [
            referral_change_status(
                case=case, kind=kind, status=status, actor=actor, on=on
            )
            for kind in dict.fromkeys(kinds)
        ]


def _restore_one(
    change: dict, *, case: Case, actor: AbstractBaseUser, on: dt.date
) -> None:
    from django.contrib.auth import get_user_model

    referral = Referral.objects.filter(
        pk=change["referral"], case=case, kind=change["kind"]
    ).first()
    if referral is None:
        raise errors.ApplicationError(MSG_UNDO_STALE)
    if change["created"]:
        _delete_from_case(
            referral,
            actor=actor,
            detail={"referral": referral.pk, "kind": referral.kind, "undo": True},
        )
        return
    before = change["before"]
    owner = before["owner"]
    data = {
        "status": before["status"],
        "date": dt.date.fromisoformat(before["date"]) if before["date"] else None,
        "appointment_date": (
            dt.date.fromisoformat(before["appointment_date"])
            if before["appointment_date"]
            else None
        ),
        "owner": get_user_model().objects.filter(pk=owner).first() if owner else None,
        "declined_reason": before["declined_reason"],
    }
    referral_save(
        case=case, actor=actor, data=data, today=on, referral=referral, undo=True
    )


def referral_restore(
    *, case: Case, changes: Sequence[dict], actor: AbstractBaseUser, on: dt.date
) -> None:
    """Undo worklist changes: put their referrals back as they were, audited as undo.

    ``changes`` are ``ReferralChange.as_dict()`` of one case, in the order they were
    made. Refused when the case changed again since the last of them (its version
    moved on), so an undo never overwrites someone's later change. A referral a
    change created is deleted.
    """
    _require_access(actor, case)
    if not changes or any(change["case"] != case.pk for change in changes):
        raise errors.ApplicationError(MSG_UNDO_STALE)
    with transaction.atomic():
        locked = _locked(case)
        if locked.version != changes[-1]["version"]:
            raise errors.ApplicationError(MSG_UNDO_STALE)
        for change in reversed(changes):
            _restore_one(change, case=locked, actor=actor, on=on)


def referral_delete(*, referral: Referral, actor: AbstractBaseUser) -> None:
    _delete_from_case(
        referral, actor=actor, detail={"referral": referral.pk, "kind": referral.kind}
    )


MSG_PROGRAM_SLUG_TAKEN = "A program with the slug {slug!r} already exists."
MSG_PROGRAM_NAME_TAKEN = "A program named {name!r} already exists."
MSG_PROGRAM_INVALID = "The program was not created: {problems}"
MSG_UNKNOWN_ROLE = "Unknown role {role!r}; the roles are: {choices}."
PROGRAM_AUDIT_TARGET = "program"
MEMBERSHIP_AUDIT_TARGET = "membership"


def _plain_problems(error: ValidationError) -> str:
    return " ".join(
        f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
    )


def program_create(*, name: str, slug: str, actor: AbstractBaseUser | None) -> Program:
    """Create a program, the AYA service that owns cases and has members."""
    name, slug = name.strip(), slug.strip()
    if Program.objects.filter(slug=slug).exists():
        raise errors.ApplicationError(MSG_PROGRAM_SLUG_TAKEN.format(slug=slug))
    if Program.objects.filter(name=name).exists():
        raise errors.ApplicationError(MSG_PROGRAM_NAME_TAKEN.format(name=name))
    program = Program(name=name, slug=slug)
    try:
        program.full_clean()
    except ValidationError as exc:
        raise errors.ApplicationError(
            MSG_PROGRAM_INVALID.format(problems=_plain_problems(exc))
        ) from None
    with transaction.atomic():
        program.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATED,
            program=program,
            target=PROGRAM_AUDIT_TARGET,
            detail={"fields": ["name", "slug"]},
        )
    return program


def program_member_add(
    *,
    program: Program,
    user: AbstractBaseUser,
    roles: Sequence[str],
    actor: AbstractBaseUser | None,
) -> ProgramMembership:
    """Make ``user`` a member of ``program`` with ``roles`` (role groups, see access).

    Roles are groups and so hold in every program the user belongs to.
    """
    for role in roles:
        if role not in ROLE_GROUPS:
            raise errors.ApplicationError(
                MSG_UNKNOWN_ROLE.format(role=role, choices=", ".join(ROLE_GROUPS))
            )
    with transaction.atomic():
        membership, _ = ProgramMembership.objects.get_or_create(
            program=program, user=user
        )
        user.groups.add(*(Group.objects.get_or_create(name=r)[0] for r in roles))
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATED,
            program=program,
            target=MEMBERSHIP_AUDIT_TARGET,
            detail={"user": user.pk, "roles": sorted(set(roles))},
        )
    return membership


def workup_record(
    *,
    case: Case,
    actor: AbstractBaseUser,
    test: str,
    date: dt.date,
    result: str,
    today: dt.date,
) -> Event:
    """Record a relapse work-up test as done (a ``workup`` event), in one step."""
    return event_save(
        case=case,
        actor=actor,
        data={"type": "workup", "test": test, "date": date, "result": result},
        today=today,
    )
