"""How a rule is declared: data (id, kind, sources, wording) around a predicate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recommendations.engine.vocabulary import (
    SOURCES,
    DecisionPoint,
    Kind,
    Relation,
    Severity,
    Strength,
)

if TYPE_CHECKING:
    from recommendations.engine.facts import CaseFacts
    from recommendations.engine.logic import Finding

# PSY-MENTAL-HEALTH: screening interval, configurable per program (catalogue default).
DEFAULT_MENTAL_HEALTH_INTERVAL_DAYS = 90


@dataclass(frozen=True, slots=True)
class EvaluationOptions:
    """Program settings a predicate may read; they change timing, never rule logic."""

    mental_health_interval_days: int = DEFAULT_MENTAL_HEALTH_INTERVAL_DAYS

    def __post_init__(self) -> None:
        if (
            not isinstance(self.mental_health_interval_days, int)
            or self.mental_health_interval_days < 1
        ):
            raise ValueError("mental_health_interval_days must be a positive integer")


DEFAULT_OPTIONS = EvaluationOptions()

Predicate = Callable[["CaseFacts", EvaluationOptions], "Finding"]


@dataclass(frozen=True, slots=True)
class RuleContent:
    """A rule's editable wording: what administrators may correct, not its logic."""

    statement: str
    strength: Strength
    strength_stated: bool
    certainty: str | None = None
    # An administrator's wording written for an earlier meaning of the rule.
    needs_review: bool = False

    def __post_init__(self) -> None:
        if not self.statement.strip():
            raise ValueError("a rule statement must not be empty")
        Strength(self.strength)  # raises ValueError outside the vocabulary


@dataclass(frozen=True, slots=True)
class SourcePosition:
    """Another source's position on the same question, side by side, never merged."""

    source: str
    relation: Relation
    position: str
    strength: Strength = Strength.CONDITIONAL
    strength_stated: bool = False
    certainty: str | None = None

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise ValueError(f"unknown source key {self.source!r}")

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "relation": str(self.relation),
            "position": self.position,
            "strength": str(self.strength),
            "strength_stated": self.strength_stated,
            "certainty": self.certainty,
        }


@dataclass(frozen=True, slots=True)
class Rule:
    """One catalogue item, declared once.

    ``lineage`` marks items that only exist for one lineage ("B" or "T"); their
    predicates check it first. ``decision_points`` lists where the rule can apply; the
    predicate enforces it, and the property tests check the two agree.
    ``case_facing`` is False for the research-only item, which is shown in the guideline
    library and never in a case's result. ``severity`` is set on alerts only (high or
    warning). ``disease_directed`` marks the items RR-FRAIL-SUPPORTIVE turns off
    (catalogue 2026.2: immunotherapy, CAR-T, revumenib, chemotherapy, re-treatment,
    TKI, nelarabine, HSCT, CAR-T then HSCT, blinatumomab maintenance). ``version``
    counts changes of meaning: wording an administrator wrote for an older version is
    flagged for review.
    """

    id: str
    kind: Kind
    decision_points: tuple[DecisionPoint, ...]
    source: str
    content: RuleContent
    condition: str
    predicate: Predicate
    positions: tuple[SourcePosition, ...] = ()
    lineage: str | None = None
    case_facing: bool = True
    version: int = 1
    severity: Severity | None = None
    disease_directed: bool = False

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise ValueError(f"{self.id}: unknown source key {self.source!r}")
        if (self.severity is not None) is not (self.kind is Kind.ALERT):
            raise ValueError(f"{self.id}: alerts, and only alerts, carry a severity")

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source key the rule cites, the primary one first, without repeats."""
        keys = [self.source]
        for key in (position.source for position in self.positions):
            if key not in keys:
                keys.append(key)
        return tuple(keys)

    @property
    def differs_from(self) -> tuple[SourcePosition, ...]:
        return tuple(p for p in self.positions if p.relation is Relation.DIFFERS)

    @property
    def concordant_with(self) -> tuple[SourcePosition, ...]:
        return tuple(p for p in self.positions if p.relation is Relation.CONCORDANT)

    def library_entry(self) -> dict[str, object]:
        """The rule as shown in the guideline library (no case involved)."""
        return {
            "id": self.id,
            "version": self.version,
            "kind": str(self.kind),
            "decision_points": [str(point) for point in self.decision_points],
            "lineage": self.lineage,
            "case_facing": self.case_facing,
            "severity": None if self.severity is None else str(self.severity),
            "disease_directed": self.disease_directed,
            "statement": self.content.statement,
            "source": self.source,
            "sources": list(self.sources),
            "strength": str(self.content.strength),
            "strength_stated": self.content.strength_stated,
            "certainty": self.content.certainty,
            "condition": self.condition,
            "concordant_with": [p.as_dict() for p in self.concordant_with],
            "differs_from": [p.as_dict() for p in self.differs_from],
        }
