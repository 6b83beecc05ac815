"""The worklist in a real browser: a coordinator clears items in place, undoes one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from patients.models import Case, Referral
from patients.services import case_import
from tests.browser.conftest import PASSWORD, assert_accessible, axe_violations, sign_in
from tests.conftest import VIGNETTE_FILES, vignette_case
from tests.factories import ProgramFactory, UserFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clinic():  # noqa: ANN201
    """A program holding the vignette cases and its coordinator."""
    program = ProgramFactory(name="Browser AYA Program", slug="browser")
    user = UserFactory(username="coordinator", programs=[program], is_staff=False)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(*Group.objects.filter(name__in=["coordinator"]))
    documents = []
    for path in VIGNETTE_FILES:
        document = vignette_case(path.name)
        number = int(document["case_id"].removeprefix("PUB-"))
        document["given_name"] = "Patient"
        document["family_name"] = f"Number{number}"
        documents.append(document)
    case_import(payload=documents, program=program, actor=user)
    return {c.case_id: c for c in Case.objects.all()}


def _item(page, case: Case, kind: str):  # noqa: ANN001, ANN202
    return page.locator(f'#row-{case.pk} .wl-item[data-kind="{kind}"]')


@pytest.mark.parametrize("width", [1280, 768])
def test_a_coordinator_clears_three_items_without_a_reload_and_undoes_one(
    page, clinic, width
):
    # Given a coordinator on the worklist, filtered to patients with referrals due
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "coordinator")
    page.goto(f"{page.base}/?card=due")
    address = page.url
    page.evaluate("window.__noReload = 'still here'")
    navigations = []
    page.on(
        "framenavigated",
        lambda frame: (
            navigations.append(frame.url) if frame == page.main_frame else None
        ),
    )
    first, second, third = (
        clinic["PUB-001"],
        clinic["PUB-002"],
        clinic["PUB-003"],
    )
    for case in (first, second, third):
        assert page.locator(f"#row-{case.pk}").count() == 1
    third_before = list(
        Referral.objects.filter(case=third, kind="mental_health").values_list(
            "pk", "status", "date"
        )
    )

    # When they mark one patient's social work completed
    social = _item(page, first, "social_work")
    social.locator("summary").click()
    social.get_by_role("button", name="Completed", exact=True).click()
    social.wait_for(state="detached")
    assert "Social Work referral" in page.locator("#worklist-status").inner_text()

    # and record that another patient declined fertility counselling, with the reason
    fertility = _item(page, second, "fertility")
    fertility.locator("summary").click()
    fertility.get_by_role("button", name="Declined", exact=True).click()
    # (without a reason it is refused, and the reason's field is pointed at)
    status = page.locator("#worklist-status")
    status.get_by_text("Say why the referral was declined").wait_for()
    reason = _item(page, second, "fertility").get_by_label("Reason for declining")
    assert reason.get_attribute("aria-invalid") == "true"
    reason.fill("Prefers to start treatment without delay")
    _item(page, second, "fertility").get_by_role(
        "button", name="Declined", exact=True
    ).click()
    _item(page, second, "fertility").wait_for(state="detached")

    # and scroll down to a third patient and complete their mental-health screen
    row = page.locator(f"#row-{third.pk}")
    row.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    mental = _item(page, third, "mental_health")
    mental.locator("summary").click()
    mental.get_by_role("button", name="Completed", exact=True).click()
    mental.wait_for(state="detached")
    assert page.evaluate("window.scrollY") == pytest.approx(scrolled, abs=150)

    # Then three items are cleared, the page never reloaded and the filter stayed
    assert page.evaluate("window.__noReload") == "still here"
    assert navigations == []
    assert page.url == address

    def latest(case: Case, kind: str) -> Referral:
        return Referral.objects.filter(case=case, kind=kind).latest("date", "id")

    assert latest(first, "social_work").status == "completed"
    assert latest(third, "mental_health").status == "completed"
    declined = latest(second, "fertility")
    assert declined.status == "declined"
    assert declined.declined_reason == "Prefers to start treatment without delay"

    # When they undo the last change within the few seconds it is offered
    page.locator("#worklist-status").get_by_role("button", name="Undo").click()

    # Then the mental-health item is back, as it was, still without a reload
    _item(page, third, "mental_health").wait_for()
    assert "Undone" in page.locator("#worklist-status").inner_text()
    assert third_before == list(
        Referral.objects.filter(case=third, kind="mental_health").values_list(
            "pk", "status", "date"
        )
    )
    assert page.evaluate("window.__noReload") == "still here"
    assert navigations == []

    # with its panel still open, and the page has no serious accessibility problem
    panel = _item(page, third, "mental_health").locator("details")
    assert panel.evaluate("details => details.open")
    assert (
        _item(page, third, "mental_health")
        .get_by_label("Reason for declining")
        .is_visible()
    )
    assert axe_violations(page) == []
    if width == 1280:
        assert_accessible(page, "worklist-actions")


def test_without_javascript_the_forms_still_work(browser, live_server, clinic):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.base = live_server.url
    try:
        sign_in(page, "coordinator")
        page.goto(f"{page.base}/?kind=social_work")
        case = clinic["PUB-001"]
        item = _item(page, case, "social_work")
        item.locator("summary").click()
        # the item's forms are a page of their own without JavaScript
        item.get_by_role("link", name="Mark or assign this referral").click()
        page.wait_for_load_state()
        assert (
            page.get_by_role("heading", level=1)
            .inner_text()
            .startswith("Referrals due for")
        )
        page.get_by_role("button", name="Referred", exact=True).click()
        page.wait_for_load_state()
        assert "kind=social_work" in page.url
        assert "is now referred" in page.locator(".messages").inner_text()
        assert Referral.objects.get(case=case, kind="social_work").status == "referred"
        page.get_by_role("button", name="Undo").click()
        page.wait_for_load_state()
        assert "Undone" in page.locator(".messages").inner_text()
        assert not Referral.objects.filter(case=case, kind="social_work").exists()
    finally:
        context.close()
