"""Lay out a case's timeline as an SVG picture: therapies as bars, events as markers.

Pure layout (no Django): events in, positioned shapes out; the template draws them.
Each event type has its own lane, and overlapping bars in a lane are stacked on
sub-rows, so thirty or more events stay readable. Shapes carry a text label and a
distinct shape per kind, so the picture does not rely on colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

WIDTH = 1000
GUTTER = 170  # room for lane names on the left
RIGHT = 20
ROW = 22
LANE_GAP = 8
TOP = 34  # room for the year ticks

THERAPY_LANES = (
    ("chemotherapy", "Chemotherapy"),
    ("blinatumomab", "Blinatumomab"),
    ("inotuzumab", "Inotuzumab"),
    ("car_t", "CAR-T"),
    ("revumenib", "Revumenib"),
    ("nelarabine", "Nelarabine"),
    ("tki", "TKI"),
    ("rituximab", "Rituximab"),
    ("it_chemotherapy", "IT chemotherapy"),
    ("cranial_rt", "Cranial RT"),
    ("testicular_rt", "Testicular RT"),
    ("allo_hsct", "Allo-HSCT / DLI"),
    ("dli", "Allo-HSCT / DLI"),
)
MARKER_LANES = (
    ("relapse", "Disease"),
    ("cns_event", "Disease"),
    ("response", "Response (MRD)"),
    ("toxicity", "Toxicity"),
    ("workup", "Work-up"),
)
LANE_OF = dict(THERAPY_LANES + MARKER_LANES)
LANE_ORDER = list(dict.fromkeys(["Disease", *LANE_OF.values()]))
MARKER_SHAPE = {
    "relapse": "triangle",
    "cns_event": "square",
    "response": "circle",
    "toxicity": "cross",
    "workup": "square",
    "allo_hsct": "star",
    "dli": "diamond",
    "car_t": "diamond",
}
MRD_SIGN = {"negative": "MRD−", "positive": "MRD+", "not_done": "MRD n/d"}
# Short names of the relapse work-up items, so a week of tests stays legible.
WORKUP_LABEL = {
    "marrow_immunophenotype": "Immunophenotype",
    "bcr_abl1": "BCR::ABL1",
    "kmt2a_fish": "KMT2A FISH",
    "ngs_mutations": "NGS panel",
    "lumbar_puncture": "LP",
    "testicular_exam": "Testicular exam",
    "hla_typing": "HLA typing",
    "pregnancy_test": "Pregnancy test",
    "echocardiogram": "Echo",
}


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """What the picture needs of one event (no names, nothing identifying)."""

    type: str
    date: dt.date
    end_date: dt.date | None = None
    agent: str = ""
    response: str = ""
    mrd: str = ""
    toxicity: str = ""
    grade: int | None = None
    cns_kind: str = ""
    test: str = ""
    result: str = ""


@dataclass(frozen=True, slots=True)
class Shape:
    kind: str  # bar | triangle | square | circle | cross | star | diamond
    x: float
    y: float
    width: float
    label: str
    title: str
    label_x: float
    label_anchor: str  # start | end


@dataclass(frozen=True, slots=True)
class Lane:
    name: str
    y: float
    height: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    width: int
    height: int
    gutter: int
    lanes: list[Lane] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def plot_right(self) -> int:
        return self.width - RIGHT


def _describe(event: TimelineEvent) -> tuple[str, str]:
    """A short label drawn by the shape, and a longer title for the tooltip."""
    when = event.date.isoformat()
    if event.end_date:
        when += f" to {event.end_date.isoformat()}"
    if event.type == "response":
        label = " ".join(filter(None, [event.response, MRD_SIGN.get(event.mrd, "")]))
    elif event.type == "toxicity":
        label = (event.toxicity or "toxicity").upper().replace("_", "/")
        if event.grade:
            label += f" G{event.grade}"
    elif event.type == "cns_event":
        label = {"isolated_cns_relapse": "Isolated CNS", "cns_involvement": "CNS+"}.get(
            event.cns_kind, "CNS−" if event.cns_kind == "cns_negative_lp" else "CNS"
        )
    elif event.type == "relapse":
        label = "Relapse"
    elif event.type == "workup":
        label = WORKUP_LABEL.get(event.test, "Work-up")
        if event.result:
            return label, f"{label}: {when}: {event.result}"
    else:
        label = event.agent or LANE_OF.get(event.type, event.type)
    return label, f"{label}: {when}"


CHAR_WIDTH = 6.2  # average glyph width of the 11 px label font


def _place(event: TimelineEvent, x_of) -> tuple:  # noqa: ANN001
    """Shape, position and label side of one event, with the extent it occupies."""
    label, title = _describe(event)
    x0 = x_of(event.date)
    is_bar = bool(event.end_date) and event.type not in MARKER_SHAPE
    kind = "bar" if is_bar else MARKER_SHAPE.get(event.type, "diamond")
    width = max(x_of(event.end_date) - x0, 4) if is_bar else 0
    text = len(label) * CHAR_WIDTH
    shape_right = x0 + (width or 7)
    if shape_right + 4 + text <= WIDTH - RIGHT:
        return (
            kind,
            x0,
            width,
            label,
            title,
            shape_right + 4,
            "start",
            x0 - 7,
            shape_right + 4 + text,
        )
    # Near the right edge the label goes on the left of the shape.
    return (kind, x0, width, label, title, x0 - 9, "end", x0 - 9 - text, shape_right)


def _stack(intervals: Sequence[tuple[float, float]]) -> list[int]:
    """Sub-row for each interval so that none overlaps another in the same row."""
    row_ends: list[float] = []
    rows = []
    for start, end in intervals:
        for index, row_end in enumerate(row_ends):
            if start > row_end + 2:
                row_ends[index] = end
                rows.append(index)
                break
        else:
            row_ends.append(end)
            rows.append(len(row_ends) - 1)
    return rows


def _ticks(start: dt.date, end: dt.date, x_of) -> list[Tick]:  # noqa: ANN001
    years = end.year - start.year
    step = 1 if years <= 8 else 2
    ticks = []
    for year in range(start.year + 1, end.year + 1, step):
        ticks.append(Tick(x_of(dt.date(year, 1, 1)), str(year)))
    if years < 2:
        for month in (4, 7, 10):
            for year in range(start.year, end.year + 1):
                day = dt.date(year, month, 1)
                if start < day < end:
                    ticks.append(Tick(x_of(day), day.strftime("%b %Y")))
    return sorted(ticks, key=lambda tick: tick.x)


def layout(
    events: Iterable[TimelineEvent], *, start: dt.date, end: dt.date
) -> Timeline:
    """Position every event between ``start`` (diagnosis) and ``end`` (as of)."""
    events = sorted(events, key=lambda e: (e.date, e.type))
    if events:
        start = min(start, events[0].date)
        end = max(end, *(e.end_date or e.date for e in events))
    span = max((end - start).days, 30)
    plot = WIDTH - GUTTER - RIGHT

    def x_of(day: dt.date) -> float:
        return round(GUTTER + plot * (day - start).days / span, 1)

    by_lane: dict[str, list[TimelineEvent]] = {}
    for event in events:
        by_lane.setdefault(LANE_OF.get(event.type, "Other"), []).append(event)

    timeline = Timeline(width=WIDTH, height=0, gutter=GUTTER, start=start, end=end)
    timeline.ticks = _ticks(start, end, x_of)
    y = TOP
    for name in [*LANE_ORDER, "Other"]:
        lane_events = by_lane.get(name)
        if not lane_events:
            continue
        placed = [_place(event, x_of) for event in lane_events]
        rows = _stack([(left, right) for *_, left, right in placed])
        lane_height = (max(rows) + 1) * ROW
        timeline.lanes.append(Lane(name=name, y=y, height=lane_height))
        for (kind, x0, width, label, title, label_x, anchor, _, _), row in zip(
            placed, rows, strict=True
        ):
            row_y = y + row * ROW + ROW / 2
            timeline.shapes.append(
                Shape(kind, x0, row_y, width, label, title, label_x, anchor)
            )
        y += lane_height + LANE_GAP
    timeline.height = int(y + 6)
    return timeline
