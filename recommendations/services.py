"""Writes: keep rule wording rows in step with the catalogue, and save snapshots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from patients.access import case_access_check
from patients.errors import ApplicationError
from patients.models import AuditEntry, Case
from patients.services import audit_record, case_changed
from recommendations import engine, selectors
from recommendations.models import (
    AlertAcknowledgement,
    RecommendationSnapshot,
    RuleContent,
)

MSG_NO_ACCESS = "You do not have access to this case."


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What ``rulecontent_sync`` did to the wording rows."""

    created: tuple[str, ...]
    updated: tuple[str, ...]
    needs_review: tuple[str, ...]


def _catalogue_fields(rule: engine.Rule) -> dict[str, object]:
    return {
        "statement": rule.content.statement,
        "strength": str(rule.content.strength),
        "strength_stated": rule.content.strength_stated,
        "certainty": rule.content.certainty or "",
    }


def rulecontent_differs_from_catalogue(row: RuleContent) -> bool:
    rule = engine.RULES_BY_ID.get(row.rule_id)
    if rule is None:
        return False
    return any(
        getattr(row, name) != value for name, value in _catalogue_fields(rule).items()
    )


def rulecontent_sync(**kwargs) -> SyncResult:
    """Keep the wording rows in step with the catalogue in code (after every migrate).

    A rule without a row gets one. A row nobody edited follows the catalogue: when the
    rule set is upgraded its wording and version are updated, with a history entry.
    An administrator's override is kept; if its rule's meaning changed since it was
    written (a higher rule version), it is flagged for review.
    """
    rows = {row.rule_id: row for row in RuleContent.objects.all()}
    missing = [
        RuleContent(
            rule_id=rule.id, rule_version=rule.version, **_catalogue_fields(rule)
        )
        for rule in engine.CATALOGUE
        if rule.id not in rows
    ]
    # The catalogue's own wording is the first entry of each row's history.
    bulk_create_with_history(missing, RuleContent)
    updated = []
    for rule in engine.CATALOGUE:
        row = rows.get(rule.id)
        if row is None or row.is_override:
            continue
        if row.rule_version < rule.version or rulecontent_differs_from_catalogue(row):
            _follow_catalogue(row, rule)
            updated.append(rule.id)
    review = tuple(
        row.rule_id
        for row in RuleContent.objects.filter(is_override=True)
        if row.needs_review
    )
    return SyncResult(
        created=tuple(row.rule_id for row in missing),
        updated=tuple(updated),
        needs_review=review,
    )


def _follow_catalogue(row: RuleContent, rule: engine.Rule) -> None:
    for name, value in _catalogue_fields(rule).items():
        setattr(row, name, value)
    row.rule_version = rule.version
    row._change_reason = f"catalogue {engine.RULESET_VERSION}"
    row.save()


def rulecontent_edit_record(*, row: RuleContent, actor: AbstractBaseUser) -> None:
    """An administrator's edit: an override of the current meaning of the rule."""
    rule = engine.RULES_BY_ID[row.rule_id]
    row.updated_by = actor
    row.is_override = rulecontent_differs_from_catalogue(row)
    row.rule_version = rule.version


def recommendation_snapshot_create(
    *, case: Case, actor: AbstractBaseUser, as_of: dt.date | None = None
) -> RecommendationSnapshot:
    """Evaluate the case and keep an immutable record of facts, version, result."""
    if not case_access_check(actor, case):
        raise ApplicationError(MSG_NO_ACCESS)
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update().select_related("program").get(pk=case.pk)
        )
        document = selectors.case_document_for_engine(case=locked)
        as_of = as_of or locked.evaluation_date
        result = selectors.evaluate_document(
            document=document,
            as_of=as_of,
            mental_health_interval_days=locked.program.mental_health_interval_days,
            overrides=selectors.rule_content_overrides(),
        )
        snapshot = RecommendationSnapshot(
            case=locked,
            program=locked.program,
            case_ref=locked.case_id,
            as_of=as_of,
            ruleset_version=result["ruleset_version"],
            case_version=locked.version,
            facts=document,
            result=result,
            created_by=actor,
        )
        snapshot.full_clean()
        snapshot.save()
        # The snapshot's alerts are no longer "new" on the worklist.
        case_changed(case_ids=[locked.pk])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATED,
            case=locked,
            target="snapshot",
            detail={
                "snapshot": snapshot.pk,
                "ruleset_version": snapshot.ruleset_version,
            },
        )
    return snapshot


MSG_ACK_REASON_REQUIRED = "Please say why this alert is handled (a short reason)."
MSG_ACK_REASON_TOO_LONG = "Please keep the reason to 500 characters or fewer."
MSG_ACK_NOT_AN_ALERT = "This alert does not apply to the case now; nothing was saved."


def alert_acknowledge(
    *,
    case: Case,
    rule_id: str,
    actor: AbstractBaseUser,
    reason: str,
    as_of: dt.date,
) -> AlertAcknowledgement:
    """Record that a clinician saw an alert and why it is handled, for these facts.

    The alert must apply to the case as of ``as_of``; the acknowledgement keeps the
    fingerprint of the facts it was raised on, so it lapses when they change. The
    audit entry names the alert, never the reason's text.
    """
    if not case_access_check(actor, case):
        raise ApplicationError(MSG_NO_ACCESS)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(MSG_ACK_REASON_REQUIRED)
    if len(reason) > 500:
        raise ApplicationError(MSG_ACK_REASON_TOO_LONG)
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update().select_related("program").get(pk=case.pk)
        )
        result = selectors.case_evaluate(case=locked, as_of=as_of)
        alert = next((a for a in result["alerts"] if a["id"] == rule_id), None)
        if alert is None:
            raise ApplicationError(MSG_ACK_NOT_AN_ALERT)
        row = AlertAcknowledgement(
            case=locked,
            rule_id=rule_id,
            rule_version=alert["version"],
            facts_fingerprint=selectors.alert_fingerprint(alert),
            case_version=locked.version,
            reason=reason,
            acknowledged_by=actor,
        )
        row.full_clean()
        row.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATED,
            case=locked,
            target="alert acknowledgement",
            detail={"alert": rule_id, "acknowledgement": row.pk},
        )
        # The stored evaluation's "new" alerts change with it.
        case_changed(case_ids=[locked.pk])
    return row
