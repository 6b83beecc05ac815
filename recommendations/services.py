"""Writes: keep rule wording rows in step with the catalogue, and save snapshots."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from patients.access import case_access_check
from patients.errors import ApplicationError
from patients.models import AuditEntry, Case
from patients.services import audit_record
from recommendations import engine, selectors
from recommendations.models import RecommendationSnapshot, RuleContent

MSG_NO_ACCESS = "You do not have access to this case."


def rulecontent_sync(**kwargs) -> int:
    """Create a wording row for each catalogue rule lacking one; keep all edits."""
    existing = set(RuleContent.objects.values_list("rule_id", flat=True))
    missing = [
        RuleContent(
            rule_id=rule.id,
            statement=rule.content.statement,
            strength=str(rule.content.strength),
            strength_stated=rule.content.strength_stated,
            certainty=rule.content.certainty or "",
        )
        for rule in engine.CATALOGUE
        if rule.id not in existing
    ]
    # The catalogue's own wording is the first entry of each row's history.
    bulk_create_with_history(missing, RuleContent)
    return len(missing)


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
