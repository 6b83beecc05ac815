"""Lay out a case's timeline as an SVG picture: therapies as bars, events as markers.

Pure layout (no Django): events in, positioned shapes out; ``timeline_html`` draws them.
Each event type has its own lane, and overlapping bars in a lane are stacked on
sub-rows, so thirty or more events stay readable. Shapes carry a text label and a
distinct shape per kind, so the picture does not rely on colour.

The case's own dates are drawn too: the diagnosis and the latest relapse date of the
case facts (dashed, when no relapse event carries it) in the Disease lane, and today
as a line across every lane. ``layout`` with ``clip=True`` draws one window (the
current episode) and leaves out what ended before it. Labels are drawn at 15 units
(``.timeline text`` in case.css); the picture is never narrower than 740 px, so a
label is never smaller than 11 px.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

WIDTH = 1000
GUTTER = 170  # room for lane names on the left
RIGHT = 20
ROW = 26
LANE_GAP = 8
TOP = 50  # room for the year ticks and the "Today" label
# Room kept on both sides of the plot, as a share of the span, so that no marker
# (a CNS event on the evaluation date, the diagnosis) sits on the frame.
MARGIN_SHARE = 0.03
MIN_MARGIN_DAYS = 5

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
    ("diagnosis", "Disease"),
    ("relapse_date", "Disease"),
    ("relapse", "Disease"),
    ("cns_event", "Disease"),
    ("response", "Response (MRD)"),
    ("toxicity", "Toxicity"),
    ("workup", "Work-up"),
)
LANE_OF = dict(THERAPY_LANES + MARKER_LANES)
LANE_ORDER = list(dict.fromkeys(["Disease", *LANE_OF.values()]))
MARKER_SHAPE = {
    "diagnosis": "circle",
    "relapse_date": "triangle",
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
    origin: str = "event"  # event | diagnosis | relapse_date (the case facts)


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
    today_x: float | None = None
    today: dt.date | None = None
    episode_start: dt.date | None = None

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
        label = label or "Response"
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


CHAR_WIDTH = 9.0  # average glyph width of the 15-unit label font (DejaVu Sans)


CASE_DATE_TYPES = {
    "diagnosis": ("circle", "Diagnosis"),
    "relapse_date": ("triangle", "Relapse (case facts)"),
}


def _place(event: TimelineEvent, x_of, clip_start: dt.date | None = None) -> tuple:  # noqa: ANN001
    """Shape, position and label side of one event, with the extent it occupies."""
    if event.type in CASE_DATE_TYPES:
        kind, label = CASE_DATE_TYPES[event.type]
        title = f"{label}: {event.date.isoformat()}"
    else:
        label, title = _describe(event)
        kind = ""
    start = max(event.date, clip_start) if clip_start else event.date
    x0 = x_of(start)
    is_bar = bool(event.end_date) and event.type not in MARKER_SHAPE
    if not kind:
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
    """Years; quarters within two years; months within eight months."""
    years = end.year - start.year
    step = 1 if years <= 8 else 2
    if (end - start).days <= 240:
        months = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
    elif years < 2:
        months = (4, 7, 10)
    else:
        months = ()
    ticks = []
    for year in range(start.year + 1, end.year + 1, step):
        ticks.append(Tick(x_of(dt.date(year, 1, 1)), str(year)))
    for month in months:
        for year in range(start.year, end.year + 1):
            day = dt.date(year, month, 1)
            if start < day < end and month != 1:
                ticks.append(Tick(x_of(day), day.strftime("%b %Y")))
    # A label centred on a tick by the frame would be cut off.
    room = 30
    return sorted(
        (t for t in ticks if GUTTER + room <= t.x <= WIDTH - RIGHT - room),
        key=lambda tick: tick.x,
    )


def relapse_disagreement(
    events: Iterable[TimelineEvent], relapse_date: dt.date | None
) -> str | None:
    """A warning when the case's relapse date is not the latest relapse event's date."""
    dates = sorted(e.date for e in events if e.type == "relapse")
    if relapse_date is None or not dates or dates[-1] == relapse_date:
        return None
    return (
        f"The case facts give the latest relapse as {relapse_date.isoformat()}, but "
        f"the latest relapse event is dated {dates[-1].isoformat()}. The engine "
        "counts the current episode from the case facts' date: check which is right "
        "and correct the other."
    )


def _case_dates(
    events: Sequence[TimelineEvent],
    diagnosis: dt.date | None,
    relapse_date: dt.date | None,
) -> list[TimelineEvent]:
    """The diagnosis, and the case's relapse date unless a relapse event has it."""
    added = []
    if diagnosis is not None:
        added.append(TimelineEvent("diagnosis", diagnosis))
    relapse_days = {e.date for e in events if e.type == "relapse"}
    if relapse_date is not None and relapse_date not in relapse_days:
        added.append(TimelineEvent("relapse_date", relapse_date))
    return added


def layout(
    events: Iterable[TimelineEvent],
    *,
    start: dt.date,
    end: dt.date,
    diagnosis: dt.date | None = None,
    relapse_date: dt.date | None = None,
    today: dt.date | None = None,
    clip: bool = False,
) -> Timeline:
    """Position every event between ``start`` (diagnosis) and ``end`` (as of).

    With ``clip`` the window is exactly ``start``–``end``: events that ended before
    ``start`` are left out and bars that began before it are cut at it.
    """
    events = list(events)
    events += _case_dates(events, diagnosis, relapse_date)
    if clip:
        events = [e for e in events if (e.end_date or e.date) >= start]
    events.sort(key=lambda e: (e.date, e.type))
    if events and not clip:
        start = min(start, events[0].date)
        end = max(end, *(e.end_date or e.date for e in events))
    if today is not None:
        end = max(end, today)
    margin = max(MIN_MARGIN_DAYS, round((end - start).days * MARGIN_SHARE))
    start_drawn = start if clip else start - dt.timedelta(days=margin)
    end_drawn = end + dt.timedelta(days=margin)
    span = max((end_drawn - start_drawn).days, 30)
    plot = WIDTH - GUTTER - RIGHT

    def x_of(day: dt.date) -> float:
        return round(GUTTER + plot * (day - start_drawn).days / span, 1)

    by_lane: dict[str, list[TimelineEvent]] = {}
    for event in events:
        by_lane.setdefault(LANE_OF.get(event.type, "Other"), []).append(event)

    timeline = Timeline(width=WIDTH, height=0, gutter=GUTTER, start=start, end=end)
    timeline.ticks = _ticks(start_drawn, end_drawn, x_of)
    if today is not None:
        timeline.today, timeline.today_x = today, x_of(today)
    y = TOP
    for name in [*LANE_ORDER, "Other"]:
        lane_events = by_lane.get(name)
        if not lane_events:
            continue
        placed = [_place(event, x_of, start if clip else None) for event in lane_events]
        rows = _stack([(left, right) for *_, left, right in placed])
        lane_height = (max(rows) + 1) * ROW
        timeline.lanes.append(Lane(name=name, y=y, height=lane_height))
        for event, (kind, x0, width, label, title, label_x, anchor, _, _), row in zip(
            lane_events, placed, rows, strict=True
        ):
            row_y = y + row * ROW + ROW / 2
            origin = event.type if event.type in CASE_DATE_TYPES else "event"
            timeline.shapes.append(
                Shape(kind, x0, row_y, width, label, title, label_x, anchor, origin)
            )
        y += lane_height + LANE_GAP
    timeline.height = int(y + 6)
    return timeline
