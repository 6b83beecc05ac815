"""RoleBackend: permissions and groups in one query, answered as ModelBackend does."""

from __future__ import annotations

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.urls import reverse

from dashboard.access import dashboard_role_check
from patients.auth_backend import RoleBackend, user_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):  # noqa: ANN001, ANN202
    """The user as the next request loads it (no permission cache)."""
    return type(user).objects.get(pk=user.pk)


def _every_permission() -> list[str]:
    return [
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    ]


@pytest.mark.parametrize(
    "groups",
    [
        (),
        ("coordinator",),
        ("clinician",),
        ("program_admin",),
        ("coordinator", "program_admin"),
    ],
)
@pytest.mark.parametrize("own", [False, True])
@pytest.mark.parametrize("superuser", [False, True])
@pytest.mark.parametrize("active", [True, False])
def test_every_permission_is_answered_as_model_backend_answers(
    groups, own, superuser, active
):
    user = UserFactory(is_superuser=superuser, is_active=active)
    user.groups.set(Group.objects.filter(name__in=groups))
    if own:
        user.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    every = _every_permission()
    assert len(every) > 50
    ours, django = RoleBackend(), ModelBackend()
    expected = {p for p in every if django.has_perm(_fresh(user), p)}
    assert {p for p in every if ours.has_perm(_fresh(user), p)} == expected
    assert ours.get_all_permissions(_fresh(user)) == django.get_all_permissions(
        _fresh(user)
    )
    assert user_roles(_fresh(user)).groups == (set(groups) if active else set())


def test_permissions_and_groups_are_one_query_then_none(django_assert_num_queries):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="program_admin"))
    user = _fresh(user)
    with django_assert_num_queries(1):
        assert user.has_perm("patients.view_auditentry")
        assert user.has_perm("patients.add_case")
        assert not user.has_perm("recommendations.change_rulecontent")
        assert dashboard_role_check(user)
    with django_assert_num_queries(0):
        assert user.has_perm("patients.delete_case")


def test_signed_out_and_inactive_users_have_nothing(django_assert_num_queries):
    inactive = UserFactory(is_active=False, is_superuser=True)
    inactive.groups.add(Group.objects.get(name="coordinator"))
    with django_assert_num_queries(0):
        assert user_roles(AnonymousUser()).permissions == frozenset()
        assert user_roles(inactive).groups == frozenset()
        assert not RoleBackend().has_perm(inactive, "patients.view_case")
        assert not dashboard_role_check(inactive)


def test_a_role_change_holds_from_the_next_request(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("case-list"))
    assert b">Audit</a>" not in page.content
    assert b">Dashboard</a>" not in page.content
    user.groups.add(Group.objects.get(name="program_admin"))
    page = client.get(reverse("case-list"))
    assert b">Audit</a>" in page.content
    assert b">Dashboard</a>" in page.content
    user.groups.clear()
    page = client.get(reverse("case-list"))
    assert b">Audit</a>" not in page.content
