"""The case page's treatment timeline, kept rendered under the picture it draws."""

from __future__ import annotations

from django import template

from patients.fragments import Fragments
from patients.timeline import Timeline

register = template.Library()

TIMELINE_TEMPLATE = "patients/_timeline.html"
TIMELINES = Fragments(TIMELINE_TEMPLATE, size=512)


@register.simple_tag(takes_context=True)
def timeline_svg(
    context: template.Context, tl: Timeline, tl_id: str, tl_caption: str
) -> str:
    """``{% include TIMELINE_TEMPLATE %}`` with these values, kept rendered.

    A ``Timeline`` is a plain dataclass of dates, numbers and words (no names, no
    model instances), so its ``repr`` spells out everything the picture shows.
    """
    key = (tl_id, tl_caption, repr(tl))
    return TIMELINES.render(context, key, tl=tl, tl_id=tl_id, tl_caption=tl_caption)
