"""The dashboard's period from GET parameters: ``from`` and ``to`` as YYYY-MM."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.history import Period, next_month

DEFAULT_MONTHS = 12
MAX_MONTHS = 60
MSG_BAD_MONTH = "“{value}” is not a month; write it as year-month, e.g. 2026-03."
MSG_ORDER = "The period starts after it ends; the two months were swapped."
MSG_TOO_LONG = "A period covers at most {n} months; it was shortened to the last {n}."
MSG_FUTURE = "The period cannot end after this month; it ends this month."
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, slots=True)
class PeriodChoice:
    period: Period
    start_param: str  # YYYY-MM, as the form shows it
    end_param: str
    problems: list[str]


def _month(value: str) -> dt.date | None:
    match = _MONTH.fullmatch(value.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12 or year < 1900:
        return None
    return dt.date(year, month, 1)


def _months_back(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def period_from(params: Mapping[str, str], *, today: dt.date) -> PeriodChoice:
    """The chosen months, or the last 12 to this month; problems said in words."""
    this_month = today.replace(day=1)
    problems = []
    end = this_month
    if params.get("to"):
        end = _month(params["to"]) or end
        if _month(params["to"]) is None:
            problems.append(MSG_BAD_MONTH.format(value=params["to"][:20]))
    if end > this_month:
        problems.append(MSG_FUTURE)
        end = this_month
    start = _months_back(end, DEFAULT_MONTHS - 1)
    if params.get("from"):
        parsed = _month(params["from"])
        if parsed is None:
            problems.append(MSG_BAD_MONTH.format(value=params["from"][:20]))
        else:
            start = min(parsed, this_month)
    if start > end:
        problems.append(MSG_ORDER)
        start, end = end, start
    if _months_back(end, MAX_MONTHS - 1) > start:
        problems.append(MSG_TOO_LONG.format(n=MAX_MONTHS))
        start = _months_back(end, MAX_MONTHS - 1)
    last_day = min(next_month(end) - dt.timedelta(days=1), today)
    return PeriodChoice(
        Period(start=start, end=last_day, today=today),
        f"{start:%Y-%m}",
        f"{end:%Y-%m}",
        problems,
    )
