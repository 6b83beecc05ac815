"""A live server, a signed-in Chromium page, axe-core, and screenshots for review."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "screenshots"
PASSWORD = "a browser test pass phrase"
WIDTHS = {"desktop": 1280, "tablet": 768}
# The machine has no network; Chromium must not try to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Chromium is missing: `make test` installs Debian's chromium package."
        )
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` runs `npm ci`.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread while the browser is
    # open; the ORM calls the tests make between browser steps are synchronous and
    # safe. The allowance lasts exactly as long as that loop (this module's tests),
    # so no other test can hide an async-unsafe call.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):  # noqa: ANN001, ANN201
    """A page on the live server; any Content-Security-Policy violation fails the test.

    The policy is the app's own header (config/settings/security.py): nothing is
    injected or bypassed, so a page that needs an inline script or style shows here.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base = live_server.url
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert page.csp_violations == [], page.csp_violations


def sign_in(page, username: str) -> None:  # noqa: ANN001
    page.goto(f"{page.base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{page.base}/")


def axe_violations(page) -> list[dict]:  # noqa: ANN001
    """Serious and critical axe-core violations on the current page (WCAG 2 A/AA)."""
    # Evaluated by the browser's debugging protocol, which the page's
    # Content-Security-Policy does not govern (a <script> tag would be refused).
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    found = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in found if v["impact"] in {"serious", "critical"}]


def screenshot(page, name: str) -> None:  # noqa: ANN001
    """Full-page screenshots at desktop and tablet widths, for a reviewer to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    original = page.viewport_size
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(original)


def assert_accessible(page, name: str) -> None:  # noqa: ANN001
    """No serious or critical violation at either width, and a screenshot of each."""
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        assert violations == [], f"{name} at {width}px: {json.dumps(violations)}"
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, name)
