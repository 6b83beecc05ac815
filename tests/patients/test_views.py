"""Clinic pages through the test client: content, forms, errors, isolation, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from patients.forms import MSG_DATE_INVALID
from patients.models import (
    MSG_REFERRAL_NEEDS_DATE,
    MSG_WORKUP_NEEDS_TEST,
    AuditEntry,
    Case,
    Event,
    Referral,
)
from recommendations.models import RecommendationSnapshot
from tests.conftest import vignette_case
from tests.factories import CaseFactory, ProgramFactory, ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def imported(program):
    """Six of the worked vignette cases, imported into the program."""
    from patients.documents import load_json_bytes  # noqa: F401 - same path as users
    from patients.services import case_import

    documents = [
        vignette_case(name)
        for name in (
            "b_first_relapse_cd19_cd22.json",
            "t_all_relapse.json",
            "isolated_cns_relapse.json",
            "remission_after_ino_hsct_planned.json",
            "ph_positive_t315i.json",
            "kmt2a_antigen_negative.json",
        )
    ]
    case_import(payload=documents, program=program)
    return {case.case_id: case for case in Case.objects.all()}


def test_worklist_lists_due_referrals_with_reason_and_source(signed_in, imported):
    page = signed_in.get("/").content.decode()
    assert 'data-rule="PSY-FERTILITY"' in page
    assert 'data-rule="PSY-SOCIAL-WORK"' in page
    assert "PSY-SOCIAL-WORK, ASH-FL-2026" in page
    # PUB-004 has completed fertility, social work and recent mental-health referrals
    row = page[page.index('data-case="PUB-004"') :]
    row = row[: row.index("</article>")]
    assert "data-rule=" not in row


def test_one_click_status_change_shrinks_the_worklist(signed_in, imported):
    before = signed_in.get("/").content.decode().count('class="wl-item"')
    case = imported["PUB-001"]
    response = signed_in.post(
        "/worklist/status/",
        {"case": case.pk, "kind": "social_work", "status": "referred", "next": ""},
    )
    assert response.status_code == 302
    after = signed_in.get("/").content.decode().count('class="wl-item"')
    assert after == before - 1
    assert Referral.objects.get(case=case, kind="social_work").status == "referred"


def test_one_click_with_a_made_up_status_changes_nothing(signed_in, imported):
    case = imported["PUB-001"]
    response = signed_in.post(
        f"/cases/{case.pk}/referrals/status/",
        {"kind": "social_work", "status": "vanished"},
        follow=True,
    )
    assert "not understood; nothing changed" in response.content.decode()
    assert not Referral.objects.filter(case=case).exists()


def test_worklist_filters_by_kind(signed_in, imported):
    page = signed_in.get("/?kind=fertility").content.decode()
    assert 'data-rule="PSY-FERTILITY"' in page
    assert 'data-rule="PSY-SOCIAL-WORK"' not in page


def test_case_list_search_travels_in_the_body_not_the_url(signed_in, imported):
    response = signed_in.post("/cases/", {"q": "PUB-002"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "PUB-002" in page
    assert "PUB-001" not in page


def test_case_list_filters_by_decision_point_and_alert(signed_in, imported):
    page = signed_in.post(
        "/cases/", {"decision_point": "CONSOLIDATION"}
    ).content.decode()
    assert "PUB-004" in page
    assert "PUB-001" not in page
    page = signed_in.post("/cases/", {"alert": "ALERT-T315I"}).content.decode()
    assert "PUB-005" in page
    assert "PUB-003" not in page


def test_case_page_shows_facts_recommendations_and_reasons(signed_in, imported):
    case = imported["PUB-001"]
    page = signed_in.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-point="REINDUCTION">Re-induction<' in page
    assert 'data-id="RR-B-IMMUNO-REINDUCTION"' in page
    assert "CD22 positive" in page
    assert 'data-id="ALERT-BLINA-INPATIENT"' in page
    assert '<svg class="timeline"' in page
    assert AuditEntry.objects.filter(case=case, action="viewed").count() == 1


def test_case_page_shows_differing_sources_side_by_side(signed_in, imported):
    case = imported["PUB-003"]
    page = signed_in.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-id="RR-CNS-ISOLATED-IT"' in page
    assert "REF-ADULT-RR — differs" in page
    assert "The sources differ here" in page


def test_another_programs_case_is_a_404(signed_in, imported):
    other = CaseFactory(program=ProgramFactory(slug="elsewhere"))
    assert signed_in.get(f"/cases/{other.pk}/").status_code == 404
    assert signed_in.get(f"/cases/{other.pk}/edit/").status_code == 404
    response = signed_in.post(
        f"/cases/{other.pk}/referrals/status/",
        {"kind": "fertility", "status": "referred"},
    )
    assert response.status_code == 404
    assert not Referral.objects.filter(case=other).exists()


def test_adding_an_event_changes_the_timeline_and_recommendations(signed_in, imported):
    case = imported["PUB-001"]
    before = signed_in.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-id="ALERT-INO-VOD"' not in before
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/",
        {"type": "inotuzumab", "date": "2026-10-22", "cycles": "1"},
    )
    assert response.status_code == 302
    # remission after inotuzumab with transplant planned: consolidation and VOD alert
    signed_in.post(
        f"/cases/{case.pk}/events/add/",
        {"type": "response", "date": "2026-11-10", "response": "CR", "mrd": "negative"},
    )
    case.refresh_from_db()
    page = signed_in.get(f"/cases/{case.pk}/").content.decode()
    assert Event.objects.filter(case=case).count() == 2
    assert "Inotuzumab" in page
    whole = page[page.index('id="timeline-whole"') :]
    whole = whole[: whole.index("</figure>")]
    assert whole.count('data-origin="event"') == 2


def test_event_form_shows_field_errors_in_plain_words(signed_in, imported):
    case = imported["PUB-001"]
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/",
        {"type": "relapse", "date": "2026-02-30"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert MSG_DATE_INVALID in page
    assert not Event.objects.filter(case=case).exists()


def test_event_before_diagnosis_is_an_error_on_the_date_field(signed_in, imported):
    case = imported["PUB-001"]
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/", {"type": "relapse", "date": "2020-01-01"}
    )
    assert response.status_code == 400
    assert "before the diagnosis" in response.content.decode()


def test_a_nul_byte_in_a_form_is_an_error_not_a_crash(signed_in, imported):
    case = imported["PUB-001"]
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/",
        {"type": "chemotherapy", "date": "2026-10-25", "agent": "FLAG\x00"},
    )
    assert response.status_code == 400
    assert not Event.objects.filter(case=case).exists()


def test_deleting_asks_for_confirmation_first(signed_in, imported):
    case = imported["PUB-004"]
    event = case.events.first()
    page = signed_in.get(f"/cases/{case.pk}/events/{event.pk}/delete/").content.decode()
    assert "Yes, delete" in page
    assert Event.objects.filter(pk=event.pk).exists()
    signed_in.post(f"/cases/{case.pk}/events/{event.pk}/delete/")
    assert not Event.objects.filter(pk=event.pk).exists()


def test_case_facts_form_saves_and_refuses_a_stale_edit(signed_in, imported):
    case = imported["PUB-001"]
    form = signed_in.get(f"/cases/{case.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["sites"] = ["marrow"]
    data["can_become_pregnant"] = "true"
    data["cd22"] = "negative"
    data["version"] = "1"
    for key, value in list(data.items()):
        if isinstance(value, dt.date):
            data[key] = value.isoformat()
    response = signed_in.post(f"/cases/{case.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    case.refresh_from_db()
    assert (case.cd22, case.version) == ("negative", 2)
    stale = signed_in.post(f"/cases/{case.pk}/edit/", {**data, "cd22": "positive"})
    assert stale.status_code == 400
    assert "Someone else changed this case" in stale.content.decode()


def test_referral_form_creates_a_referral_with_an_owner(signed_in, imported, member):
    case = imported["PUB-002"]
    response = signed_in.post(
        f"/cases/{case.pk}/referrals/add/",
        {
            "kind": "fertility",
            "status": "referred",
            "date": "2026-11-01",
            "owner": member.pk,
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    assert (referral.kind, referral.owner) == ("fertility", member)


def test_a_workup_is_recorded_from_the_event_form_and_shown(signed_in, imported):
    case = imported["PUB-001"]
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/",
        {
            "type": "workup",
            "date": "2026-10-22",
            "test": "lumbar_puncture",
            "result": "CSF: no blasts",
        },
    )
    assert response.status_code == 302
    page = signed_in.get(f"/cases/{case.pk}/").content.decode()
    assert "Lumbar puncture: CSF: no blasts" in page
    assert ">Work-up</text>" in page


def test_a_workup_without_its_test_is_an_error_on_the_test_field(signed_in, imported):
    case = imported["PUB-001"]
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/", {"type": "workup", "date": "2026-10-22"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"test": [MSG_WORKUP_NEEDS_TEST]}
    assert not Event.objects.filter(case=case).exists()


def test_referral_form_asks_for_the_date_a_status_was_reached(signed_in, imported):
    case = imported["PUB-002"]
    response = signed_in.post(
        f"/cases/{case.pk}/referrals/add/", {"kind": "fertility", "status": "declined"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "date": [MSG_REFERRAL_NEEDS_DATE.format(status="declined")]
    }
    assert not Referral.objects.filter(case=case).exists()


def test_referral_form_keeps_a_scheduled_appointment(signed_in, imported):
    case = imported["PUB-002"]
    response = signed_in.post(
        f"/cases/{case.pk}/referrals/add/",
        {
            "kind": "mental_health",
            "status": "scheduled",
            "date": "2026-10-30",
            "appointment_date": "2026-12-02",
        },
    )
    assert response.status_code == 302
    page = signed_in.get(f"/cases/{case.pk}/").content.decode()
    assert "<td>2026-10-30</td><td>2026-12-02</td>" in page


def test_case_page_says_when_the_markers_were_tested(signed_in, imported):
    case = imported["PUB-001"]
    case.markers_tested_on = dt.date(2026, 10, 21)
    case.save()
    page = signed_in.get(f"/cases/{case.pk}/").content.decode()
    assert "(tested 2026-10-21)" in page


def test_saving_a_snapshot_keeps_what_was_shown(signed_in, imported):
    case = imported["PUB-001"]
    signed_in.post(f"/cases/{case.pk}/snapshots/")
    snapshot = RecommendationSnapshot.objects.get(case=case)
    assert snapshot.result["decision_point"] == "REINDUCTION"
    page = signed_in.get(f"/snapshots/{snapshot.pk}/").content.decode()
    assert "RR-B-IMMUNO-REINDUCTION" in page


def test_guideline_library_lists_every_rule_and_the_research_priorities(signed_in):
    page = signed_in.get("/guideline/").content.decode()
    for rule_id in ("RR-B-IMMUNO-REINDUCTION", "ALERT-INO-VOD", "PSY-FERTILITY"):
        assert f'data-id="{rule_id}"' in page
    assert 'data-id="RR-RESEARCH-PRIORITIES"' in page
    assert "never shown as a case recommendation" in page


def test_audit_view_is_for_program_admins_only(client, program, imported):
    coordinator = UserFactory(programs=[program])
    client.force_login(coordinator)
    assert client.get("/audit/").status_code == 404
    admin = UserFactory(programs=[program])
    admin.groups.add(Group.objects.get(name="program_admin"))
    client.force_login(admin)
    client.get(f"/cases/{imported['PUB-001'].pk}/")
    page = client.get("/audit/").content.decode()
    assert "Viewed" in page
    assert "PUB-001" in page


def test_worklist_overdue_items_come_first(signed_in, program):
    case = CaseFactory(program=program, next_treatment_start=dt.date(2026, 10, 25))
    ReferralFactory(
        case=case, kind="social_work", status="completed", date=dt.date(2026, 10, 21)
    )
    page = signed_in.get("/").content.decode()
    first_item = page.index('class="wl-item"')
    assert "<strong>Overdue</strong>" in page[first_item : first_item + 600]


# --- Catalogue 2026.2 on the case page: severity, checks, the work-up checklist -------


def test_case_page_shows_alert_severity_in_words_high_first(signed_in, imported):
    # PUB-005 (Ph+ with T315I) has a high alert (T315I) and warnings
    page = signed_in.get(f"/cases/{imported['PUB-005'].pk}/").content.decode()
    alerts = page[page.index('id="alerts"') :]
    assert 'data-id="ALERT-T315I" data-severity="high"' in alerts
    t315i = alerts[alerts.index('data-id="ALERT-T315I"') :]
    assert "High severity</span>" in t315i[:600]
    high = alerts.index('data-severity="high"')
    assert high < alerts.index('data-severity="warning"')


def test_case_page_lists_checks_to_do_naming_the_missing_fact(signed_in, imported):
    page = signed_in.get(f"/cases/{imported['PUB-002'].pk}/").content.decode()
    checks = page[page.index('id="checks"') :]
    assert 'data-id="ALERT-NELARABINE-NEURO"' in checks
    assert "neuropathy history not recorded" in checks


def test_a_work_up_item_is_recorded_done_in_one_step(signed_in, imported):
    # Given a relapse with its lumbar puncture still open on the checklist
    case = imported["PUB-001"]
    page = signed_in.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-id="WU-LUMBAR-PUNCTURE" data-status="open"' in page

    # When a coordinator records it done with its result
    response = signed_in.post(
        f"/cases/{case.pk}/workup/",
        {"test": "lumbar_puncture", "date": "2026-10-22", "result": "CSF negative"},
        follow=True,
    )

    # Then a work-up event is stored and the item shows as done with its result
    assert response.status_code == 200
    event = Event.objects.get(case=case, type="workup")
    assert (event.test, event.date, event.result) == (
        "lumbar_puncture",
        dt.date(2026, 10, 22),
        "CSF negative",
    )
    page = response.content.decode()
    assert 'data-id="WU-LUMBAR-PUNCTURE" data-status="done"' in page
    assert "Done 2026-10-22: CSF negative" in page
    assert AuditEntry.objects.filter(case=case, target="event").exists()


def test_a_work_up_record_with_a_bad_date_says_so_and_changes_nothing(
    signed_in, imported
):
    case = imported["PUB-001"]
    version = case.version
    response = signed_in.post(
        f"/cases/{case.pk}/workup/",
        {"test": "lumbar_puncture", "date": "2026-02-30", "result": ""},
        follow=True,
    )
    assert "The work-up was not recorded" in response.content.decode()
    case.refresh_from_db()
    assert case.version == version
    assert not Event.objects.filter(case=case, type="workup").exists()


def test_another_programs_case_cannot_take_a_work_up_record(signed_in):
    other = CaseFactory(program=ProgramFactory(slug="elsewhere"))
    response = signed_in.post(
        f"/cases/{other.pk}/workup/",
        {"test": "lumbar_puncture", "date": "2026-10-22"},
    )
    assert response.status_code == 404
    assert not Event.objects.filter(case=other).exists()
