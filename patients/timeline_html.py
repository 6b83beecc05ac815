"""The case page's treatment timeline drawn in Python: the SVG picture and the table.

A case page shows one or two timelines of up to a few hundred shapes, and a table
row for every event. Drawn with the template engine, every coordinate and every
cell was a handful of variable lookups and filters, and these parts took most of a
case page's rendering time (issue 11). Here each shape and each row is one format
string. Every word that comes from a record (labels, titles, agents, results, the
caption) is escaped; numbers are written as the template wrote them (``str`` of the
value, with ``|add:``'s whole-number offsets).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from patients.addresses import address_format
from patients.models import Case, Event
from patients.timeline import Shape, Timeline

HATCH = (
    '<pattern id="hatch-{id}" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#dfe7f0"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#5b7fa6" stroke-width="3"/></pattern>'
)


def _add(value: float, offset: int) -> int:
    """What the template's ``{{ value|add:offset }}`` wrote: whole pixels."""
    return int(value) + offset


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _marker(s: Shape, tl_id: str) -> str:
    x, y = s.x, s.y
    if s.kind == "bar":
        return (
            f'<rect class="bar" x="{x}" y="{_add(y, -7)}" width="{s.width}" '
            f'height="14" fill="url(#hatch-{tl_id})"/>'
        )
    if s.kind == "triangle":
        css = "relapse-facts" if s.origin == "relapse_date" else "relapse"
        return (
            f'<polygon class="marker {css}" points="{x},{_add(y, -7)} '
            f'{_add(x, 7)},{_add(y, 6)} {_add(x, -7)},{_add(y, 6)}"/>'
        )
    if s.kind == "square":
        return (
            f'<rect class="marker" x="{_add(x, -6)}" y="{_add(y, -6)}" '
            'width="12" height="12"/>'
        )
    if s.kind == "circle":
        css = " diagnosis" if s.origin == "diagnosis" else ""
        return f'<circle class="marker{css}" cx="{x}" cy="{y}" r="6"/>'
    if s.kind == "cross":
        return (
            f'<path class="marker" d="M{_add(x, -6)} {_add(y, -6)} '
            f"L{_add(x, 6)} {_add(y, 6)} M{_add(x, 6)} {_add(y, -6)} "
            f'L{_add(x, -6)} {_add(y, 6)}"/>'
        )
    if s.kind == "star":
        points = " ".join(
            f"{x if dx == 0 else _add(x, dx)},{_add(y, dy)}"
            for dx, dy in (
                (0, -8), (2, -2), (8, -2), (3, 2), (5, 8),
                (0, 4), (-5, 8), (-3, 2), (-8, -2), (-2, -2),
            )
        )  # fmt: skip
        return f'<polygon class="marker relapse" points="{points}"/>'
    return (
        f'<polygon class="marker" points="{x},{_add(y, -7)} {_add(x, 7)},{y} '
        f'{x},{_add(y, 7)} {_add(x, -7)},{y}"/>'
    )


def timeline_svg(tl: Timeline, tl_id: str, caption: str) -> SafeString:
    """The ``<svg>`` element of ``tl``; ``tl_id`` makes its element ids unique."""
    tl_id = escape(tl_id)
    height = tl.height
    today = f", with today ({_day(tl.today)}) as a dashed line" if tl.today else ""
    parts = [
        f'<svg class="timeline" viewBox="0 0 {tl.width} {height}" role="img" '
        f'aria-labelledby="tl-title-{tl_id} tl-desc-{tl_id}" '
        f'data-shapes="{len(tl.shapes)}">\n',
        f'  <title id="tl-title-{tl_id}">Treatment timeline: {escape(caption)}'
        "</title>\n",
        f'  <desc id="tl-desc-{tl_id}">Diagnosis, relapses, therapies as bars and '
        f"events as markers from {_day(tl.start)} to {_day(tl.end)}{today}. "
        "The table below lists the same dates.</desc>\n",
        f"  <defs>{HATCH.format(id=tl_id)}</defs>\n  ",
    ]
    parts += [
        f'<line class="tick" x1="{tick.x}" y1="24" x2="{tick.x}" y2="{height}"/>'
        f'<text x="{tick.x}" y="18" text-anchor="middle">{escape(tick.label)}</text>'
        for tick in tl.ticks
    ]
    parts.append("\n  ")
    parts += [
        f'<text class="lane-name" x="6" y="{_add(lane.y, 18)}">'
        f"{escape(lane.name)}</text>"
        f'<line class="tick" x1="{tl.gutter}" y1="{lane.y}" x2="{tl.plot_right}" '
        f'y2="{lane.y}"/>'
        for lane in tl.lanes
    ]
    if tl.today_x:
        x = tl.today_x
        parts.append(
            f'\n  <g class="today-mark"><title>Today: {_day(tl.today)}</title>'
            f'<line class="today" x1="{x}" y1="26" x2="{x}" y2="{height}"/>'
            f'<text x="{_add(x, -4)}" y="40" text-anchor="end">Today</text></g>'
        )
    parts += [
        f'\n  <g class="shape shape-{escape(s.kind)}" data-origin="{escape(s.origin)}">'
        f"<title>{escape(s.title)}</title>{_marker(s, tl_id)}"
        f'<text x="{s.label_x}" y="{_add(s.y, 5)}" '
        f'text-anchor="{escape(s.label_anchor)}">{escape(s.label)}</text></g>'
        for s in tl.shapes
    ]
    parts.append("\n</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every record's word is escaped


@functools.cache
def _labels(field: str) -> dict[str, str]:
    """``Event.<field>``'s choices as words: ``get_<field>_display`` without
    rebuilding the dictionary of choices on every call (it does, for every cell)."""
    return {
        value: str(label) for value, label in Event._meta.get_field(field).flatchoices
    }


def _display(event: Event, field: str) -> str:
    value = getattr(event, field)
    return escape(_labels(field).get(value, value))


def _details(event: Event) -> str:
    """The table's "Details" cell: what the event records beyond its type and date."""
    parts = []
    if event.agent:
        parts.append(f"{escape(event.agent)} ")
    if event.cycles:
        parts.append(f"{event.cycles} cycle(s) ")
    if event.response:
        parts.append(f"{_display(event, 'response')} ")
    if event.mrd:
        parts.append(f"MRD {_display(event, 'mrd')} ")
    if event.toxicity:
        grade = event.grade or "unknown"
        parts.append(f"{_display(event, 'toxicity')} grade {grade} ")
    if event.cns_kind:
        parts.append(f"{_display(event, 'cns_kind')} ")
    if event.donor:
        parts.append(f"{_display(event, 'donor')} donor")
    if event.test:
        parts.append(_display(event, "test"))
        if event.result:
            parts.append(f": {escape(event.result)}")
    return "".join(parts)


def timeline_table_rows(
    rows: Sequence[Mapping], case: Case, today: dt.date
) -> SafeString:
    """The ``<tr>`` of every dated row (``case_page.timeline_parts``), then today."""
    facts_url = escape(reverse("case-edit", args=[case.pk]))
    # Reversing two addresses for each of a long timeline's rows was a tenth of
    # the page: each is reversed once, as a format.
    edit_url = address_format("event-edit", case.pk)
    delete_url = address_format("event-delete", case.pk)
    html = []
    for row in rows:
        event = row.get("event")
        if event is None:
            what = escape(row["what"])
            html.append(
                f'<tr data-from="facts"><td>{_day(row["date"])}</td><td>{what}</td>'
                '<td>From the case facts</td><td class="no-print">'
                f'<a href="{facts_url}">Change<span class="visually-hidden"> the '
                f"{what.lower()} in the case facts</span></a></td></tr>\n"
            )
            continue
        when = _day(event.date)
        if event.end_date:
            when += f" to {_day(event.end_date)}"
        kind = _display(event, "type")
        named = f"{kind} on {event.date}"  # str(event)
        edit = edit_url.format(event.pk)
        delete = delete_url.format(event.pk)
        html.append(
            f'<tr data-from="event"><td>{when}</td>'
            f"<td>{kind}</td><td>{_details(event)}</td>"
            f'<td class="no-print"><a href="{edit}">Edit<span class="visually-hidden"> '
            f'{named}</span></a> · <a href="{delete}">Delete'
            f'<span class="visually-hidden"> {named}</span></a></td></tr>\n'
        )
    html.append(
        f'<tr data-from="today"><td>{_day(today)}</td><td>Today</td><td></td>'
        '<td class="no-print"></td></tr>'
    )
    return mark_safe("".join(html))  # noqa: S308 - every record's word is escaped
