"""A clinician at a visit, in a real browser: reads what to do first, acknowledges an
alert, zooms the timeline; an event form that shows only its type's fields."""

from __future__ import annotations

import pytest

from patients.models import AuditEntry
from recommendations.models import AlertAcknowledgement
from tests.browser.conftest import WIDTHS, assert_accessible, sign_in
from tests.browser.test_clinic import clinic  # noqa: F401 - the shared fixture

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

MIN_LABEL_PX = 10.9  # 11 px, less rounding in the browser's layout


def smallest_timeline_label(page) -> float:  # noqa: ANN001
    """The smallest label of the visible timeline picture, in CSS pixels."""
    return page.evaluate(
        """() => Math.min(...[...document.querySelectorAll(
                'figure[data-view]:not(.js-hidden) svg.timeline')].map(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return Math.min(...[...svg.querySelectorAll('text')].map(
                t => parseFloat(getComputedStyle(t).fontSize) * scale));
        }))"""
    )


def no_inline_script_or_style(page) -> None:  # noqa: ANN001
    """What a Content-Security-Policy without 'unsafe-inline' would block."""
    found = page.evaluate(
        """() => ({
            scripts: document.querySelectorAll('script:not([src])').length,
            styles: document.querySelectorAll('[style]').length,
            handlers: [...document.querySelectorAll('*')].filter(
                el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
        })"""
    )
    assert found == {"scripts": 0, "styles": 0, "handlers": 0}


def test_a_clinician_reads_the_summary_acknowledges_an_alert_and_zooms(
    page,
    clinic,  # noqa: F811
):
    case = clinic["cases"]["PUB-001"]  # first relapse, CD19+ CD22+
    sign_in(page, "nurse")
    page.goto(f"{page.base}/cases/{case.pk}/")
    no_inline_script_or_style(page)

    # the summary is on the first screen at both widths, with the high alert and
    # the decision at hand with the guideline's options
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        summary = page.locator("#summary")
        assert summary.bounding_box()["y"] < 900, width
        assert summary.get_by_text("Decision at hand").is_visible()
    summary = page.locator("#summary")
    assert summary.locator('[data-id="ALERT-INO-HSCT-PLANNING"]').is_visible()
    assert summary.locator(
        '#summary-options [data-id="RR-B-IMMUNO-REINDUCTION"]'
    ).count()
    assert_accessible(page, "case-summary")

    # when the clinician acknowledges the high alert with a reason
    alert = page.locator("#alert-ALERT-INO-HSCT-PLANNING")
    assert alert.get_attribute("data-acknowledged") == "no"
    alert.get_by_text("with a reason").click()
    alert.get_by_label("Why is this alert handled?").fill(
        "Transplant team aware; inotuzumab recorded prominently."
    )
    alert.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state()

    # then it shows as acknowledged, by whom, with the reason; audited
    assert "acknowledged" in page.locator(".messages").inner_text()
    alert = page.locator("#alert-ALERT-INO-HSCT-PLANNING")
    assert alert.get_attribute("data-acknowledged") == "yes"
    assert "Acknowledged by nurse" in alert.inner_text()
    assert AlertAcknowledgement.objects.filter(case=case).count() == 1
    assert AuditEntry.objects.filter(
        case=case, target="alert acknowledgement", actor=clinic["user"]
    ).exists()

    # when they zoom the timeline to the current episode and back
    whole, episode = page.locator("#timeline-whole"), page.locator("#timeline-episode")
    assert whole.is_visible()
    assert not episode.is_visible()
    page.get_by_role("button", name="Current episode").click()
    assert episode.is_visible()
    assert not whole.is_visible()
    assert (
        page.get_by_role("button", name="Current episode").get_attribute("aria-pressed")
        == "true"
    )
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        assert smallest_timeline_label(page) >= MIN_LABEL_PX, width
    assert_accessible(page, "case-timeline-episode")
    page.get_by_role("button", name="Whole history").click()
    assert whole.is_visible()
    assert not episode.is_visible()
    page.set_viewport_size({"width": 768, "height": 900})
    assert smallest_timeline_label(page) >= MIN_LABEL_PX
    # the table holds the same dates, the diagnosis included
    page.get_by_text("The timeline as a table").click()
    assert page.locator('#events tr[data-from="facts"]').first.is_visible()


def test_the_event_form_shows_only_the_fields_of_its_type(
    page,
    clinic,  # noqa: F811
):
    case = clinic["cases"]["PUB-001"]
    sign_in(page, "nurse")
    page.goto(f"{page.base}/cases/{case.pk}/events/add/")
    no_inline_script_or_style(page)
    page.get_by_label("Type").select_option("toxicity")
    assert page.get_by_label("Grade").is_visible()
    assert not page.locator("#field-agent").is_visible()
    assert not page.locator("#field-response").is_visible()
    page.get_by_label("Type").select_option("response")
    assert page.get_by_label("Response", exact=True).is_visible()
    assert not page.locator("#field-grade").is_visible()
    options = (
        page.get_by_label("Response", exact=True).locator("option").all_inner_texts()
    )
    assert "CR with partial hematologic recovery (CRh)" in options
    # an impossible date reaches the server, whose message the user sees
    page.get_by_label("Date", exact=True).fill("2026-02-30")
    page.get_by_role("button", name="Save event").click()
    date = page.locator("#field-date")
    assert "Please enter a real date" in date.inner_text()
    outline = page.get_by_label("Date", exact=True).evaluate(
        "el => getComputedStyle(el).outlineStyle"
    )
    assert outline == "solid"
    assert page.get_by_label("Date", exact=True).get_attribute("aria-invalid") == "true"
    assert_accessible(page, "event-form-by-type")
