"""Pausing Python's cyclic garbage collector around one bounded bulk step.

Some steps allocate a great many short-lived objects: a WeasyPrint render, a chunk of
re-evaluation (timeline rows, documents, findings, result dicts). Each allocation
burst sets off collection after collection, and with Django (and WeasyPrint) loaded
every full collection walks a large heap the step barely changes: about a fifth of a
render and a third of a re-evaluation chunk's CPU, measured. Reference counting frees
those objects all the same; any cycle made meanwhile is collected once the collector
resumes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off, then resume it.

    The collector is process-wide, so only whoever paused it resumes it: a nested or
    concurrent pause leaves it to the outermost one.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
