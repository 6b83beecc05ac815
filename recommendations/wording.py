"""Words for the engine's codes on the clinic pages: strength, certainty, severity.

Pure (no Django): the engine's JSON values in, clinician-facing words out. The
vocabulary is the catalogue's (../shared/domain/README.md, "Strength vocabulary"):
where a source gives no strength the catalogue records ``conditional`` with
``strength_stated: false``; that is shown as "not stated by the source", never as
"conditional", so the page does not claim a strength the source did not give.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

STRENGTH_WORDS = {
    "strong": "Strong recommendation",
    "conditional": "Conditional recommendation",
    "good_practice": "Good practice statement",
    "research_only": "Research only",
    "information": "For information",
}
STRENGTH_NOT_STATED = "Strength: not stated by the source"
CERTAINTY_NOT_STATED = "Certainty of evidence: not stated by the source"

SEVERITY_WORDS = {"high": "High severity", "warning": "Warning"}
SEVERITY_HINT = {
    "high": "Act on this before the decision.",
    "warning": "Keep this in mind when choosing.",
}

DECISION_POINT_WORDS = {
    "REINDUCTION": "Re-induction",
    "CONSOLIDATION": "Consolidation",
    "NONE": "No decision point",
}
DECISION_QUESTION = {
    "REINDUCTION": "Which treatment to try next to reach remission.",
    "CONSOLIDATION": "After remission: whether to go on to a transplant, "
    "and what else consolidates it.",
    "NONE": "No treatment decision is open in the guideline for this case now.",
}

# Sources in the order the case page shows them: the AYA R/R guideline first.
SOURCE_ORDER = ("ASH-RR-2026", "ASH-FL-2026", "REF-ADULT-RR")

# The clinical question each recommendation answers (catalogue "Decision points and
# recommendations"); a question the catalogue adds later falls under "Other".
TOPIC_THERAPY = "Treatment to reach remission"
TOPIC_CONSOLIDATION = "Consolidating the remission"
TOPIC_CNS = "CNS and testis"
TOPIC_TRIAL = "Clinical trials"
TOPIC_SUPPORTIVE = "Supportive and palliative care"
TOPIC_OTHER = "Other recommendations"
TOPIC_OF = {
    "RR-B-IMMUNO-REINDUCTION": TOPIC_THERAPY,
    "RR-B-CART-OPTION": TOPIC_THERAPY,
    "RR-KMT2A-REVUMENIB": TOPIC_THERAPY,
    "RR-B-CHEMO-BY-FITNESS": TOPIC_THERAPY,
    "RR-CD20-RITUXIMAB": TOPIC_THERAPY,
    "RR-LATE-RELAPSE-RETREAT": TOPIC_THERAPY,
    "RR-PH-TKI": TOPIC_THERAPY,
    "RR-T-NELARABINE": TOPIC_THERAPY,
    "RR-MULTIPLY-RELAPSED": TOPIC_THERAPY,
    "RR-POST-HSCT-DLI": TOPIC_THERAPY,
    "RR-HSCT-SHARED-DECISION": TOPIC_CONSOLIDATION,
    "RR-CART-THEN-HSCT": TOPIC_CONSOLIDATION,
    "RR-BLINA-MAINTENANCE": TOPIC_CONSOLIDATION,
    "RR-CNS-ISOLATED-IT": TOPIC_CNS,
    "RR-CNS-INVOLVED": TOPIC_CNS,
    "RR-CNS-PROPHYLAXIS": TOPIC_CNS,
    "RR-TESTIS-RT": TOPIC_CNS,
    "RR-CLINICAL-TRIAL": TOPIC_TRIAL,
    "RR-FRAIL-SUPPORTIVE": TOPIC_SUPPORTIVE,
}
# The question of the decision point leads; the others follow in this order.
LEAD_TOPIC = {
    "REINDUCTION": TOPIC_THERAPY,
    "CONSOLIDATION": TOPIC_CONSOLIDATION,
}
TOPIC_ORDER = (
    TOPIC_SUPPORTIVE,
    TOPIC_THERAPY,
    TOPIC_CONSOLIDATION,
    TOPIC_CNS,
    TOPIC_TRIAL,
    TOPIC_OTHER,
)


def strength_words(strength: str, *, stated: bool) -> str:
    """The strength in words; a strength the source did not state is said so."""
    if not stated:
        return STRENGTH_NOT_STATED
    return STRENGTH_WORDS.get(strength, strength.replace("_", " ").capitalize())


def certainty_words(certainty: str | None) -> str:
    if not certainty:
        return CERTAINTY_NOT_STATED
    return f"Certainty of evidence: {certainty}"


def severity_words(severity: str) -> str:
    return SEVERITY_WORDS.get(severity, severity.capitalize())


def decision_point_words(point: str) -> str:
    return DECISION_POINT_WORDS.get(point, point.replace("_", " ").capitalize())


def source_rank(source: str) -> int:
    """ASH-RR-2026 first, then the frontline guideline, then the adult reference."""
    return SOURCE_ORDER.index(source) if source in SOURCE_ORDER else len(SOURCE_ORDER)


@dataclass(frozen=True, slots=True)
class RecommendationGroup:
    """The recommendations answering one clinical question, ASH-RR-2026 first."""

    title: str
    items: tuple[Mapping, ...]


def group_recommendations(
    recommendations: Iterable[Mapping], *, decision_point: str
) -> list[RecommendationGroup]:
    """Group by question, the decision point's own question first.

    Supportive care leads when it applies (a frail patient: catalogue
    RR-FRAIL-SUPPORTIVE takes precedence over disease-directed items). Within a
    group, ASH-RR-2026 items come first; catalogue order is kept otherwise.
    """
    by_topic: dict[str, list[Mapping]] = {}
    for item in recommendations:
        by_topic.setdefault(TOPIC_OF.get(item["id"], TOPIC_OTHER), []).append(item)
    lead = LEAD_TOPIC.get(decision_point)
    order = sorted(
        by_topic,
        key=lambda topic: (
            topic != TOPIC_SUPPORTIVE,
            topic != lead,
            TOPIC_ORDER.index(topic),
        ),
    )
    return [
        RecommendationGroup(
            title=topic,
            items=tuple(
                sorted(by_topic[topic], key=lambda item: source_rank(item["source"]))
            ),
        )
        for topic in order
    ]


def options_at_hand(
    recommendations: Sequence[Mapping], *, decision_point: str
) -> list[Mapping]:
    """The guideline's options for the decision at hand, for the summary.

    The items of the leading group (supportive care when frail, else the decision
    point's own question), ASH-RR-2026 first; the clinical trial item is added, as
    the catalogue asks to consider one at every decision point.
    """
    groups = group_recommendations(recommendations, decision_point=decision_point)
    if not groups:
        return []
    lead = list(groups[0].items)
    lead_ids = {item["id"] for item in lead}
    trial = [
        item
        for item in recommendations
        if item["id"] == "RR-CLINICAL-TRIAL" and item["id"] not in lead_ids
    ]
    return lead + trial
