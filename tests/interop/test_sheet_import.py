"""Preview then import: all or nothing, idempotent by case_id, audited, token-bound."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from interop import errors, services
from interop.models import PendingSheet
from interop.sheets.compare import canonical
from patients.documents import case_to_document
from patients.models import AuditEntry, Case, Event, Referral
from patients.services import case_update
from tests.conftest import vignette_case
from tests.factories import UserFactory
from tests.interop.sheet_builder import rows_for, xlsx

pytestmark = pytest.mark.django_db
NAMES = [
    "b_first_relapse_cd19_cd22.json",
    "remission_after_ino_hsct_planned.json",
    "ph_positive_t315i.json",
]


@pytest.fixture
def coordinator(program):
    user = UserFactory(username="coordinator2", programs=[program])
    user.groups.add(Group.objects.get_or_create(name="coordinator")[0])
    return user


def documents() -> list[dict]:
    return [vignette_case(name) for name in NAMES]


def upload(docs: list[dict]) -> list[tuple[str, bytes]]:
    return [("cases.xlsx", xlsx(rows_for(docs)))]


def preview_and_import(program, user, docs):  # noqa: ANN001, ANN201
    now = timezone.now()
    result, pending = services.sheet_preview_create(
        files=upload(docs), program=program, actor=user, now=now
    )
    assert result.problems == [], [str(p) for p in result.problems]
    outcome = services.sheet_import_commit(token=pending.token, actor=user, now=now)
    return result, outcome


def in_order(document: dict) -> dict:
    """The timeline sorted: the registry keeps it in date order."""
    return document | {
        member: sorted(document[member], key=lambda item: sorted(item.items()))
        for member in ("events", "referrals")
    }


def registry() -> tuple:
    return (
        sorted(Case.objects.values_list("case_id", "version", "updated_at")),
        sorted(Event.objects.values_list("id", flat=True)),
        sorted(Referral.objects.values_list("id", flat=True)),
        AuditEntry.objects.exclude(target__startswith="sheet").count(),
    )


def test_an_import_creates_the_cases_as_the_documents_say(program, coordinator):
    result, outcome = preview_and_import(program, coordinator, documents())

    assert [c.status for c in result.cases] == ["new", "new", "new"]
    assert (len(outcome.created), outcome.updated, outcome.unchanged) == (3, [], 0)
    for document in documents():
        stored = Case.objects.get(program=program, case_id=document["case_id"])
        assert in_order(case_to_document(stored)) == in_order(canonical(document))
    assert not PendingSheet.objects.exists()


def test_the_import_is_audited_per_case_and_once_for_the_sheet(program, coordinator):
    preview_and_import(program, coordinator, documents())

    per_case = AuditEntry.objects.filter(action="imported", target="case")
    sheet = AuditEntry.objects.get(action="imported", target="sheet")
    preview = AuditEntry.objects.get(action="viewed", target="sheet-preview")
    assert sorted(per_case.values_list("case_ref", flat=True)) == [
        "PUB-001",
        "PUB-004",
        "PUB-005",
    ]
    assert (sheet.actor, sheet.program, sheet.case) == (coordinator, program, None)
    assert sheet.detail["created"] == 3
    assert preview.detail == {
        "rows": 3 + 2 + 3,
        "new": 3,
        "updated": 0,
        "unchanged": 0,
        "problems": 0,
    }


def test_re_importing_the_same_sheet_changes_nothing(program, coordinator):
    preview_and_import(program, coordinator, documents())
    before = registry()

    result, pending = services.sheet_preview_create(
        files=upload(documents()),
        program=program,
        actor=coordinator,
        now=timezone.now(),
    )

    assert [c.status for c in result.cases] == ["unchanged"] * 3
    assert pending is None
    assert not result.can_import
    assert registry() == before


def test_re_importing_from_the_command_line_changes_no_case_either(
    program, coordinator, tmp_path
):
    preview_and_import(program, coordinator, documents())
    before = registry()
    path = tmp_path / "cases.xlsx"
    path.write_bytes(upload(documents())[0][1])
    out = StringIO()

    call_command("import_sheet", str(path), program="north", stdout=out)

    assert "0 new, 0 updated, 3 unchanged" in out.getvalue()
    assert registry() == before
    # What a no-op re-import records: one entry for the program, no case touched.
    last = AuditEntry.objects.filter(target="sheet").order_by("-id").first()
    assert (last.case, last.detail["unchanged"], last.detail["updated"]) == (None, 3, 0)


def test_a_changed_row_updates_only_that_case(program, coordinator):
    preview_and_import(program, coordinator, documents())
    versions = dict(Case.objects.values_list("case_id", "version"))
    changed = documents()
    changed[0]["disease"]["marrow_blast_percent"] = 45
    changed[1]["events"].append(
        {"type": "toxicity", "date": "2026-10-01", "toxicity": "crs", "grade": 2}
    )

    result, outcome = preview_and_import(program, coordinator, changed)

    statuses = {
        c.case_id: (c.status, c.change.fields, c.change.events.added)
        for c in result.cases
    }
    assert statuses == {
        "PUB-001": ("updated", ["marrow_blast_percent"], 0),
        "PUB-004": ("updated", [], 1),
        "PUB-005": ("unchanged", [], 0),
    }
    assert sorted(outcome.updated) == ["PUB-001", "PUB-004"]
    after = dict(Case.objects.values_list("case_id", "version"))
    assert after == {
        "PUB-001": versions["PUB-001"] + 1,
        "PUB-004": versions["PUB-004"] + 1,
        "PUB-005": versions["PUB-005"],
    }


def test_a_sheet_with_any_problem_keeps_nothing_and_writes_nothing(
    program, coordinator
):
    bad = documents()
    bad[2]["diagnosis"]["date"] = "2030-01-01"

    result, pending = services.sheet_preview_create(
        files=upload(bad), program=program, actor=coordinator, now=timezone.now()
    )

    assert [c.status for c in result.cases] == ["new", "new", "invalid"]
    assert pending is None
    assert not Case.objects.exists()
    assert not PendingSheet.objects.exists()


def test_the_pending_upload_keeps_documents_not_the_file(program, coordinator):
    _, pending = services.sheet_preview_create(
        files=upload(documents()),
        program=program,
        actor=coordinator,
        now=timezone.now(),
    )

    assert [d["case_id"] for d in pending.documents] == [
        "PUB-001",
        "PUB-004",
        "PUB-005",
    ]
    assert len(pending.token) >= 43
    assert pending.locations["documents"][1] == {
        "case": 3,
        "events": [2, 3],
        "referrals": [2, 3, 4],
    }
    assert not hasattr(pending, "file")


def test_a_case_edited_after_the_preview_stops_the_whole_import(program, coordinator):
    preview_and_import(program, coordinator, documents()[:1])
    docs = documents()
    docs[0]["disease"]["marrow_blast_percent"] = 55
    now = timezone.now()
    _, pending = services.sheet_preview_create(
        files=upload(docs), program=program, actor=coordinator, now=now
    )
    case = Case.objects.get(case_id="PUB-001")
    case_update(case=case, actor=coordinator, data={"weight_kg": 70.0})

    with pytest.raises(services.ApplicationError) as stopped:
        services.sheet_import_commit(token=pending.token, actor=coordinator, now=now)

    assert stopped.value.message == errors.MSG_CHANGED_SINCE_PREVIEW.format(
        case_id="PUB-001"
    )
    assert sorted(Case.objects.values_list("case_id", flat=True)) == ["PUB-001"]
    assert PendingSheet.objects.filter(pk=pending.pk).exists()


def test_the_token_is_the_uploaders_and_it_expires(program, coordinator):
    now = timezone.now()
    _, pending = services.sheet_preview_create(
        files=upload(documents()), program=program, actor=coordinator, now=now
    )
    other = UserFactory(username="other-coordinator", programs=[program])
    other.groups.add(Group.objects.get(name="coordinator"))
    expired = errors.MSG_EXPIRED.format(minutes=30)

    with pytest.raises(services.ApplicationError, match="no longer waiting"):
        services.sheet_import_commit(token=pending.token, actor=other, now=now)
    with pytest.raises(services.ApplicationError) as late:
        services.sheet_import_commit(
            token=pending.token, actor=coordinator, now=now + dt.timedelta(minutes=31)
        )

    assert late.value.message == expired
    assert not Case.objects.exists()


def test_a_second_click_finds_the_upload_already_imported(program, coordinator):
    now = timezone.now()
    _, pending = services.sheet_preview_create(
        files=upload(documents()), program=program, actor=coordinator, now=now
    )
    services.sheet_import_commit(token=pending.token, actor=coordinator, now=now)

    with pytest.raises(services.ApplicationError, match="no longer waiting"):
        services.sheet_import_commit(token=pending.token, actor=coordinator, now=now)

    assert Case.objects.count() == 3


def test_a_new_preview_replaces_the_users_earlier_one(program, coordinator):
    now = timezone.now()
    services.sheet_preview_create(
        files=upload(documents()), program=program, actor=coordinator, now=now
    )
    services.sheet_preview_create(
        files=upload(documents()[:1]), program=program, actor=coordinator, now=now
    )

    assert PendingSheet.objects.get().changed == ["PUB-001"]


def test_a_member_without_the_registrys_edit_permissions_cannot_import(program):
    reader = UserFactory(username="reader", programs=[program])

    with pytest.raises(services.ApplicationError) as refused:
        services.sheet_preview_create(
            files=upload(documents()), program=program, actor=reader, now=timezone.now()
        )

    assert refused.value.message == errors.MSG_NO_IMPORT_ACCESS


def test_the_command_lists_problems_by_sheet_row_and_column(program, tmp_path):
    bad = documents()
    bad[0]["birth_date"] = "2040-01-01"
    path = tmp_path / "cases.xlsx"
    path.write_bytes(upload(bad)[0][1])
    err = StringIO()

    with pytest.raises(CommandError, match="Nothing can be imported"):
        call_command(
            "import_sheet", str(path), program="north", stderr=err, stdout=StringIO()
        )

    assert (
        "sheet cases, row 2, column I (evaluation_date): This date is before the "
        "birth date (2040-01-01)." in err.getvalue()
    )
    assert not Case.objects.exists()


def test_the_command_dry_run_writes_nothing(program, tmp_path):
    path = tmp_path / "cases.xlsx"
    path.write_bytes(upload(documents())[0][1])
    out = StringIO()

    call_command("import_sheet", str(path), program="north", dry_run=True, stdout=out)

    assert "Dry run, nothing written: 3 new, 0 updated, 0 unchanged." in out.getvalue()
    assert not Case.objects.exists()
    assert "PUB-001 (row 2): new" in out.getvalue()
