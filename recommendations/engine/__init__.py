"""The pure recommendation engine: case facts in, guideline output out (no Django)."""

from recommendations.engine.evaluate import (
    RULESET_VERSION,
    EvaluationResult,
    RuleOutcome,
    evaluate,
    resolve_content_overrides,
)
from recommendations.engine.facts import CaseFacts, facts_from_document
from recommendations.engine.logic import Finding, Outcome
from recommendations.engine.rule import (
    EvaluationOptions,
    Rule,
    RuleContent,
    SourcePosition,
)
from recommendations.engine.rules import CATALOGUE, CATALOGUE_ORDER, RULES_BY_ID
from recommendations.engine.rules.cart_products import CART_PRODUCTS
from recommendations.engine.vocabulary import (
    SOURCES,
    DecisionPoint,
    Kind,
    Severity,
    Strength,
)

__all__ = [
    "CART_PRODUCTS",
    "CATALOGUE",
    "CATALOGUE_ORDER",
    "RULESET_VERSION",
    "RULES_BY_ID",
    "SOURCES",
    "CaseFacts",
    "DecisionPoint",
    "EvaluationOptions",
    "EvaluationResult",
    "Finding",
    "Kind",
    "Outcome",
    "Rule",
    "RuleContent",
    "RuleOutcome",
    "Severity",
    "SourcePosition",
    "Strength",
    "evaluate",
    "facts_from_document",
    "resolve_content_overrides",
]
