"""What importing a case document would change in the registry, for the preview.

Both sides are compared in the registry's own export form
(``patients.documents.case_to_document``), so defaults, number spelling and the order
of a timeline never count as changes: re-importing a sheet the registry already
holds changes nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from interop.sheets.columns import CASE_COLUMNS
from patients.documents import case_to_document, instances_from_document

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
KEY_FOR_PATH = {column.dotted: column.key for column in CASE_COLUMNS}


@dataclass(frozen=True, slots=True)
class ListChange:
    before: int
    after: int
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


@dataclass(frozen=True, slots=True)
class Change:
    status: str
    fields: list[str] = field(default_factory=list)
    events: ListChange = ListChange(0, 0, 0, 0)
    referrals: ListChange = ListChange(0, 0, 0, 0)


def canonical(document: Mapping) -> dict:
    """A valid document as the registry would export it once imported."""
    case, events, referrals = instances_from_document(document)
    return case_to_document(case, events=events, referrals=referrals)


def _flat(document: Mapping, prefix: str = "") -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in document.items():
        if key in {"events", "referrals"} and not prefix:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            found.update(_flat(value, f"{path}."))
        else:
            found[path] = value
    return found


def _items(document: Mapping, member: str) -> Counter:
    return Counter(
        json.dumps(item, sort_keys=True) for item in document.get(member, [])
    )


def _list_change(incoming: Mapping, stored: Mapping | None, member: str) -> ListChange:
    after = _items(incoming, member)
    before = _items(stored, member) if stored is not None else Counter()
    return ListChange(
        before=sum(before.values()),
        after=sum(after.values()),
        added=sum((after - before).values()),
        removed=sum((before - after).values()),
    )


def compare(incoming: Mapping, stored: Mapping | None) -> Change:
    """``incoming`` (canonical) against the stored case's document (None if new)."""
    events = _list_change(incoming, stored, "events")
    referrals = _list_change(incoming, stored, "referrals")
    if stored is None:
        return Change(NEW, events=events, referrals=referrals)
    new, old = _flat(incoming), _flat(stored)
    fields = sorted(
        KEY_FOR_PATH.get(path, path)
        for path in set(new) | set(old)
        if new.get(path) != old.get(path)
    )
    changed = fields or events.changed or referrals.changed
    return Change(
        UPDATED if changed else UNCHANGED,
        fields=fields,
        events=events,
        referrals=referrals,
    )
