"""Psychosocial referrals whose primary source is ASH-FL-2026 (frontline guideline).

These drive the coordinator's worklist and apply at every decision point. A referral
that applies carries its timing in ``detail``: ``due`` (an ISO date), ``due_basis``
(``now``, ``next_treatment_start`` or ``screening_interval``), ``overdue`` and
``overdue_since``.

PSY-FERTILITY is overdue once fertility-relevant therapy has started without the
referral: a chemotherapy, nelarabine, allo-HSCT or CAR-T event recorded in the current
episode, or a planned next-treatment date that lies before ``as_of``. On the planned
date itself the item is due, not yet overdue. The seeds give no strength for these
items, so they carry ``conditional`` with ``strength_stated=False``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from recommendations.engine.facts import CaseFacts
from recommendations.engine.logic import (
    APPLIES,
    Finding,
    all_of,
    applies,
    does_not_apply,
    insufficient,
    tri_state,
    with_detail,
)
from recommendations.engine.rule import (
    EvaluationOptions,
    Rule,
    RuleContent,
    SourcePosition,
)
from recommendations.engine.rules import conditions as c
from recommendations.engine.vocabulary import (
    ALL_DECISION_POINTS,
    ASH_FL_2026,
    ASH_RR_2026,
    Kind,
    Relation,
    Strength,
)


def _unstated(statement: str) -> RuleContent:
    return RuleContent(statement, Strength.CONDITIONAL, strength_stated=False)


def _timing(
    due: date, basis: str, overdue_since: date | None = None
) -> Mapping[str, object]:
    return {
        "due": due.isoformat(),
        "due_basis": basis,
        "overdue": overdue_since is not None,
        "overdue_since": None if overdue_since is None else overdue_since.isoformat(),
    }


# --- PSY-FERTILITY ------------------------------------------------------------

_FERTILITY_UNDATED = insufficient(
    "date of the fertility referral missing (completed or declined, but undated)"
)
_FERTILITY_UNPLACED = insufficient(
    "latest relapse date not recorded: cannot tell whether the fertility referral "
    "belongs to this episode"
)


def fertility_referral(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    cleared = facts.fertility_referral_in_episode
    if cleared is True:
        when = facts.fertility_referral_date
        return does_not_apply(
            f"fertility referral completed or declined in the current episode ({when})"
        )
    if cleared is None:
        if facts.episode_start is None:
            return _FERTILITY_UNPLACED
        return _FERTILITY_UNDATED
    reasons: tuple[str, ...] = (
        "no completed or declined fertility referral in the current episode",
    )
    planned = facts.next_treatment_start
    overdue_since: date | None = None
    if planned is not None:
        reasons += (f"next treatment planned for {planned.isoformat()}",)
        if planned < facts.as_of:
            overdue_since = planned
    started = facts.gonadotoxic_therapy_started
    if started is not None and (overdue_since is None or started < overdue_since):
        overdue_since = started
    if overdue_since is not None:
        reasons += (f"overdue: therapy started {overdue_since.isoformat()}",)
    if planned is not None:
        timing = _timing(planned, "next_treatment_start", overdue_since)
    else:
        timing = _timing(facts.as_of, "now", overdue_since)
    return Finding(APPLIES, reasons, timing)


# --- PSY-SOCIAL-WORK ----------------------------------------------------------

_SOCIAL_WORK_DONE = does_not_apply("social-work referral recorded")
_SOCIAL_WORK_REASONS = ("no social-work referral recorded",)


def social_work_referral(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    if facts.referral_counts("social_work"):
        return _SOCIAL_WORK_DONE
    return Finding(APPLIES, _SOCIAL_WORK_REASONS, c.due_now(facts))


# --- PSY-MENTAL-HEALTH --------------------------------------------------------

_MENTAL_HEALTH_UNDATED = insufficient(
    "date of the completed mental-health screening missing"
)
_MENTAL_HEALTH_NEVER = ("no completed mental-health screening recorded",)


def mental_health_screening(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    """Due unless a screening was completed within the interval (default 90 days)."""
    interval = options.mental_health_interval_days
    last = facts.last_mental_health_completed
    if last is not None:
        days = (facts.as_of - last).days
        if days <= interval:
            return does_not_apply(
                f"mental-health screening completed {last.isoformat()}, {days} days "
                f"ago (interval {interval} days)"
            )
    if facts.mental_health_completed_undated:
        return _MENTAL_HEALTH_UNDATED
    if last is None:
        return Finding(APPLIES, _MENTAL_HEALTH_NEVER, c.due_now(facts))
    due = last + timedelta(days=interval)
    return Finding(
        APPLIES,
        (
            f"last mental-health screening {last.isoformat()}, {days} days ago "
            f"(interval {interval} days)",
        ),
        _timing(due, "screening_interval", due),
    )


# --- PSY-EDUCATION-WORK -------------------------------------------------------

_DISRUPTED = (
    applies("school or work disrupted"),
    does_not_apply("school or work not disrupted"),
    insufficient("school or work disruption not recorded"),
)


def school_or_work_disrupted(facts: CaseFacts) -> Finding:
    return tri_state(facts.school_or_work_disrupted, *_DISRUPTED)


_EDUCATION_CHECKS = (c.no_education_work_referral, school_or_work_disrupted)


def education_work_referral(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = all_of(facts, _EDUCATION_CHECKS)
    if found.outcome is not APPLIES:
        return found
    return with_detail(found, c.due_now(facts))


# --- PSY-NEUROCOGNITIVE -------------------------------------------------------

_NO_NEUROTOXIC_HISTORY = does_not_apply(
    "no intrathecal chemotherapy, cranial RT or nelarabine in the history"
)


def neurotoxic_history(facts: CaseFacts) -> Finding:
    it, cranial, nelarabine = (
        facts.prior_it_chemotherapy,
        facts.prior_cranial_rt,
        facts.prior_nelarabine,
    )
    if not (it or cranial or nelarabine):
        return _NO_NEUROTOXIC_HISTORY
    found: tuple[str, ...] = ()
    if it:
        found += ("intrathecal chemotherapy in the history",)
    if cranial:
        found += ("cranial RT in the history",)
    if nelarabine:
        found += ("nelarabine in the history",)
    return applies(*found)


# History first: most cases have none, which settles the item at once.
_NEUROCOGNITIVE_CHECKS = (neurotoxic_history, c.no_neurocognitive_referral)


def neurocognitive_referral(facts: CaseFacts, options: EvaluationOptions) -> Finding:
    found = all_of(facts, _NEUROCOGNITIVE_CHECKS)
    if found.outcome is not APPLIES:
        return found
    return with_detail(found, c.due_now(facts))


# --- Declarations -------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule(
        id="PSY-FERTILITY",
        kind=Kind.REFERRAL,
        decision_points=ALL_DECISION_POINTS,
        source=ASH_FL_2026,
        content=_unstated(
            "Offer fertility counselling and preservation before the next "
            "chemotherapy, HSCT or CAR-T lymphodepletion."
        ),
        condition=(
            "no fertility referral completed or declined in the current episode"
        ),
        predicate=fertility_referral,
        positions=(
            SourcePosition(
                ASH_RR_2026,
                Relation.CONCORDANT,
                "Also addresses fertility counselling and preservation before further "
                "therapy.",
            ),
        ),
    ),
    Rule(
        id="PSY-SOCIAL-WORK",
        kind=Kind.REFERRAL,
        decision_points=ALL_DECISION_POINTS,
        source=ASH_FL_2026,
        content=_unstated(
            "Refer to social work from the start for financial and psychosocial "
            "support."
        ),
        condition="no social-work referral that counts, ever",
        predicate=social_work_referral,
    ),
    Rule(
        id="PSY-MENTAL-HEALTH",
        kind=Kind.REFERRAL,
        decision_points=ALL_DECISION_POINTS,
        source=ASH_FL_2026,
        content=_unstated("Screen mental health regularly throughout treatment."),
        condition=(
            "no completed mental-health referral dated within the screening interval "
            "(default 90 days)"
        ),
        predicate=mental_health_screening,
    ),
    Rule(
        id="PSY-EDUCATION-WORK",
        kind=Kind.REFERRAL,
        decision_points=ALL_DECISION_POINTS,
        source=ASH_FL_2026,
        content=_unstated(
            "Refer for education or vocational support when school or work is "
            "disrupted."
        ),
        condition="school or work disrupted and no education/work referral that counts",
        predicate=education_work_referral,
    ),
    Rule(
        id="PSY-NEUROCOGNITIVE",
        kind=Kind.REFERRAL,
        decision_points=ALL_DECISION_POINTS,
        source=ASH_FL_2026,
        content=_unstated(
            "Arrange neurocognitive follow-up after intrathecal chemotherapy, cranial "
            "radiation or nelarabine."
        ),
        condition=(
            "IT chemotherapy, cranial RT or nelarabine in the history and no "
            "neurocognitive referral that counts"
        ),
        predicate=neurocognitive_referral,
    ),
)
