"""The timeline drawn as SVG: well formed, every shape drawn where the layout put it,
every word from a record escaped."""

from __future__ import annotations

import datetime as dt
import random
import xml.etree.ElementTree as ET

import pytest

from patients.timeline import LANE_OF, MARKER_SHAPE, TimelineEvent, layout
from patients.timeline_html import timeline_svg

SVG = "{http://www.w3.org/2000/svg}"
START = dt.date(2023, 2, 1)
TODAY = dt.date(2026, 11, 30)


def parse(markup: str) -> ET.Element:
    # our own markup, from values the test made
    return ET.fromstring(  # noqa: S314
        markup.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)
    )


def random_history(rng: random.Random) -> list[TimelineEvent]:
    events = []
    for _ in range(rng.randint(0, 60)):
        day = START + dt.timedelta(days=rng.randint(0, 1300))
        events.append(
            TimelineEvent(
                rng.choice([*LANE_OF, "unknown_type"]),
                day,
                day + dt.timedelta(days=rng.randint(1, 150))
                if rng.random() < 0.4
                else None,
                agent=rng.choice(["", "Blinatumomab", "R&D <trial> \"x\" 'y'"]),
                response=rng.choice(["", "CR"]),
                mrd=rng.choice(["", "negative", "positive"]),
                toxicity=rng.choice(["", "crs"]),
                grade=rng.choice([None, 3]),
                test=rng.choice(["", "bcr_abl1"]),
                result=rng.choice(["", "p190 <detected> & more"]),
            )
        )
    return events


@pytest.mark.parametrize("seed", range(40))
def test_every_shape_is_drawn_once_in_well_formed_svg(seed):
    rng = random.Random(seed)
    clip = seed % 3 == 0
    start = START + dt.timedelta(days=400) if clip else START
    tl = layout(
        random_history(rng),
        start=start,
        end=TODAY - dt.timedelta(days=30),
        diagnosis=START if seed % 2 else None,
        relapse_date=dt.date(2025, 6, 1) if seed % 4 else None,
        today=TODAY if seed % 5 else None,
        clip=clip,
    )
    root = parse(timeline_svg(tl, "whole", "whole history"))

    assert root.get("viewBox") == f"0 0 {tl.width} {tl.height}"
    groups = root.findall(f"{SVG}g[@data-origin]")
    assert int(root.get("data-shapes")) == len(groups) == len(tl.shapes)
    for group, shape in zip(groups, tl.shapes, strict=True):
        assert group.get("class") == f"shape shape-{shape.kind}"
        assert group.get("data-origin") == shape.origin
        assert group.find(f"{SVG}title").text == shape.title
        label = group.find(f"{SVG}text")
        assert label.text == shape.label != ""
        assert float(label.get("x")) == shape.label_x
        assert label.get("text-anchor") == shape.label_anchor
        marker = list(group)[1]
        assert marker.tag != f"{SVG}text"
        if shape.kind == "bar":
            assert float(marker.get("x")) == shape.x
            assert float(marker.get("width")) == shape.width
        elif shape.kind == "circle":
            assert (float(marker.get("cx")), float(marker.get("cy"))) == (
                shape.x,
                shape.y,
            )
        else:  # polygons, squares and crosses sit within 8 units of the point
            numbers = [
                float(n)
                for n in (
                    marker.get("points")
                    or marker.get("d", "").replace("M", " ").replace("L", " ")
                    or f"{marker.get('x')},{marker.get('y')}"
                )
                .replace(",", " ")
                .split()
            ]
            xs, ys = numbers[::2], numbers[1::2]
            assert all(abs(x - shape.x) <= 9 for x in xs)
            assert all(abs(y - shape.y) <= 9 for y in ys)
    lanes = [t.text for t in root.findall(f"{SVG}text[@class='lane-name']")]
    assert lanes == [lane.name for lane in tl.lanes]
    today = root.find(f"{SVG}g[@class='today-mark']")
    assert (today is not None) == bool(tl.today_x)


def test_each_kind_of_event_gets_its_own_marker():
    events = [
        TimelineEvent(kind, START + dt.timedelta(days=30 * i))
        for i, kind in enumerate(MARKER_SHAPE)
        if kind not in ("diagnosis", "relapse_date")
    ]
    events.append(
        TimelineEvent(
            "chemotherapy", START, START + dt.timedelta(days=60), "Hyper-CVAD"
        )
    )
    tl = layout(events, start=START, end=TODAY, diagnosis=START, today=TODAY)
    root = parse(timeline_svg(tl, "whole", "whole history"))
    drawn = {
        (g.get("class").removeprefix("shape shape-"), list(g)[1].tag.removeprefix(SVG))
        for g in root.findall(f"{SVG}g[@data-origin]")
    }
    assert drawn == {
        ("bar", "rect"),
        ("circle", "circle"),
        ("triangle", "polygon"),
        ("square", "rect"),
        ("cross", "path"),
        ("star", "polygon"),
        ("diamond", "polygon"),
    }


def test_words_from_records_are_escaped():
    tl = layout(
        [
            TimelineEvent(
                "chemotherapy", START, agent='<script>alert("x")</script> & co'
            ),
            TimelineEvent("workup", START, test="bcr_abl1", result="<b>p190</b>"),
        ],
        start=START,
        end=TODAY,
    )
    markup = timeline_svg(tl, 'a"b', "<caption>")
    assert "<script>" not in markup
    assert "<b>" not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in markup
    assert "&lt;caption&gt;" in markup
    assert 'id="tl-title-a&quot;b"' in markup
    root = parse(markup)
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert '<script>alert("x")</script> & co' in texts
