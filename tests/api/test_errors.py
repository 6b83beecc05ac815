"""Bad input is a 400 naming the path of each problem, changing nothing; all JSON."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import Client

from config.api.parsers import MAX_DEPTH, MSG_TOO_DEEP, MSG_TOO_LARGE
from patients.models import Case, Event
from tests.conftest import vignette_case

CASES = "/api/v1/cases/"


def paths(response) -> list[str]:  # noqa: ANN001
    return [error["path"] for error in response.json()["errors"]]


def _set(document: dict, path: tuple, value: object) -> dict:
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


BAD_DOCUMENTS = [
    pytest.param(("given_name",), "Al\x00ex", "$.given_name", id="nul"),
    pytest.param(
        ("events",),
        [{"type": "relapse", "date": "2026-10-20", "note": "x\x00y"}],
        "$.events[0].note",
        id="nul-deep",
    ),
    pytest.param(("family_name",), "R" * 101, "$.family_name", id="overlong"),
    pytest.param(("case_id",), "C" * 65, "$.case_id", id="overlong-id"),
    pytest.param(("birth_date",), 20030410, "$.birth_date", id="date-as-number"),
    pytest.param(("weight_kg",), "62", "$.weight_kg", id="number-as-string"),
    pytest.param(("evaluation_date",), "2026-02-30", "$.evaluation_date", id="unreal"),
    pytest.param(("diagnosis", "date"), "2024-1-15", "$.diagnosis.date", id="short"),
    pytest.param(("disease", "relapse_count"), True, "$.disease.relapse_count", id="b"),
    pytest.param(("markers", "cd19"), "maybe", "$.markers.cd19", id="enum"),
    pytest.param(("events",), "none", "$.events", id="list-as-string"),
    pytest.param(("colour",), "blue", "$", id="unknown-member"),
]


@pytest.mark.parametrize(("path", "value", "where"), BAD_DOCUMENTS)
def test_a_bad_document_is_a_400_naming_the_field_and_nothing_is_created(
    api, program, case_document, path, value, where
):
    response = api.post(CASES, _set(case_document, path, value))

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert where in paths(response)
    assert not Case.objects.exists()


@pytest.mark.parametrize(("path", "value", "where"), BAD_DOCUMENTS)
def test_a_bad_replacement_is_a_400_and_the_case_is_unchanged(
    api, program, case_document, path, value, where
):
    original = vignette_case("b_first_relapse_cd19_cd22.json")
    created = api.post(CASES, original).json()

    response = api.put(
        f"{CASES}{created['id']}/",
        _set(case_document, path, value),
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 400
    assert where in paths(response)
    case = Case.objects.get(pk=created["id"])
    assert case.version == 1
    assert case.events.count() == len(original.get("events", []))


BAD_EVENTS = [
    pytest.param({"note": "a\x00b"}, "$.note", id="nul"),
    pytest.param({"agent": "x" * 101}, "$.agent", id="overlong"),
    pytest.param({"cycles": "3"}, "$.cycles", id="int-as-string"),
    pytest.param({"cycles": 2.5}, "$.cycles", id="fraction"),
    pytest.param({"mrd_level": True}, "$.mrd_level", id="bool-as-number"),
    pytest.param({"date": "2026-02-30"}, "$.date", id="unreal-date"),
    pytest.param({"date": "٢٠٢٦-٠١-٠١"}, "$.date", id="non-ascii-digits"),
    pytest.param({"type": 7}, "$.type", id="enum-as-number"),
    pytest.param({"colour": "blue"}, "$.colour", id="unknown-member"),
]


@pytest.mark.parametrize(("change", "where"), BAD_EVENTS)
def test_a_bad_event_is_a_400_naming_the_field_and_nothing_changes(
    api, case, change, where
):
    before = (case.version, Event.objects.count())
    body = {"type": "chemotherapy", "date": "2026-10-25", **change}

    response = api.post(f"{CASES}{case.pk}/events/", body)

    assert response.status_code == 400
    assert where in paths(response)
    case.refresh_from_db()
    assert (case.version, Event.objects.count()) == before


def test_a_nul_in_a_search_term_is_a_400(api):
    response = api.post(f"{CASES}search/", {"q": "Riv\x00era"})

    assert response.status_code == 400
    assert paths(response) == ["$.q"]


@pytest.mark.parametrize(
    "raw",
    [
        b'{"q": "a", "q": "b"}',  # a member twice
        b'{"q": NaN}',
        b'{"q": "\\ud800"}',  # an unpaired surrogate
        b"{not json",
        b'"\xff"',
    ],
)
def test_malformed_json_is_a_400(api, raw):
    response = api.generic(
        "POST", f"{CASES}search/", raw, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_body_over_the_limit_is_a_413(api, settings):
    settings.AYA_MAX_IMPORT_BYTES = 100

    response = api.post(f"{CASES}search/", {"q": "x" * 200})

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


MB = 1024 * 1024


@pytest.mark.parametrize("size", [6 * MB, 50 * MB], ids=["6MB", "50MB"])
def test_a_body_over_djangos_limit_is_a_json_413_and_nothing_is_created(
    api, program, size
):
    """Django refuses such a body (RequestDataTooBig) before the parser reads it."""
    body = b'{"case_id": "' + b"C" * size + b'"}'

    response = api.generic("POST", CASES, body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": MSG_TOO_LARGE.format(limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "code": "too_large",
        "errors": [],
    }
    assert not Case.objects.exists()


def test_a_body_the_parser_takes_is_not_refused_earlier_by_django(api):
    """Between Django's default 2.5 MB and the API's limit, the body is parsed."""
    body = json.dumps({"q": "x" * (3 * MB)})

    response = api.generic(
        "POST", f"{CASES}search/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert paths(response) == ["$.q"]


def test_an_oversized_body_over_a_session_is_a_json_413(member):
    """A session's CSRF check reads the body while signing in: the same 413."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.cookies["csrftoken"] = "a" * 32  # a well-formed secret, so POST is read

    response = client.post(
        f"{CASES}search/",
        json.dumps({"q": "x" * (6 * MB)}),
        content_type="application/json",
    )

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def nested(depth: int, kind: str) -> str:
    if kind == "array":
        return "[" * depth + "]" * depth
    return '{"q":' * depth + '"x"' + "}" * depth


@pytest.mark.parametrize("kind", ["array", "object"])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 315, 2000, 100_000])
@pytest.mark.parametrize("url", [CASES, f"{CASES}search/"])
def test_json_nested_too_deep_is_a_400_saying_so_and_nothing_is_created(
    api, program, url, depth, kind
):
    response = api.generic(
        "POST", url, nested(depth, kind), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": MSG_TOO_DEEP.format(limit=MAX_DEPTH),
        "code": "parse_error",
        "errors": [],
    }
    assert not Case.objects.exists()


def test_json_nested_as_deep_as_allowed_reaches_validation(api):
    response = api.generic(
        "POST",
        f"{CASES}search/",
        nested(MAX_DEPTH, "object"),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert paths(response) == ["$.q"]


def test_a_body_that_is_not_json_is_a_415(api):
    response = api.post(
        f"{CASES}search/", "q=x", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415


def test_asking_for_html_is_a_json_406(api):
    response = api.get(CASES, HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"


def test_an_unsupported_method_is_a_json_405_with_allow(api):
    response = api.delete(CASES)

    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/nothing/",
        "/api/v1/cases",
        "/api/v2/cases/",
        "/api/",
        "/api/v1/cases/abc/",
    ],
)
def test_any_unknown_address_under_api_is_a_json_404(anonymous, url):
    response = anonymous.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_an_unexpected_error_is_a_json_500_and_is_logged(api, monkeypatch, caplog):
    from patients import apis

    def broken(**kwargs):  # noqa: ANN003, ANN202
        raise RuntimeError("boom")

    monkeypatch.setattr(apis.selectors, "case_list_for_user", broken)

    response = api.get(CASES)

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "server_error"
    assert "boom" not in json.dumps(body)
    assert "boom" in caplog.text


def test_the_500_handler_answers_json_under_api_and_a_page_elsewhere(rf):
    from config.api.errors import server_error

    api_response = server_error(rf.get("/api/v1/cases/"))
    page_response = server_error(rf.get("/cases/"))

    assert api_response.status_code == page_response.status_code == 500
    assert json.loads(api_response.content)["code"] == "server_error"
    assert page_response["Content-Type"].startswith("text/html")
