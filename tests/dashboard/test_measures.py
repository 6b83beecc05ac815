"""Each measure on factory-built cases with known numerators and denominators."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboard.history import Period
from dashboard.measures import Outcome
from dashboard.period import period_from
from dashboard.selectors import program_measures
from tests.dashboard.conftest import TODAY, known_cases
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db
PERIOD = Period(start=dt.date(2026, 1, 1), end=TODAY, today=TODAY)


def results(program, period=PERIOD) -> dict:  # noqa: ANN001
    return {r.measure.id: r for r in program_measures(program=program, period=period)}


def outcomes(result) -> dict[str, list[str]]:  # noqa: ANN001
    found: dict[str, list[str]] = {}
    for unit in result.units:
        found.setdefault(unit.case.case_id, []).append(str(unit.outcome))
    return found


def test_fertility_counts_referrals_completed_before_the_next_therapy(cases, program):
    result = results(program)["fertility"]
    assert outcomes(result) == {
        "CASE-A": ["met"],
        "CASE-B": ["not_met"],  # completed after the therapy started
        "CASE-C": ["pending"],  # no therapy yet
        "CASE-D": ["not_met", "pending"],  # March: nothing; October: no therapy yet
        "CASE-E": ["pending"],
    }
    assert (result.total.met, result.total.denominator) == (1, 3)
    assert result.total.pending == 3


def test_social_work_within_7_days_says_when_the_data_cannot_tell(cases, program):
    result = results(program)["social-work"]
    assert outcomes(result) == {
        "CASE-A": ["not_met"],
        "CASE-B": ["met"],
        "CASE-C": ["insufficient"],  # completed on day 12: when referred is unknown
        "CASE-D": ["not_met", "not_met"],
        "CASE-E": ["not_met"],
    }
    assert (result.total.met, result.total.denominator) == (1, 5)
    assert result.total.insufficient == 1


def test_mental_health_is_read_at_each_month_end(cases, program):
    result = results(program)["mental-health"]
    assert (result.total.met, result.total.denominator) == (1, 5)  # on 30 November
    july = dict(result.by_month)[dt.date(2026, 7, 1)]
    # B screened on 1 July; A's referral changed in October, so July is unknown
    assert (july.met, july.denominator, july.insufficient) == (1, 4, 1)
    assert [u.case.case_id for u in result.units if u.outcome is Outcome.MET] == [
        "CASE-A"
    ]


def test_palliative_care_for_the_multiply_relapsed_or_frail(cases, program):
    result = results(program)["palliative"]
    assert outcomes(result) == {"CASE-D": ["met"], "CASE-E": ["not_met"]}
    may = dict(result.by_month)[dt.date(2026, 5, 1)]
    # in May D had relapsed once; E is frail now, but in May nobody recorded it
    assert (may.met, may.denominator, may.insufficient) == (0, 0, 1)


def test_workup_complete_before_the_reinduction_therapy(cases, program):
    result = results(program)["workup"]
    assert outcomes(result) == {
        "CASE-A": ["met"],
        "CASE-B": ["not_met"],
        "CASE-C": ["pending"],
        "CASE-D": ["not_met", "pending"],
        "CASE-E": ["pending"],
    }
    (b_unit,) = [u for u in result.units if u.case.case_id == "CASE-B"]
    assert "hla typing" in b_unit.reason


def test_workup_due_unknown_is_insufficient_data(program):
    case = known_cases(program)["A"]
    case.can_become_pregnant = None
    case.save()
    result = results(program)["workup"]
    assert outcomes(result)["CASE-A"] == ["insufficient"]


def test_decision_aid_given_at_each_decision_point(cases, program):
    result = results(program)["decision-aid"]
    assert outcomes(result) == {
        "CASE-A": ["met"],
        "CASE-B": ["not_met"],
        "CASE-C": ["pending"],
        "CASE-D": ["not_met", "pending"],
        "CASE-E": ["pending"],
    }


def test_median_days_from_relapse_to_the_next_therapy(cases, program):
    result = results(program)["days-to-decision"]
    assert sorted(u.value for u in result.units if u.value is not None) == [5, 5, 9]
    assert result.total.median_days == 5
    march = dict(result.by_month)[dt.date(2026, 3, 1)]
    assert march.median_days == 9


def test_an_empty_program_has_insufficient_data_not_zero(program):
    for result in results(program).values():
        assert result.total.denominator == 0
        assert result.total.percent is None
        assert result.total.median_days is None


def test_queries_do_not_grow_with_the_number_of_cases():
    small = ProgramFactory(slug="small")
    known_cases(small)
    large = ProgramFactory(slug="large")
    for suffix in ("1", "2", "3"):
        known_cases(large, suffix)

    with CaptureQueriesContext(connection) as few:
        results(small)
    with CaptureQueriesContext(connection) as many:
        results(large)

    assert len(many) == len(few) <= 5


@pytest.mark.parametrize(
    ("params", "start", "end", "problems"),
    [
        ({}, dt.date(2025, 12, 1), TODAY, 0),
        (
            {"from": "2026-03", "to": "2026-05"},
            dt.date(2026, 3, 1),
            dt.date(2026, 5, 31),
            0,
        ),
        (
            {"from": "2026-05", "to": "2026-03"},
            dt.date(2026, 3, 1),
            dt.date(2026, 5, 31),
            1,
        ),
        ({"from": "March", "to": "2026-13"}, dt.date(2025, 12, 1), TODAY, 2),
        ({"to": "2027-04"}, dt.date(2025, 12, 1), TODAY, 1),
        ({"from": "2001-01"}, dt.date(2021, 12, 1), TODAY, 1),
    ],
)
def test_the_period_comes_from_the_address_with_problems_in_words(
    params, start, end, problems
):
    choice = period_from(params, today=TODAY)
    assert (choice.period.start, choice.period.end) == (start, end)
    assert len(choice.problems) == problems
