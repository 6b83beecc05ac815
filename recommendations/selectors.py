"""Reads for the engine: rows become a case document, then facts; wording rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping

from patients.documents import case_to_document
from patients.models import Case
from recommendations import engine
from recommendations.engine.rule import EvaluationOptions
from recommendations.engine.rule import RuleContent as EngineRuleContent
from recommendations.models import RuleContent


def rule_content_overrides() -> Mapping[str, EngineRuleContent]:
    """The administrators' corrections: wording rows that differ from the catalogue.

    Every rule has a row (synced after migrate); only one an administrator changed is
    an override, so results say "override" exactly there. An override written for an
    earlier meaning of its rule is still shown, marked as needing review.
    """
    overrides = {}
    for row in RuleContent.objects.filter(is_override=True):
        rule = engine.RULES_BY_ID.get(row.rule_id)
        if rule is None:
            continue  # a retired rule: its wording is kept, never shown
        content = EngineRuleContent(
            statement=row.statement,
            strength=row.strength,
            strength_stated=row.strength_stated,
            certainty=row.certainty or None,
            needs_review=row.rule_version < rule.version,
        )
        if content != rule.content:
            overrides[row.rule_id] = content
    return overrides


def case_document_for_engine(*, case: Case) -> dict:
    """The case as the engine reads it (prefetch events and referrals for many)."""
    return case_to_document(case)


def case_evaluate(
    *,
    case: Case,
    as_of: dt.date | None = None,
    overrides=None,  # noqa: ANN001
    document: Mapping | None = None,
) -> dict:
    """The engine's result for a stored case, in the JSON shape of ``recommend``
    (``document``: the case's document, when the caller has made it already)."""
    if document is None:
        document = case_document_for_engine(case=case)
    return evaluate_document(
        document=document,
        as_of=as_of,
        mental_health_interval_days=case.program.mental_health_interval_days,
        overrides=rule_content_overrides() if overrides is None else overrides,
    )


def evaluate_document(
    *,
    document: Mapping,
    as_of: dt.date | None = None,
    mental_health_interval_days: int = EvaluationOptions().mental_health_interval_days,
    overrides: Mapping[str, EngineRuleContent] | None = None,
    omit: frozenset[str] = frozenset(),
) -> dict:
    """The engine's result for a case document; ``omit``: keys left out
    (``Result.to_dict``)."""
    as_of = as_of or dt.date.fromisoformat(document["evaluation_date"])
    facts = engine.facts_from_document(document, as_of=as_of)
    result = engine.evaluate(
        facts,
        as_of=as_of,
        options=EvaluationOptions(
            mental_health_interval_days=mental_health_interval_days
        ),
        content_overrides=overrides or {},
    )
    return result.to_dict(omit=omit)


def library_entries() -> list[dict]:
    """Every catalogue rule as the guideline library shows it, with admins' wording."""
    overrides = rule_content_overrides()
    entries = []
    for rule in engine.CATALOGUE:
        entry = rule.library_entry()
        content = overrides.get(rule.id)
        entry["content"] = "catalogue"
        entry["content_needs_review"] = False
        if content is not None and content != rule.content:
            entry.update(
                statement=content.statement,
                strength=str(content.strength),
                strength_stated=content.strength_stated,
                certainty=content.certainty,
                content="override",
                content_needs_review=content.needs_review,
            )
        entries.append(entry)
    return entries


def alert_fingerprint(alert: Mapping) -> str:
    """A digest of the facts an alert was raised on: its reasons and detail.

    An acknowledgement holds while this stays the same; when the facts behind the
    alert change (a new reason, another detail), the alert is new again.
    """
    payload = {
        "id": alert["id"],
        "because": list(alert.get("because") or ()),
        "detail": alert.get("detail"),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def alert_acknowledgements(*, case: Case, result: Mapping) -> dict[str, object]:
    """The acknowledgement that still holds for each alert in ``result``, by rule ID.

    One holds when it was made for the same rule version and the same facts
    (``alert_fingerprint``); the latest such row wins.
    """
    from recommendations.models import AlertAcknowledgement

    current = {
        alert["id"]: (alert.get("version"), alert_fingerprint(alert))
        for alert in result["alerts"]
    }
    if not current:
        return {}
    held: dict[str, object] = {}
    rows = AlertAcknowledgement.objects.filter(
        case=case, rule_id__in=current
    ).select_related("acknowledged_by")
    for row in rows:  # newest first (model ordering)
        if row.rule_id in held:
            continue
        version, fingerprint = current[row.rule_id]
        if row.rule_version == version and row.facts_fingerprint == fingerprint:
            held[row.rule_id] = row
    return held


def acknowledged_alert_ids(case: Case, *, result: Mapping | None = None) -> set[str]:
    """IDs of the case's current alerts acknowledged for their current facts.

    Pass the engine ``result`` already computed for the case to save an evaluation;
    without it the case is evaluated as of today.
    """
    if result is None:
        from django.utils import timezone

        result = case_evaluate(case=case, as_of=timezone.localdate())
    return set(alert_acknowledgements(case=case, result=result))


def acknowledged_alert_ids_many(
    *, evaluated: Iterable[tuple[Case, Mapping]]
) -> dict[int, set[str]]:
    """``acknowledged_alert_ids`` for many cases at once (one query), by case pk."""
    from recommendations.models import AlertAcknowledgement

    current: dict[int, dict[str, tuple[object, str]]] = {
        case.pk: {
            alert["id"]: (alert.get("version"), alert_fingerprint(alert))
            for alert in result["alerts"]
        }
        for case, result in evaluated
    }
    held: dict[int, set[str]] = {pk: set() for pk in current}
    seen: set[tuple[int, str]] = set()
    rows = AlertAcknowledgement.objects.filter(
        case_id__in=[pk for pk, alerts in current.items() if alerts]
    ).only("case_id", "rule_id", "rule_version", "facts_fingerprint")
    for row in rows:  # newest first (model ordering)
        key = (row.case_id, row.rule_id)
        if key in seen or row.rule_id not in current[row.case_id]:
            continue
        seen.add(key)
        version, fingerprint = current[row.case_id][row.rule_id]
        if row.rule_version == version and row.facts_fingerprint == fingerprint:
            held[row.case_id].add(row.rule_id)
    return held
