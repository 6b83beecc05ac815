"""The worklist's shape: one row per patient, with that patient's due items.

A contract between the page (view, templates, htmx actions) and whatever fills it:
the engine run per request, or the stored current evaluations read with SQL. Both
return a ``WorklistPage`` for the same ``WorklistFilters``; the page never knows which.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class WorklistFilters:
    """What the coordinator chose; every field stays in the address (query string)."""

    owner: int | None = None  # a user's pk; the rows keep only items that user owns
    unassigned: bool = False  # only items nobody owns
    kind: str | None = None  # a ReferralKind value
    status: str | None = None  # a ReferralStatus value, or "none" (never referred)
    overdue_only: bool = False
    program: int | None = None  # a Program pk among the user's programs
    # A summary card: "overdue", "due", "alerts", "workup" or "decisions".
    card: str | None = None


@dataclass(frozen=True, slots=True)
class WorklistItem:
    """One referral the guideline says is due for this patient (a PSY-* rule)."""

    rule_id: str  # e.g. "PSY-MENTAL-HEALTH"
    kind: str  # the ReferralKind that answers it, e.g. "mental_health"
    reason: str  # the engine's reason, in words
    source: str  # the source ID the rule cites
    due: dt.date | None
    overdue: bool
    status: str  # of the latest referral of this kind, "" when never referred
    status_date: dt.date | None  # the date of that status
    referral_pk: int | None  # the latest referral of this kind, if any
    owner_pk: int | None
    owner_name: str  # "" when nobody owns it
    # Why the item is due again although the latest referral is completed (a new
    # mental-health screen), in words; "" when there is nothing to explain.
    note: str = ""


@dataclass(frozen=True, slots=True)
class WorklistAlert:
    rule_id: str
    severity: str  # engine Severity: "high" before "warning"
    text: str
    source: str
    new: bool  # not acknowledged and not in the latest snapshot


@dataclass(frozen=True, slots=True)
class WorklistRow:
    case_pk: int
    case_id: str
    display_name: str
    program_pk: int
    decision_point: str  # engine decision point code, "NONE" when there is none
    items: tuple[WorklistItem, ...]  # overdue first, then by due date
    alerts: tuple[WorklistAlert, ...]  # high first
    workup_open: tuple[str, ...]  # titles of open work-up items (WU-*), in words
    checks: tuple[str, ...]  # checks to do, in words

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.overdue)


@dataclass(frozen=True, slots=True)
class WorklistCounts:
    """The summary cards; each is also a filter (``WorklistFilters.card``)."""

    overdue: int = 0  # patients with at least one overdue item
    due: int = 0  # patients with at least one due item
    alerts: int = 0  # patients with a new alert
    workup: int = 0  # patients with open work-up
    decisions: int = 0  # patients at a decision point


@dataclass(frozen=True, slots=True)
class WorklistPage:
    rows: tuple[WorklistRow, ...]
    counts: WorklistCounts
    next_cursor: str | None  # opaque keyset cursor for the next page; None on the last
    owners: tuple[tuple[int, str], ...] = field(default=())  # (pk, name) to choose from
