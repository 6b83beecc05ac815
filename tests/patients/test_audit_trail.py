"""The audit trail itself: append-only, actors kept, sessions and exports recorded."""

from __future__ import annotations

import getpass
import importlib
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from patients.models import AuditAppendOnly, AuditEntry
from patients.services import audit_record
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db
audit_reads = importlib.import_module("patients.migrations.0006_audit_reads")
PASSWORD = "correct horse battery staple"  # noqa: S105 - the factories' password


def test_an_entry_once_written_cannot_be_changed_or_deleted(member):
    # given an audit entry
    entry = audit_record(actor=member, action=AuditEntry.Action.VIEWED)

    # when the application tries to change or delete it, one way or another
    entry.action = AuditEntry.Action.DELETED
    attempts = [
        entry.save,
        entry.delete,
        lambda: AuditEntry.objects.filter(pk=entry.pk).update(target="x"),
        lambda: AuditEntry.objects.filter(pk=entry.pk).delete(),
        lambda: AuditEntry.objects.bulk_update([entry], ["action"]),
        lambda: AuditEntry.objects.all().delete(),
    ]

    # then each is refused and the entry is as written
    for attempt in attempts:
        with pytest.raises(AuditAppendOnly):
            attempt()
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.action, stored.target) == ("viewed", "case")


def test_deleting_a_user_keeps_their_name_on_their_entries(program):
    # given a user who read a case
    reader = UserFactory(username="dr.rivera", programs=[program])
    case = CaseFactory(program=program)
    entry = audit_record(actor=reader, action=AuditEntry.Action.VIEWED, case=case)

    # when the user is deleted
    reader.delete()

    # then the entry no longer links the user but still names them
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor is None
    assert entry.actor_username == "dr.rivera"


def test_the_migration_copies_the_actor_of_existing_entries(member):
    # given entries written before usernames were copied
    entry = audit_record(actor=member, action=AuditEntry.Action.VIEWED)
    anonymous = audit_record(actor=None, action=AuditEntry.Action.IMPORTED)
    AuditEntry._base_manager.filter(pk__in=[entry.pk, anonymous.pk]).update(
        actor_username=""
    )

    # when the data migration runs
    audit_reads.copy_usernames(apps, None)

    # then the actor's username is on their entry, and none is invented
    names = dict(AuditEntry.objects.values_list("pk", "actor_username"))
    assert names[entry.pk] == member.username
    assert names[anonymous.pk] == ""


def test_sign_in_failed_sign_in_and_sign_out_are_recorded(client, member):
    # when someone tries a wrong password, signs in, then signs out
    login = reverse("login")
    wrong = {"username": member.username, "password": "not the password"}
    client.post(login, wrong, REMOTE_ADDR="192.0.2.7")
    right = {"username": member.username, "password": PASSWORD}
    client.post(login, right, REMOTE_ADDR="192.0.2.7")
    client.post(reverse("logout"), REMOTE_ADDR="192.0.2.7")

    # then each is one entry, naming who and from where, and never the password
    entries = list(
        AuditEntry.objects.filter(target="session")
        .order_by("id")
        .values_list("action", "actor", "actor_username", "remote_addr")
    )
    assert entries == [
        ("sign_in_failed", None, member.username, "192.0.2.7"),
        ("signed_in", member.pk, member.username, "192.0.2.7"),
        ("signed_out", member.pk, member.username, "192.0.2.7"),
    ]
    stored = str(list(AuditEntry.objects.values()))
    assert "not the password" not in stored


def test_a_failed_sign_in_with_an_unknown_name_keeps_the_name_tried(client, db):
    client.post(reverse("login"), {"username": "nobody", "password": "x"})

    entry = AuditEntry.objects.get(action="sign_in_failed")
    assert (entry.actor, entry.actor_username) == (None, "nobody")


def test_edits_record_the_address_of_the_request(client, member, program):
    # given a member editing a case's facts from a known address
    case = CaseFactory(program=program)
    client.force_login(member)

    # when they add an event
    client.post(
        reverse("event-add", args=[case.pk]),
        {"type": "relapse", "date": "2026-10-20"},
        REMOTE_ADDR="2001:db8::5",
    )

    # then the service's audit entry carries the address
    entry = AuditEntry.objects.get(action="created", target="event")
    assert (entry.actor_username, entry.remote_addr) == (member.username, "2001:db8::5")


def _export(tmp_path: Path, **options) -> None:  # noqa: ANN003
    call_command(
        "export_cases",
        program="north",
        out=tmp_path / "out.json",
        stderr=StringIO(),
        **options,
    )


def test_export_cases_records_the_named_actor_in_one_insert(tmp_path, program, member):
    # given three cases
    cases = CaseFactory.create_batch(3, program=program)

    # when they are exported naming the actor
    with CaptureQueriesContext(connection) as queries:
        _export(tmp_path, as_user=member.username)

    # then one insert records each case's export by that actor
    inserts = [
        q for q in queries if q["sql"].startswith('INSERT INTO "patients_auditentry"')
    ]
    assert len(inserts) == 1
    exported = AuditEntry.objects.filter(action="exported")
    assert sorted(exported.values_list("case_id", flat=True)) == sorted(
        case.pk for case in cases
    )
    assert set(exported.values_list("actor", "actor_username")) == {
        (member.pk, member.username)
    }


def test_export_cases_without_an_actor_records_the_system_user(tmp_path, program):
    CaseFactory(program=program)

    _export(tmp_path)

    entry = AuditEntry.objects.get(action="exported")
    assert entry.actor is None
    assert entry.actor_username == f"os:{getpass.getuser()}"


def test_export_cases_refuses_an_unknown_actor(tmp_path, program):
    CaseFactory(program=program)

    with pytest.raises(CommandError, match="No user is named 'ghost'"):
        _export(tmp_path, as_user="ghost")

    assert not AuditEntry.objects.exists()
    assert get_user_model().objects.count() == 0


def test_a_bulk_delete_in_the_admin_is_one_entry_naming_the_cases(client, program):
    # given three cases and a staff member of their program
    admin_user = UserFactory(
        username="site-admin", programs=[program], is_staff=True, is_superuser=True
    )
    cases = CaseFactory.create_batch(3, program=program)
    client.force_login(admin_user)
    pks = sorted(case.pk for case in cases)

    # when two of them are deleted at once with the admin's action
    response = client.post(
        reverse("admin:patients_case_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": pks[:2],
            "post": "yes",
        },
    )

    # then one entry records the deletion of both, by whom
    assert response.status_code == 302
    deleted = AuditEntry.objects.get(action="deleted")
    assert deleted.shown_case_pks == pks[:2]
    assert deleted.actor_username == "site-admin"
    assert deleted.detail == {"via": "admin", "rows": 2, "cases": 2}
    assert list(program.cases.values_list("pk", flat=True)) == pks[2:]


def test_a_list_across_two_programs_is_one_entry_each_in_one_insert(client, db):
    # given a member of two programs with a case in each
    from tests.factories import ProgramFactory

    north, south = ProgramFactory(slug="north"), ProgramFactory(slug="south")
    reader = UserFactory(username="both", programs=[north, south])
    mine = {CaseFactory(program=north).pk: north, CaseFactory(program=south).pk: south}
    client.force_login(reader)

    # when they open the case list
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("case-list"))

    # then one INSERT wrote one entry per program, each naming its program's case
    inserts = [
        q for q in queries if q["sql"].startswith('INSERT INTO "patients_auditentry"')
    ]
    assert len(inserts) == 1
    entries = AuditEntry.objects.filter(action="viewed_list")
    assert {(e.program_id, tuple(e.shown_case_pks)) for e in entries} == {
        (program.pk, (pk,)) for pk, program in mine.items()
    }
    assert {e.remote_addr for e in entries} == {"127.0.0.1"}


def test_a_search_records_which_filters_were_used_never_the_terms(
    client, member, program
):
    # given a case and a member
    case = CaseFactory(program=program, family_name="Cardenas")
    client.force_login(member)

    # when they search by name, on the page and through the API
    client.post(reverse("case-list"), {"q": "Cardenas", "lineage": "B"})
    client.post(
        "/api/v1/cases/search/", {"q": "Cardenas"}, content_type="application/json"
    )

    # then each search names the case it found and the filters, not the name typed
    searches = AuditEntry.objects.filter(action="searched").order_by("pk")
    assert [(e.target, e.shown_case_pks) for e in searches] == [
        ("case_search", [case.pk]),
        ("case_search", [case.pk]),
    ]
    assert searches[0].detail == {"filters": ["lineage", "q"], "cases": 1}
    assert searches[1].detail == {"via": "api", "filters": ["q"], "cases": 1}
    assert "Cardenas" not in str(list(AuditEntry.objects.values()))
