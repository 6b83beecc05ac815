"""No template served to a browser holds an inline script, style or event handler."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO_ROOT

# The printed aid is HTML for WeasyPrint alone (decisionaids/rendering.py), never
# served to a browser; its stylesheet is part of the document it prints.
PRINT_ONLY = {REPO_ROOT / "decisionaids" / "templates" / "decisionaids" / "aid.html"}
TEMPLATES = sorted(
    path
    for folder in [
        "templates",
        "jinja_templates",
        "patients",
        "recommendations",
        "decisionaids",
        "interop",
    ]
    for path in (REPO_ROOT / folder).rglob("*.html")
    if path not in PRINT_ONLY
)
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_the_scan_finds_the_templates():
    names = {path.name for path in TEMPLATES}
    assert {"base.html", "case_detail.html", "job_detail.html"} <= names
    # The case page's body and its decision-aid panel are Jinja2 templates.
    assert REPO_ROOT / "jinja_templates" / "patients" / "case_detail.html" in TEMPLATES
    assert (
        REPO_ROOT / "jinja_templates" / "decisionaids" / "_aid_panel.html" in TEMPLATES
    )


@pytest.mark.parametrize("kind", INLINE)
def test_no_template_has_inline_code(kind):
    pattern = INLINE[kind]
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in TEMPLATES
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], f"{kind} in {offenders}"


@pytest.mark.parametrize("kind", INLINE)
def test_the_scan_would_see_each_kind(kind):
    samples = {
        "inline script": "<script defer>alert(1)</script>",
        "style element": "<style>p{}</style>",
        "style attribute": '<p style="color:red">',
        "event handler": '<button onclick="go()">',
        "javascript: URL": '<a href="javascript:go()">',
    }
    assert INLINE[kind].search(samples[kind])
    assert not INLINE[kind].search('<script src="/static/x.js" defer></script>')
