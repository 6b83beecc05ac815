"""The wording a review asked for (issue 12), term by term, in the text and the PDFs."""

from __future__ import annotations

import pytest

from decisionaids.content import en, es, text_for
from tests.decisionaids.conftest import applicable_combinations, combo_id

pytestmark = pytest.mark.django_db

COMBINATIONS = applicable_combinations()
SPANISH = [combo for combo in COMBINATIONS if combo[2] == "es"]
ENGLISH = [combo for combo in COMBINATIONS if combo[2] == "en"]
FERTILITY = [combo for combo in COMBINATIONS if combo[1] == "DA-FERTILITY"]
assert SPANISH
assert ENGLISH
assert FERTILITY

# Spanish a review found, and what replaces it.
SPANISH_FIXES = {
    "las pruebas todavía están creciendo": "la evidencia todavía es limitada",
    "médicos de niños": "pediatras",
    "conteos de sangre": "recuentos sanguíneos",
    "¿Se siente seguro de": "¿Se siente con seguridad",
    "¿Está listo para decidir?": "¿Tiene lo que necesita para decidir?",
}
ENGLISH_NEVER = (
    "poison",
    "the only treatment proven to cure",
    "proof is still growing",
)


def _strings(tree: object) -> list[str]:
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, dict):
        return [s for value in tree.values() for s in _strings(value)]
    if isinstance(tree, list | tuple):
        return [s for value in tree for s in _strings(value)]
    return []


def test_the_spanish_text_uses_the_reviewed_terms():
    spanish = " ".join(_strings(es.TEXT)).lower()

    for wrong, right in SPANISH_FIXES.items():
        assert wrong.lower() not in spanish, wrong
        assert right.lower() in spanish, right


@pytest.mark.parametrize("combo", SPANISH, ids=combo_id)
def test_no_spanish_aid_prints_a_term_the_review_replaced(rendered_aids, combo):
    text = rendered_aids[combo].text

    for wrong in SPANISH_FIXES:
        assert wrong not in text, wrong
    # SURE for every reader, not only in the masculine.
    assert "¿Se siente con seguridad sobre cuál es la mejor opción" in text


def test_the_spanish_pdfs_carry_the_replacements_where_they_apply(rendered_aids):
    transplant = rendered_aids[
        ("remission_after_ino_hsct_planned.json", "DA-TRANSPLANT", "es")
    ].text
    remission = rendered_aids[
        ("b_first_relapse_cd19_cd22.json", "DA-REINDUCTION", "es")
    ]

    assert "Los pediatras a veces no hacen el trasplante" in transplant
    assert "adolescentes mayores y adultos jóvenes" in transplant
    assert "recuentos sanguíneos" in remission.text
    assert "la evidencia todavía es limitada" in es.TEXT["notes"]["after_cart"].lower()


def test_the_english_text_is_free_of_the_wording_the_review_objected_to():
    english = " ".join(_strings(en.TEXT)).lower()

    for phrase in ENGLISH_NEVER:
        assert phrase not in english
    # "Teens and young adults" only as the source says it: older ones.
    assert english.count("teens and young adults") == english.count(
        "older teens and young adults"
    )


@pytest.mark.parametrize("combo", ENGLISH, ids=combo_id)
def test_treatments_are_described_with_what_comes_before_them(rendered_aids, combo):
    text = rendered_aids[combo].text
    options = en.TEXT["options"]

    offered = '<th scope="row" class="opt">{}'.format
    if (
        offered(options["car_t"]["name"].replace("-", "\u2011"))
        in rendered_aids[combo].html
    ):
        assert "A few days of chemotherapy make room" in text
    if combo[1] == "DA-TRANSPLANT":
        assert "strong chemotherapy, sometimes with radiation, clears your bone" in text
    if "Differentiation syndrome" in text:
        meaning = en.TEXT["glossary"]["differentiation_syndrome"][1]
        assert meaning in text


@pytest.mark.parametrize("combo", FERTILITY, ids=combo_id)
def test_fertility_wording_names_only_what_this_patient_can_save(rendered_aids, combo):
    aid = rendered_aids[combo]
    cells = text_for(combo[2])["cells"]
    sex = aid.document.get("sex")
    pregnant = aid.document.get("can_become_pregnant")

    if sex == "male" and not pregnant:
        assert cells["female"] not in aid.text
        assert cells["default"] not in aid.text
    elif pregnant:
        assert cells["male"] not in aid.text
        assert cells["default"] not in aid.text


def test_every_glossary_word_printed_is_explained_once(rendered_aids):
    aid = rendered_aids[("many_options", "DA-REINDUCTION", "en")]
    common = en.TEXT["common"]
    glossary = aid.text[
        aid.text.index(common["h_glossary"]) : aid.text.index(common["h_sources"])
    ]

    for word in ("CRS:", "ICANS:", "VOD:", "MRD:", "Differentiation syndrome:"):
        assert glossary.count(word) == 1, word
