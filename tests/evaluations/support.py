"""Helpers for the stored-evaluation tests: what the engine says now, compared."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from evaluations.models import CaseEvaluation, CaseSearchRow
from evaluations.services import display_result
from patients.models import Case
from recommendations import selectors as rule_selectors


def engine_now(case: Case, as_of: dt.date | None = None) -> dict:
    fresh = Case.objects.select_related("program").get(pk=case.pk)
    return rule_selectors.case_evaluate(case=fresh, as_of=as_of or timezone.localdate())


def assert_current(case: Case, as_of: dt.date | None = None) -> CaseEvaluation:
    """The stored evaluation is the engine's answer for the case as it is now."""
    stored = CaseEvaluation.objects.get(case_id=case.pk)
    fresh = Case.objects.get(pk=case.pk)
    assert stored.case_version == fresh.version
    # The case list's own columns follow the case (evaluations migrations 0003 and
    # 0007), and so does its search row.
    assert stored.lineage == fresh.lineage
    assert stored.sort_name.startswith(fresh.family_name.casefold())
    search = CaseSearchRow.objects.get(pk=case.pk)
    assert (search.program_id, search.lineage, search.sort_name) == (
        fresh.program_id,
        fresh.lineage,
        stored.sort_name,
    )
    assert search.search_text == fresh.search_text
    fresh_result = engine_now(case, as_of)
    shown = display_result(fresh_result)
    assert stored.display.result == shown, "stored evaluation is stale"
    assert stored.n_due == len(stored.display.result["referrals_due"])
    assert stored.n_alerts == len(stored.display.result["alerts"])
    assert stored.n_workup_open == len(stored.display.result["workup_open"])
    derived = stored.display.result["derived"]
    assert (stored.age_years, stored.outside_aya) == (
        derived["age_years"],
        derived["outside_aya"],
    )
    assert stored.items.count() == (
        stored.n_due + stored.n_alerts + stored.n_workup_open + stored.n_checks
    )
    return stored
