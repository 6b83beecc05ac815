"""The plain text of a rendered aid, block by block (readability checks)."""

from __future__ import annotations

from collections.abc import Sequence
from html.parser import HTMLParser

_BLOCKS = {"p", "li", "h1", "h2", "h3", "td", "th", "figcaption", "caption", "div"}
_SKIPPED = {"style", "title", "svg", "head"}


class _TextBlocks(HTMLParser):
    def __init__(self, *, skip_classes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_classes = skip_classes
        self.stack: list[tuple[str, bool]] = []
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in _SKIPPED or bool(classes & self.skip_classes)
        if tag in _BLOCKS:
            self._flush()
        if tag not in {"br", "img", "meta", "link", "rect", "circle", "path"}:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self.current.append(data)

    def _flush(self) -> None:
        block = " ".join("".join(self.current).split())
        if block:
            self.blocks.append(block)
        self.current = []


def text_blocks(html: str, *, skip_classes: Sequence[str] = ("nt",)) -> list[str]:
    """The visible text of an aid, one string per block element, in order."""
    parser = _TextBlocks(skip_classes=frozenset(skip_classes))
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.blocks


def patient_text(html: str) -> str:
    """The patient-facing prose: every block ended as a sentence, citations left out.

    Source lines (class ``src``: study populations, EV IDs, source keys) and the page
    furniture (class ``nt``) are references, not prose, so readability leaves them out.
    """
    sentences = []
    for block in text_blocks(html, skip_classes=("nt", "src")):
        sentences.append(block if block[-1] in ".?!:" else block + ".")
    return " ".join(sentences)
