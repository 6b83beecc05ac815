"""Rendered aids: every aid x language x vignette, checked on the real PDF bytes.

Each combination is rendered once per session (``rendered_aids``) and shared.
"""

from __future__ import annotations

import io
import logging
import re

import pytest
from pypdf import PdfReader
from weasyprint.urls import URLFetchingError

from decisionaids import figures, pdf, plaintext, rendering
from decisionaids.content import text_for
from decisionaids.content.aids import AID_IDS, MAX_ICON_ARRAYS
from recommendations.selectors import evaluate_document
from tests.conftest import vignette_case
from tests.decisionaids.conftest import (
    CARE_TEAM,
    PATIENT_NAME,
    PRINTED_ON,
    applicable_combinations,
    combo_id,
    pdf_pages,
    pdf_text,
)

# The evidence rows are read from the test database the migrations seeded.
pytestmark = pytest.mark.django_db

COMBINATIONS = applicable_combinations()
ENGLISH = [c for c in COMBINATIONS if c[2] == "en"]
SPANISH = [c for c in COMBINATIONS if c[2] == "es"]


def test_every_aid_is_rendered_for_some_vignette_in_both_languages():
    assert {(aid, lang) for _, aid, lang in COMBINATIONS} == {
        (aid, lang) for aid in AID_IDS for lang in ("en", "es")
    }


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_every_aid_has_two_to_four_pages(rendered_aids, combo):
    aid = rendered_aids[combo]
    assert 2 <= aid.pages <= 4
    assert pdf_pages(aid.pdf) == aid.pages


@pytest.mark.parametrize("combo", ENGLISH, ids=combo_id)
def test_english_patient_text_reads_at_grade_eight_or_below(
    rendered_aids, combo, english_syllables
):
    """Flesch-Kincaid grade (textstat) of the rendered patient text.

    The text is the rendered HTML that became the PDF, block by block (each table cell,
    list item and paragraph ends a sentence); source lines and page furniture are
    references, not prose, and are left out.
    """
    import textstat

    text = plaintext.patient_text(rendered_aids[combo].html)
    assert len(text.split()) > 250
    assert textstat.flesch_kincaid_grade(text) <= 8


# Short English words that never occur in Spanish sentences.
ENGLISH_STOP_WORDS = {
    "the",
    "and",
    "of",
    "with",
    "you",
    "your",
    "what",
    "this",
    "that",
    "have",
    "how",
    "who",
    "will",
    "from",
    "people",
    "had",
    "were",
    "is",
    "are",
    "to",
    "for",
    "it",
}


@pytest.mark.parametrize("combo", SPANISH, ids=combo_id)
def test_the_spanish_pdf_has_no_english_left(rendered_aids, combo):
    spanish = rendered_aids[combo]
    english = rendered_aids[(combo[0], combo[1], "en")]

    words = set(re.findall(r"[A-Za-zÁÉÍÓÚáéíóúñÑü]+", spanish.text.lower()))
    assert not words & ENGLISH_STOP_WORDS, words & ENGLISH_STOP_WORDS
    english_blocks = set(plaintext.text_blocks(english.html))
    shared = [
        block
        for block in plaintext.text_blocks(spanish.html)
        if block in english_blocks and re.search(r"[a-z]{3,} [a-z]{3,}", block)
    ]
    assert shared == []
    assert "¿" in spanish.text
    assert "ó" in spanish.text


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_every_aid_carries_the_ipdas_elements(rendered_aids, combo):
    aid = rendered_aids[combo]
    common = text_for(combo[2])["common"]
    text = aid.text

    name = aid.document.get("given_name") or PATIENT_NAME
    assert common["made_for"].format(name=name) in text
    for heading in (
        "h_decision",
        "h_why_now",
        "h_options",
        "h_numbers",
        "h_values",
        "h_next",
        "h_questions",
        "h_sure",
        "h_sources",
    ):
        assert common[heading] in text, heading
    assert common["supports"] in text
    for label, question in common["sure_items"]:
        assert f"{label}: {question}" in text
    assert "REF-ADULT-RR" in text or "ASH-FL-2026" in text
    reviewed = common["reviewed"].split("{date}")[0].strip()
    assert reviewed in text
    if combo[1] != "DA-FERTILITY":
        assert common["h_about"] in text  # the patient's own facts
    assert text_for(combo[2])["options"]["trial"]["name"] in text or combo[1] == (
        "DA-FERTILITY"
    )


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_pdf_is_tagged_with_title_language_and_embedded_fonts(rendered_aids, combo):
    aid = rendered_aids[combo]
    reader = PdfReader(io.BytesIO(aid.pdf))
    root = reader.trailer["/Root"]

    assert root["/Lang"] == combo[2]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == text_for(combo[2])["aids"][combo[1]]["title"]
    fonts = {}
    for page in reader.pages:
        for name, font in page["/Resources"]["/Font"].items():
            fonts[name] = font.get_object()
    assert fonts
    for font in fonts.values():
        descendant = (
            font["/DescendantFonts"][0].get_object()
            if ("/DescendantFonts" in font)
            else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert {"/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
        assert "DejaVu" in str(font["/BaseFont"])


def test_letter_and_a4_paper_sizes(stored_evidence):
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    result = evaluate_document(document=document)
    sizes = {}
    for paper in ("letter", "a4"):
        aid = rendering.render_aid(
            document=document,
            result=result,
            evidence=stored_evidence,
            aid_id="DA-REINDUCTION",
            language="es",
            paper=paper,
        )
        box = PdfReader(io.BytesIO(aid.pdf)).pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))
        assert 2 <= aid.page_count <= 4
    assert sizes == {"letter": (612, 792), "a4": (595, 842)}


def test_same_inputs_give_the_same_key_and_bytes(stored_evidence, rendered_aids):
    combo = ("t_all_relapse.json", "DA-FERTILITY", "en")
    before = rendered_aids[combo]
    again = rendering.render_aid(
        document=before.document,
        result=before.result,
        evidence=stored_evidence,
        aid_id=combo[1],
        language=combo[2],
        printed_on=PRINTED_ON,
        care_team=CARE_TEAM,
    )
    other = rendering.render_aid(
        document=before.document,
        result=before.result,
        evidence=stored_evidence,
        aid_id=combo[1],
        language="es",
        printed_on=PRINTED_ON,
        care_team=CARE_TEAM,
    )

    assert again.pdf == before.pdf
    assert again.content_key == rendering.content_key(
        document=before.document,
        result=before.result,
        aid_id=combo[1],
        language=combo[2],
        paper="letter",
        version=rendering.content_version(stored_evidence),
        printed_on=PRINTED_ON,
        care_team=CARE_TEAM,
    )
    assert other.content_key != again.content_key
    # The print date and the care team are printed on every page: part of the key.
    for changed in (
        {"printed_on": PRINTED_ON.replace(day=29), "care_team": CARE_TEAM},
        {"printed_on": PRINTED_ON, "care_team": None},
    ):
        assert (
            rendering.content_key(
                document=before.document,
                result=before.result,
                aid_id=combo[1],
                language=combo[2],
                paper="letter",
                version=rendering.content_version(stored_evidence),
                **changed,
            )
            != again.content_key
        )


def test_an_aid_without_figures_says_so_in_words(rendered_aids):
    for combo in (
        ("isolated_cns_relapse.json", "DA-CNS-RELAPSE", "en"),
        ("t_all_relapse.json", "DA-FERTILITY", "en"),
    ):
        text = rendered_aids[combo].text
        assert text_for("en")["common"]["no_numbers_any"] in text
        assert " of 100" not in text


def test_icon_arrays_are_ten_by_ten_grouped_and_print_in_black_and_white():
    svg = str(figures.icon_array_svg(31.4, also=0, label="31 of 100 people"))

    assert 'viewBox="0 0 100 100"' in svg
    assert 'aria-label="31 of 100 people"' in svg
    solid = re.findall(r'<path d="([^"]+)"[^>]*stroke="#000000"', svg)[-1]
    # Grouped from the top left: three full rows, then one person and part of one.
    assert solid == "M0.8 5h98.4M0.8 15h98.4M0.8 25h98.4M0.8 35h13.36"
    colours = set(re.findall(r'stroke="(#[0-9a-f]{6})"', svg))
    assert all(c[1:3] == c[3:5] == c[5:7] for c in colours)  # grays only
    assert {"#000000", "#ffffff", figures.OUTLINE_GRAY} <= colours


def test_a_second_group_is_gray_inside_a_black_outline():
    svg = str(figures.icon_array_svg(56, also=15, label="56 and 15"))

    gray = re.findall(rf'<path d="([^"]+)"[^>]*stroke="{figures.SECOND_GRAY}"', svg)
    # People 57 to 71: the rest of row 6, all of row 7, the first of row 8.
    assert gray == ["M61.9 55h36.2M1.9 65h96.2M1.9 75h6.2"]


@pytest.mark.parametrize("combo", [COMBINATIONS[0]], ids=combo_id)
def test_aid_html_uses_no_colour_only_grays(rendered_aids, combo):
    html = rendered_aids[combo].html
    colours = set(re.findall(r"(?<!&)#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", html))
    for colour in colours:
        full = colour if len(colour) == 6 else "".join(c * 2 for c in colour)
        assert full[0:2] == full[2:4] == full[4:6], colour


def test_the_url_fetcher_refuses_files_and_the_network(caplog):
    fetcher = pdf.SafeURLFetcher()
    for url in ("file:///etc/passwd", "http://example.org/x.png", "https://x.y/z.css"):
        with pytest.raises(URLFetchingError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"

    with caplog.at_level(logging.WARNING, logger="decisionaids.pdf"):
        document, pages = pdf.html_to_pdf(
            '<html lang="en"><title>t</title><p>text</p>'
            '<img src="file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf">'
            '<link rel="stylesheet" href="http://example.org/evil.css"></html>'
        )
    assert pages == 1
    assert "refused a file URL" in caplog.text
    assert "etc/passwd" not in caplog.text


def test_english_aid_names_the_patient_and_shows_the_figures(rendered_aids):
    text = rendered_aids[
        ("b_first_relapse_cd19_cd22.json", "DA-REINDUCTION", "en")
    ].text
    assert f"Made for {PATIENT_NAME}" in text
    assert "Blinatumomab: 31 of 100 randomised study" in text
    assert "Chemotherapy, same study: 12 of 100 randomised study" in text
    assert "Obe-cel, about 7 of 100 (one group, no comparison)" in text


def test_pdf_text_helper_reads_a_rendered_pdf(rendered_aids):
    aid = next(iter(rendered_aids.values()))
    assert pdf_text(aid.pdf) == aid.text


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_pictures_stay_within_budget_and_a_row_is_drawn_whole_or_not(
    rendered_aids, combo
):
    html = rendered_aids[combo].html
    rows = re.findall(r'<div class="orow n(\d+)"(.*?)</div>\n', html, re.S)

    assert html.count('<img class="ia"') <= MAX_ICON_ARRAYS
    for cells, body in rows:
        assert body.count('<img class="ia"') == int(cells)


def test_an_overdue_fertility_visit_is_worded_for_this_patient(stored_evidence):
    """Chemotherapy has started in this episode: PSY-FERTILITY is overdue."""
    document = vignette_case("b_first_relapse_cd19_cd22.json")
    document["events"] = [{"type": "chemotherapy", "date": "2026-10-25"}]
    result = evaluate_document(document=document)
    fertility = next(i for i in result["referrals_due"] if i["id"] == "PSY-FERTILITY")
    assert fertility.get("overdue")

    aid = rendering.render_aid(
        document=document,
        result=result,
        evidence=stored_evidence,
        aid_id="DA-FERTILITY",
        language="en",
        printed_on=PRINTED_ON,
        care_team=CARE_TEAM,
    )

    text = pdf_text(aid.pdf)
    assert (
        "Your treatment has already started. Ask your team if it is still possible "
        "to save eggs." in text
    )
