"""The timeline picture: every event drawn, inside the frame, labels not colliding."""

from __future__ import annotations

import datetime as dt

from patients.timeline import RIGHT, WIDTH, TimelineEvent, layout

START = dt.date(2022, 1, 10)
END = dt.date(2026, 11, 21)


def busy_history() -> list[TimelineEvent]:
    """Thirty-six events over four years, many on the same days and overlapping."""
    events = []
    for cycle in range(12):
        day = START + dt.timedelta(days=40 + cycle * 60)
        events.append(
            TimelineEvent(
                "chemotherapy", day, day + dt.timedelta(days=28), "Maintenance"
            )
        )
        events.append(TimelineEvent("it_chemotherapy", day, agent="Methotrexate IT"))
    events += [
        TimelineEvent("relapse", dt.date(2025, 3, 1)),
        TimelineEvent("blinatumomab", dt.date(2025, 3, 5), dt.date(2025, 4, 2)),
        TimelineEvent("toxicity", dt.date(2025, 3, 7), toxicity="crs", grade=2),
        TimelineEvent("response", dt.date(2025, 4, 5), response="CR", mrd="positive"),
        TimelineEvent("inotuzumab", dt.date(2025, 4, 10), dt.date(2025, 5, 20)),
        TimelineEvent("response", dt.date(2025, 5, 25), response="CR", mrd="negative"),
        TimelineEvent("allo_hsct", dt.date(2025, 7, 1)),
        TimelineEvent("toxicity", dt.date(2025, 7, 20), toxicity="vod_sos", grade=3),
        TimelineEvent("toxicity", dt.date(2025, 8, 1), toxicity="gvhd", grade=2),
        TimelineEvent("relapse", dt.date(2026, 10, 1)),
        TimelineEvent("cns_event", dt.date(2026, 10, 1), cns_kind="cns_involvement"),
        TimelineEvent("car_t", dt.date(2026, 10, 20), agent="obecabtagene"),
    ]
    return events


def label_extent(shape) -> tuple[float, float]:  # noqa: ANN001
    text = len(shape.label) * 6.2
    if shape.label_anchor == "start":
        return (shape.x - 7, shape.label_x + text)
    return (shape.label_x - text, shape.x + (shape.width or 7))


def test_every_event_is_drawn_inside_the_picture():
    events = busy_history()
    timeline = layout(events, start=START, end=END)
    assert len(timeline.shapes) == len(events) == 36
    for shape in timeline.shapes:
        left, right = label_extent(shape)
        assert timeline.gutter - 8 <= shape.x <= WIDTH - RIGHT
        assert left >= timeline.gutter - 10, shape
        assert right <= WIDTH, shape
        assert 0 < shape.y < timeline.height


def test_shapes_sharing_a_row_never_overlap_with_their_labels():
    timeline = layout(busy_history(), start=START, end=END)
    rows: dict[float, list[tuple[float, float]]] = {}
    for shape in timeline.shapes:
        rows.setdefault(shape.y, []).append(label_extent(shape))
    for extents in rows.values():
        extents.sort()
        for (_, right), (left, _) in zip(extents, extents[1:], strict=False):
            assert left > right, extents


def test_therapies_with_an_end_are_bars_and_events_are_marked_by_shape():
    timeline = layout(busy_history(), start=START, end=END)
    kinds = {shape.title.split(":")[0]: shape.kind for shape in timeline.shapes}
    assert kinds["Maintenance"] == "bar"
    assert kinds["Relapse"] == "triangle"
    assert kinds["CR MRD−"] == "circle"
    assert kinds["VOD/SOS G3"] == "cross"
    assert {lane.name for lane in timeline.lanes} >= {
        "Disease",
        "Toxicity",
        "Response (MRD)",
    }


def test_an_empty_timeline_still_has_a_frame():
    timeline = layout([], start=START, end=END)
    assert timeline.shapes == []
    assert timeline.height > 0
    assert [tick.label for tick in timeline.ticks][:2] == ["2023", "2024"]


def test_workup_items_get_their_own_lane_with_short_labels_and_results():
    events = [
        TimelineEvent("relapse", dt.date(2026, 10, 1)),
        TimelineEvent(
            "workup",
            dt.date(2026, 10, 2),
            test="lumbar_puncture",
            result="CSF: no blasts",
        ),
        TimelineEvent("workup", dt.date(2026, 10, 2), test="hla_typing"),
    ]

    timeline = layout(events, start=START, end=END)

    assert [lane.name for lane in timeline.lanes] == ["Disease", "Work-up"]
    workups = [shape for shape in timeline.shapes if shape.label != "Relapse"]
    assert [(s.kind, s.label, s.title) for s in workups] == [
        ("square", "LP", "LP: 2026-10-02: CSF: no blasts"),
        ("square", "HLA typing", "HLA typing: 2026-10-02"),
    ]
    assert workups[0].y != workups[1].y, "same-day items are stacked, not overlaid"
