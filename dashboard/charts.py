"""Small bar charts over months, as numbers a template draws in SVG (pure)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from dashboard.measures import MeasureResult, Tally

WIDTH = 360
HEIGHT = 150
LEFT = 34  # room for the axis labels
BOTTOM = 26  # room for the month labels
TOP = 14  # room for a value label over the tallest bar
ZERO_STUB = 2  # a zero is drawn as a sliver, so it differs from "no case"


@dataclass(frozen=True, slots=True)
class Bar:
    month: dt.date
    x: float
    width: float
    y: float
    height: float
    value: float | None  # percent or days; None: no case counted that month
    text: str  # the value in words, under the chart and in its description
    label: str  # the month, shown under the bar when ``show_label``
    show_label: bool


@dataclass(frozen=True, slots=True)
class Chart:
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (y, label) of the value axis
    width: int
    height: int
    left: int
    baseline: float
    unit: str
    description: str


def _value(tally: Tally, kind: str) -> float | None:
    if kind == "median":
        return tally.median_days
    return tally.percent


def _text(tally: Tally, kind: str) -> str:
    if kind == "median":
        if tally.median_days is None:
            return "no case"
        return f"{tally.median_days:g} days (of {tally.met})"
    if tally.percent is None:
        return "no case"
    return f"{tally.percent}% ({tally.met} of {tally.denominator})"


def _top(values: list[float], kind: str) -> float:
    if kind != "median":
        return 100
    highest = max(values, default=0)
    if highest <= 10:
        return 10
    step = 10 ** math.floor(math.log10(highest))
    return math.ceil(highest / step) * step


def bar_chart(result: MeasureResult) -> Chart:
    kind = result.measure.kind
    months = result.by_month
    values = [_value(tally, kind) for _, tally in months]
    top = _top([v for v in values if v is not None], kind)
    plot_height = HEIGHT - BOTTOM - TOP
    baseline = HEIGHT - BOTTOM
    slot = (WIDTH - LEFT) / max(len(months), 1)
    every = 1 if len(months) <= 12 else math.ceil(len(months) / 12)
    bars = []
    for index, ((month, tally), value) in enumerate(zip(months, values, strict=True)):
        height = 0 if value is None else max(plot_height * value / top, ZERO_STUB)
        bars.append(
            Bar(
                month=month,
                x=round(LEFT + index * slot + slot * 0.15, 1),
                width=round(slot * 0.7, 1),
                y=round(baseline - height, 1),
                height=round(height, 1),
                value=value,
                text=_text(tally, kind),
                label=f"{month:%b}",
                show_label=index % every == 0,
            )
        )
    unit = "days" if kind == "median" else "%"
    suffix = "d" if kind == "median" else "%"
    ticks = [
        (round(baseline - plot_height * fraction, 1), f"{top * fraction:g}{suffix}")
        for fraction in (0, 0.5, 1)
    ]
    description = "; ".join(f"{bar.month:%B %Y}: {bar.text}" for bar in bars)
    return Chart(
        bars=bars,
        ticks=ticks,
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        baseline=baseline,
        unit=unit,
        description=description,
    )
