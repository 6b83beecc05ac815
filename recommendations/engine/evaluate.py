"""Evaluate the catalogue for one case: every rule's outcome, in catalogue order.

``evaluate`` is pure: it reads ``CaseFacts`` and program options, and returns a frozen
``EvaluationResult`` that keeps the rules that applied, did not apply, and lacked data.
Administrators may correct a rule's wording, strength or certainty (never its logic)
through ``content_overrides``, a mapping of rule ID to replacement content.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from recommendations.engine.facts import GATE_KEYS, CaseFacts
from recommendations.engine.logic import (
    APPLIES,
    DOES_NOT_APPLY,
    Finding,
    Outcome,
    does_not_apply,
)
from recommendations.engine.rule import (
    DEFAULT_MENTAL_HEALTH_INTERVAL_DAYS,
    DEFAULT_OPTIONS,
    EvaluationOptions,
    Predicate,
    Rule,
    RuleContent,
)
from recommendations.engine.rules import CASE_RULES, RULES_BY_ID
from recommendations.engine.rules.conditions import FRAIL_PRECEDENCE
from recommendations.engine.vocabulary import DecisionPoint, Kind, Strength

RULESET_VERSION = "ash-rr-aya-2026.2"


def _known_answer(
    rule: Rule, point: DecisionPoint, lineage: str, frail: bool
) -> Finding | None:
    """A rule's answer for cases at ``point`` of ``lineage``, when known without facts.

    A rule applies only at the decision points it is declared for, and a lineage-only
    rule only for its lineage (the predicates check both too; the property tests hold
    them to it), so outside them its answer is known without running it. A
    disease-directed item then still gives RR-FRAIL-SUPPORTIVE's precedence as its
    reason when the patient is frail, as its own predicate would. ``None``: the
    predicate has to run.
    """
    if point not in rule.decision_points:
        points = " or ".join(str(p) for p in rule.decision_points)
        off = does_not_apply(f"decision point {point}, not {points}")
    elif rule.lineage is not None and rule.lineage != lineage:
        off = does_not_apply(f"{lineage}-lineage")
    else:
        return None
    return FRAIL_PRECEDENCE if frail and rule.disease_directed else off


class _Plan(NamedTuple):
    """How to evaluate the case-facing rules for cases at one decision point, lineage
    and frailty: the answers known beforehand (``None`` where a predicate runs), and
    the predicates to run with their places in catalogue order."""

    known: tuple[Finding | None, ...]
    run: tuple[tuple[int, Predicate], ...]


def _plan(point: DecisionPoint, lineage: str, frail: bool) -> _Plan:
    known = tuple(_known_answer(rule, point, lineage, frail) for rule in CASE_RULES)
    run = tuple(
        (index, rule.predicate)
        for index, (rule, answer) in enumerate(zip(CASE_RULES, known, strict=True))
        if answer is None
    )
    return _Plan(known, run)


# Indexed by the facts' gate key: decision point, lineage and whether frail.
_PLANS: tuple[_Plan, ...] = tuple(
    _plan(point, lineage, frail) for point, lineage, frail in GATE_KEYS
)

_CONTENT_FIELDS = (
    "statement",
    "strength",
    "strength_stated",
    "certainty",
    "needs_review",
)


class RuleOutcome(NamedTuple):
    """One rule's outcome for one case, with the content shown for it."""

    rule: Rule
    outcome: Outcome
    reasons: tuple[str, ...]
    detail: Mapping[str, object] | None
    content: RuleContent

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def overridden(self) -> bool:
        return self.content is not self.rule.content


_NO_OVERRIDES: Mapping[str, RuleContent] = MappingProxyType({})


class EvaluationResult(NamedTuple):
    """Every case-facing rule's outcome for one case as of one date.

    ``findings`` lines up with ``rules`` (catalogue order); ``outcomes`` pairs them with
    the content shown. Pairing happens on access, so evaluating a batch of cases only
    pays for the predicates. Immutable, and a named tuple for the same reason as
    ``CaseFacts``: one is built per case evaluated (docs/adr/0006).
    """

    ruleset_version: str
    as_of: date
    decision_point: DecisionPoint
    facts: CaseFacts
    rules: tuple[Rule, ...]
    findings: tuple[Finding, ...]
    options: EvaluationOptions
    contents: Mapping[str, RuleContent]

    @property
    def outcomes(self) -> tuple[RuleOutcome, ...]:
        contents = self.contents
        return tuple(
            RuleOutcome(
                rule,
                found.outcome,
                found.reasons,
                found.detail,
                contents.get(rule.id, rule.content),
            )
            for rule, found in zip(self.rules, self.findings, strict=True)
        )

    def outcome(self, rule_id: str) -> RuleOutcome:
        for found in self.outcomes:
            if found.rule.id == rule_id:
                return found
        raise KeyError(rule_id)

    def ids(
        self, outcome: Outcome = APPLIES, kind: Kind | None = None
    ) -> tuple[str, ...]:
        """IDs with this outcome (and kind), in catalogue order."""
        return tuple(
            rule.id
            for rule, found in zip(self.rules, self.findings, strict=True)
            if found.outcome is outcome and (kind is None or rule.kind is kind)
        )

    def applying(self, kind: Kind) -> tuple[RuleOutcome, ...]:
        return tuple(
            found
            for found in self.outcomes
            if found.outcome is APPLIES and found.rule.kind is kind
        )

    def to_dict(self, *, omit: frozenset[str] = frozenset()) -> dict[str, object]:
        """The public JSON shape (IDs verbatim, catalogue order).

        ``omit`` names top-level keys to leave out, and not build: the stored
        evaluations (``evaluations.services``) never read ``recommendations`` or
        ``not_applicable``, which are most of the cost when thousands of cases are
        re-evaluated. Everything else is the same as without it.
        """
        want_recommendations = "recommendations" not in omit
        want_not_applicable = "not_applicable" not in omit
        recommendations = []
        alerts = []
        referrals = []
        workup = []
        not_applicable = []
        insufficient = []
        for found in self.outcomes:
            kind = found.rule.kind
            if found.outcome is APPLIES:
                if kind is Kind.RECOMMENDATION:
                    if want_recommendations:
                        recommendations.append(_recommendation_item(found))
                elif kind is Kind.ALERT:
                    alerts.append(_alert_item(found))
                elif kind is Kind.REFERRAL:
                    referrals.append(_referral_item(found))
                else:
                    workup.append(_workup_item(found))
                continue
            if found.outcome is DOES_NOT_APPLY:
                if want_not_applicable:
                    not_applicable.append(_entry(found))
                if kind is Kind.WORKUP and found.detail is not None:
                    workup.append(_workup_item(found))  # due and done
            else:
                entry = _entry(found)
                # Insufficient data is never dropped: each names its missing facts,
                # which the clinic shows as checks to do.
                entry["missing"] = list(found.reasons)
                entry["statement"] = found.content.statement
                entry["source"] = found.rule.source
                insufficient.append(entry)
        derived = self.facts.derived_summary()
        derived["mental_health_interval_days"] = (
            self.options.mental_health_interval_days
        )
        result = {
            "ruleset_version": self.ruleset_version,
            "decision_point": str(self.decision_point),
            "derived": derived,
            "recommendations": recommendations,
            "alerts": alerts,
            "referrals_due": referrals,
            "workup": workup,
            "workup_open": [item["id"] for item in workup if item["status"] == "open"],
            "checks": [
                {"id": item["id"], "kind": item["kind"], "missing": item["missing"]}
                for item in insufficient
            ],
            "not_applicable": not_applicable,
            "insufficient_data": insufficient,
        }
        for key in omit:
            result.pop(key, None)
        return result


def _entry(found: RuleOutcome) -> dict[str, object]:
    return {
        "id": found.rule.id,
        "kind": str(found.rule.kind),
        "because": list(found.reasons),
    }


_SCALARS = (str, int, float, bool, type(None))


def _jsonable(value: object) -> object:
    """Detail values as plain JSON types (tuples become lists, mappings dicts)."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, dict | MappingProxyType | Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}  # type: ignore[union-attr]
    if isinstance(value, frozenset | set):
        return [_jsonable(item) for item in sorted(value)]  # type: ignore[type-var]
    if isinstance(value, tuple | list):
        return [_jsonable(item) for item in value]
    return value


@functools.cache
def _rule_parts(rule: Rule) -> tuple[tuple[str, ...], tuple, tuple]:
    """A rule's unchanging output parts, built once per rule."""
    return (
        rule.sources,
        tuple(position.as_dict() for position in rule.concordant_with),
        tuple(position.as_dict() for position in rule.differs_from),
    )


def _common(found: RuleOutcome) -> dict[str, object]:
    rule, content = found.rule, found.content
    sources, concordant, differs = _rule_parts(rule)
    item: dict[str, object] = {
        "id": rule.id,
        "source": rule.source,
        "sources": list(sources),
        "strength": str(content.strength),
        "strength_stated": content.strength_stated,
        "certainty": content.certainty,
        "because": list(found.reasons),
        "version": rule.version,
        "content": "override" if found.overridden else "catalogue",
        "content_needs_review": content.needs_review,
        # Fresh copies: callers may edit the returned JSON without touching the rule.
        "concordant_with": [dict(position) for position in concordant],
        "differs_from": [dict(position) for position in differs],
    }
    if found.detail is not None:
        item["detail"] = _jsonable(found.detail)
    return item


def _recommendation_item(found: RuleOutcome) -> dict[str, object]:
    item = _common(found)
    item["statement"] = found.content.statement
    item["decision_points"] = [str(point) for point in found.rule.decision_points]
    return item


def _alert_item(found: RuleOutcome) -> dict[str, object]:
    item = _common(found)
    item["message"] = found.content.statement
    item["severity"] = str(found.rule.severity)
    return item


def _workup_item(found: RuleOutcome) -> dict[str, object]:
    """A due work-up item, open (applies) or done in the current episode."""
    item = _common(found)
    detail = found.detail or {}
    item["statement"] = found.content.statement
    item["status"] = detail.get("status", "open")
    item["test"] = detail.get("test")
    item["done_on"] = detail.get("done_on")
    item["result"] = detail.get("result")
    return item


def _referral_item(found: RuleOutcome) -> dict[str, object]:
    item = _common(found)
    detail = found.detail or {}
    item["reason"] = found.content.statement
    item["due"] = detail.get("due")
    item["due_basis"] = detail.get("due_basis")
    item["overdue"] = detail.get("overdue", False)
    item["overdue_since"] = detail.get("overdue_since")
    return item


def resolve_content_overrides(
    overrides: Mapping[str, object] | None,
) -> dict[str, RuleContent]:
    """Turn rule id -> {statement, strength, strength_stated, certainty} into content.

    Each override may be a ``RuleContent`` (used as is), a mapping, or an object with
    those attributes (a model row); a member that is absent, ``None`` or empty keeps
    the catalogue's value. An ID no longer in the catalogue is skipped, so stored
    wording for a retired rule cannot break evaluation; a strength outside the
    vocabulary raises ``ValueError``.
    """
    if not overrides:
        return {}
    resolved: dict[str, RuleContent] = {}
    for rule_id, override in overrides.items():
        rule = RULES_BY_ID.get(rule_id)
        if rule is None:
            continue
        if isinstance(override, RuleContent):
            resolved[rule_id] = override
            continue
        values = {name: getattr(rule.content, name) for name in _CONTENT_FIELDS}
        for name in _CONTENT_FIELDS:
            if isinstance(override, Mapping):
                value = override.get(name)
            else:
                value = getattr(override, name, None)
            if value is not None and value != "":
                values[name] = value
        resolved[rule_id] = RuleContent(
            statement=str(values["statement"]),
            strength=Strength(values["strength"]),
            strength_stated=bool(values["strength_stated"]),
            certainty=values["certainty"],  # type: ignore[arg-type]
            needs_review=bool(values["needs_review"]),
        )
    return resolved


def evaluate(
    facts: CaseFacts,
    *,
    as_of: date | None = None,
    mental_health_interval_days: int = DEFAULT_MENTAL_HEALTH_INTERVAL_DAYS,
    content_overrides: Mapping[str, object] | None = None,
    options: EvaluationOptions | None = None,
) -> EvaluationResult:
    """Evaluate every case-facing rule for ``facts``.

    ``as_of`` must be the date the facts were derived for (it defaults to it): the
    derivations (age, prior therapy, current episode) depend on it, so a different date
    needs ``facts_from_document(document, as_of=...)`` rather than a silent mismatch.
    Program settings come either as ``options`` or as ``mental_health_interval_days``.
    """
    if as_of is not None and as_of != facts.as_of:
        raise ValueError(
            f"facts were derived as of {facts.as_of.isoformat()}, not "
            f"{as_of.isoformat()}; rebuild them with facts_from_document(..., as_of=)"
        )
    if (
        options is not None
        and mental_health_interval_days != DEFAULT_MENTAL_HEALTH_INTERVAL_DAYS
        and mental_health_interval_days != options.mental_health_interval_days
    ):
        raise ValueError("pass options or mental_health_interval_days, not both")
    if options is None:
        options = (
            DEFAULT_OPTIONS
            if mental_health_interval_days == DEFAULT_MENTAL_HEALTH_INTERVAL_DAYS
            else EvaluationOptions(mental_health_interval_days)
        )
    contents = resolve_content_overrides(content_overrides)
    known, run = _PLANS[facts.gate_key]
    findings = list(known)
    for index, predicate in run:
        findings[index] = predicate(facts, options)
    return EvaluationResult(
        ruleset_version=RULESET_VERSION,
        as_of=facts.as_of,
        decision_point=facts.decision_point,
        facts=facts,
        rules=CASE_RULES,
        findings=tuple(findings),
        options=options,
        contents=MappingProxyType(contents) if contents else _NO_OVERRIDES,
    )
