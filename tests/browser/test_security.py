"""In a real browser: the Content-Security-Policy holds on every kind of page, and
the idle sign-out warning appears and keeps the session when asked."""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from playwright.sync_api import expect

from config.security.sessions import LAST_ACTIVITY
from tests.browser.conftest import sign_in
from tests.browser.test_clinic import clinic  # noqa: F401 - the shared fixture

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
# Seconds a session is made to have been idle, and a loaded machine may take.
IDLE_FOR, SLACK = 60, 10


def test_an_inline_script_is_refused_and_the_refusal_is_seen(page):
    """The page fixture's violation check can fail: an injected inline script."""
    page.goto(f"{page.base}/accounts/login/")
    with page.expect_console_message(
        lambda message: "Content Security Policy" in message.text
    ):
        ran = page.evaluate(
            """() => { const s = document.createElement('script');
                       s.textContent = 'window.injected = true';
                       document.body.appendChild(s);
                       return window.injected === true; }"""
        )
    assert ran is False
    assert any("inline script" in text for text in page.csp_violations)
    page.csp_violations.clear()


def test_every_kind_of_page_runs_under_the_policy(page, clinic):  # noqa: F811
    clinic["user"].is_staff = True
    clinic["user"].save()
    case = clinic["cases"]["PUB-001"]
    sign_in(page, "nurse")
    for path in [
        "/",
        "/cases/",
        f"/cases/{case.pk}/",
        f"/cases/{case.pk}/edit/",
        "/guideline/",
        "/audit/",
        "/import/",
        "/admin/",
        f"/admin/patients/case/{case.pk}/change/",
    ]:
        response = page.goto(f"{page.base}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    # the print button is wired by a static script, not an inline onclick
    page.goto(f"{page.base}/cases/{case.pk}/")
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    # the API documentation renders under its own, still script-strict, policy
    page.goto(f"{page.base}/api/v1/docs/")
    title = page.locator(".swagger-ui .info .title")
    expect(title).to_contain_text("AYA", timeout=60_000)  # the schema is built first


def test_the_idle_warning_appears_and_stay_signed_in_keeps_the_session(
    page,
    clinic,  # noqa: F811
    settings,
):
    # given a warning period that starts 3 s after the last activity
    settings.AYA_SESSION_WARN_SECONDS = settings.AYA_SESSION_IDLE_MINUTES * 60 - 3
    sign_in(page, "nurse")
    warning = page.get_by_role("alertdialog")
    # when the user does nothing, the warning shows a countdown
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning).to_contain_text("You will be signed out in")
    expect(warning.locator("[data-left]")).to_have_text(re.compile(r"^\d+:\d\d$"))
    # while it shows, the page asks the server every few seconds, not back to back
    asked: list[str] = []
    page.on(
        "request",
        lambda request: (
            asked.append(request.url) if "/accounts/session/" in request.url else None
        ),
    )
    page.wait_for_timeout(6_000)
    assert 1 <= len(asked) <= 3, asked
    # and has been idle a minute (time travel), so a slid session stands out from
    # one that was not by far more than the slack the checks below allow
    store = import_module(settings.SESSION_ENGINE).SessionStore(
        next(
            c["value"]
            for c in page.context.cookies()
            if c["name"] == settings.SESSION_COOKIE_NAME
        )
    )
    store[LAST_ACTIVITY] -= IDLE_FOR
    store.save()
    # then "Stay signed in" slides the session and hides the warning
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden(timeout=10_000)
    state = page.evaluate("async () => (await fetch('/accounts/session/')).json()")
    assert state["active"] is True
    assert state["remaining"] >= settings.AYA_SESSION_IDLE_MINUTES * 60 - SLACK
