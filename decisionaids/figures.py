"""How figures are drawn: 10x10 icon arrays as SVG, and the printed rows of figures.

Pure functions of numbers and labels; what a figure says lives in ``context``.
"""

from __future__ import annotations

from urllib.parse import quote

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# An icon array is 10 rows of 10 squares. Each kind of square is one SVG path whose
# dashed stroke draws a whole row of squares per subpath, so an array is a few
# elements (fast to lay out and print) instead of 100, and a fraction of a person
# (2.4 of 100) is part of a square. Black and white print tells the kinds apart by
# shape: solid black (had the result), black outline with a bar (a second group),
# thin gray outline (did not).
_SQUARE = 8.0  # side of a square in a 10-unit cell
_OUTLINE = 1.0  # width of an outline


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
            x = column * 10 + 1 + inset
            commands.append(f"M{x:g} {row * 10 + 5}h{length:g}")
        cell = (row + 1) * 10
    return "".join(commands)


def _dashes(
    start: int,
    end: float,
    *,
    colour: str,
    inset: float = 0.0,
    width: float | None = None,
) -> str:
    """One path drawing the squares of cells [start, end), shrunk by ``inset``."""
    d = _row_path(start, end, inset)
    if not d:
        return ""
    size = _SQUARE - 2 * inset
    return (
        f'<path d="{d}" fill="none" stroke="{colour}" '
        f'stroke-width="{width or size:g}" stroke-dasharray="{size:g} {10 - size:g}"/>'
    )


def icon_array_svg(value: float, *, also: int = 0, label: str = "") -> SafeString:
    """A 10x10 icon array: ``value`` solid, then ``also`` barred, the rest outlined.

    Affected people are grouped from the top left, so arrays side by side compare at a
    glance. ``also`` follows whole people only (the stored values guarantee it).
    """
    if not (value >= 0 and also >= 0 and value + also <= 100):
        raise ValueError("an icon array shows 0 to 100 people")
    if also and not float(value).is_integer():
        raise ValueError("a second group follows a whole number of people")
    first_empty = int(value)
    second = int(value) + also
    bar = _OUTLINE * 1.2
    parts = [
        # Every square outlined in gray, hollowed out where nobody is affected.
        _dashes(0, 100, colour="#6b6b6b"),
        _dashes(first_empty, 100, colour="#fff", inset=_OUTLINE),
        # The second group: black outline with a bar across.
        _dashes(int(value), second, colour="#000"),
        _dashes(int(value), second, colour="#fff", inset=bar),
        _dashes(int(value), second, colour="#000", inset=bar, width=2.2),
        # Had the result: solid black (a fraction fills part of a square).
        _dashes(0, value, colour="#000"),
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


def rows(blocks: list[dict]) -> list[dict]:
    """The printed lines of a group: a figure told in words, or the arrays side by side.

    Two single-array blocks share a line; a block of two or three arrays takes a line of
    its own. Giving each line its own box spares the layout engine from laying out the
    next block only to find it does not fit on the line (and lets a page break fall
    between any two lines).
    """
    rows: list[dict] = []
    for block in blocks:
        if block["words"]:
            rows.append({"words": True, "blocks": [block]})
            continue
        last = rows[-1] if rows else None
        if (
            len(block["figures"]) == 1
            and last is not None
            and not last["words"]
            and len(last["blocks"]) == 1
            and len(last["blocks"][0]["figures"]) == 1
        ):
            last["blocks"].append(block)
        else:
            rows.append({"words": False, "blocks": [block]})
    return rows


# More icon arrays than this do not fit the 4 pages an aid may take (e.g. three CAR-T
# products); past it, the later single-arm figures of each group are told in words
# only. Every number is still printed, and each group keeps its first two arrays.
MAX_ICON_ARRAYS = 20
ARRAYS_KEPT_PER_GROUP = 2


def fit_to_pages(groups: list[dict]) -> None:
    arrays = sum(
        1
        for group in groups
        for block in group["blocks"]
        for figure in block["figures"]
        if figure["array"] is not None
    )
    if arrays <= MAX_ICON_ARRAYS:
        return
    for group in groups:
        kept = 0
        for block in group["blocks"]:
            figures = block["figures"]
            if block["words"]:
                continue
            if len(figures) == 1 and kept >= ARRAYS_KEPT_PER_GROUP:
                figures[0]["array"] = None
                block["words"] = True
            else:
                kept += 1
