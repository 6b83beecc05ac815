"""The guideline library's search and filters: pure functions over library entries.

An entry is a dict from ``selectors.library_entries()``. Nothing here touches the
database; the view reads the GET parameters, the template shows the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from patients.search import search_normalise, search_terms
from recommendations.engine import SOURCES, DecisionPoint, Strength

# The strengths in words, in the order the filter offers them.
STRENGTH_LABELS = {
    str(Strength.STRONG): "Strong",
    str(Strength.CONDITIONAL): "Conditional",
    str(Strength.GOOD_PRACTICE): "Good practice statement",
    str(Strength.INFORMATION): "Information (a safety note, not a recommendation)",
    str(Strength.RESEARCH_ONLY): "Research only",
}
DECISION_POINT_LABELS = {
    str(DecisionPoint.REINDUCTION): "Re-induction",
    str(DecisionPoint.CONSOLIDATION): "Consolidation",
    str(DecisionPoint.NONE): "No decision point",
}
GROUPS = (
    ("recommendations", "Recommendations"),
    ("alerts", "Safety alerts"),
    ("referrals", "Psychosocial and supportive care"),
    ("workup", "Relapse work-up"),
    ("research", "Research priorities (never part of a case's result)"),
)
_GROUP_OF_KIND = {
    "recommendation": "recommendations",
    "alert": "alerts",
    "referral": "referrals",
    "workup": "workup",
}
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True, slots=True)
class LibraryFilters:
    """What the reader asked for; an empty value means any."""

    q: str = ""
    source: str = ""
    decision_point: str = ""
    strength: str = ""

    @property
    def active(self) -> bool:
        return any((self.q, self.source, self.decision_point, self.strength))


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    count: int  # entries shown if this option were chosen, the other filters kept


@dataclass(frozen=True, slots=True)
class LibraryPage:
    filters: LibraryFilters
    groups: list[tuple[str, str, list[dict]]]  # (key, title, entries)
    shown: int
    total: int
    sources: list[Option]
    decision_points: list[Option]
    strengths: list[Option]


def library_filters_from(params: Mapping[str, str]) -> LibraryFilters:
    """The filters from GET parameters; an unknown value is ignored, never an error."""
    source = params.get("source", "")
    point = params.get("decision_point", "")
    strength = params.get("strength", "")
    return LibraryFilters(
        q=" ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH],
        source=source if source in SOURCES else "",
        decision_point=point if point in DECISION_POINT_LABELS else "",
        strength=strength if strength in STRENGTH_LABELS else "",
    )


def entry_sources(entry: Mapping) -> set[str]:
    """Every source with a position on the entry: its own, concordant or differing."""
    positions = [*entry.get("concordant_with", ()), *entry.get("differs_from", ())]
    return {
        entry["source"],
        *entry.get("sources", ()),
        *(position["source"] for position in positions),
    }


def _haystack(entry: Mapping) -> str:
    positions = [*entry.get("concordant_with", ()), *entry.get("differs_from", ())]
    parts = [
        entry["id"],
        entry["statement"],
        entry.get("condition") or "",
        *entry_sources(entry),
        *(position.get("position", "") for position in positions),
    ]
    return search_normalise(" ".join(parts))


def entry_matches(entry: Mapping, filters: LibraryFilters) -> bool:
    if filters.source and filters.source not in entry_sources(entry):
        return False
    if filters.decision_point and filters.decision_point not in entry.get(
        "decision_points", ()
    ):
        return False
    if filters.strength and entry["strength"] != filters.strength:
        return False
    if filters.q:
        haystack = _haystack(entry)
        return all(term in haystack for term in search_terms(filters.q))
    return True


def library_filter(entries: Sequence[Mapping], filters: LibraryFilters) -> list:
    return [entry for entry in entries if entry_matches(entry, filters)]


def _group_key(entry: Mapping) -> str:
    if not entry["case_facing"]:
        return "research"
    return _GROUP_OF_KIND[entry["kind"]]


def _options(
    entries: Sequence[Mapping],
    filters: LibraryFilters,
    field: str,
    labels: Mapping[str, str],
) -> list[Option]:
    return [
        Option(
            value,
            label,
            len(library_filter(entries, replace(filters, **{field: value}))),
        )
        for value, label in labels.items()
    ]


def library_page(entries: Sequence[Mapping], filters: LibraryFilters) -> LibraryPage:
    """The entries the filters keep, grouped as the catalogue is, with counts."""
    kept = library_filter(entries, filters)
    groups = [
        (key, title, [entry for entry in kept if _group_key(entry) == key])
        for key, title in GROUPS
    ]
    return LibraryPage(
        filters=filters,
        groups=[group for group in groups if group[2]],
        shown=len(kept),
        total=len(entries),
        sources=_options(entries, filters, "source", {key: key for key in SOURCES}),
        decision_points=_options(
            entries, filters, "decision_point", DECISION_POINT_LABELS
        ),
        strengths=_options(entries, filters, "strength", STRENGTH_LABELS),
    )
