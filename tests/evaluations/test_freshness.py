"""Every change to a case rewrites its stored evaluation in the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from evaluations import selectors
from evaluations.models import CaseEvaluation, EvaluationItem
from patients import services
from patients.access import GROUP_PROGRAM_ADMIN
from patients.models import Case, Referral
from tests.api.conftest import client_with_token, token_for
from tests.conftest import vignette_case
from tests.evaluations.support import assert_current
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _due(stored: CaseEvaluation) -> list[str]:
    return [item["id"] for item in stored.display.result["referrals_due"]]


@pytest.fixture
def imported(program):
    services.case_import(
        payload=[
            vignette_case("b_first_relapse_cd19_cd22.json"),
            vignette_case("t_all_relapse.json"),
        ],
        program=program,
    )
    return Case.objects.get(case_id=vignette_case("t_all_relapse.json")["case_id"])


def _open_workup(stored: CaseEvaluation) -> list[str]:
    return [item["id"] for item in stored.display.result["workup_open"]]


def test_an_import_stores_an_evaluation_for_every_case(program, imported):
    assert CaseEvaluation.objects.count() == Case.objects.count() == 2
    stored = assert_current(imported)
    assert stored.evaluated_for == timezone.localdate()
    assert stored.decision_point == "REINDUCTION"
    assert stored.n_due > 0
    assert set(
        stored.items.filter(kind=EvaluationItem.Kind.WORKUP).values_list(
            "rule_id", flat=True
        )
    ) == {item["id"] for item in stored.display.result["workup_open"]}


def test_a_referral_change_rewrites_the_evaluation(member, imported):
    before = CaseEvaluation.objects.get(case_id=imported.pk)
    assert "PSY-SOCIAL-WORK" in _due(before)
    services.referral_set_status(
        case=imported,
        kind="social_work",
        status="referred",
        actor=member,
        on=timezone.localdate(),
    )
    after = assert_current(imported)
    assert "PSY-SOCIAL-WORK" not in _due(after)
    assert after.n_due == before.n_due - 1


def test_an_event_added_and_deleted_rewrites_the_evaluation(member, imported):
    today = timezone.localdate()
    event = services.workup_record(
        case=imported,
        actor=member,
        test="lumbar_puncture",
        date=today,
        result="",
        today=today,
    )
    stored = assert_current(imported)
    assert "WU-LUMBAR-PUNCTURE" not in _open_workup(stored)
    services.event_delete(event=event, actor=member)
    stored = assert_current(imported)
    assert "WU-LUMBAR-PUNCTURE" in _open_workup(stored)


def test_a_case_update_rewrites_the_evaluation(member, imported):
    services.case_update(
        case=imported, actor=member, data={"disease_state": "remission_after_relapse"}
    )
    assert assert_current(imported).decision_point == "CONSOLIDATION"


def test_a_renamed_case_is_found_by_its_new_name_only(member, program, imported):
    today = timezone.localdate()

    def found(query: str) -> list[int]:
        page = selectors.case_list_page(user=member, as_of=today, query=query)
        return [row.case_id for row in page]

    services.case_update(case=imported, actor=member, data={"family_name": "Bergström"})
    assert found("bergstrom") == [imported.pk]
    services.case_update(case=imported, actor=member, data={"family_name": "Ávila"})
    assert_current(imported)
    assert found("avila") == [imported.pk]
    assert found("bergstrom") == []


def test_an_api_write_rewrites_the_evaluation(member, imported):
    api = client_with_token(token_for(member))
    response = api.post(
        f"/api/v1/cases/{imported.pk}/referrals/",
        {
            "kind": "social_work",
            "status": "referred",
            "date": str(timezone.localdate()),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    stored = assert_current(imported)
    assert "PSY-SOCIAL-WORK" not in _due(stored)


def test_an_admin_save_rewrites_the_evaluation(client, program, imported):
    admin = UserFactory(username="admin1", programs=[program], is_staff=True)
    admin.groups.add(Group.objects.get(name=GROUP_PROGRAM_ADMIN))
    client.force_login(admin)
    referral = Referral.objects.create(
        case=imported, kind="social_work", status="needed"
    )
    response = client.post(
        f"/admin/patients/referral/{referral.pk}/change/",
        {
            "case": imported.pk,
            "kind": "social_work",
            "status": "referred",
            "date": str(imported.evaluation_date),
            "appointment_date": "",
            "note": "",
            "owner": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = assert_current(imported)
    assert "PSY-SOCIAL-WORK" not in _due(stored)


def test_an_admin_delete_rewrites_the_evaluation(client, program, member, imported):
    event = services.workup_record(
        case=imported,
        actor=member,
        test="lumbar_puncture",
        date=timezone.localdate(),
        result="",
        today=timezone.localdate(),
    )
    admin = UserFactory(username="admin2", programs=[program], is_staff=True)
    admin.groups.add(Group.objects.get(name=GROUP_PROGRAM_ADMIN))
    client.force_login(admin)
    response = client.post(f"/admin/patients/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert "WU-LUMBAR-PUNCTURE" in _open_workup(assert_current(imported))


def test_a_failed_change_leaves_the_evaluation_as_it_was(member, imported):
    before = CaseEvaluation.objects.get(case_id=imported.pk)
    with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal will do
        services.event_save(
            case=imported,
            actor=member,
            data={"type": "workup", "date": dt.date(1990, 1, 1)},
            today=timezone.localdate(),
        )
    after = CaseEvaluation.objects.get(case_id=imported.pk)
    assert after.evaluated_at == before.evaluated_at
    assert after.case_version == before.case_version


def test_a_snapshot_makes_its_alerts_no_longer_new(member, program):
    from recommendations.services import recommendation_snapshot_create

    services.case_import(
        payload=vignette_case("kmt2a_antigen_negative.json"), program=program
    )
    case = Case.objects.get(program=program)
    stored = CaseEvaluation.objects.get(case_id=case.pk)
    assert stored.n_alerts > 0
    assert stored.n_alerts_new == stored.n_alerts
    recommendation_snapshot_create(case=case, actor=member)
    stored = assert_current(case)
    assert stored.n_alerts_new == 0
    assert not stored.items.filter(kind=EvaluationItem.Kind.ALERT, new=True).exists()
