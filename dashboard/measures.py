"""The program measures the guideline implies, computed from plain case histories.

Pure: no database. ``dashboard.selectors`` turns stored rows into ``CaseHistory``
values; this module decides, for each measure, which cases fall in its numerator and
denominator, month by month. Definitions in words: docs/dashboard.md (keep in step).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from dashboard.history import (
    AidGiven,
    CaseHistory,
    Episode,
    Period,
    ReferralRow,
    episodes,
    month_of,
    next_month,
    next_therapy,
    referrals_of,
    relapse_count_on,
)

__all__ = ["AidGiven", "CaseHistory", "Period", "ReferralRow", "next_month"]

# A referral "counts" when it is one of these (catalogue, "Definitions").
COUNTING_STATUSES = frozenset({"referred", "scheduled", "completed", "declined"})
# Statuses reached only after an earlier, undated step (referred) may have counted.
LATER_STATUSES = frozenset({"scheduled", "completed", "declined"})
ADDRESSED_STATUSES = frozenset({"completed", "declined"})
REMISSION_RESPONSES = frozenset({"CR", "CRh", "CRi"})
SOCIAL_WORK_DAYS = 7  # the measure's window, from the issue ("within 7 days")


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    INSUFFICIENT = "insufficient"  # the stored data cannot say
    PENDING = "pending"  # not due yet: outside the denominator


OUTCOME_LABELS = {
    Outcome.MET: "In the numerator",
    Outcome.NOT_MET: "In the denominator only",
    Outcome.INSUFFICIENT: "Insufficient data",
    Outcome.PENDING: "Not due yet",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """One case's contribution: at one index date, an outcome and why."""

    case: CaseHistory
    index_date: dt.date
    outcome: Outcome
    reason: str
    value: int | None = None  # days, for the median measure


# ---------------------------------------------------------------------------------


def fertility_before_therapy(case: CaseHistory, period: Period) -> list[Unit]:
    units = []
    for episode in episodes(case):
        if not period.contains(episode.relapse):
            continue
        therapy = next_therapy(case, episode)
        if therapy is None:
            units.append(
                Unit(case, episode.relapse, Outcome.PENDING, "no therapy started yet")
            )
            continue
        addressed = [
            r.date
            for r in referrals_of(case, "fertility")
            if r.status in ADDRESSED_STATUSES
            and r.date is not None
            and episode.relapse <= r.date <= therapy
        ]
        if addressed:
            reason = f"fertility {min(addressed)}, therapy {therapy}"
            units.append(Unit(case, episode.relapse, Outcome.MET, reason))
        else:
            reason = f"no completed or declined fertility referral by {therapy}"
            units.append(Unit(case, episode.relapse, Outcome.NOT_MET, reason))
    return units


def social_work_within_7_days(case: CaseHistory, period: Period) -> list[Unit]:
    units = []
    for episode in episodes(case):
        if not period.contains(episode.relapse):
            continue
        deadline = episode.relapse + dt.timedelta(days=SOCIAL_WORK_DAYS)
        rows = [
            r
            for r in referrals_of(case, "social_work")
            if r.status in COUNTING_STATUSES
            and r.date is not None
            and episode.holds(r.date)
        ]
        in_time = [r.date for r in rows if r.date <= deadline]
        later = [r for r in rows if r.date > deadline and r.status in LATER_STATUSES]
        if in_time:
            outcome, reason = Outcome.MET, f"social work {min(in_time)}"
        elif later:
            outcome = Outcome.INSUFFICIENT
            reason = (
                f"{later[0].status} on {later[0].date}: when it was referred "
                "is not recorded"
            )
        elif deadline > period.today:
            outcome, reason = Outcome.PENDING, f"7 days end {deadline}"
        else:
            outcome, reason = Outcome.NOT_MET, f"none by {deadline}"
        units.append(Unit(case, episode.relapse, outcome, reason))
    return units


def _point_in_time_months(period: Period) -> list[dt.date]:
    return [period.month_end(month) for month in period.months()]


def mental_health_current(case: CaseHistory, period: Period) -> list[Unit]:
    units = []
    window = dt.timedelta(days=case.mental_health_interval_days)
    rows = referrals_of(case, "mental_health")
    for day in _point_in_time_months(period):
        if case.diagnosis_date > day:
            continue
        completed = [
            r.date
            for r in rows
            if r.status == "completed" and r.date and day - window < r.date <= day
        ]
        changed_later = [r for r in rows if r.date and r.date > day]
        if completed:
            outcome, reason = Outcome.MET, f"screened {max(completed)}"
        elif changed_later:
            outcome = Outcome.INSUFFICIENT
            reason = (
                f"the referral changed on {changed_later[0].date}; an earlier "
                "screening on it is not recorded"
            )
        else:
            outcome = Outcome.NOT_MET
            reason = f"no screening completed in the {window.days} days to {day}"
        units.append(Unit(case, day, outcome, reason))
    return units


def palliative_referral(case: CaseHistory, period: Period) -> list[Unit]:
    units = []
    rows = referrals_of(case, "palliative_care")
    for day in _point_in_time_months(period):
        if case.diagnosis_date > day:
            continue
        if relapse_count_on(case, day) >= 2:
            why = "relapsed twice or more"
        elif case.frail_now and day == period.today:
            why = "frail"
        elif case.frail_now:
            reason = "frail now; whether frail then is not recorded"
            units.append(Unit(case, day, Outcome.INSUFFICIENT, reason))
            continue
        else:
            continue
        counted = [
            r.date
            for r in rows
            if r.status in COUNTING_STATUSES and r.date and r.date <= day
        ]
        later = [
            r for r in rows if r.date and r.date > day and r.status in LATER_STATUSES
        ]
        if counted:
            outcome, reason = Outcome.MET, f"{why}; palliative care {min(counted)}"
        elif later:
            outcome = Outcome.INSUFFICIENT
            reason = f"{why}; {later[0].status} on {later[0].date}, referral undated"
        else:
            outcome, reason = Outcome.NOT_MET, f"{why}; no palliative-care referral"
        units.append(Unit(case, day, outcome, reason))
    return units


def workup_before_reinduction(case: CaseHistory, period: Period) -> list[Unit]:
    units = []
    for episode in episodes(case):
        if not period.contains(episode.relapse):
            continue
        therapy = next_therapy(case, episode)
        if therapy is None:
            units.append(
                Unit(case, episode.relapse, Outcome.PENDING, "no therapy started yet")
            )
            continue
        if case.workup_due is None:
            units.append(
                Unit(
                    case,
                    episode.relapse,
                    Outcome.INSUFFICIENT,
                    "which work-up is due cannot be told (a fact is not recorded)",
                )
            )
            continue
        done = {test for test, day in case.workup if episode.relapse <= day <= therapy}
        missing = sorted(case.workup_due - done)
        if missing:
            reason = "not done by {}: {}".format(
                therapy, ", ".join(t.replace("_", " ") for t in missing)
            )
            units.append(Unit(case, episode.relapse, Outcome.NOT_MET, reason))
        else:
            reason = f"{len(case.workup_due)} item(s) done by {therapy}"
            units.append(Unit(case, episode.relapse, Outcome.MET, reason))
    return units


def _decision_points(case: CaseHistory) -> list[tuple[str, dt.date, Episode]]:
    """Re-induction at each relapse; consolidation at the remission that follows."""
    points = []
    for episode in episodes(case):
        points.append(("REINDUCTION", episode.relapse, episode))
        remission = next((d for d in case.remission_dates if episode.holds(d)), None)
        if remission is not None:
            points.append(("CONSOLIDATION", remission, episode))
    return points


def _undecided(case: CaseHistory, point: str, episode: Episode) -> bool:
    """Still at this point: no re-induction therapy yet, or still in remission."""
    if point == "REINDUCTION":
        return next_therapy(case, episode) is None
    return case.current_decision_point == point


def aid_at_decision_points(case: CaseHistory, period: Period) -> list[Unit]:
    units = []
    points = _decision_points(case)
    for index, (point, reached, episode) in enumerate(points):
        if not period.contains(reached):
            continue
        until = points[index + 1][1] if index + 1 < len(points) else None
        given = [
            aid.as_of
            for aid in case.aids_given
            if aid.decision_point == point
            and aid.as_of >= reached
            and (until is None or aid.as_of < until)
        ]
        label = point.lower()
        if given:
            outcome, reason = Outcome.MET, f"{label}: aid given ({min(given)})"
        elif until is None and _undecided(case, point, episode):
            outcome, reason = Outcome.PENDING, f"{label}: the decision is still open"
        else:
            outcome, reason = Outcome.NOT_MET, f"{label}: no aid given"
        units.append(Unit(case, reached, outcome, reason))
    return units


def days_relapse_to_decision(case: CaseHistory, period: Period) -> list[Unit]:
    units = []
    for episode in episodes(case):
        if not period.contains(episode.relapse):
            continue
        therapy = next_therapy(case, episode)
        if therapy is None:
            units.append(
                Unit(case, episode.relapse, Outcome.PENDING, "no therapy started yet")
            )
            continue
        days = (therapy - episode.relapse).days
        units.append(
            Unit(
                case,
                episode.relapse,
                Outcome.MET,
                f"relapse {episode.relapse}, therapy {therapy}",
                value=days,
            )
        )
    return units


# ---------------------------------------------------------------------------------
# Definitions and results
# ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    title: str
    numerator: str
    denominator: str
    source: str
    compute: Callable[[CaseHistory, Period], list[Unit]]
    kind: str = "ratio"  # or "median" (days)
    point_in_time: bool = False


MEASURES: tuple[Measure, ...] = (
    Measure(
        "fertility",
        "Fertility addressed before the next therapy",
        "a fertility referral completed or declined between the relapse and the "
        "start of the next therapy",
        "relapses in the period after which a therapy has started",
        "PSY-FERTILITY (ASH-FL-2026, ASH-RR-2026)",
        fertility_before_therapy,
    ),
    Measure(
        "social-work",
        "Social work within 7 days of a relapse",
        "a social-work referral that counts, dated within 7 days of the relapse",
        "relapses in the period, once 7 days have passed",
        "PSY-SOCIAL-WORK (ASH-FL-2026)",
        social_work_within_7_days,
    ),
    Measure(
        "mental-health",
        "Mental-health screening current",
        "a mental-health screening completed within the program's interval before "
        "the day",
        "cases diagnosed by the end of the month (the number: by the period's end)",
        "PSY-MENTAL-HEALTH (ASH-FL-2026)",
        mental_health_current,
        point_in_time=True,
    ),
    Measure(
        "palliative",
        "Palliative-care referral when multiply relapsed or frail",
        "a palliative-care referral that counts, dated by the day",
        "cases relapsed twice or more, or frail (frailty known only today), at the "
        "end of the month (the number: at the period's end)",
        "PSY-PALLIATIVE (ASH-RR-2026, REF-ADULT-RR)",
        palliative_referral,
        point_in_time=True,
    ),
    Measure(
        "workup",
        "Work-up complete before the re-induction decision",
        "every work-up item due for the case recorded between the relapse and the "
        "start of the next therapy",
        "relapses in the period after which a therapy has started",
        "WU-… items (REF-ADULT-RR, seed 004)",
        workup_before_reinduction,
    ),
    Measure(
        "decision-aid",
        "A decision aid given at each decision point",
        "a decision aid given, printed from an evaluation at that decision point "
        "and dated from the point until the next one",
        "decision points reached in the period (re-induction at each relapse, "
        "consolidation at the remission that follows), once decided",
        "DA-… aids (catalogue, decision aids)",
        aid_at_decision_points,
    ),
    Measure(
        "days-to-decision",
        "Median days from relapse to decision",
        "days from the relapse to the start of the next therapy (the decision "
        "carried out; the registry does not record the day a decision was taken)",
        "relapses in the period after which a therapy has started",
        "ASH-RR-2026 (timely re-induction)",
        days_relapse_to_decision,
        kind="median",
    ),
)
MEASURES_BY_ID = {measure.id: measure for measure in MEASURES}


@dataclass(frozen=True, slots=True)
class Tally:
    """One number: for the period, or for one month of its chart."""

    met: int = 0
    denominator: int = 0
    insufficient: int = 0
    pending: int = 0
    median_days: float | None = None

    @property
    def percent(self) -> int | None:
        if not self.denominator:
            return None
        return round(100 * self.met / self.denominator)


def tally(units: Sequence[Unit], kind: str) -> Tally:
    counted = [u for u in units if u.outcome in (Outcome.MET, Outcome.NOT_MET)]
    values = [u.value for u in units if u.value is not None]
    return Tally(
        met=sum(1 for u in counted if u.outcome is Outcome.MET),
        denominator=len(counted),
        insufficient=sum(1 for u in units if u.outcome is Outcome.INSUFFICIENT),
        pending=sum(1 for u in units if u.outcome is Outcome.PENDING),
        median_days=statistics.median(values) if kind == "median" and values else None,
    )


@dataclass(frozen=True, slots=True)
class MeasureResult:
    measure: Measure
    units: list[Unit]  # behind the number (point-in-time: at the period's end)
    total: Tally
    by_month: list[tuple[dt.date, Tally]]
    all_units: list[Unit]  # behind the chart, every month

    def units_for_month(self, month: dt.date) -> list[Unit]:
        return [u for u in self.all_units if self.month_key(u) == month]

    def month_key(self, unit: Unit) -> dt.date:
        return month_of(unit.index_date)


def measure_compute(
    measure: Measure, cases: Iterable[CaseHistory], period: Period
) -> MeasureResult:
    """The measure for a program's cases: the period's number and one per month.

    An episode measure counts each unit in the month of its index date (the relapse
    or decision point); a point-in-time measure reads each month at its end (today
    for the current month), and the period's number is the reading at its end.
    """
    all_units = [unit for case in cases for unit in measure.compute(case, period)]
    by_month = []
    for month in period.months():
        in_month = [u for u in all_units if month_of(u.index_date) == month]
        by_month.append((month, tally(in_month, measure.kind)))
    units = all_units
    if measure.point_in_time:
        last = period.month_end(period.months()[-1])
        units = [u for u in all_units if u.index_date == last]
    return MeasureResult(
        measure, units, tally(units, measure.kind), by_month, all_units
    )
