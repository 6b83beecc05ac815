"""The timeline picture: every event drawn, inside the frame, labels not colliding."""

from __future__ import annotations

import datetime as dt

from patients.timeline import (
    CHAR_WIDTH,
    GUTTER,
    RIGHT,
    WIDTH,
    TimelineEvent,
    layout,
    relapse_disagreement,
)

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
    text = len(shape.label) * CHAR_WIDTH
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
    # 2022-01-01 falls in the margin by the frame, where its label would be cut
    assert [tick.label for tick in timeline.ticks][:2] == ["2023", "2024"]
    for tick in timeline.ticks:
        assert GUTTER + 30 <= tick.x <= WIDTH - RIGHT - 30


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


# --- The case's own dates, today, the episode window ---------------------------------

DIAGNOSIS = dt.date(2024, 1, 15)
TODAY = dt.date(2026, 11, 30)


def test_a_case_without_events_still_shows_its_diagnosis_and_relapse():
    # given a T-ALL case whose history is only in its facts
    timeline = layout(
        [],
        start=DIAGNOSIS,
        end=TODAY,
        diagnosis=DIAGNOSIS,
        relapse_date=dt.date(2026, 10, 20),
        today=TODAY,
    )
    origins = {shape.origin: shape for shape in timeline.shapes}
    assert set(origins) == {"diagnosis", "relapse_date"}
    assert origins["relapse_date"].kind == "triangle"
    assert origins["relapse_date"].label == "Relapse (case facts)"
    assert [lane.name for lane in timeline.lanes] == ["Disease"]
    assert timeline.today_x is not None


def test_a_relapse_event_on_the_case_relapse_date_is_drawn_once():
    events = [TimelineEvent("relapse", dt.date(2026, 10, 20))]
    timeline = layout(
        events,
        start=DIAGNOSIS,
        end=TODAY,
        diagnosis=DIAGNOSIS,
        relapse_date=dt.date(2026, 10, 20),
    )
    assert [s.origin for s in timeline.shapes] == ["diagnosis", "event"]
    assert relapse_disagreement(events, dt.date(2026, 10, 20)) is None


def test_a_relapse_event_and_the_case_relapse_date_that_disagree_are_both_drawn():
    events = [TimelineEvent("relapse", dt.date(2026, 10, 18))]
    timeline = layout(
        events, start=DIAGNOSIS, end=TODAY, relapse_date=dt.date(2026, 10, 20)
    )
    assert sorted(s.origin for s in timeline.shapes) == ["event", "relapse_date"]
    warning = relapse_disagreement(events, dt.date(2026, 10, 20))
    assert "2026-10-20" in warning
    assert "2026-10-18" in warning


def test_no_marker_sits_on_the_frame():
    # a CNS event on the evaluation date, the last day of the picture
    events = [TimelineEvent("cns_event", TODAY, cns_kind="isolated_cns_relapse")]
    timeline = layout(events, start=DIAGNOSIS, end=TODAY, diagnosis=DIAGNOSIS)
    for shape in timeline.shapes:
        assert GUTTER + 7 < shape.x < WIDTH - RIGHT - 7, shape


def test_the_episode_window_leaves_out_what_ended_before_it_and_cuts_bars():
    events = [
        TimelineEvent("chemotherapy", dt.date(2024, 2, 1), dt.date(2024, 8, 1)),
        TimelineEvent("blinatumomab", dt.date(2026, 10, 10), dt.date(2026, 11, 7)),
        TimelineEvent("relapse", dt.date(2026, 10, 20)),
    ]
    episode = dt.date(2026, 10, 20)
    timeline = layout(
        events,
        start=episode,
        end=TODAY,
        diagnosis=DIAGNOSIS,
        relapse_date=episode,
        today=TODAY,
        clip=True,
    )
    titles = [shape.title for shape in timeline.shapes]
    assert not any(t.startswith(("Chemotherapy", "Diagnosis")) for t in titles)
    bar = next(s for s in timeline.shapes if s.kind == "bar")
    assert bar.x == GUTTER
    labels = [tick.label for tick in timeline.ticks]
    assert labels[0] == "Nov 2026"
    assert "2024" not in labels
