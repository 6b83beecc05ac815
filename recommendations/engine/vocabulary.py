"""Fixed vocabularies of the engine: decision points, rule kinds, strengths, sources."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DecisionPoint(StrEnum):
    """Where a case stands; the catalogue's tables are grouped by it."""

    REINDUCTION = "REINDUCTION"
    CONSOLIDATION = "CONSOLIDATION"
    NONE = "NONE"


ALL_DECISION_POINTS: tuple[DecisionPoint, ...] = tuple(DecisionPoint)
REINDUCTION: tuple[DecisionPoint, ...] = (DecisionPoint.REINDUCTION,)
CONSOLIDATION: tuple[DecisionPoint, ...] = (DecisionPoint.CONSOLIDATION,)
RR_DECISION_POINTS: tuple[DecisionPoint, ...] = (
    DecisionPoint.REINDUCTION,
    DecisionPoint.CONSOLIDATION,
)

# The catalogue's mapping from disease state to decision point ("NONE otherwise").
DECISION_POINT_BY_STATE: dict[str, DecisionPoint] = {
    "primary_refractory": DecisionPoint.REINDUCTION,
    "relapse": DecisionPoint.REINDUCTION,
    "progression_after_salvage": DecisionPoint.REINDUCTION,
    "remission_after_relapse": DecisionPoint.CONSOLIDATION,
}


class Kind(StrEnum):
    """What a rule produces in a case's result."""

    RECOMMENDATION = "recommendation"
    ALERT = "alert"
    REFERRAL = "referral"
    WORKUP = "workup"


class Severity(StrEnum):
    """How an alert is shown: ``high`` before ``warning`` (catalogue, 2026.2)."""

    HIGH = "high"
    WARNING = "warning"


class Strength(StrEnum):
    """The catalogue's strength vocabulary."""

    STRONG = "strong"
    CONDITIONAL = "conditional"
    GOOD_PRACTICE = "good_practice"
    RESEARCH_ONLY = "research_only"
    INFORMATION = "information"


class Relation(StrEnum):
    """How a secondary source's position relates to a rule's primary source."""

    CONCORDANT = "concordant"
    DIFFERS = "differs"


# Source keys, verbatim from the catalogue (../shared/domain/README.md).
ASH_RR_2026 = "ASH-RR-2026"
ASH_FL_2026 = "ASH-FL-2026"
REF_ADULT_RR = "REF-ADULT-RR"


@dataclass(frozen=True, slots=True)
class Source:
    """One clinical source the catalogue cites."""

    key: str
    title: str
    seeds: tuple[str, ...]


SOURCES: dict[str, Source] = {
    ASH_RR_2026: Source(
        ASH_RR_2026,
        "ASH 2026 guideline: relapsed/refractory ALL in adolescents and young adults",
        ("000", "001", "002"),
    ),
    ASH_FL_2026: Source(
        ASH_FL_2026,
        "ASH 2026 guideline: frontline ALL in adolescents and young adults",
        ("001", "002"),
    ),
    REF_ADULT_RR: Source(
        REF_ADULT_RR,
        "Clinical reference: treatment of relapsed/refractory ALL in adults",
        ("004",),
    ),
}

# REF-ADULT-RR grades its suggestions "Grade 2C": weak (conditional), low certainty.
GRADE_2C_CERTAINTY = "low"
