"""Fixtures for the API tests: clients signed in by token or session, two programs."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from knox.models import get_token_model
from rest_framework.test import APIClient

from patients.access import GROUP_CLINICIAN, GROUP_PROGRAM_ADMIN
from tests.factories import (
    CaseFactory,
    EventFactory,
    ProgramFactory,
    ReferralFactory,
    UserFactory,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Throttle counters live in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def token_for(user) -> str:  # noqa: ANN001
    _, secret = get_token_model().objects.create(user=user)
    return secret


def client_with_token(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def api(member) -> APIClient:
    """The member of the north program, signed in with an API token."""
    return client_with_token(token_for(member))


@pytest.fixture
def other_program(db):
    return ProgramFactory(name="South AYA Program", slug="south")


@pytest.fixture
def outsider(other_program):
    return UserFactory(username="south-coordinator", programs=[other_program])


@pytest.fixture
def outsider_api(outsider) -> APIClient:
    return client_with_token(token_for(outsider))


@pytest.fixture
def case(program):
    """A case of the north program with one event and one referral."""
    case = CaseFactory(program=program, case_id="NORTH-0001")
    EventFactory(case=case)
    ReferralFactory(case=case)
    return case


@pytest.fixture
def other_case(other_program):
    """A case of another program: invisible to the north member."""
    case = CaseFactory(program=other_program, case_id="SOUTH-0001")
    EventFactory(case=case)
    ReferralFactory(case=case)
    return case


@pytest.fixture
def program_admin(program):
    from django.contrib.auth.models import Group

    user = UserFactory(username="north-admin", programs=[program])
    user.groups.add(Group.objects.get_or_create(name=GROUP_PROGRAM_ADMIN)[0])
    return user


@pytest.fixture
def clinician(program):
    from django.contrib.auth.models import Group

    user = UserFactory(username="north-clinician", programs=[program])
    user.groups.add(Group.objects.get_or_create(name=GROUP_CLINICIAN)[0])
    return user
