"""Reading a printed aid back from its PDF bytes: pages, structure, drawings, words.

Three readers, each made for the job: ``pdftotext`` (poppler) for the text of each
page, pypdf for the tagged structure (which page each table row, section and block
landed on), and pdfplumber for what is drawn where (icon arrays, lines to write on,
characters and their boxes).
"""

from __future__ import annotations

import functools
import io
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser

import pdfplumber
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

MM = 72 / 25.4  # PDF points per millimetre
HYPHENS = "-\u2010\u2011\u00ad"


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text (pdftotext -raw), whitespace collapsed, hyphens as typed."""
    out = subprocess.run(  # noqa: S603
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return [" ".join(page.replace("\u2011", "-").split()) for page in pages]


# --- Tagged structure -----------------------------------------------------------


def struct_elements(pdf: bytes, tag: str) -> list[set[int]]:
    """For each structure element ``/tag`` in document order, the pages it is on."""
    reader = PdfReader(io.BytesIO(pdf))
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    found: list[set[int]] = []

    def pages_of(node: object, acc: set[int]) -> None:
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, ArrayObject):
            for child in node:
                pages_of(child, acc)
        elif isinstance(node, DictionaryObject):
            page = node.get("/Pg")
            if page is not None:
                acc.add(page_of[page.idnum])
            if "/K" in node:
                pages_of(node["/K"], acc)

    def walk(node: object) -> None:
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, DictionaryObject):
            if node.get("/S") == tag:
                acc: set[int] = set()
                pages_of(node, acc)
                found.append(acc)
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


class _Elements(HTMLParser):
    def __init__(self, tags: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = tags
        self.found: list[tuple[str, frozenset[str]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.tags:
            classes = frozenset((dict(attrs).get("class") or "").split())
            self.found.append((tag, classes))


def html_elements(html: str, *tags: str) -> list[tuple[str, frozenset[str]]]:
    """The HTML elements of these tags, in document order, with their classes."""
    parser = _Elements(set(tags))
    parser.feed(html)
    return parser.found


# --- Drawings and words ---------------------------------------------------------


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    chars: tuple
    lines: tuple
    rects: tuple
    curves: tuple
    text_lines: tuple


@functools.cache
def pages(pdf: bytes) -> tuple[Page, ...]:
    """Every page's characters, drawings and text lines (parsed once per PDF)."""
    parsed = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            parsed.append(
                Page(
                    width=page.width,
                    height=page.height,
                    chars=tuple(page.chars),
                    lines=tuple(page.lines),
                    rects=tuple(page.rects),
                    curves=tuple(page.curves),
                    text_lines=tuple(page.extract_text_lines(return_chars=True)),
                )
            )
    return tuple(parsed)


@dataclass(frozen=True)
class Drawn:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    colours: frozenset


def _grey(colour: object) -> bool:
    if colour is None:
        return True
    values = colour if isinstance(colour, list | tuple) else [colour]
    values = [float(v) for v in values]
    return len(values) == 1 or max(values) - min(values) < 0.01


def icon_arrays(pdf: bytes) -> list[Drawn]:
    """Every icon array drawn: its box and every colour it uses.

    An array is 10 rows of dash-stroked squares (``figures.icon_array_svg``): its
    first layer outlines all 100 squares in dark gray, ten thick dashed strokes that
    share a left edge. Those give the array's box; every stroke inside the box gives
    its colours.
    """
    arrays = []
    for number, page in enumerate(pages(pdf)):
        strokes = [
            line
            for line in page.lines
            if line.get("dash") and (line.get("linewidth") or 0) > 3
        ]
        outlines = [s for s in strokes if _outline(s.get("stroking_color"))]
        columns: dict[int, list[dict]] = defaultdict(list)
        for line in outlines:
            columns[round(line["x0"])].append(line)
        for lines in columns.values():
            lines.sort(key=lambda line: line["top"])
            for start in range(0, len(lines), 10):
                rows = lines[start : start + 10]
                half = rows[0]["linewidth"] / 2
                box = (
                    min(r["x0"] for r in rows),
                    rows[0]["top"] - half,
                    max(r["x1"] for r in rows),
                    rows[-1]["top"] + half,
                )
                inside = [
                    s
                    for s in strokes
                    if box[0] - 1 <= s["x0"] <= box[2] and box[1] <= s["top"] <= box[3]
                ]
                arrays.append(
                    Drawn(
                        number,
                        *box,
                        frozenset(tuple(s["stroking_color"] or ()) for s in inside),
                    )
                )
    return arrays


def _outline(colour: object) -> bool:
    """The arrays' outline gray (#555555 in ``figures``)."""
    values = colour if isinstance(colour, list | tuple) else [colour]
    return (
        colour is not None
        and len(values) in (1, 3)
        and all(abs(float(v) - 0x55 / 255) < 0.01 for v in values)
    )


def writing_lines(pdf: bytes, *, min_width: float = 150) -> list[Drawn]:
    """Lines to write on: long black rules with at least a line of blank space above.

    WeasyPrint draws a box's bottom border as the difference of two rectangles (the
    border box and the padding box), so a rule is found as such a pair; the space
    above it, inside the box, must hold no printed character.
    """
    found = []
    for number, page in enumerate(pages(pdf)):
        boxes = [
            rect
            for rect in page.rects
            if rect["width"] >= min_width and 10 <= rect["height"] <= 30
        ]
        for outer in boxes:
            inner = [
                rect
                for rect in boxes
                if abs(rect["x0"] - outer["x0"]) < 0.5
                and abs(rect["x1"] - outer["x1"]) < 0.5
                and abs(rect["top"] - outer["top"]) < 0.5
                and 0.4 < outer["bottom"] - rect["bottom"] < 1.2
            ]
            if not inner:
                continue
            written = [
                char
                for char in page.chars
                if char["text"].strip()
                and char["bottom"] > outer["top"] + 1
                and char["top"] < inner[0]["bottom"]
                and char["x1"] > outer["x0"]
                and char["x0"] < outer["x1"]
            ]
            if not written:
                found.append(
                    Drawn(
                        number,
                        outer["x0"],
                        inner[0]["bottom"],
                        outer["x1"],
                        outer["bottom"],
                        frozenset(),
                    )
                )
    return found


@dataclass(frozen=True)
class TextLine:
    page: int
    text: str
    bold: bool
    x0: float
    x1: float
    top: float


def text_lines(pdf: bytes) -> list[TextLine]:
    """Printed lines of text, with whether they are set in bold (headings, labels)."""
    lines = []
    for number, page in enumerate(pages(pdf)):
        for line in page.text_lines:
            chars = [c for c in line["chars"] if c["text"].strip()]
            if not chars:
                continue
            bold = all("Bold" in c["fontname"] for c in chars)
            lines.append(
                TextLine(
                    number, line["text"], bold, line["x0"], line["x1"], line["top"]
                )
            )
    return lines


def overlapping_characters(pdf: bytes) -> list[tuple[int, str, str]]:
    """Characters printed over one another on the same line (text out of its box)."""
    clashes = []
    for number, page in enumerate(pages(pdf)):
        rows: dict[int, list[dict]] = defaultdict(list)
        for char in page.chars:
            if char["text"].strip():
                rows[round(char["top"])].append(char)
        for chars in rows.values():
            chars.sort(key=lambda c: c["x0"])
            for left, right in zip(chars, chars[1:], strict=False):
                if right["x0"] < left["x1"] - 0.6 * (left["x1"] - left["x0"]):
                    clashes.append((number, left["text"], right["text"]))
    return clashes


def outside_the_page_margins(pdf: bytes, *, margin: float = 0.3 * 72) -> list:
    """Characters closer to the paper's edge than ``margin`` (text that overflowed)."""
    outside = []
    for number, page in enumerate(pages(pdf)):
        for char in page.chars:
            if (
                char["x0"] < margin
                or char["x1"] > page.width - margin
                or char["top"] < margin
                or char["bottom"] > page.height - margin / 2
            ):
                outside.append((number, char["text"]))
    return outside


def colours_used(pdf: bytes) -> set:
    """Every stroke and fill colour of every drawing and character."""
    colours = set()
    for page in pages(pdf):
        for obj in (*page.chars, *page.lines, *page.rects, *page.curves):
            for key in ("stroking_color", "non_stroking_color"):
                value = obj.get(key)
                if value is not None:
                    colours.add(
                        tuple(value) if isinstance(value, list | tuple) else (value,)
                    )
    return colours


def is_grey(colour: tuple) -> bool:
    return _grey(colour)


def unit_pages(pdf: bytes) -> dict[str, set[int]]:
    """Each part the aid marks as unbreakable ("u-…"), and the pages it is on.

    The template gives each such part an id at its start and "-e…" anchors at its
    end(s); WeasyPrint writes them as the PDF's named destinations.
    """
    reader = PdfReader(io.BytesIO(pdf))
    units: dict[str, set[int]] = defaultdict(set)
    for name, destination in reader.named_destinations.items():
        if not name.startswith("u-"):
            continue
        base = name.rsplit("-e", 1)[0] if "-e" in name else name
        units[base].add(reader.get_destination_page_number(destination))
    return dict(units)
