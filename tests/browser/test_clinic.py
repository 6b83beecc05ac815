"""The clinic in a real browser: sign in, find a case, act on it; axe-core checks."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from patients.models import Case
from patients.services import case_import
from tests.browser.conftest import PASSWORD, assert_accessible, sign_in
from tests.conftest import VIGNETTE_FILES, vignette_case
from tests.factories import ProgramFactory, UserFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
# PUB-001 ... PUB-010
GIVEN_NAMES = [
    "Maya",
    "Jordan",
    "Priya",
    "Noah",
    "Zoe",
    "Leah",
    "Omar",
    "Ines",
    "Tariq",
    "Greta",
]


@pytest.fixture
def clinic():  # noqa: ANN201
    """A program holding the vignette cases and a coordinator-clinician-admin."""
    program = ProgramFactory(name="Browser AYA Program", slug="browser")
    user = UserFactory(username="nurse", programs=[program], is_staff=False)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(
        *Group.objects.filter(name__in=["coordinator", "clinician", "program_admin"])
    )
    documents = []
    for path in VIGNETTE_FILES:
        document = vignette_case(path.name)
        number = int(document["case_id"].removeprefix("PUB-"))
        document["given_name"] = GIVEN_NAMES[number - 1]
        document["family_name"] = f"Tester{number}"
        documents.append(document)
    case_import(payload=documents, program=program, actor=user)
    return {"user": user, "cases": {c.case_id: c for c in Case.objects.all()}}


def test_sign_in_find_a_case_and_read_its_recommendations(page, clinic):
    # given a coordinator signing in
    sign_in(page, "nurse")
    assert_accessible(page, "worklist")
    # when they search for a case by name (the search is posted, not put in the URL)
    page.get_by_role("link", name="Cases").click()
    assert_accessible(page, "case-list")
    page.get_by_label("Name or identifier").fill("Tester1")
    page.get_by_role("button", name="Search").click()
    assert "Tester1" not in page.url
    page.get_by_role("link", name=re.compile("Maya Tester1")).click()
    # then the case page shows the decision point, recommendations and reasons
    assert page.locator("#decision-point").get_attribute("data-point") == "REINDUCTION"
    rec = page.locator('article.rec[data-id="RR-B-IMMUNO-REINDUCTION"]')
    assert "CD22 positive" in rec.inner_text()
    assert "ASH-RR-2026" in rec.inner_text()
    assert_accessible(page, "case-detail")


def test_adding_an_event_changes_timeline_and_recommendations(page, clinic):
    case = clinic["cases"]["PUB-004"]  # second remission after inotuzumab
    sign_in(page, "nurse")
    page.goto(f"{page.base}/cases/{case.pk}/")
    shapes_before = page.locator('#timeline-whole g.shape[data-origin="event"]').count()
    assert (
        page.locator("#decision-point").get_attribute("data-point") == "CONSOLIDATION"
    )
    # when the clinician records a relapse
    page.get_by_role("link", name="Add event").click()
    assert_accessible(page, "event-form")
    page.get_by_label("Type").select_option("relapse")
    page.get_by_label("Date", exact=True).fill("2026-11-05")
    page.get_by_role("button", name="Save event").click()
    # then the timeline has one more marker; and after the facts change too,
    # the decision point moves back to re-induction
    expect(page.locator('#timeline-whole g.shape[data-origin="event"]')).to_have_count(
        shapes_before + 1
    )
    page.get_by_role("link", name="Edit case facts").click()
    assert_accessible(page, "case-form")
    page.get_by_label("Disease state").select_option("relapse")
    page.get_by_label("Latest relapse date").fill("2026-11-05")
    page.get_by_role("button", name="Save").click()
    assert page.locator("#decision-point").get_attribute("data-point") == "REINDUCTION"
    assert page.locator('article.rec[data-id="RR-B-IMMUNO-REINDUCTION"]').count() == 1


def test_bad_input_in_a_form_gets_a_plain_message(page, clinic):
    case = clinic["cases"]["PUB-001"]
    sign_in(page, "nurse")
    page.goto(f"{page.base}/cases/{case.pk}/events/add/")
    page.get_by_label("Type").select_option("relapse")
    page.get_by_label("Date", exact=True).fill("2020-01-01")
    page.get_by_role("button", name="Save event").click()
    assert "before the diagnosis" in page.locator("#field-date").inner_text()
    assert_accessible(page, "event-form-error")


def test_marking_a_referral_complete_shrinks_the_worklist(page, clinic):
    sign_in(page, "nurse")
    items = page.locator(".wl-item")
    before = items.count()
    item = page.locator('.wl-item[data-rule="PSY-SOCIAL-WORK"]').first
    row_id = item.locator(
        "xpath=ancestor::li[contains(@class, 'wl-row')]"
    ).get_attribute("id")
    item.locator("summary").click()
    item.get_by_role("button", name="Completed", exact=True).click()
    page.locator(f'#{row_id} .wl-item[data-rule="PSY-SOCIAL-WORK"]').wait_for(
        state="detached"
    )
    assert "is now completed" in page.locator("#worklist-status").inner_text()
    assert items.count() == before - 1


def test_adding_a_referral_from_the_case_page(page, clinic):
    case = clinic["cases"]["PUB-002"]
    sign_in(page, "nurse")
    page.goto(f"{page.base}/cases/{case.pk}/")
    page.get_by_role("link", name="Add referral").click()
    assert_accessible(page, "referral-form")
    page.get_by_label("Kind").select_option("fertility")
    page.get_by_label("Status").select_option("completed")
    page.get_by_label("Date").fill("2026-11-01")
    page.get_by_role("button", name="Save referral").click()
    assert "The referral was saved." in page.locator(".messages").inner_text()
    assert page.locator('#referrals-due li[data-id="PSY-FERTILITY"]').count() == 0


def test_delete_asks_before_it_deletes(page, clinic):
    case = clinic["cases"]["PUB-004"]
    sign_in(page, "nurse")
    page.goto(f"{page.base}/cases/{case.pk}/")
    page.get_by_text("The timeline as a table").click()
    page.locator("#events").get_by_role("link", name="Delete").first.click()
    assert_accessible(page, "confirm-delete")
    page.get_by_role("link", name="No, keep it").click()
    assert case.events.count() == 2


def test_keyboard_only_reaches_the_case_page(page, clinic):
    sign_in(page, "nurse")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # first navigation link
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Worklist"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/$"))
    page.get_by_label("Name or identifier").focus()
    page.keyboard.type("PUB-005")
    page.keyboard.press("Enter")
    expect(page.locator("tbody tr")).to_have_count(1)  # the filtered list
    link = page.get_by_role("link", name=re.compile("Tester5"))
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    assert page.locator('#alerts [data-id="ALERT-T315I"]').count() == 1


def test_sign_in_page_and_a_saved_snapshot_are_accessible(page, clinic):
    page.goto(f"{page.base}/accounts/login/")
    assert_accessible(page, "sign-in")
    sign_in(page, "nurse")
    case = clinic["cases"]["PUB-006"]
    page.goto(f"{page.base}/cases/{case.pk}/")
    page.get_by_role("button", name="Save recommendation snapshot").click()
    assert "Snapshot saved" in page.locator(".messages").inner_text()
    page.locator("section[aria-labelledby=snapshots-heading] a").first.click()
    assert "RR-KMT2A-REVUMENIB" in page.content()
    assert_accessible(page, "snapshot")


def test_guideline_library_and_audit_pages(page, clinic):
    sign_in(page, "nurse")
    page.get_by_role("link", name="Guideline library").click()
    assert page.locator('[data-id="RR-RESEARCH-PRIORITIES"]').count() == 1
    assert_accessible(page, "guideline-library")
    page.get_by_role("link", name="Audit").click()
    assert page.get_by_role("heading", name="Audit trail").is_visible()
    assert_accessible(page, "audit")


def test_print_stylesheet_hides_the_controls(page, clinic):
    case = clinic["cases"]["PUB-003"]
    sign_in(page, "nurse")
    page.goto(f"{page.base}/cases/{case.pk}/")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert page.locator('article.rec[data-id="RR-CNS-ISOLATED-IT"]').is_visible()
    pdf = page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF")


def test_generate_a_decision_aid_wait_for_it_and_mark_it_given(
    page, clinic, celery_worker_thread
):
    # given a clinician on the case page of a patient at re-induction
    case = clinic["cases"]["PUB-001"]
    sign_in(page, "nurse")
    page.goto(f"{page.base}/cases/{case.pk}/")
    # when they ask for the re-induction aid in Spanish
    page.get_by_label("Aid", exact=True).select_option("DA-REINDUCTION")
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Print decision aid").click()
    # then the job page shows live progress until a real worker has printed it
    status = page.locator("#aid-status")
    assert status.get_attribute("role") == "status"
    # (job.js sets data-status on the polling page and then reloads: wait for the
    # page the server drew once the job was ready, which does not poll)
    page.wait_for_selector(
        '#aid-status[data-status="ready"]:not([data-poll])', timeout=90_000
    )
    page.wait_for_load_state()  # of that page, before axe looks at it
    assert_accessible(page, "aid-job")
    link = page.get_by_role("link", name="Open the PDF to print")
    response = page.request.get(f"{page.base}{link.get_attribute('href')}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    # and marking it given records who and when
    page.get_by_role("button", name="Mark as given to the patient").click()
    assert "Marked as given" in page.locator(".messages").inner_text()
    job = case.decision_aid_jobs.get()
    assert (job.language, job.given_by.username) == ("es", "nurse")
