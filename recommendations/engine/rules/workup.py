"""The relapse work-up (catalogue "Relapse work-up"; REF-ADULT-RR, seed 004).

At REINDUCTION each ``WU-…`` item that is due for the case and has no ``workup`` event
of its test dated in the current episode is open: it applies, and the case page lists
it on the checklist. A due item already done does not apply; its finding carries the
date and result so the checklist can show it ticked. An item whose due condition is
unknown (sex not recorded, say), or whose work-up cannot be placed in the episode (no
relapse date), ends in insufficient data and is shown as a check to do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType

from recommendations.engine.facts import CaseFacts
from recommendations.engine.logic import (
    APPLIES,
    Finding,
    applies,
    conjunction,
    does_not_apply,
    insufficient,
    with_detail,
)
from recommendations.engine.rule import EvaluationOptions, Rule, RuleContent
from recommendations.engine.rules import conditions as c
from recommendations.engine.vocabulary import REF_ADULT_RR, REINDUCTION, Kind, Strength

_ALWAYS = applies("due for every relapsed or refractory case")
_MALE = {
    "male": applies("sex male: a testicular examination is due"),
    "female": does_not_apply("sex female"),
    "other": does_not_apply("sex other (the catalogue names sex male)"),
    "unknown": insufficient("sex not recorded"),
}
_PREGNANCY = (
    applies("can become pregnant"),
    does_not_apply("cannot become pregnant"),
    insufficient("whether the patient can become pregnant not recorded"),
)
_ELIGIBILITY = {
    "yes": applies("transplant-eligible"),
    "unknown": applies("transplant eligibility not yet known"),
    "no": does_not_apply("not transplant-eligible"),
}


def always_due(facts: CaseFacts) -> Finding:
    return _ALWAYS


def male(facts: CaseFacts) -> Finding:
    return _MALE.get(facts.sex, _MALE["unknown"])


def can_become_pregnant(facts: CaseFacts) -> Finding:
    value = facts.can_become_pregnant
    if value is None:
        return _PREGNANCY[2]
    return _PREGNANCY[0] if value else _PREGNANCY[1]


def transplant_eligible_yes_or_unknown(facts: CaseFacts) -> Finding:
    return _ELIGIBILITY[facts.transplant_eligible]


_HLA = conjunction(c.not_frail, transplant_eligible_yes_or_unknown)


def hla_typing_due(facts: CaseFacts) -> Finding:
    return _HLA(facts)


_NOT_RECORDED = ("not recorded in the current episode",)
# An open item's finding, built once per item and due finding (the due findings are
# constants, so this stays small).
_OPEN_FINDINGS: dict[tuple[str, Finding], Finding] = {}


@dataclass(frozen=True, slots=True)
class WorkupItem:
    """One work-up item: its ID, the ``workup`` test that settles it, when it is due.

    ``due`` answers whether the item is due at REINDUCTION; ``open_detail`` is the
    (unchanging) detail of an open item.
    """

    id: str
    test: str
    due: Callable[[CaseFacts], Finding]
    statement: str
    settles: str
    condition: str
    open_detail: MappingProxyType = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        detail = {"status": "open", "test": self.test, "settles": self.settles}
        object.__setattr__(self, "open_detail", MappingProxyType(detail))

    def predicate(self, facts: CaseFacts, options: EvaluationOptions) -> Finding:
        found = c.at_reinduction(facts)
        if found.outcome is APPLIES:
            found = self.due(facts)
        if found.outcome is not APPLIES:
            return found
        done = facts.workup_done.get(self.test)
        if done is not None:
            result = f": {done.result}" if done.result else ""
            return with_detail(
                does_not_apply(f"done on {done.done_on.isoformat()}{result}"),
                _done_detail(self.test, done.done_on.isoformat(), done.result),
            )
        if self.test in facts.workup_unplaced:
            return insufficient(
                "latest relapse date not recorded: cannot tell whether the recorded "
                f"{self.test.replace('_', ' ')} belongs to this relapse"
            )
        key = (self.id, found)
        open_finding = _OPEN_FINDINGS.get(key)
        if open_finding is None:
            open_finding = _OPEN_FINDINGS[key] = Finding(
                APPLIES, found.reasons + _NOT_RECORDED, self.open_detail
            )
        return open_finding


def _done_detail(test: str, done_on: str, result: str | None) -> MappingProxyType:
    return MappingProxyType(
        {"status": "done", "test": test, "done_on": done_on, "result": result}
    )


ITEMS: tuple[WorkupItem, ...] = (
    WorkupItem(
        "WU-IMMUNOPHENOTYPE",
        "marrow_immunophenotype",
        c.b_lineage,
        "Marrow (or site) immunophenotype with CD19, CD22 and CD20: the antigen "
        "targets decide the options.",
        "CD19, CD22 and CD20 on the current disease",
        "REINDUCTION; B-lineage",
    ),
    WorkupItem(
        "WU-BCR-ABL1",
        "bcr_abl1",
        always_due,
        "BCR::ABL1 by RT-PCR (Ph status), with kinase-domain mutation testing when "
        "Ph positive.",
        "Ph status and ABL1 kinase-domain mutations",
        "REINDUCTION; always",
    ),
    WorkupItem(
        "WU-KMT2A",
        "kmt2a_fish",
        c.b_lineage,
        "FISH for KMT2A (11q23) rearrangement.",
        "KMT2A rearrangement",
        "REINDUCTION; B-lineage",
    ),
    WorkupItem(
        "WU-LUMBAR-PUNCTURE",
        "lumbar_puncture",
        always_due,
        "Lumbar puncture with CSF cytology and flow cytometry (CNS status), even "
        "without symptoms.",
        "CNS status",
        "REINDUCTION; always",
    ),
    WorkupItem(
        "WU-TESTICULAR-EXAM",
        "testicular_exam",
        male,
        "Testicular examination.",
        "testicular involvement",
        "REINDUCTION; patient with testes (sex male)",
    ),
    WorkupItem(
        "WU-HLA-TYPING",
        "hla_typing",
        hla_typing_due,
        "HLA typing of the patient, to start the donor search.",
        "donor search",
        "REINDUCTION; transplant eligibility yes or unknown; not frail",
    ),
    WorkupItem(
        "WU-PREGNANCY-TEST",
        "pregnancy_test",
        can_become_pregnant,
        "Pregnancy test before therapy.",
        "pregnancy before therapy",
        "REINDUCTION; can become pregnant",
    ),
)
ITEMS_BY_ID = MappingProxyType({item.id: item for item in ITEMS})

RULES: tuple[Rule, ...] = tuple(
    Rule(
        id=item.id,
        kind=Kind.WORKUP,
        decision_points=REINDUCTION,
        source=REF_ADULT_RR,
        # The source grades none of its evaluation items (catalogue convention).
        content=RuleContent(
            item.statement, Strength.CONDITIONAL, strength_stated=False
        ),
        condition=item.condition,
        predicate=item.predicate,
        lineage="B" if item.id in ("WU-IMMUNOPHENOTYPE", "WU-KMT2A") else None,
    )
    for item in ITEMS
)
