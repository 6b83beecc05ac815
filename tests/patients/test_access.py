"""Sign-in everywhere, role groups, Argon2, and program isolation."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.models import Group
from django.urls import reverse

from patients import access, models, selectors
from tests.factories import CaseFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/admin/",
        "/admin/patients/case/",
        "/admin/patients/referral/",
        "/accounts/password_change/",
    ],
)
def test_every_page_requires_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_login_page_is_open(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'<label for="id_username">' in response.content


def test_role_groups_exist_from_the_migration():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"coordinator", "clinician", "program_admin"} <= names


def test_program_admin_group_can_read_the_audit_and_edit_cases():
    group = Group.objects.get(name="program_admin")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_auditentry", "change_case", "delete_event"} <= codenames
    coordinator = set(
        Group.objects.get(name="coordinator").permissions.values_list(
            "codename", flat=True
        )
    )
    assert "view_auditentry" not in coordinator


def test_passwords_are_hashed_with_argon2():
    from django.contrib.auth.hashers import make_password
    from django.test import override_settings

    from config.settings import base

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert (
            identify_hasher(make_password("a long pass phrase")).algorithm == "argon2"
        )


def test_users_see_only_their_programs_cases(client):
    # given two programs, each with a case, and a member of the first only
    north, south = ProgramFactory(slug="north"), ProgramFactory(slug="south")
    mine = CaseFactory(program=north, family_name="Northcase")
    theirs = CaseFactory(program=south, family_name="Southcase")
    user = UserFactory(programs=[north])
    # when the member looks
    client.force_login(user)
    page = client.get("/").content.decode()
    # then only the own program's case is there
    assert "Northcase" in page
    assert "Southcase" not in page
    assert list(selectors.case_list_for_user(user=user)) == [mine]
    assert selectors.case_get_for_user(user=user, pk=theirs.pk) is None
    assert access.case_access_check(user, mine) is True
    assert access.case_access_check(user, theirs) is False


def test_admin_lists_only_the_users_programs(client):
    north, south = ProgramFactory(slug="north"), ProgramFactory(slug="south")
    CaseFactory(program=north, case_id="NORTH-1")
    other = CaseFactory(program=south, case_id="SOUTH-1")
    user = UserFactory(programs=[north], is_staff=True)
    user.groups.add(Group.objects.get(name="program_admin"))
    client.force_login(user)
    listing = client.get("/admin/patients/case/").content.decode()
    assert "NORTH-1" in listing
    assert "SOUTH-1" not in listing
    assert client.get(f"/admin/patients/case/{other.pk}/change/").status_code == 302


def test_inactive_users_and_non_members_get_nothing():
    program = ProgramFactory()
    case = CaseFactory(program=program)
    outsider = UserFactory()
    inactive = UserFactory(programs=[program], is_active=False)
    assert access.case_access_check(outsider, case) is False
    assert access.case_access_check(inactive, case) is False
    assert not selectors.case_list_for_user(user=inactive).exists()


def test_program_admin_check_needs_membership_and_role():
    program = ProgramFactory()
    member = UserFactory(programs=[program])
    assert access.program_admin_check(member, program) is False
    member.groups.add(Group.objects.get(name="program_admin"))
    assert access.program_admin_check(member, program) is True
    assert access.program_admin_check(UserFactory(), program) is False


def _program_form(program, user, **changes) -> dict:
    """The admin's program change form as a browser would post it."""
    membership = program.programmembership_set.get(user=user)
    return {
        "name": program.name,
        "slug": program.slug,
        "mental_health_interval_days": program.mental_health_interval_days,
        "care_team_name": program.care_team_name,
        "care_team_phone": program.care_team_phone,
        "programmembership_set-TOTAL_FORMS": "1",
        "programmembership_set-INITIAL_FORMS": "1",
        "programmembership_set-0-id": str(membership.pk),
        "programmembership_set-0-program": str(program.pk),
        "programmembership_set-0-user": str(user.pk),
        **changes,
    }


def test_a_program_admin_sets_the_care_team_contact_in_the_admin(client):
    # given a program admin of the north program
    program = ProgramFactory(slug="north")
    admin = UserFactory(programs=[program], is_staff=True)
    admin.groups.add(Group.objects.get(name="program_admin"))
    client.force_login(admin)
    url = f"/admin/patients/program/{program.pk}/change/"
    assert "Decision aids" in client.get(url).content.decode()

    # when they set the care team's name and phone
    response = client.post(
        url,
        _program_form(
            program,
            admin,
            care_team_name="North AYA Leukemia Team",
            care_team_phone="+1 555 0100",
        ),
    )

    # then the program carries them
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.care_team_name, program.care_team_phone) == (
        "North AYA Leukemia Team",
        "+1 555 0100",
    )


def test_a_phone_that_cannot_be_dialled_is_refused_in_plain_words(client):
    program = ProgramFactory(slug="north", care_team_phone="+1 555 0100")
    admin = UserFactory(programs=[program], is_staff=True)
    admin.groups.add(Group.objects.get(name="program_admin"))
    client.force_login(admin)

    response = client.post(
        f"/admin/patients/program/{program.pk}/change/",
        _program_form(program, admin, care_team_phone="ring the ward"),
    )

    assert response.status_code == 200
    assert models.MSG_PHONE in response.content.decode()
    program.refresh_from_db()
    assert program.care_team_phone == "+1 555 0100"


def test_a_coordinator_cannot_change_the_program_settings(client):
    program = ProgramFactory(slug="north")
    coordinator = UserFactory(programs=[program], is_staff=True)
    coordinator.groups.add(Group.objects.get(name="coordinator"))
    client.force_login(coordinator)

    response = client.post(
        f"/admin/patients/program/{program.pk}/change/",
        _program_form(program, coordinator, care_team_name="Changed"),
    )

    assert response.status_code == 403
    program.refresh_from_db()
    assert program.care_team_name == ""


def test_the_case_admin_edits_the_2026_2_members(client):
    program = ProgramFactory(slug="north")
    case = CaseFactory(program=program)
    case.events.create(
        type="workup", date=case.latest_relapse_date, test="hla_typing", result="Sent"
    )
    case.referrals.create(
        kind="fertility",
        status="scheduled",
        date=case.evaluation_date,
        appointment_date=case.evaluation_date,
    )
    admin = UserFactory(programs=[program], is_staff=True)
    admin.groups.add(Group.objects.get(name="program_admin"))
    client.force_login(admin)

    page = client.get(f"/admin/patients/case/{case.pk}/change/").content.decode()

    assert 'name="markers_tested_on"' in page
    assert 'name="events-0-test"' in page
    assert 'value="Sent"' in page
    assert 'name="referrals-0-appointment_date"' in page
