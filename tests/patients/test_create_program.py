"""manage.py create_program: the first program and its administrators, plain errors."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from patients import services
from patients.access import GROUP_CLINICIAN, GROUP_PROGRAM_ADMIN, program_admin_check
from patients.errors import ApplicationError
from patients.management.commands.create_program import MSG_NO_SUCH_USER
from patients.models import AuditEntry, Program
from tests.factories import ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


def create_program(*args: str) -> str:
    out = io.StringIO()
    call_command("create_program", *args, stdout=out)
    return out.getvalue()


def test_creates_the_program_and_makes_the_admin_a_member_with_the_roles():
    alice = UserFactory(username="alice")

    out = create_program(
        "--name",
        "North AYA Program",
        "--admin",
        "alice",
        "--role",
        GROUP_PROGRAM_ADMIN,
        "--role",
        GROUP_CLINICIAN,
    )

    program = Program.objects.get()
    assert (program.name, program.slug) == ("North AYA Program", "north-aya-program")
    assert list(program.members.all()) == [alice]
    assert set(alice.groups.values_list("name", flat=True)) == {
        GROUP_PROGRAM_ADMIN,
        GROUP_CLINICIAN,
    }
    assert program_admin_check(alice, program)
    assert "Program 'North AYA Program' created (slug 'north-aya-program')" in out
    assert "members: alice (roles: program_admin, clinician)" in out
    audit = AuditEntry.objects.filter(program=program).order_by("id")
    assert [(a.action, a.target) for a in audit] == [
        ("created", "program"),
        ("updated", "membership"),
    ]
    assert audit[1].detail == {
        "user": alice.pk,
        "roles": sorted([GROUP_CLINICIAN, GROUP_PROGRAM_ADMIN]),
    }


def test_the_default_role_is_program_admin_and_the_slug_can_be_given():
    bob = UserFactory(username="bob")

    create_program("--name", "South AYA", "--slug", "south", "--admin", "bob")

    assert Program.objects.get(slug="south").members.get() == bob
    assert list(bob.groups.values_list("name", flat=True)) == [GROUP_PROGRAM_ADMIN]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--name", "Another name", "--slug", "north"],
            "A program with the slug 'north' already exists.",
        ),
        (
            ["--name", "North AYA Program", "--slug", "north-2"],
            "A program named 'North AYA Program' already exists.",
        ),
        (
            ["--name", "East", "--slug", "East Side!"],
            "The program was not created: slug: Enter a valid “slug”",
        ),
        (
            ["--name", "West", "--admin", "nobody"],
            MSG_NO_SUCH_USER.format(username="nobody"),
        ),
        (["--name", "!!!"], "Cannot make a slug from '!!!'; give one with --slug."),
    ],
)
def test_bad_input_is_refused_with_a_plain_message_and_changes_nothing(args, message):
    ProgramFactory(name="North AYA Program", slug="north")
    before = (Program.objects.count(), AuditEntry.objects.count())

    with pytest.raises(CommandError) as refused:
        create_program(*args)

    assert message in str(refused.value)
    assert (Program.objects.count(), AuditEntry.objects.count()) == before


def test_an_unknown_role_is_refused_by_the_service():
    program = ProgramFactory()
    user = UserFactory()

    with pytest.raises(ApplicationError, match="Unknown role 'surgeon'"):
        services.program_member_add(
            program=program, user=user, roles=["surgeon"], actor=None
        )

    assert not program.members.exists()
