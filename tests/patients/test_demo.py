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
    assert client.login(username="demo", password="aya-demo-2026")
    assert client.get("/").status_code == 200


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
