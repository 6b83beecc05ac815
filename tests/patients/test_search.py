"""Search ignores accents and case both ways: column, selector, pages, API, admin."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from patients.models import Case
from patients.search import search_normalise, search_terms
from patients.selectors import case_search
from patients.services import case_import, case_update
from tests.conftest import vignette_case
from tests.factories import CaseFactory, ProgramFactory, UserFactory

fill = importlib.import_module("patients.migrations.0008_case_search_text")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cárdenas", "cardenas"),
        ("INÉS", "ines"),
        ("Inés  Cárdenas ", "ines cardenas"),
        ("Straße", "strasse"),
        ("Ñuñez-Çelik", "nunez-celik"),
        ("MRN-00ÅB", "mrn-00ab"),
    ],
)
def test_normalising_drops_accents_folds_case_and_spaces(text, expected):
    assert search_normalise(text) == expected


def test_a_query_is_split_into_normalised_words():
    assert search_terms("  Inés   CÁRDENAS ") == ["ines", "cardenas"]
    assert search_terms("   ") == []


@pytest.fixture
def cases(db):
    program = ProgramFactory(slug="search")
    return {
        "ines": CaseFactory(
            program=program,
            case_id="MRN-7781",
            given_name="Inés",
            family_name="Cárdenas",
        ),
        "noah": CaseFactory(
            program=program,
            case_id="MRN-1200",
            given_name="Noah",
            family_name="Lindqvist",
        ),
        "jose": CaseFactory(
            program=program, case_id="REG-0042", given_name="JOSÉ", family_name="Peña"
        ),
    }


def found(q: str) -> set[str]:
    return {case.case_id for case in case_search(Case.objects.all(), q)}


@pytest.mark.parametrize(
    "q",
    [
        "cardenas",
        "Cárdenas",
        "CÁRDENAS",
        "Ines",
        "INÉS",
        "inés cárdenas",
        "cardenas ines",
    ],
)
def test_accented_names_are_found_with_or_without_accents_in_any_case(cases, q):
    assert found(q) == {"MRN-7781"}


def test_unaccented_stored_names_are_found_by_accented_queries(cases):
    assert found("Nóah") == {"MRN-1200"}
    assert found("josé pena") == {"REG-0042"}


def test_identifiers_are_found_in_any_case_and_by_part(cases):
    assert found("mrn-7781") == {"MRN-7781"}
    assert found("mrn") == {"MRN-7781", "MRN-1200"}
    assert found("reg-0042") == {"REG-0042"}


def test_an_empty_query_keeps_every_case_and_a_stranger_finds_nothing(cases):
    assert found("") == set(cases_ids(cases))
    assert found("zzz") == set()
    assert found("%") == set()  # a LIKE wildcard is a plain character


def cases_ids(cases):  # noqa: ANN001, ANN201
    return [case.case_id for case in cases.values()]


def test_every_save_path_keeps_the_search_column_current(cases):
    # a service update of the name
    user = UserFactory(programs=[cases["noah"].program])
    case_update(case=cases["noah"], actor=user, data={"given_name": "Zoë"})
    assert found("zoe") == {"MRN-1200"}
    assert found("noah") == set()
    # an import creating a case (the JSON, spreadsheet and API writes go through it)
    document = vignette_case("t_all_relapse.json")
    document.update(given_name="Ángela", family_name="Muñoz")
    case_import(payload=document, program=cases["noah"].program)
    assert found("angela munoz") == {document["case_id"]}
    # a save naming only the name fields writes the column too
    case = Case.objects.get(case_id="REG-0042")
    case.family_name = "Núñez"
    case.save(update_fields=["family_name"])
    assert found("nunez") == {"REG-0042"}


def test_the_data_migration_fills_rows_stored_before_the_column(cases):
    Case.objects.update(search_text="")
    assert found("cardenas") == set()

    fill.fill_search_text(apps, None)

    assert found("cardenas") == {"MRN-7781"}
    assert Case.objects.get(case_id="REG-0042").search_text == "reg-0042 jose pena"


@pytest.fixture
def signed_in(client, cases):
    user = UserFactory(programs=[cases["ines"].program])
    client.force_login(user)
    return client


@pytest.mark.parametrize("q", ["cardenas", "Cárdenas", "Ines", "INÉS"])
def test_the_case_list_finds_accented_names_without_accents(signed_in, q):
    page = signed_in.post("/cases/", {"q": q}).content.decode()
    assert "Cárdenas" in page
    assert "Lindqvist" not in page


def test_another_programs_case_is_never_found(client, cases):
    stranger = UserFactory(programs=[ProgramFactory(slug="elsewhere")])
    client.force_login(stranger)
    page = client.post("/cases/", {"q": "cardenas"}).content.decode()
    assert "Cárdenas" not in page


@pytest.mark.parametrize("q", ["cardenas", "Cárdenas", "ines", "INÉS"])
def test_the_api_search_finds_accented_names_without_accents(client, cases, q):
    user = UserFactory(programs=[cases["ines"].program])
    client.force_login(user)
    response = client.post(
        "/api/v1/cases/search/", {"q": q}, content_type="application/json"
    )
    assert [item["id"] for item in response.json()["results"]] == [cases["ines"].pk]


def test_the_admin_search_ignores_accents(client, cases):
    admin = UserFactory(programs=[cases["ines"].program], is_staff=True)
    admin.groups.add(Group.objects.get(name="program_admin"))
    client.force_login(admin)
    page = client.get("/admin/patients/case/", {"q": "cardenas"}).content.decode()
    assert "MRN-7781" in page
    assert "MRN-1200" not in page
