"""Every response carries the strict Content-Security-Policy and ``no-store``."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.conftest import fill, url_routes

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:  # noqa: ANN001
    """The policy as directive -> sources; django-csp does not keep their order."""
    policy = response.get("Content-Security-Policy", "")
    parsed = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def strict_policy(response) -> bool:  # noqa: ANN001
    policy = directives(response)
    return (
        policy.get("default-src") == ["'self'"]
        and policy.get("script-src") == ["'self'"]
        and policy.get("style-src") == ["'self'"]
        and policy.get("object-src") == ["'none'"]
        and policy.get("frame-ancestors") == ["'none'"]
        and not any("'unsafe-inline'" in sources for sources in policy.values())
    )


def not_stored(response) -> bool:  # noqa: ANN001
    return "no-store" in response.get("Cache-Control", "")


def test_the_walk_covers_the_pages_the_pdf_and_the_api():
    routes = url_routes()
    assert len(routes) > 50
    assert "aids/<int:job_pk>/pdf/" in routes
    assert "api/v1/cases/<id:id>/" in routes


def test_every_address_answers_with_the_policy_and_no_store(client, member, everything):
    client.force_login(member)
    checked = []
    for route in url_routes():
        path = fill(route, everything)
        response = client.get(path)
        checked.append((path, response.status_code))
        assert not_stored(response), path
        if route == "api/v1/docs/":
            assert directives(response)["script-src"][0] == "'self'", path
            continue
        assert strict_policy(response), (path, response.get("Content-Security-Policy"))
    statuses = dict(checked)
    pdf = fill("aids/<int:job_pk>/pdf/", everything)
    assert statuses[pdf] == 200
    assert statuses[fill("cases/<int:pk>/", everything)] == 200
    assert statuses[fill("api/v1/cases/<id:id>/", everything)] == 200


def test_the_pdf_and_an_api_read_by_token_are_not_stored(member, everything):
    from tests.api.conftest import client_with_token, token_for

    client = Client()
    client.force_login(member)
    pdf = client.get(fill("aids/<int:job_pk>/pdf/", everything))
    api = client_with_token(token_for(member)).get(
        fill("api/v1/cases/<id:id>/", everything)
    )

    assert pdf["Content-Type"] == "application/pdf"
    assert api.status_code == 200
    for response in (pdf, api):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/admin/login/",
        "/no-such-page/",
        "/api/v1/no-such-endpoint/",
        "/api/v1/cases/",
    ],
)
def test_anonymous_answers_carry_the_headers_too(client, db, path):
    response = client.get(path)

    assert strict_policy(response), path
    assert not_stored(response), path


def test_the_admin_keeps_the_policy(client, member, everything):
    client.force_login(member)
    case_admin = f"/admin/patients/case/{everything['pk']}/change/"
    for path in ["/admin/", "/admin/patients/case/", case_admin]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert strict_policy(response), path
        assert not_stored(response), path
