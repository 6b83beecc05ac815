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
from recommendations.models import RecommendationSnapshot, RuleContent

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
