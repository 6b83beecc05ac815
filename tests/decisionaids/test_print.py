"""Print quality, read back from the real PDF of every aid that fits every case.

Rows and short sections whole on one page, no hyphenated headings, nothing printed
outside its box, icon arrays of at least 30 mm in black, white and gray, lines to write
on, and on every page the first name, page number, print date and care team.
"""

from __future__ import annotations

import re

import pytest
from weasyprint import HTML

from decisionaids import pdf as pdf_module
from decisionaids.content import text_for
from decisionaids.formatting import format_date
from decisionaids.inputs import CareTeam
from decisionaids.rendering import render_aid
from recommendations.selectors import evaluate_document
from tests.decisionaids import pdfread
from tests.decisionaids.conftest import (
    CARE_TEAM,
    PATIENT_NAME,
    PRINTED_ON,
    applicable_combinations,
    combo_id,
)

pytestmark = pytest.mark.django_db

COMBINATIONS = applicable_combinations()
# Every vignette and case of ``cases`` with each aid that fits it, in two languages
# (the counts are asserted in test_faithful).
assert COMBINATIONS


def first_name(aid) -> str:  # noqa: ANN001
    return aid.document.get("given_name") or PATIENT_NAME


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_no_row_or_short_section_is_split_across_pages(rendered_aids, combo):
    aid = rendered_aids[combo]
    units = pdfread.unit_pages(aid.pdf)
    options = len(re.findall(r'<tr id="u-option\d+"', aid.html))
    # Each grid row ends in its two fullest cells: both are marked.
    assert aid.html.count('<span id="u-option') == 2 * options

    assert {name: pages for name, pages in units.items() if len(pages) > 1} == {}
    # The grid's rows, the header, the choice, the values, questions and SURE, and
    # the sources are all checked.
    assert options >= 2
    assert {f"u-option{n}" for n in range(1, options + 1)} <= set(units)
    assert {"u-header", "u-choice", "u-values", "u-questions", "u-sure"} <= set(units)
    assert "u-sources" in units


def test_the_unbroken_check_sees_a_part_split_across_pages():
    """The same markers on a part too tall for a page: the check reports it."""
    html = (
        '<html lang="en"><title>t</title><div id="u-long">'
        + "<p>A line of text.</p>" * 120
        + '<span id="u-long-e"></span></div><p id="u-short">x'
        '<span id="u-short-e"></span></p></html>'
    )
    document, pages = pdf_module.html_to_pdf(html)

    units = pdfread.unit_pages(document)
    assert pages > 1
    assert len(units["u-long"]) == 2
    assert len(units["u-short"]) == 1


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_no_heading_or_label_is_hyphenated_and_nothing_leaves_its_box(
    rendered_aids, combo
):
    aid = rendered_aids[combo]
    lines = pdfread.text_lines(aid.pdf)

    # Headings, option names and figure labels are set in bold: none ends a line at
    # a hyphen. No word anywhere is broken by the printer's own hyphen (U+2010) or a
    # soft hyphen.
    assert [line.text for line in lines if line.bold and line.text[-1] in "-‐‑­"] == []
    assert not re.search("[\u2010\u00ad]", " ".join(line.text for line in lines))
    assert pdfread.overlapping_characters(aid.pdf) == []
    assert pdfread.outside_the_page_margins(aid.pdf) == []


def test_the_box_checks_see_overflowing_text_and_a_heading_broken_at_its_hyphen():
    html = (
        '<html lang="en"><title>t</title><style>@page{margin:0.5in}'
        "td{width:0.3in;max-width:0.3in;overflow:visible;white-space:nowrap}"
        "</style><table style='table-layout:fixed;width:1in'><tr>"
        "<td>Blinatumomab</td><td>Inotuzumab</td></tr></table>"
        '<h2 style="width:0.7in">Brexu-cel</h2></html>'
    )
    document, _ = pdf_module.html_to_pdf(html)

    assert pdfread.overlapping_characters(document)
    assert [
        line.text
        for line in pdfread.text_lines(document)
        if line.bold and line.text.endswith("-")
    ] == ["Brexu-"]


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_icon_arrays_are_30_mm_and_read_in_black_and_white(rendered_aids, combo):
    aid = rendered_aids[combo]
    arrays = pdfread.icon_arrays(aid.pdf)

    assert len(arrays) == aid.html.count('<img class="ia"')
    for array in arrays:
        assert array.x1 - array.x0 >= 30 * pdfread.MM
        assert array.bottom - array.top >= 30 * pdfread.MM
        # Black (had the result), white (did not) inside a dark outline: grays only.
        assert all(pdfread.is_grey(colour) for colour in array.colours)
        levels = {round(float(colour[0]), 2) for colour in array.colours}
        assert {0.0, 1.0} <= levels
        assert 0.33 in levels  # the outline is dark enough to print
    assert all(pdfread.is_grey(colour) for colour in pdfread.colours_used(aid.pdf))


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_every_page_names_the_patient_the_print_date_the_page_and_the_team(
    rendered_aids, combo
):
    aid = rendered_aids[combo]
    common = text_for(combo[2])["common"]
    pages = pdfread.page_texts(aid.pdf)
    printed = format_date(PRINTED_ON, combo[2])

    assert len(pages) == aid.pages
    for number, page in enumerate(pages, start=1):
        assert first_name(aid) in page
        assert printed in page
        assert f"{common['page']} {number} {common['of']} {len(pages)}" in page
        assert CARE_TEAM.name in page
        assert CARE_TEAM.phone in page
    assert common["care_team"].format(
        name=CARE_TEAM.name, phone=CARE_TEAM.phone
    ) in " ".join(pages)


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_ottawa_elements_come_with_lines_to_write_on(rendered_aids, combo):
    aid = rendered_aids[combo]
    common = text_for(combo[2])["common"]
    text = " ".join(pdfread.page_texts(aid.pdf))

    for key in ("leaning", "not_sure", "who_else", "support", "steps", "own_questions"):
        assert common[key] in text, key
    # Who else (2), next steps (2) and my own questions (2).
    assert len(pdfread.writing_lines(aid.pdf)) >= 6


def test_the_writing_line_check_needs_blank_space_above_the_rule():
    html = (
        '<html lang="en"><title>t</title>'
        '<div style="border-bottom:0.75pt solid #000;height:18pt"></div>'
        '<div style="border-bottom:0.75pt solid #000;height:18pt">Filled in</div>'
        "</html>"
    )
    document, _ = pdf_module.html_to_pdf(html)

    assert len(pdfread.writing_lines(document)) == 1


def test_an_aid_says_plainly_when_the_care_team_contact_is_not_set(stored_evidence):
    from tests.conftest import vignette_case

    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document["given_name"] = PATIENT_NAME
    aid = render_aid(
        document=document,
        result=evaluate_document(document=document),
        evidence=stored_evidence,
        aid_id="DA-FERTILITY",
        language="es",
        printed_on=PRINTED_ON,
        care_team=CareTeam(),
    )
    common = text_for("es")["common"]
    pages = pdfread.page_texts(aid.pdf)

    assert common["care_team_not_set"] in " ".join(pages)
    for page in pages:
        assert common["footer_team_not_set"] in page
    # A line to write the contact on, under the sentence that asks for it.
    assert len(pdfread.writing_lines(aid.pdf)) >= 7


def test_weasyprint_would_hyphenate_without_the_aid_style_sheet():
    """The sheet's ``hyphens: manual`` is what keeps headings whole (guard)."""
    html = (
        '<html lang="es"><title>t</title><p style="hyphens:auto;width:1in">'
        "tratamiento clínico recuentos sanguíneos</p></html>"
    )
    auto = HTML(string=html).write_pdf()
    kept, _ = pdf_module.html_to_pdf(html.replace("hyphens:auto;", ""))

    assert re.search("[\u2010-]", "".join(t.text[-1] for t in pdfread.text_lines(auto)))
    assert not [t for t in pdfread.text_lines(kept) if t.text[-1] in "-\u2010"]
