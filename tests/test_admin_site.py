"""The admin's change lists refuse out-of-range filters like unknown ones: no 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.db import connection

from config.admin_site import BoundedChangeListAdmin
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"

# Each one was a 500 (OverflowError or ValueError) before: in Python for the date
# hierarchy's year and month, on SQLite only for the others (PostgreSQL compares
# numerics and dates of any size, and simply finds nothing).
OUT_OF_RANGE = [
    pytest.param("patients/case", f"evaluation_date__year={HUGE}", id="year-huge"),
    pytest.param("patients/case", "evaluation_date__year=9999", id="year-9999"),
    pytest.param(
        "patients/case",
        "evaluation_date__year=9999&evaluation_date__month=12",
        id="december-9999",
    ),
    pytest.param(
        "patients/case",
        f"evaluation_date__year=2026&evaluation_date__month={HUGE}",
        id="month-huge",
    ),
    pytest.param("patients/auditentry", "at__year=9999", id="audit-year"),
]
OUT_OF_RANGE_ON_SQLITE = [
    pytest.param("patients/case", "created_at__year=9999", id="datetime-year"),
    pytest.param("patients/case", f"pk__in={HUGE}", id="pk-in-huge"),
    pytest.param("auth/user", f"pk__in={HUGE}", id="users-pk-in-huge"),
]


@pytest.fixture
def superuser(client, program):
    CaseFactory(program=program)
    user = UserFactory(programs=[program], is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize(("model", "query"), OUT_OF_RANGE)
def test_an_out_of_range_filter_drops_the_filters_instead_of_failing(
    client, superuser, model, query
):
    url = f"/admin/{model}/"

    response = client.get(f"{url}?{query}")

    assert response.status_code == 302
    assert response["Location"] == f"{url}?e=1"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(("model", "query"), OUT_OF_RANGE_ON_SQLITE)
def test_a_filter_out_of_the_databases_range_finds_nothing_or_is_dropped(
    client, superuser, model, query
):
    url = f"/admin/{model}/"

    response = client.get(f"{url}?{query}")

    if connection.vendor == "sqlite":
        assert response.status_code == 302
        assert response["Location"] == f"{url}?e=1"
    else:
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0


def test_a_year_in_range_still_filters(client, superuser, program):
    CaseFactory(program=program, case_id="LATER-1", evaluation_date=dt.date(2027, 5, 1))

    response = client.get("/admin/patients/case/?evaluation_date__year=2027")

    assert response.status_code == 200
    assert "LATER-1" in response.content.decode()
    assert response.context["cl"].result_count == 1


def test_every_registered_admin_has_the_bounded_change_list():
    """Django's own admins (users, groups) as well as the project's."""
    assert admin.site._registry
    for model_admin in admin.site._registry.values():
        assert isinstance(model_admin, BoundedChangeListAdmin), model_admin
