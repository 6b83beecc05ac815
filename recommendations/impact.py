"""What the current rule set changes for a program's cases, against their snapshots.

Each case's latest snapshot holds the case document it was made from, the date it
was evaluated for and the result shown then. Evaluating that same document as of that
same date under the current rule set (with the program's settings and today's rule
wording) isolates what the rule set changed from what the patient's facts did: the
difference, item by item, is what an upgrade such as 2026.1 → 2026.2 means for that
patient. A case whose facts changed since its snapshot is marked, since its next
evaluation will also reflect those changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery

from patients.models import Case, Program
from recommendations import engine, selectors
from recommendations.models import RecommendationSnapshot, RuleContent

# The lists of a result compared item by item: key, label, and the key an earlier rule
# set kept the same items under (2026.1 listed checks as ``insufficient_data``). The
# work-up list compares the open items.
COMPARED_LISTS: tuple[tuple[str, str, str], ...] = (
    ("recommendations", "Recommendations", "recommendations"),
    ("alerts", "Alerts", "alerts"),
    ("referrals_due", "Referrals due", "referrals_due"),
    ("workup_open", "Open work-up", "workup_open"),
    ("checks", "Checks to do (insufficient data)", "insufficient_data"),
)
# Case documents whose referral dates follow catalogue 2026.1: a scheduled referral's
# date was its appointment, and could lie after the evaluation date.
RULESETS_WITH_APPOINTMENT_DATES = frozenset({"ash-rr-aya-2026.1"})


@dataclass(frozen=True, slots=True)
class ListChange:
    key: str
    label: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    new_in_ruleset: bool  # the earlier rule set had no such list at all


@dataclass(frozen=True, slots=True)
class CaseImpact:
    """One case: its latest snapshot and what the current rule set changes."""

    case_pk: int
    case_ref: str
    snapshot_pk: int | None
    snapshot_ruleset: str | None
    snapshot_as_of: dt.date | None
    facts_changed_since: bool
    changes: tuple[ListChange, ...] = field(default=())

    @property
    def has_snapshot(self) -> bool:
        return self.snapshot_pk is not None

    @property
    def changed(self) -> bool:
        return any(change.added or change.removed for change in self.changes)


@dataclass(frozen=True, slots=True)
class ProgramImpact:
    program: Program
    ruleset_version: str
    cases: tuple[CaseImpact, ...]
    overrides_to_review: tuple[str, ...]

    @property
    def changed(self) -> tuple[CaseImpact, ...]:
        return tuple(case for case in self.cases if case.changed)

    @property
    def unchanged(self) -> tuple[CaseImpact, ...]:
        return tuple(
            case for case in self.cases if case.has_snapshot and not case.changed
        )

    @property
    def without_snapshot(self) -> tuple[CaseImpact, ...]:
        return tuple(case for case in self.cases if not case.has_snapshot)


def _ids(result: Mapping[str, object], key: str) -> tuple[set[str], bool]:
    items = result.get(key)
    if items is None:
        return set(), False
    return {item if isinstance(item, str) else item["id"] for item in items}, True  # type: ignore[union-attr]


def result_changes(
    before: Mapping[str, object], after: Mapping[str, object]
) -> tuple[ListChange, ...]:
    """Item IDs added and removed, list by list, from ``before`` to ``after``."""
    changes = []
    for key, label, earlier_key in COMPARED_LISTS:
        old, present = _ids(before, key)
        if not present:
            old, present = _ids(before, earlier_key)
        new, _ = _ids(after, key)
        order = engine.CATALOGUE_ORDER.index
        changes.append(
            ListChange(
                key=key,
                label=label,
                added=tuple(sorted(new - old, key=order)),
                removed=tuple(sorted(old - new, key=order)),
                new_in_ruleset=not present,
            )
        )
    return tuple(changes)


def document_in_current_terms(
    document: Mapping[str, object], *, ruleset_version: str
) -> Mapping[str, object]:
    """A snapshot's case document read with catalogue 2026.2's referral dates.

    Under 2026.1 a scheduled referral's date was its appointment and could lie ahead;
    2026.2 dates the status and keeps the appointment apart. As the registry's data
    migration did for stored rows, such an appointment moves to ``appointment_date``
    and the status is dated the evaluation date (it had been reached by then), so the
    report shows what the rule set changed, not a change of date format.
    """
    if ruleset_version not in RULESETS_WITH_APPOINTMENT_DATES:
        return document
    evaluation = str(document["evaluation_date"])
    referrals = []
    for referral in document.get("referrals") or ():  # type: ignore[attr-defined]
        when = referral.get("date")
        if referral.get("status") == "scheduled" and when and when > evaluation:
            referral = {**referral, "date": evaluation, "appointment_date": when}
        referrals.append(referral)
    return {**document, "referrals": referrals}


def _latest_snapshots(cases: QuerySet[Case]) -> dict[int, RecommendationSnapshot]:
    latest = RecommendationSnapshot.objects.filter(case=OuterRef("pk")).order_by(
        "-created_at", "-id"
    )
    ids = cases.annotate(snapshot_id=Subquery(latest.values("id")[:1])).values_list(
        "snapshot_id", flat=True
    )
    snapshots = RecommendationSnapshot.objects.filter(
        pk__in=[pk for pk in ids if pk is not None]
    )
    return {snapshot.case_id: snapshot for snapshot in snapshots}


def program_ruleset_impact(*, program: Program) -> ProgramImpact:
    """Every case of ``program`` against its latest snapshot, under today's rules."""
    cases = Case.objects.filter(program=program).order_by("case_id")
    snapshots = _latest_snapshots(cases)
    overrides = selectors.rule_content_overrides()
    impacts: list[CaseImpact] = []
    for case in cases.only("pk", "case_id", "version"):
        snapshot = snapshots.get(case.pk)
        if snapshot is None:
            impacts.append(CaseImpact(case.pk, case.case_id, None, None, None, False))
            continue
        now = selectors.evaluate_document(
            document=document_in_current_terms(
                snapshot.facts, ruleset_version=snapshot.ruleset_version
            ),
            as_of=snapshot.as_of,
            mental_health_interval_days=program.mental_health_interval_days,
            overrides=overrides,
        )
        impacts.append(
            CaseImpact(
                case_pk=case.pk,
                case_ref=case.case_id,
                snapshot_pk=snapshot.pk,
                snapshot_ruleset=snapshot.ruleset_version,
                snapshot_as_of=snapshot.as_of,
                facts_changed_since=case.version != snapshot.case_version,
                changes=result_changes(snapshot.result, now),
            )
        )
    review = tuple(
        row.rule_id
        for row in RuleContent.objects.filter(is_override=True)
        if row.needs_review
    )
    return ProgramImpact(
        program=program,
        ruleset_version=engine.RULESET_VERSION,
        cases=tuple(impacts),
        overrides_to_review=review,
    )


def impact_as_text(impact: ProgramImpact) -> str:
    """The report in plain text, for the shell and for a note."""
    lines = [
        f"Rule set {impact.ruleset_version}: what changes for program "
        f"{impact.program.slug}, case by case, against each case's latest snapshot "
        "(the snapshot's own facts and date, evaluated under the current rules).",
        f"{len(impact.cases)} case(s): {len(impact.changed)} changed, "
        f"{len(impact.unchanged)} unchanged, {len(impact.without_snapshot)} without "
        "a snapshot.",
        "",
    ]
    for case in impact.changed:
        facts = " (its facts have changed since the snapshot)"
        lines.append(
            f"{case.case_ref}: snapshot of {case.snapshot_as_of} under "
            f"{case.snapshot_ruleset}{facts if case.facts_changed_since else ''}"
        )
        lines += _change_lines(case.changes)
    if impact.without_snapshot:
        lines += [
            "",
            "No snapshot to compare with: "
            + ", ".join(case.case_ref for case in impact.without_snapshot),
        ]
    if impact.overrides_to_review:
        lines += [
            "",
            "Wording overrides flagged for review (the rule's meaning changed since "
            "they were written): " + ", ".join(impact.overrides_to_review),
        ]
    return "\n".join(lines)


def _change_lines(changes: Sequence[ListChange]) -> list[str]:
    lines = []
    for change in changes:
        if not (change.added or change.removed):
            continue
        parts = []
        if change.added:
            parts.append("+ " + ", ".join(change.added))
        if change.removed:
            parts.append("- " + ", ".join(change.removed))
        note = " (new in this rule set)" if change.new_in_ruleset else ""
        lines.append(f"  {change.label}{note}: {'; '.join(parts)}")
    return lines


def impact_as_json(impact: ProgramImpact) -> dict[str, object]:
    """The report as JSON-ready data (case identifiers, item IDs; no other PHI)."""
    return {
        "program": impact.program.slug,
        "ruleset_version": impact.ruleset_version,
        "overrides_to_review": list(impact.overrides_to_review),
        "cases": [
            {
                "case_id": case.case_ref,
                "snapshot_ruleset": case.snapshot_ruleset,
                "snapshot_as_of": (
                    None
                    if case.snapshot_as_of is None
                    else case.snapshot_as_of.isoformat()
                ),
                "facts_changed_since": case.facts_changed_since,
                "changes": {
                    change.key: {
                        "added": list(change.added),
                        "removed": list(change.removed),
                        "new_in_ruleset": change.new_in_ruleset,
                    }
                    for change in case.changes
                },
            }
            for case in impact.cases
        ],
    }


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
