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


def all_of(facts: CaseFacts, checks: Sequence[Check]) -> Finding:
    """Conjunction: applies when every check applies; any "no" settles it as "no"."""
    reasons: tuple[str, ...] = ()
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


def any_of(facts: CaseFacts, checks: Sequence[Check]) -> Finding:
    """Disjunction: applies when one check applies; "no" only if all say no."""
    refusals: tuple[str, ...] = ()
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
