"""Content: evidence rows are the catalogue's; the Spanish wording is complete."""

from __future__ import annotations

import re
import string

import pytest
from django.core.exceptions import ValidationError

from decisionaids.content import en, es
from decisionaids.content.evidence import EVIDENCE, EVIDENCE_BY_ID
from decisionaids.models import EvidenceFigure, validate_measures
from decisionaids.services import evidence_sync
from tests.conftest import CATALOGUE_PATH


def catalogue_evidence() -> dict[str, tuple[str, str]]:
    """EV ID -> (figure, population) from the catalogue's evidence table."""
    text = CATALOGUE_PATH.read_text(encoding="utf-8")
    section = text.split("## Evidence for decision aids", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, tuple[str, str]] = {}
    previous_population = ""
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("EV-"):
            # "same", or "same (a further word on the population)".
            population = cells[2]
            if population.startswith("same"):
                population = (previous_population + population[4:]).strip()
            rows[cells[0]] = (cells[1], population)
            previous_population = population
    return rows


# Numbers in a catalogue figure that are not results: grade thresholds, time points,
# and the "of 100" denominator.
_NOT_RESULTS = re.compile(
    r"≥ \d+|at \d+ (?:months|years|year)|within \d+ days|of 100\b"
)


def result_numbers(statement: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", _NOT_RESULTS.sub("", statement)))


def stored_numbers(measures: list[dict]) -> set[str]:
    numbers = set()
    for measure in measures:
        for arm in measure["arms"]:
            values = arm["value"] if isinstance(arm["value"], list) else [arm["value"]]
            values += [arm[key] for key in ("also", "of") if key in arm]
            numbers.update(str(value) for value in values)
    return numbers


def test_every_catalogue_figure_is_stored_verbatim_and_nothing_else():
    catalogue = catalogue_evidence()

    assert set(EVIDENCE_BY_ID) == set(catalogue)
    for ev_id, (figure, population) in catalogue.items():
        row = EVIDENCE_BY_ID[ev_id]
        assert row["statement"] == figure, ev_id
        assert row["population"] == population, ev_id


@pytest.mark.parametrize("row", EVIDENCE, ids=lambda row: row["ev_id"])
def test_stored_numbers_are_exactly_the_catalogue_numbers(row):
    """No figure is invented and none is dropped: the numbers match both ways."""
    assert stored_numbers(row["measures"]) == result_numbers(row["statement"])
    validate_measures(row["measures"])


@pytest.mark.django_db
def test_the_migration_seeds_every_figure_with_its_review_record():
    rows = {row.ev_id: row for row in EvidenceFigure.objects.all()}

    assert set(rows) == set(EVIDENCE_BY_ID)
    for ev_id, row in rows.items():
        assert row.measures == EVIDENCE_BY_ID[ev_id]["measures"]
        assert row.source == "REF-ADULT-RR"
        assert row.seed == "004"
        assert row.reviewed_by
        assert row.reviewed_at
        row.full_clean()


@pytest.mark.django_db
def test_sync_adds_missing_rows_and_never_overwrites_a_reviewed_edit():
    edited = EvidenceFigure.objects.get(ev_id="EV-INO-CR")
    edited.reviewed_by = "Dr Reviewer"
    edited.save()
    EvidenceFigure.objects.filter(ev_id="EV-OBE").delete()

    assert evidence_sync() == 1
    assert evidence_sync() == 0
    assert EvidenceFigure.objects.get(ev_id="EV-INO-CR").reviewed_by == "Dr Reviewer"
    assert EvidenceFigure.objects.filter(ev_id="EV-OBE").exists()


@pytest.mark.parametrize(
    ("measures", "fragment"),
    [
        ("x", "must be a list"),
        ([{"key": "a", "unit": "percent"}], "unit must be one of"),
        (
            [
                {
                    "key": "a",
                    "unit": "of_100",
                    "kind": "benefit",
                    "arms": [],
                    "title": {},
                }
            ],
            "needs wording",
        ),
        (
            [
                {
                    "key": "a",
                    "unit": "of_100",
                    "kind": "benefit",
                    "title": {"en": "t", "es": "t"},
                    "outcome": {"en": "o", "es": "o"},
                    "arms": [{"arm": "x", "value": 90, "also": 20}],
                }
            ],
            "add up to 100",
        ),
        (
            [
                {
                    "key": "a",
                    "unit": "of_n",
                    "kind": "harm",
                    "title": {"en": "t", "es": "t"},
                    "outcome": {"en": "o", "es": "o"},
                    "arms": [{"arm": "x", "value": 10, "of": 5}],
                }
            ],
            "'of' must be",
        ),
    ],
)
def test_a_malformed_evidence_row_is_refused_in_plain_words(measures, fragment):
    with pytest.raises(ValidationError) as error:
        validate_measures(measures)
    assert fragment in " ".join(error.value.messages)


def _leaves(tree, path=()):  # noqa: ANN001, ANN202
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(tree, tuple | list):
        for index, value in enumerate(tree):
            yield from _leaves(value, (*path, index))
    else:
        yield path, tree


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# Words that are the same in both languages: drug, product and study names, codes.
SAME_IN_BOTH = {
    "Blinatumomab",
    "blinatumomab",
    "Inotuzumab",
    "inotuzumab",
    "Revumenib",
    "revumenib",
    "tisagenlecleucel",
    "tisa-cel",
    "brexu-cel",
    "obe-cel",
    "Tisa-cel",
    "Brexu-cel",
    "Obe-cel",
    "CD19",
    "CD22",
    "CD20",
    "CD19, CD22",
    "ICANS",
    "icans",
    "cd19",
    "cd22",
    "No",
}


def test_spanish_has_every_english_key_and_the_same_placeholders():
    english = dict(_leaves(en.TEXT))
    spanish = dict(_leaves(es.TEXT))

    assert set(english) == set(spanish)
    for path, text in english.items():
        if isinstance(text, str):
            assert _fields(text) == _fields(spanish[path]), path


def test_no_english_wording_is_left_in_the_spanish_text():
    english = dict(_leaves(en.TEXT))
    spanish = dict(_leaves(es.TEXT))
    same = {
        spanish[path]
        for path, text in english.items()
        if isinstance(text, str) and spanish[path] == text
    }
    # Month names and date order differ, so the only shared strings are names.
    assert same <= SAME_IN_BOTH | {"{n} of {of}: {title}."}, same - SAME_IN_BOTH
