"""Events and referrals through the API: the services' rules, versions and filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from patients import models
from patients.models import Event, Referral
from tests.factories import CaseFactory, ReferralFactory, UserFactory


def events_url(case) -> str:  # noqa: ANN001
    return f"/api/v1/cases/{case.pk}/events/"


def referrals_url(case) -> str:  # noqa: ANN001
    return f"/api/v1/cases/{case.pk}/referrals/"


def test_an_event_is_added_with_its_address_and_the_new_case_version(api, case):
    response = api.post(
        events_url(case), {"type": "inotuzumab", "date": "2026-10-28", "cycles": 1}
    )

    assert response.status_code == 201
    body = response.json()
    assert response["Location"] == f"{events_url(case)}{body['id']}/"
    assert body["case_version"] == case.version + 1
    assert body["agent"] is None
    assert Event.objects.get(pk=body["id"]).cycles == 1


def test_an_event_after_the_evaluation_date_moves_that_date_forward(api, case):
    today = timezone.localdate()
    case.evaluation_date = today - dt.timedelta(days=3)
    case.save()

    api.post(events_url(case), {"type": "response", "date": today.isoformat()})

    case.refresh_from_db()
    assert case.evaluation_date == today


def test_an_event_in_the_future_is_a_422_naming_the_date(api, case):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = api.post(
        events_url(case), {"type": "chemotherapy", "date": tomorrow.isoformat()}
    )

    assert response.status_code == 422
    assert [e["path"] for e in response.json()["errors"]] == ["$.date"]
    assert case.events.count() == 1


def test_an_event_ending_before_it_starts_is_a_422(api, case):
    response = api.post(
        events_url(case),
        {"type": "chemotherapy", "date": "2026-10-25", "end_date": "2026-10-21"},
    )

    assert response.status_code == 422
    assert "$.end_date" in [e["path"] for e in response.json()["errors"]]


def test_an_event_is_changed_member_by_member_and_null_clears(api, case):
    event = case.events.get()
    event.agent = "FLAG-IDA"
    event.save()

    response = api.patch(f"{events_url(case)}{event.pk}/", {"agent": None, "cycles": 2})

    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.agent, event.cycles, event.type) == ("", 2, "blinatumomab")


def test_an_event_is_read_listed_and_deleted(api, case):
    event = case.events.get()

    read = api.get(f"{events_url(case)}{event.pk}/")
    listed = api.get(events_url(case))
    deleted = api.delete(f"{events_url(case)}{event.pk}/")

    assert read.json()["type"] == "blinatumomab"
    assert [item["id"] for item in listed.json()["results"]] == [event.pk]
    assert deleted.status_code == 204
    assert not case.events.exists()


def test_a_workup_event_carries_its_test_and_result(api, case):
    response = api.post(
        events_url(case),
        {
            "type": "workup",
            "date": "2026-10-22",
            "test": "lumbar_puncture",
            "result": "CSF: no blasts",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["test"], body["result"]) == ("lumbar_puncture", "CSF: no blasts")
    listed = api.get(events_url(case)).json()["results"]
    assert {item["test"] for item in listed} == {None, "lumbar_puncture"}


def test_a_workup_event_without_its_test_is_a_422_in_plain_words(api, case):
    response = api.post(events_url(case), {"type": "workup", "date": "2026-10-22"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "$.test"
    assert response.json()["errors"][0]["message"] == models.MSG_WORKUP_NEEDS_TEST
    assert case.events.count() == 1


def test_a_test_on_another_kind_of_event_is_a_422(api, case):
    event = case.events.get()

    response = api.patch(f"{events_url(case)}{event.pk}/", {"test": "hla_typing"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == models.MSG_TEST_ONLY_ON_WORKUP
    event.refresh_from_db()
    assert event.test == ""


def test_an_event_of_another_case_is_a_404_under_this_one(api, case, program):
    elsewhere = CaseFactory(program=program).events.create(
        type="relapse", date=dt.date(2026, 10, 20)
    )

    assert api.get(f"{events_url(case)}{elsewhere.pk}/").status_code == 404


def test_a_referral_is_added_with_an_owner_from_the_program(api, case, member):
    response = api.post(
        referrals_url(case),
        {
            "kind": "fertility",
            "status": "referred",
            "date": "2026-10-30",
            "owner": member.pk,
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["owner"] == {"id": member.pk, "username": "coordinator1"}
    assert body["status_changed_by"] == member.pk


def test_an_owner_outside_the_program_is_a_422(api, case, outsider):
    response = api.post(
        referrals_url(case), {"kind": "fertility", "owner": outsider.pk}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "$.owner"
    assert case.referrals.count() == 1


def test_a_status_change_records_who_made_it(api, case, member):
    referral = case.referrals.get()

    response = api.patch(
        f"{referrals_url(case)}{referral.pk}/",
        {"status": "declined", "date": "2026-10-30"},
    )

    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == "declined"
    assert referral.status_changed_by == member


def test_a_referral_past_needed_without_its_date_is_a_422(api, case):
    referral = case.referrals.get()

    response = api.patch(f"{referrals_url(case)}{referral.pk}/", {"status": "referred"})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "path": "$.date",
            "message": models.MSG_REFERRAL_NEEDS_DATE.format(status="referred"),
            "code": "rule",
        }
    ]
    referral.refresh_from_db()
    assert referral.status == "needed"


def test_a_scheduled_referral_carries_its_appointment_ahead(api, case):
    response = api.post(
        referrals_url(case),
        {
            "kind": "mental_health",
            "status": "scheduled",
            "date": "2026-10-30",
            "appointment_date": "2026-12-04",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["date"], body["appointment_date"]) == ("2026-10-30", "2026-12-04")
    case.refresh_from_db()
    assert case.evaluation_date == dt.date(2026, 11, 1)


def test_a_referral_is_deleted(api, case):
    referral = case.referrals.get()

    response = api.delete(f"{referrals_url(case)}{referral.pk}/")

    assert response.status_code == 204
    assert not Referral.objects.filter(pk=referral.pk).exists()


@pytest.fixture
def referrals(program, member):
    """Referrals across two cases, with owners and statuses to filter by."""
    colleague = UserFactory(username="colleague", programs=[program])
    first, second = CaseFactory(program=program), CaseFactory(program=program)
    return {
        "mine": ReferralFactory(case=first, kind="fertility", owner=member),
        "theirs": ReferralFactory(
            case=second, kind="fertility", status="referred", owner=colleague
        ),
        "social": ReferralFactory(case=second, kind="social_work"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=fertility", ["mine", "theirs"]),
        ("status=referred", ["theirs"]),
        ("kind=fertility&status=needed", ["mine"]),
        ("", ["mine", "theirs", "social"]),
    ],
)
def test_referrals_across_my_cases_filter_by_kind_and_status(
    api, referrals, query, expected
):
    results = api.get(f"/api/v1/referrals/?{query}").json()["results"]

    assert [item["id"] for item in results] == [referrals[k].pk for k in expected]


def test_referrals_filter_by_owner(api, referrals, member):
    results = api.get(f"/api/v1/referrals/?owner={member.pk}").json()["results"]

    assert [item["id"] for item in results] == [referrals["mine"].pk]


def test_a_case_lists_its_own_referrals_filtered(api, referrals):
    case = referrals["theirs"].case

    results = api.get(f"{referrals_url(case)}?kind=fertility").json()["results"]

    assert [item["id"] for item in results] == [referrals["theirs"].pk]


@pytest.mark.parametrize("query", ["kind=dentist", "status=lost", "owner=me"])
def test_an_unknown_referral_filter_value_is_a_400(api, query):
    assert api.get(f"/api/v1/referrals/?{query}").status_code == 400
