"""Three-state outcomes (CertLogic): applies, does not apply, insufficient data.

A predicate never answers with a truthy or falsy value. It returns a ``Finding``: one
of the three outcomes and the reasons, which name the facts that decided it (for
``INSUFFICIENT_DATA``, the facts that are missing). Conjunction and disjunction follow
Kleene's strong three-valued logic: a known "no" settles a conjunction even when
another part is unknown, and a known "yes" settles a disjunction.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from recommendations.engine.facts import GATE_KEYS

if TYPE_CHECKING:
    from recommendations.engine.facts import CaseFacts


class Outcome(StrEnum):
    """The three states a rule can end in for one case."""

    APPLIES = "applies"
    DOES_NOT_APPLY = "does_not_apply"
    INSUFFICIENT_DATA = "insufficient_data"


APPLIES = Outcome.APPLIES
DOES_NOT_APPLY = Outcome.DOES_NOT_APPLY
INSUFFICIENT_DATA = Outcome.INSUFFICIENT_DATA


class Finding(NamedTuple):
    """A predicate's answer: outcome, reasons, and optional structured detail."""

    outcome: Outcome
    reasons: tuple[str, ...]
    detail: Mapping[str, object] | None = None


# Findings are built with tuple.__new__ and read by index in the combinators below:
# they run for nearly every rule of every case, and NamedTuple's keyword constructor
# and attribute properties cost more than the logic itself.
_new_tuple = tuple.__new__


def applies(*reasons: str) -> Finding:
    return _new_tuple(Finding, (APPLIES, reasons, None))


def does_not_apply(*reasons: str) -> Finding:
    return _new_tuple(Finding, (DOES_NOT_APPLY, reasons, None))


def insufficient(*reasons: str) -> Finding:
    return _new_tuple(Finding, (INSUFFICIENT_DATA, reasons, None))


def tri_state(
    value: bool | None, yes: Finding, no: Finding, unknown: Finding
) -> Finding:
    """Pick the finding for a fact that is true, false or unknown (``None``)."""
    if value is None:
        return unknown
    return yes if value else no


Check = Callable[["CaseFacts"], Finding]


def all_of(
    facts: CaseFacts, checks: Sequence[Check], reasons: tuple[str, ...] = ()
) -> Finding:
    """Conjunction: applies when every check applies; any "no" settles it as "no".

    ``reasons`` are those of checks already known to apply (``conjunction``).
    """
    missing: tuple[str, ...] | None = None
    for check in checks:
        found = check(facts)
        outcome = found[0]
        if outcome is APPLIES:
            reasons += found[1]
        elif outcome is DOES_NOT_APPLY:
            return found
        elif missing is None:
            missing = found[1]
        else:
            missing += found[1]
    if missing is not None:
        return _new_tuple(Finding, (INSUFFICIENT_DATA, missing, None))
    return _new_tuple(Finding, (APPLIES, reasons, None))


def any_of(
    facts: CaseFacts, checks: Sequence[Check], refusals: tuple[str, ...] = ()
) -> Finding:
    """Disjunction: applies when one check applies; "no" only if all say no.

    ``refusals`` are the reasons of checks already known not to apply (``disjunction``).
    """
    missing: tuple[str, ...] | None = None
    for check in checks:
        found = check(facts)
        outcome = found[0]
        if outcome is APPLIES:
            return found
        if outcome is DOES_NOT_APPLY:
            refusals += found[1]
        elif missing is None:
            missing = found[1]
        else:
            missing += found[1]
    if missing is not None:
        return _new_tuple(Finding, (INSUFFICIENT_DATA, missing, None))
    return _new_tuple(Finding, (DOES_NOT_APPLY, refusals, None))


# --- Gates ----------------------------------------------------------------------
# A gate is a check that reads nothing but the decision point, the lineage and
# whether the patient is frail (``facts.GATE_KEYS``). Its answer for each of the
# twelve gate keys is known when the rules are declared, so ``conjunction`` and
# ``disjunction`` settle their leading gates once per key instead of once per case.

GATES: set[Check] = set()


class _GateProbe(NamedTuple):
    """Stands in for the facts when a gate is asked ahead: it has nothing else."""

    decision_point: object
    lineage: str
    fitness_category: str


# Non-frail probes for every category that is not frail: a gate must not tell them
# apart (checked when the gate is declared).
_NOT_FRAIL_CATEGORIES = ("fit", "less_fit", "unknown")


def _probes(category: str) -> tuple[_GateProbe, ...]:
    return tuple(
        _GateProbe(point, lineage, "frail" if frail else category)
        for point, lineage, frail in GATE_KEYS
    )


def gate(check: Check) -> Check:
    """Declare ``check`` a gate (see above); refuse one that reads anything else."""
    answers = [check(probe) for probe in _probes(_NOT_FRAIL_CATEGORIES[0])]  # type: ignore[arg-type]
    for category in _NOT_FRAIL_CATEGORIES[1:]:
        if [check(probe) for probe in _probes(category)] != answers:  # type: ignore[arg-type]
            raise ValueError(f"{check.__name__} reads more than frail or not frail")
    if any(found[0] is INSUFFICIENT_DATA for found in answers):
        raise ValueError(f"{check.__name__}: a gate always knows its answer")
    GATES.add(check)
    return check


def _settle_leading_gates(
    checks: tuple[Check, ...], stop: Outcome, probe: _GateProbe
) -> tuple[Finding | None, tuple[str, ...], tuple[Check, ...]]:
    """Ask the gates at the head of ``checks`` for one gate key.

    Returns the settled finding if a gate answers ``stop`` (it ends the combination
    at once), else the reasons of the gates passed and the checks left to run.
    """
    passed: tuple[str, ...] = ()
    for index, check in enumerate(checks):
        if check not in GATES:
            return None, passed, checks[index:]
        found = check(probe)  # type: ignore[arg-type]
        if found[0] is stop:
            return found, (), ()
        passed += found[1]
    return None, passed, ()


def _combine_rest(
    combine: Callable[[CaseFacts, Sequence[Check], tuple[str, ...]], Finding],
    left: tuple[Check, ...],
    passed: tuple[str, ...],
    facts: CaseFacts,
) -> Finding:
    return combine(facts, left, passed)


def _last_check(
    check: Check, passed: tuple[str, ...], stop: Outcome, passed_outcome: Outcome
) -> Check:
    """``all_of``/``any_of`` when one check is left after the gates, without the loop.

    The same findings as the loop's: the stopping answer as the check gave it, the
    passing one with the gates' reasons first, and insufficient data with its own.
    """

    def last(facts: CaseFacts) -> Finding:
        found = check(facts)
        outcome = found[0]
        if outcome is stop:
            return found
        if outcome is passed_outcome:
            return _new_tuple(Finding, (outcome, passed + found[1], None))
        return _new_tuple(Finding, (INSUFFICIENT_DATA, found[1], None))

    return last


def _gated(
    checks: tuple[Check, ...],
    combine: Callable[[CaseFacts, Sequence[Check], tuple[str, ...]], Finding],
    stop: Outcome,
    passed_outcome: Outcome,
) -> Check:
    settled: list[Finding | None] = []
    rest: list[Check | None] = []
    for probe in _probes(_NOT_FRAIL_CATEGORIES[0]):
        found, passed, left = _settle_leading_gates(checks, stop, probe)
        if found is None and not left:
            found = _new_tuple(Finding, (passed_outcome, passed, None))
        settled.append(found)
        if found is not None:
            rest.append(None)
        elif len(left) == 1:
            rest.append(_last_check(left[0], passed, stop, passed_outcome))
        else:
            rest.append(functools.partial(_combine_rest, combine, left, passed))
    settled_by_key = tuple(settled)
    rest_by_key = tuple(rest)

    def combined(facts: CaseFacts) -> Finding:
        key = facts.gate_key
        found = settled_by_key[key]
        if found is not None:
            return found
        return rest_by_key[key](facts)  # type: ignore[misc]

    # What it stands for, for the tests that hold the two to the same answers.
    combined.checks = checks  # type: ignore[attr-defined]
    combined.combine = combine  # type: ignore[attr-defined]
    return combined


def conjunction(*checks: Check) -> Check:
    """``all_of`` over ``checks`` as one check, its leading gates settled per gate key.

    The same answers, reasons and order as ``all_of(facts, checks)``.
    """
    return _gated(checks, all_of, DOES_NOT_APPLY, APPLIES)


def disjunction(*checks: Check) -> Check:
    """``any_of`` over ``checks`` as one check, its leading gates settled per gate key.

    The same answers, reasons and order as ``any_of(facts, checks)``.
    """
    return _gated(checks, any_of, APPLIES, DOES_NOT_APPLY)


def with_detail(found: Finding, detail: Mapping[str, object]) -> Finding:
    """The same finding carrying structured detail (only meaningful when it applies)."""
    return _new_tuple(Finding, (found[0], found[1], detail))


def with_reasons(found: Finding, *extra: str) -> Finding:
    return _new_tuple(Finding, (found[0], found[1] + extra, found[2]))


T = TypeVar("T")


def memoized(check: Callable[[CaseFacts], T]) -> Callable[[CaseFacts], T]:
    """Compute a condition once per case: several rules and alerts read the same one.

    The answer is kept in the facts' ``memo``; facts never change once built, so the
    answer cannot go stale.
    """

    @functools.wraps(check)
    def cached(facts: CaseFacts) -> T:
        memo = facts.memo
        found = memo.get(check)
        if found is None:
            found = memo[check] = check(facts)
        return found

    return cached
