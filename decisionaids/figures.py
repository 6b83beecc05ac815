"""How figures are drawn: 10x10 icon arrays as SVG, and the printed rows of figures.

Pure functions of numbers and labels; what a figure says lives in ``context``.
"""

from __future__ import annotations

from urllib.parse import quote

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# An icon array is 10 rows of 10 squares, printed at least 30 mm wide. Each kind of
# square is one SVG path whose dashed stroke draws a whole row of squares per subpath,
# so an array is a few elements (fast to lay out and print) instead of 100. Black and
# white print tells the kinds apart at arm's length: solid black (had the result),
# gray inside a black outline (a second group), white inside a dark gray outline (did
# not). Values are whole people; the context rounds before drawing.
_SQUARE = 8.4  # side of a square in a 10-unit cell
_OUTLINE = 1.1  # width of an outline
OUTLINE_GRAY = "#555555"
SECOND_GRAY = "#9a9a9a"


def _row_path(start: int, end: float, inset: float = 0.0) -> str:
    """Subpaths covering cells [start, end), 10 per row; ``end`` may be fractional."""
    size = _SQUARE - 2 * inset
    commands = []
    cell = start
    while cell < end:
        row, column = divmod(cell, 10)
        stop = min(end, (row + 1) * 10)
        whole = int(stop) - cell
        fraction = stop - int(stop)
        if whole and not fraction:
            length = (whole - 1) * 10 + size
        else:
            length = whole * 10 + fraction * size
        if length > 0:
            x = column * 10 + (10 - _SQUARE) / 2 + inset
            commands.append(f"M{x:g} {row * 10 + 5}h{length:g}")
        cell = (row + 1) * 10
    return "".join(commands)


def _dashes(
    start: int,
    end: float,
    *,
    colour: str,
    inset: float = 0.0,
) -> str:
    """One path drawing the squares of cells [start, end), shrunk by ``inset``."""
    d = _row_path(start, end, inset)
    if not d:
        return ""
    size = _SQUARE - 2 * inset
    return (
        f'<path d="{d}" fill="none" stroke="{colour}" '
        f'stroke-width="{size:g}" stroke-dasharray="{size:g} {10 - size:g}"/>'
    )


def icon_array_svg(value: float, *, also: int = 0, label: str = "") -> SafeString:
    """A 10x10 icon array: ``value`` solid black, then ``also`` gray, the rest white.

    Affected people are grouped from the top left, so arrays side by side compare at a
    glance. ``also`` follows whole people only (the stored values guarantee it).
    """
    if not (value >= 0 and also >= 0 and value + also <= 100):
        raise ValueError("an icon array shows 0 to 100 people")
    if also and not float(value).is_integer():
        raise ValueError("a second group follows a whole number of people")
    first_empty = int(value) + also
    second = int(value)
    parts = [
        # Every square outlined in dark gray, hollowed out where nobody is affected.
        _dashes(0, 100, colour=OUTLINE_GRAY),
        _dashes(first_empty, 100, colour="#ffffff", inset=_OUTLINE),
        # The second group: gray inside a black outline.
        _dashes(second, second + also, colour="#000000"),
        _dashes(second, second + also, colour=SECOND_GRAY, inset=_OUTLINE),
        # Had the result: solid black (a fraction fills part of a square).
        _dashes(0, value, colour="#000000"),
    ]
    title = escape(label)
    return mark_safe(  # noqa: S308 - numbers and an escaped label only
        f'<svg class="ia" viewBox="0 0 100 100" role="img" aria-label="{title}">'
        f"<title>{title}</title>{''.join(parts)}</svg>"
    )


def icon_array_img(value: float, *, also: int = 0, label: str = "") -> SafeString:
    """``icon_array_svg`` as an ``<img>`` with a data: URL and the label as alt text.

    WeasyPrint draws the same picture, tagged as a Figure with the same alternate
    text, but the HTML parser and the style cascade see one element, not a dozen.
    """
    svg = str(icon_array_svg(value, also=also, label=label)).replace(
        "<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1
    )
    url = "data:image/svg+xml," + quote(svg, safe=" =:/;,.-")
    return mark_safe(  # noqa: S308 - escaped URL and label
        f'<img class="ia" src="{escape(url)}" alt="{escape(label)}">'
    )
