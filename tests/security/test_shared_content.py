"""Guideline wording and evidence figures: every program reads them, superusers edit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from decisionaids.models import EvidenceFigure
from patients.access import GROUP_PROGRAM_ADMIN
from patients.roles import grant_role_permissions
from recommendations.models import RuleContent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RULE = "RR-CNS-ISOLATED-IT"


@pytest.fixture
def program_admin(program) -> Client:
    user = UserFactory(username="north-admin", programs=[program], is_staff=True)
    user.groups.add(Group.objects.get(name=GROUP_PROGRAM_ADMIN))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser() -> Client:
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def rule_admin(row: RuleContent) -> str:
    return f"/admin/recommendations/rulecontent/{row.pk}/change/"


def figure_admin(row: EvidenceFigure) -> str:
    return f"/admin/decisionaids/evidencefigure/{row.pk}/change/"


def rule_form(row: RuleContent, statement: str) -> dict:
    return {
        "statement": statement,
        "strength": row.strength,
        "strength_stated": "on" if row.strength_stated else "",
        "certainty": row.certainty,
        "_save": "Save",
    }


def test_the_program_admin_role_may_view_but_not_change_shared_content():
    group = Group.objects.get(name=GROUP_PROGRAM_ADMIN)
    codenames = set(group.permissions.values_list("codename", flat=True))

    assert {"view_rulecontent", "view_evidencefigure"} <= codenames
    assert not {"change_rulecontent", "change_evidencefigure"} & codenames


def test_a_change_right_granted_by_an_earlier_version_is_taken_back():
    group = Group.objects.get(name=GROUP_PROGRAM_ADMIN)
    group.permissions.add(
        Permission.objects.get(codename="change_rulecontent"),
        Permission.objects.get(codename="change_evidencefigure"),
    )

    grant_role_permissions()

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert not {"change_rulecontent", "change_evidencefigure"} & codenames
    assert "change_case" in codenames  # the role's own rights stay


def test_a_program_admin_reads_the_wording_but_cannot_save_it(program_admin):
    row = RuleContent.objects.get(rule_id=RULE)
    before = row.statement

    page = program_admin.get(rule_admin(row))
    saved = program_admin.post(rule_admin(row), rule_form(row, "Changed for all."))

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert saved.status_code == 403
    row.refresh_from_db()
    assert row.statement == before


def test_a_program_admin_cannot_revert_the_wording_through_its_history(
    program_admin,
):
    row = RuleContent.objects.get(rule_id=RULE)
    original = row.statement
    row.statement = "An earlier wording."
    row.save()
    earlier = row.history.filter(statement="An earlier wording.").first()
    row.statement = original
    row.save()
    history_form = (
        f"/admin/recommendations/rulecontent/{row.pk}/history/{earlier.history_id}/"
    )

    response = program_admin.post(history_form, rule_form(row, "An earlier wording."))

    assert response.status_code == 403
    row.refresh_from_db()
    assert row.statement == original


def test_a_program_admin_reads_an_evidence_figure_but_cannot_save_it(program_admin):
    row = EvidenceFigure.objects.order_by("ev_id").first()
    before = row.statement

    page = program_admin.get(figure_admin(row))
    saved = program_admin.post(figure_admin(row), {"statement": "Changed for all."})

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert saved.status_code == 403
    row.refresh_from_db()
    assert row.statement == before


def test_a_superuser_corrects_the_wording(superuser):
    row = RuleContent.objects.get(rule_id=RULE)

    response = superuser.post(
        rule_admin(row), rule_form(row, row.statement + " (corrected)")
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.statement.endswith("(corrected)")
    assert row.updated_by.username == "root"
