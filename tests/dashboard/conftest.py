"""A program whose cases have known answers for every dashboard measure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from decisionaids.models import DecisionAidJob
from recommendations.models import RecommendationSnapshot
from tests.factories import (
    CaseFactory,
    EventFactory,
    ProgramFactory,
    ReferralFactory,
    UserFactory,
)

TODAY = dt.date(2026, 11, 30)
RELAPSE = dt.date(2026, 10, 20)
THERAPY = dt.date(2026, 10, 25)
# B-lineage, female, cannot become pregnant, transplant eligibility unknown, fit:
DUE_TESTS = (
    "marrow_immunophenotype",
    "bcr_abl1",
    "kmt2a_fish",
    "lumbar_puncture",
    "hla_typing",
)


def d(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


def aid_given(case, *, point: str, as_of: dt.date) -> DecisionAidJob:  # noqa: ANN001
    snapshot = RecommendationSnapshot.objects.create(
        case=case,
        program=case.program,
        case_ref=case.case_id,
        as_of=as_of,
        ruleset_version="test",
        case_version=case.version,
        facts={},
        result={"decision_point": point},
    )
    return DecisionAidJob.objects.create(
        case=case,
        aid_id="DA-REINDUCTION",
        language="en",
        snapshot=snapshot,
        content_version="test",
        content_key="0" * 64,
        status="ready",
        sha256="1" * 64,
        given_at=dt.datetime(2026, 10, 23, 12, tzinfo=dt.UTC),
    )


def build_case(program, letter: str, suffix: str = "", **facts):  # noqa: ANN001, ANN201
    defaults = {
        "case_id": f"CASE-{letter}{suffix}",
        "given_name": "Test",
        "family_name": f"Patient{letter}{suffix}",
        "can_become_pregnant": False,
        "latest_relapse_date": RELAPSE,
        "relapse_count": 1,
    }
    return CaseFactory(program=program, **{**defaults, **facts})


def known_cases(program, suffix: str = "") -> dict:  # noqa: ANN001
    """Five cases; the expected outcome of each is written next to it."""
    a = build_case(program, "A", suffix)
    # A: fertility completed before therapy; work-up complete; aid given; MH current
    ReferralFactory(case=a, kind="fertility", status="completed", date=d(10, 22))
    EventFactory(case=a, type="blinatumomab", date=THERAPY)
    for test in DUE_TESTS:
        EventFactory(case=a, type="workup", test=test, date=d(10, 21))
    ReferralFactory(case=a, kind="mental_health", status="completed", date=d(10, 1))
    aid_given(a, point="REINDUCTION", as_of=d(10, 22))

    b = build_case(program, "B", suffix)
    # B: fertility after therapy; social work in 4 days; work-up partial; no aid
    ReferralFactory(case=b, kind="fertility", status="completed", date=d(10, 30))
    ReferralFactory(case=b, kind="social_work", status="referred", date=d(10, 24))
    EventFactory(case=b, type="inotuzumab", date=THERAPY)
    EventFactory(case=b, type="workup", test="bcr_abl1", date=d(10, 21))
    EventFactory(case=b, type="workup", test="lumbar_puncture", date=d(10, 21))
    ReferralFactory(case=b, kind="mental_health", status="completed", date=d(7, 1))

    c = build_case(program, "C", suffix)
    # C: no therapy yet; social work completed after 7 days (referral undated)
    ReferralFactory(case=c, kind="social_work", status="completed", date=d(11, 1))

    dd = build_case(program, "D", suffix, relapse_count=2)
    # D: relapsed on 1 March (chemotherapy 10 March) and 20 October; palliative care
    EventFactory(case=dd, type="relapse", date=d(3, 1))
    EventFactory(case=dd, type="chemotherapy", date=d(3, 10))
    ReferralFactory(case=dd, kind="palliative_care", status="referred", date=d(10, 25))

    e = build_case(program, "E", suffix, fitness_category="frail")
    # E: frail, no palliative-care referral, no therapy
    return {"A": a, "B": b, "C": c, "D": dd, "E": e}


@pytest.fixture
def program(db):
    return ProgramFactory(name="Dashboard AYA Program", slug="dash")


@pytest.fixture
def cases(program):
    return known_cases(program)


def member_with(program, *roles: str, username: str | None = None):  # noqa: ANN001, ANN201
    user = UserFactory(
        programs=[program], **({"username": username} if username else {})
    )
    user.groups.add(*Group.objects.filter(name__in=roles))
    return user


@pytest.fixture
def coordinator(program):
    return member_with(program, "coordinator")
