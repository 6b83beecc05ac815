"""A case's history as the dashboard's measures read it, and the period they cover.

Plain values (no database): ``dashboard.selectors`` builds them from stored rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReferralRow:
    kind: str
    status: str
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class AidGiven:
    decision_point: str
    as_of: dt.date  # the date of the evaluation the aid was printed from


@dataclass(frozen=True, slots=True)
class CaseHistory:
    """What the measures read of one case; built by ``dashboard.selectors``."""

    pk: int
    case_id: str
    name: str
    diagnosis_date: dt.date
    relapse_dates: tuple[dt.date, ...]  # distinct, ascending
    relapse_count: int | None  # as recorded on the case (may exceed dated relapses)
    therapy_dates: tuple[dt.date, ...]  # ascending start dates of therapy events
    remission_dates: tuple[dt.date, ...]  # CR/CRh/CRi responses, ascending
    workup: tuple[tuple[str, dt.date], ...]  # (test, date) of workup events
    referrals: tuple[ReferralRow, ...]
    aids_given: tuple[AidGiven, ...]
    frail_now: bool | None  # the current fitness category; None when unknown
    # The work-up tests due at re-induction (the engine's WU-… due conditions on the
    # facts as recorded now); None when a due condition lacks data.
    workup_due: frozenset[str] | None
    current_decision_point: str
    mental_health_interval_days: int = 90


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date  # first day of the first month
    end: dt.date  # last day of the last month, never after today
    today: dt.date

    def months(self) -> list[dt.date]:
        """The first day of every month in the period."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = next_month(month)
        return months

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def month_end(self, month: dt.date) -> dt.date:
        """The day a point-in-time measure is read for ``month`` (today at latest)."""
        return min(next_month(month) - dt.timedelta(days=1), self.today, self.end)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


# ---------------------------------------------------------------------------------
# Episodes: a relapse and the time until the next one
# ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Episode:
    relapse: dt.date
    until: dt.date | None  # the next relapse (exclusive), None for the latest

    def holds(self, day: dt.date) -> bool:
        return day >= self.relapse and (self.until is None or day < self.until)


def episodes(case: CaseHistory) -> list[Episode]:
    dates = case.relapse_dates
    return [
        Episode(day, dates[i + 1] if i + 1 < len(dates) else None)
        for i, day in enumerate(dates)
    ]


def next_therapy(case: CaseHistory, episode: Episode) -> dt.date | None:
    """The first therapy started in the episode: the decision carried out."""
    return next((d for d in case.therapy_dates if episode.holds(d)), None)


def relapse_count_on(case: CaseHistory, day: dt.date) -> int:
    """Relapses by ``day``: the recorded count less the dated relapses after it."""
    total = (
        case.relapse_count
        if case.relapse_count is not None
        else len(case.relapse_dates)
    )
    later = sum(1 for d in case.relapse_dates if d > day)
    return max(total - later, 0)


def referrals_of(case: CaseHistory, kind: str) -> list[ReferralRow]:
    return [r for r in case.referrals if r.kind == kind]


# ---------------------------------------------------------------------------------
# The measures, one function each: units for the cases of a program and a period
