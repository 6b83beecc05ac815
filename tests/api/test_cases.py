"""Cases through the API: case documents in and out, lists, search, ETag updates."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlparse

import pytest

from patients.models import AuditEntry, Case
from patients.services import MSG_STALE_VERSION
from tests.api.conftest import client_with_token, token_for
from tests.factories import (
    CaseFactory,
    ProgramFactory,
    UserFactory,
    every_lineage_and_state,
)

CASES = "/api/v1/cases/"
SEARCH = "/api/v1/cases/search/"


def detail(case_pk: int) -> str:
    return f"{CASES}{case_pk}/"


@pytest.fixture
def created(api, case_document) -> dict:
    response = api.post(CASES, case_document)
    assert response.status_code == 201, response.json()
    return response.json()


# ---------------------------------------------------------------------------------
# Create and read
# ---------------------------------------------------------------------------------


def test_creating_a_case_answers_201_with_its_address_version_and_document(
    api, program, case_document
):
    response = api.post(CASES, case_document)

    assert response.status_code == 201
    body = response.json()
    assert response["Location"] == detail(body["id"])
    assert response["ETag"] == '"1"'
    assert body["program"] == "north"
    assert body["version"] == 1
    assert body["document"]["case_id"] == case_document["case_id"]
    assert Case.objects.get(pk=body["id"]).program == program


def test_the_document_survives_a_round_trip_through_the_api(api, created):
    """GET returns the document; PUT of it back changes nothing but the version."""
    first = api.get(detail(created["id"]))
    replaced = api.put(
        detail(created["id"]), first.json()["document"], HTTP_IF_MATCH=first["ETag"]
    )
    second = api.get(detail(created["id"]))

    assert replaced.status_code == 200
    assert second.json()["document"] == first.json()["document"]
    assert second.json()["version"] == first.json()["version"] + 1


def test_the_document_read_is_the_document_written_with_the_schema_defaults(
    api, created, case_document
):
    document = api.get(detail(created["id"])).json()["document"]

    assert {key: document[key] for key in case_document} == case_document
    assert document["preferred_language"] == "en"


def test_reading_a_case_is_audited(api, member, created):
    api.get(detail(created["id"]))

    assert AuditEntry.objects.filter(
        actor=member, action="viewed", case_id=created["id"], detail={"via": "api"}
    ).exists()


def test_a_case_id_already_in_the_program_is_a_409(api, created, case_document):
    response = api.post(CASES, case_document)

    assert response.status_code == 409
    assert response.json()["errors"][0]["path"] == "$.case_id"
    assert Case.objects.count() == 1


def test_a_document_that_breaks_the_registry_rules_is_a_422_and_nothing_is_stored(
    api, program, case_document
):
    case_document["diagnosis"]["date"] = "2027-01-01"  # after the evaluation date

    response = api.post(CASES, case_document)

    assert response.status_code == 422
    assert "$.diagnosis.date" in [e["path"] for e in response.json()["errors"]]
    assert not Case.objects.exists()


def test_a_case_outside_the_aya_ages_is_kept_with_a_warning(api, case_document):
    case_document["birth_date"] = "1970-01-01"

    response = api.post(CASES, case_document)

    assert response.status_code == 201
    assert response.json()["warnings"][0]["code"] == "outside_aya"


# ---------------------------------------------------------------------------------
# Which program a new case goes to
# ---------------------------------------------------------------------------------


@pytest.fixture
def two_program_client(program, other_program):
    user = UserFactory(username="both", programs=[program, other_program])
    return client_with_token(token_for(user))


def test_a_member_of_several_programs_must_name_one(two_program_client, case_document):
    response = two_program_client.post(CASES, case_document)

    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "query.program"
    assert not Case.objects.exists()


def test_the_named_program_receives_the_case(
    two_program_client, other_program, case_document
):
    response = two_program_client.post(f"{CASES}?program=south", case_document)

    assert response.status_code == 201
    assert Case.objects.get().program == other_program


def test_naming_a_program_one_does_not_belong_to_is_a_404(
    api, other_program, case_document
):
    response = api.post(f"{CASES}?program=south", case_document)

    assert response.status_code == 404
    assert not Case.objects.exists()


# ---------------------------------------------------------------------------------
# Conditional updates: ETag and If-Match
# ---------------------------------------------------------------------------------


def test_an_update_with_the_current_etag_succeeds_and_gives_the_next_one(api, created):
    response = api.put(detail(created["id"]), created["document"], HTTP_IF_MATCH='"1"')

    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    assert response.json()["version"] == 2


def test_a_stale_etag_is_a_412_with_the_current_version_and_nothing_changes(
    api, created
):
    """Two people edit version 1; the second to save is told, not overwritten."""
    first_edit = {**created["document"], "given_name": "First"}
    second_edit = {**created["document"], "given_name": "Second"}
    api.put(detail(created["id"]), first_edit, HTTP_IF_MATCH='"1"')

    response = api.put(detail(created["id"]), second_edit, HTTP_IF_MATCH='"1"')

    assert response.status_code == 412
    assert response.json()["current_version"] == 2
    assert response.json()["detail"] == MSG_STALE_VERSION.format(current=2)
    assert response["ETag"] == '"2"'
    assert Case.objects.get(pk=created["id"]).given_name == "First"


def test_an_update_without_if_match_is_a_428_and_nothing_changes(api, created):
    edit = {**created["document"], "given_name": "Changed"}

    response = api.put(detail(created["id"]), edit)

    assert response.status_code == 428
    assert response.json()["current_version"] == 1
    assert Case.objects.get(pk=created["id"]).version == 1


@pytest.mark.parametrize("header", ["*", 'W/"1"', '"7", "1"'])
def test_if_match_accepts_any_version_a_weak_tag_and_a_list(api, created, header):
    response = api.put(detail(created["id"]), created["document"], HTTP_IF_MATCH=header)

    assert response.status_code == 200


@pytest.mark.parametrize("header", ['"abc"', "1", '""', '"99999999999999"'])
def test_if_match_that_names_no_current_version_is_a_412(api, created, header):
    response = api.put(detail(created["id"]), created["document"], HTTP_IF_MATCH=header)

    assert response.status_code == 412


def test_the_case_id_cannot_change_through_an_update(api, created):
    edit = {**created["document"], "case_id": "ANOTHER-ID"}

    response = api.put(detail(created["id"]), edit, HTTP_IF_MATCH='"1"')

    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "$.case_id"
    assert Case.objects.get(pk=created["id"]).case_id != "ANOTHER-ID"


def test_an_update_replaces_the_timeline(api, created):
    edit = {**created["document"], "events": []}

    api.put(detail(created["id"]), edit, HTTP_IF_MATCH='"1"')

    assert not Case.objects.get(pk=created["id"]).events.exists()


# ---------------------------------------------------------------------------------
# Lists: cursor pagination and the clinic's filters
# ---------------------------------------------------------------------------------


def _decoded_cursor(url: str) -> dict:
    cursor = parse_qs(urlparse(url).query)["cursor"][0]
    return parse_qs(base64.b64decode(cursor).decode())


def test_the_case_list_pages_with_a_cursor_that_carries_no_phi(api, program):
    cases = [CaseFactory(program=program) for _ in range(5)]

    seen, url, pages = [], f"{CASES}?page_size=2", 0
    while url:
        body = api.get(url).json()
        seen += [item["id"] for item in body["results"]]
        url = body["next"]
        pages += 1
        if url:
            assert set(_decoded_cursor(url)) <= {"p", "o", "r"}
            assert _decoded_cursor(url)["p"][0].isdigit()

    assert seen == [case.pk for case in cases]
    assert pages == 3


def test_a_case_summary_is_what_drf_makes_of_its_declared_fields(api, program):
    """``CaseSummarySerializer`` writes its fields out; DRF's own walk over the
    same fields is the reference, for every lineage, disease state and blank name."""
    from rest_framework import serializers

    from patients.apis import CaseSummarySerializer

    for index, (lineage, state) in enumerate(every_lineage_and_state()):
        CaseFactory(
            program=program,
            lineage=lineage,
            disease_state=state,
            given_name="" if index % 2 else "Ana",
            family_name="" if index % 3 else "Inés O'Neil",
        )
    listed = api.get(f"{CASES}?page_size=200").json()["results"]
    cases = Case.objects.select_related("program").order_by("id")
    by_drf = [
        serializers.Serializer.to_representation(CaseSummarySerializer(), case)
        for case in cases
    ]

    assert len(listed) == cases.count() >= 8
    assert listed == [dict(row) for row in by_drf]
    assert [CaseSummarySerializer(case).data for case in cases] == by_drf


@pytest.mark.parametrize("page_size", ["0", "201", "two", "-1"])
def test_a_page_size_out_of_range_is_a_400(api, page_size):
    response = api.get(f"{CASES}?page_size={page_size}")

    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "query.page_size"


def test_a_forged_cursor_is_a_404_not_a_server_error(api, case):
    forged = base64.b64encode(b"p=not-a-number").decode()

    assert api.get(f"{CASES}?cursor={forged}").status_code == 404
    assert api.get(f"{CASES}?cursor=%%%").status_code == 404


def test_the_list_filters_by_lineage_and_decision_point(api, program):
    b_relapse = CaseFactory(program=program, lineage="B")
    t_relapse = CaseFactory(program=program, lineage="T")
    b_remission = CaseFactory(program=program, disease_state="remission_after_relapse")

    def ids(query: str) -> list[int]:
        return [item["id"] for item in api.get(f"{CASES}?{query}").json()["results"]]

    assert ids("lineage=T") == [t_relapse.pk]
    assert ids("decision_point=REINDUCTION") == [b_relapse.pk, t_relapse.pk]
    assert ids("decision_point=CONSOLIDATION") == [b_remission.pk]
    assert ids("decision_point=NONE") == []


def test_the_list_filters_by_alert_as_of_today(api, program):
    unknown_antigen = CaseFactory(program=program, cd19="unknown")
    CaseFactory(program=program, cd19="positive", cd22="positive")

    response = api.get(f"{CASES}?alert=ALERT-ANTIGEN-UNKNOWN")

    assert [item["id"] for item in response.json()["results"]] == [unknown_antigen.pk]


@pytest.mark.parametrize("query", ["lineage=X", "decision_point=", "alert=ALERT-NONE"])
def test_an_unknown_filter_value_is_a_400(api, query):
    response = api.get(f"{CASES}?{query}")

    assert response.status_code == 400
    assert response.json()["errors"][0]["path"].startswith("query.")


@pytest.mark.parametrize("name", ["q", "family_name", "case_id"])
def test_search_terms_in_the_url_are_refused(api, case, name):
    response = api.get(f"{CASES}?{name}=Rivera")

    assert response.status_code == 400
    assert "POST /api/v1/cases/search/" in response.json()["errors"][0]["message"]


def test_search_finds_cases_by_name_or_identifier_from_the_body(api, program):
    ana = CaseFactory(program=program, given_name="Ana", family_name="Quispe")
    CaseFactory(program=program, given_name="Ben", family_name="Okafor")

    by_name = api.post(SEARCH, {"q": "ana quis"}).json()["results"]
    by_id = api.post(SEARCH, {"q": ana.case_id.lower()}).json()["results"]

    assert [item["id"] for item in by_name] == [ana.pk]
    assert [item["id"] for item in by_id] == [ana.pk]


def test_search_combines_the_term_with_the_filters(api, program):
    CaseFactory(program=program, family_name="Quispe", lineage="B")
    t_case = CaseFactory(program=program, family_name="Quispe", lineage="T")

    results = api.post(SEARCH, {"q": "quispe", "lineage": "T"}).json()["results"]

    assert [item["id"] for item in results] == [t_case.pk]


def test_search_pages_by_sending_the_same_body_to_the_next_link(api, program):
    for _ in range(3):
        CaseFactory(program=program, family_name="Quispe")

    first = api.post(f"{SEARCH}?page_size=2", {"q": "quispe"}).json()
    second = api.post(first["next"], {"q": "quispe"}).json()

    assert "quispe" not in first["next"].lower()
    assert len(first["results"]) == 2
    assert len(second["results"]) == 1


def test_search_and_lists_never_show_another_programs_cases(api, case, other_case):
    listed = api.get(CASES).json()["results"]
    found = api.post(SEARCH, {"q": other_case.case_id}).json()["results"]

    assert [item["id"] for item in listed] == [case.pk]
    assert found == []


def test_programs_show_their_care_team_contact(api, program):
    program.care_team_name = "North AYA Leukemia Team"
    program.care_team_phone = "+1 555 0100"
    program.save()

    (result,) = api.get("/api/v1/programs/").json()["results"]

    assert (result["care_team_name"], result["care_team_phone"]) == (
        "North AYA Leukemia Team",
        "+1 555 0100",
    )


def test_programs_lists_mine_with_my_role(api, program, other_program):
    ProgramFactory(slug="east")

    results = api.get("/api/v1/programs/").json()["results"]

    assert results == [
        {
            "slug": "north",
            "name": "North AYA Program",
            "mental_health_interval_days": 90,
            "care_team_name": None,
            "care_team_phone": None,
            "is_admin": False,
        }
    ]
