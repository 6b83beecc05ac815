"""The demo program loads through the import path and covers every vignette."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from patients import demo
from patients.models import Case, Program
from tests.conftest import VIGNETTE_FILES

pytestmark = pytest.mark.django_db
IDENTITY = {"case_id", "given_name", "family_name", "preferred_language"}


def test_load_demo_creates_about_thirty_cases_and_a_working_login(client, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "Demo login: username 'demo', password 'aya-demo-2026'" in out
    program = Program.objects.get(slug="demo")
    assert 28 <= Case.objects.filter(program=program).count() <= 35
    response = client.post(
        "/accounts/login/", {"username": "demo", "password": "aya-demo-2026"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_the_demo_program_has_a_care_team_contact_an_admin_may_change():
    call_command("load_demo")
    program = Program.objects.get(slug="demo")
    assert (program.care_team_name, program.care_team_phone) == (
        demo.CARE_TEAM_NAME,
        demo.CARE_TEAM_PHONE,
    )
    program.care_team_phone = "+1 555 0199"
    program.save()
    call_command("load_demo")
    program.refresh_from_db()
    assert program.care_team_phone == "+1 555 0199"


def test_demo_uses_the_2026_2_members():
    """Work-up with results (some relapses with items open), tested_on, appointments."""
    loaded = demo.demo_documents()
    workup_cases = [
        d for d in loaded if any(e["type"] == "workup" for e in d["events"])
    ]
    assert len(workup_cases) >= 3
    assert all(
        e.get("result")
        for d in workup_cases
        for e in d["events"]
        if e["type"] == "workup"
    )
    done = [{e["test"] for e in d["events"] if e["type"] == "workup"} for d in loaded]
    assert any(len(tests) < 4 for tests in done if tests), "some work-up left open"
    assert any("tested_on" in d["markers"] for d in loaded)
    scheduled = [
        r for d in loaded for r in d["referrals"] if r["status"] == "scheduled"
    ]
    assert scheduled
    assert all(r["appointment_date"] > r["date"] for r in scheduled)


def test_load_demo_twice_updates_instead_of_duplicating():
    call_command("load_demo")
    call_command("load_demo")
    assert Case.objects.count() == len(demo.demo_documents())


def test_demo_contains_every_vignette_case():
    loaded = demo.demo_documents()
    stripped = [{k: v for k, v in d.items() if k not in IDENTITY} for d in loaded]
    for path in VIGNETTE_FILES:
        vignette = json.loads(path.read_text())["case"]
        wanted = {k: v for k, v in vignette.items() if k not in IDENTITY}
        assert wanted in stripped, path.name


def test_demo_names_and_ids_are_unique():
    loaded = demo.demo_documents()
    assert len({d["case_id"] for d in loaded}) == len(loaded)
    assert len({(d["given_name"], d["family_name"]) for d in loaded}) == len(loaded)


def test_a_weak_demo_password_is_refused_by_the_validators_and_nothing_is_made():
    from django.contrib.auth import get_user_model
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as refused:
        call_command("load_demo", "--password", "1")

    message = str(refused.value)
    assert message.startswith("The demo password is refused:")
    assert "too short" in message
    assert "entirely numeric" in message
    assert not get_user_model().objects.filter(username="demo").exists()
    assert not Program.objects.filter(slug="demo").exists()


def test_the_demo_login_is_a_coordinator_and_clinician_not_staff():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    # given a demo login left by an earlier version: staff with every role
    call_command("load_demo")
    user = get_user_model().objects.get(username="demo")
    user.is_staff = True
    user.save()
    user.groups.set(Group.objects.all())

    call_command("load_demo")

    user.refresh_from_db()
    assert user.is_staff is False
    assert user.is_superuser is False
    assert sorted(user.groups.values_list("name", flat=True)) == [
        "clinician",
        "coordinator",
    ]


def test_load_demo_is_refused_where_the_demo_is_not_allowed(settings):
    from django.contrib.auth import get_user_model
    from django.core.management.base import CommandError

    from patients.management.commands.load_demo import MSG_REFUSED

    settings.AYA_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="refused on these settings"):
        call_command("load_demo")
    assert "production" in MSG_REFUSED
    assert not get_user_model().objects.filter(username="demo").exists()


def test_production_settings_do_not_allow_the_demo():
    from tests.security.test_static_check import PRODUCTION
    from tests.test_settings import settings_in_subprocess

    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SETTINGS_MODULE"}
    assert (
        settings_in_subprocess("config.settings.production", env, "s.AYA_DEMO_ALLOWED")
        == "False"
    )
    assert settings_in_subprocess(
        "config.settings.local", {}, "s.AYA_DEMO_ALLOWED"
    ) == ("True")
