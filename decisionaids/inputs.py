"""The plain inputs of an aid besides the case: evidence rows and the care team."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

MSG_MISSING_EVIDENCE = "Evidence row {ev_id} is missing; run migrate to restore it."


@dataclass(frozen=True, slots=True)
class Evidence:
    """One stored EV row as plain data (what the renderer and the content key read)."""

    ev_id: str
    statement: str
    measures: tuple[dict, ...]
    population_plain: Mapping[str, str]
    study: str
    source: str
    reviewed_at: dt.date
    design: str = ""

    def measure(self, key: str) -> dict:
        for measure in self.measures:
            if measure["key"] == key:
                return measure
        raise KeyError(f"{self.ev_id} has no measure {key!r}")

    def canonical(self) -> dict:
        return {
            "ev_id": self.ev_id,
            "statement": self.statement,
            "measures": list(self.measures),
            "population_plain": dict(self.population_plain),
            "study": self.study,
            "design": self.design,
            "source": self.source,
            "reviewed_at": self.reviewed_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class CareTeam:
    """The program's care team contact, printed on every page (may be unset)."""

    name: str = ""
    phone: str = ""


def evidence_row(evidence: Mapping[str, Evidence], ev_id: str) -> Evidence:
    try:
        return evidence[ev_id]
    except KeyError:
        raise LookupError(MSG_MISSING_EVIDENCE.format(ev_id=ev_id)) from None
