"""Which decision aids fit a case, in what order, and why the others do not.

Catalogue 2026.2, "Which aid fits": an isolated CNS relapse → DA-CNS-RELAPSE (not
DA-REINDUCTION); B-ALL at REINDUCTION → DA-REINDUCTION; T-ALL at REINDUCTION →
DA-REINDUCTION-T; CNS involved → DA-CNS-RELAPSE as well; CONSOLIDATION →
DA-TRANSPLANT; PSY-FERTILITY due → DA-FERTILITY. ``applicable_aids`` lists the aids
that fit first, the one to offer first at the head; DA-FERTILITY stays available while
treatment is ahead (ADR 0004). A frail patient (RR-FRAIL-SUPPORTIVE) gets no treatment
aid. Pure: the case document and the engine result (through ``engine_result``).
"""

from __future__ import annotations

from collections.abc import Mapping

from decisionaids.content.aids import (
    AID_IDS,
    DA_CNS_RELAPSE,
    DA_FERTILITY,
    DA_REINDUCTION,
    DA_REINDUCTION_T,
    DA_TRANSPLANT,
)
from decisionaids.engine_result import EngineView, engine_view

MSG_NOT_APPLICABLE = "{aid_id} does not apply to this case: {reason}."
REASON_NOT_REINDUCTION = (
    "it is for relapsed or refractory ALL that needs re-induction, and this case is "
    "at decision point {point}"
)
REASON_T_LINEAGE = "it is for B-lineage ALL, and this case is T-lineage"
REASON_B_LINEAGE = "it is for T-lineage ALL, and this case is B-lineage"
REASON_ISOLATED_CNS = (
    "an isolated CNS relapse is treated with DA-CNS-RELAPSE, not a marrow re-induction "
    "aid"
)
REASON_SUPPORTIVE_ONLY = (
    "the engine advises supportive care without disease-directed treatment "
    "(RR-FRAIL-SUPPORTIVE)"
)
REASON_NOT_CONSOLIDATION = (
    "it is for a remission after relapse (decision point CONSOLIDATION), and this case "
    "is at decision point {point}"
)
REASON_NO_CNS = (
    "it is for leukemia in the brain or spinal fluid at re-induction, and no isolated "
    "CNS relapse or CNS involvement is recorded in the current episode"
)
REASON_NO_TREATMENT_AHEAD = (
    "it is for a case with treatment ahead (decision point REINDUCTION or "
    "CONSOLIDATION), and this case is at decision point {point}"
)


class AidNotApplicable(Exception):
    """The aid does not fit the case; ``message`` says why (no patient data)."""

    def __init__(self, aid_id: str, reason: str) -> None:
        self.aid_id = aid_id
        self.reason = reason
        self.message = MSG_NOT_APPLICABLE.format(aid_id=aid_id, reason=reason)
        super().__init__(self.message)


def lineage(document: Mapping) -> str:
    return document["diagnosis"]["lineage"]


def marker(document: Mapping, name: str) -> str:
    return (document.get("markers") or {}).get(name, "unknown")


def _reinduction_reason(aid_id: str, document: Mapping, view: EngineView) -> str | None:
    if view.decision_point != "REINDUCTION":
        return REASON_NOT_REINDUCTION.format(point=view.decision_point)
    if aid_id == DA_REINDUCTION and lineage(document) != "B":
        return REASON_T_LINEAGE
    if aid_id == DA_REINDUCTION_T and lineage(document) != "T":
        return REASON_B_LINEAGE
    if view.isolated_cns_relapse is True:
        return REASON_ISOLATED_CNS
    if view.applies("RR-FRAIL-SUPPORTIVE"):
        return REASON_SUPPORTIVE_ONLY
    return None


def reason(aid_id: str, document: Mapping, view: EngineView) -> str | None:
    point = view.decision_point
    if aid_id in (DA_REINDUCTION, DA_REINDUCTION_T):
        return _reinduction_reason(aid_id, document, view)
    if aid_id == DA_TRANSPLANT:
        if point != "CONSOLIDATION":
            return REASON_NOT_CONSOLIDATION.format(point=point)
        if view.applies("RR-FRAIL-SUPPORTIVE"):
            return REASON_SUPPORTIVE_ONLY
        return None
    if aid_id == DA_CNS_RELAPSE:
        if point != "REINDUCTION":
            return REASON_NOT_REINDUCTION.format(point=point)
        if view.isolated_cns_relapse is True or view.cns_involved is True:
            return None
        return REASON_NO_CNS
    if aid_id == DA_FERTILITY:
        if point in ("REINDUCTION", "CONSOLIDATION"):
            return None
        return REASON_NO_TREATMENT_AHEAD.format(point=point)
    raise ValueError(f"unknown decision aid {aid_id!r}")


def applicability(aid_id: str, *, document: Mapping, result: Mapping) -> str | None:
    """None when the aid applies to the case; otherwise the reason it does not."""
    return reason(aid_id, document, engine_view(result, document))


def applicable_aids(*, document: Mapping, result: Mapping) -> tuple[str, ...]:
    """The aids that apply, the ones that fit the case first (offer the first)."""
    view = engine_view(result, document)
    applying = [a for a in AID_IDS if reason(a, document, view) is None]
    fitting = []
    if view.isolated_cns_relapse is True:
        fitting.append(DA_CNS_RELAPSE)
    fitting += [DA_REINDUCTION, DA_REINDUCTION_T, DA_TRANSPLANT, DA_CNS_RELAPSE]
    if "PSY-FERTILITY" in view.referrals_due:
        fitting.append(DA_FERTILITY)
    ordered = [a for a in dict.fromkeys(fitting) if a in applying]
    return tuple(ordered + [a for a in applying if a not in ordered])
