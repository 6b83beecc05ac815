"""The audit page: filters kept in the address, details in words, zoned times, CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from patients.audit_views import MSG_DATE_FORMAT, MSG_DATES_REVERSED, audit_filter
from patients.models import AuditEntry
from patients.services import audit_record
from tests.factories import CaseFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db
AUDIT = "/audit/"


@pytest.fixture
def program_admin(program):
    user = UserFactory(username="north-admin", programs=[program])
    user.groups.add(Group.objects.get(name="program_admin"))
    return user


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


@pytest.fixture
def cases(program):
    return [
        CaseFactory(program=program, case_id="PUB-001"),
        CaseFactory(program=program, case_id="PUB-002"),
    ]


def _backdate(entry: AuditEntry, when: dt.datetime) -> None:
    # The application never changes an entry; a test moves one in time directly.
    AuditEntry._base_manager.filter(pk=entry.pk).update(at=when)


def test_coordinators_have_no_audit_page(client, member):
    client.force_login(member)

    assert client.get(AUDIT).status_code == 404
    assert client.get(AUDIT + "?format=csv").status_code == 404


def test_a_list_entry_reads_in_words_naming_the_cases_it_showed(
    client, program_admin, member, cases
):
    # given a coordinator who signed in and opened the worklist showing both cases
    client.force_login(member)
    client.get("/")

    # when the program admin reads the trail filtered to the coordinator
    client.force_login(program_admin)
    page = client.get(AUDIT, {"user": member.username}).content.decode()

    # then the entry says what was seen, in words, with the cases by identifier
    assert "Viewed the worklist — 2 cases: PUB-001, PUB-002" in page
    assert "Signed in" in page
    assert "cases: 2" not in page
    assert "{" not in page.split("<tbody>")[1].split("</tbody>")[0]


def test_an_edit_and_an_import_read_in_words(admin_client, program_admin, cases):
    audit_record(
        actor=program_admin,
        action=AuditEntry.Action.UPDATED,
        case=cases[0],
        detail={"fields": ["birth_date", "family_name"]},
    )
    audit_record(
        actor=program_admin,
        action=AuditEntry.Action.IMPORTED,
        case=cases[1],
        detail={"new": True, "events": 36, "referrals": 1},
    )

    page = admin_client.get(AUDIT).content.decode()

    assert "Changed the case — fields: birth date, family name" in page
    assert "Imported the case — a new case; 36 events; 1 referral" in page
    assert "new: True" not in page


def test_times_show_their_zone(admin_client, program_admin, settings):
    entry = audit_record(actor=program_admin, action=AuditEntry.Action.VIEWED)
    _backdate(entry, dt.datetime(2026, 7, 1, 16, 30, tzinfo=dt.UTC))

    page = admin_client.get(AUDIT, {"action": "viewed"}).content.decode()

    # New York in July is four hours behind UTC (settings.TIME_ZONE).
    assert settings.TIME_ZONE == "America/New_York"
    assert "2026-07-01 12:30:00 EDT" in page
    assert 'datetime="2026-07-01T12:30:00-04:00"' in page
    assert "America/New_York time zone" in page


def test_filters_by_user_action_case_and_dates_stay_in_the_address(
    admin_client, program_admin, member, cases
):
    # given 60 views of PUB-001 by the coordinator in November, and other entries
    first, second = cases
    for _ in range(60):
        entry = audit_record(actor=member, action=AuditEntry.Action.VIEWED, case=first)
        _backdate(entry, dt.datetime(2026, 11, 10, 15, tzinfo=dt.UTC))
    audit_record(actor=member, action=AuditEntry.Action.VIEWED, case=second)
    audit_record(actor=program_admin, action=AuditEntry.Action.VIEWED, case=first)
    october = audit_record(actor=member, action=AuditEntry.Action.VIEWED, case=first)
    _backdate(october, dt.datetime(2026, 10, 10, 15, tzinfo=dt.UTC))
    audit_record(actor=member, action=AuditEntry.Action.UPDATED, case=first)
    filters = {
        "user": member.username,
        "action": "viewed",
        "case": first.pk,
        "date_from": "2026-11-01",
        "date_to": "2026-11-30",
    }

    # when the admin filters by all of them
    response = admin_client.get(AUDIT, filters)
    page = response.content.decode()

    # then only those 60 entries are listed, on two pages whose links keep the filters
    assert response.status_code == 200
    assert "Page 1 of 2 (60 entries)" in page
    assert (
        f"?user={member.username}&amp;action=viewed&amp;case={first.pk}"
        "&amp;date_from=2026-11-01&amp;date_to=2026-11-30&amp;page=2"
    ) in page
    second_page = admin_client.get(AUDIT, {**filters, "page": 2}).content.decode()
    assert "Page 2 of 2 (60 entries)" in second_page
    assert "PUB-002" not in second_page


def test_the_case_filter_finds_the_lists_that_showed_the_case(
    client, program_admin, member, cases
):
    # given a coordinator whose worklist showed both cases, then one case page
    client.force_login(member)
    client.get("/")
    client.get(f"/cases/{cases[1].pk}/")
    client.force_login(program_admin)

    # when the admin asks for each case's trail
    first = client.get(AUDIT, {"case": cases[0].pk}).content.decode()
    second = client.get(AUDIT, {"case": cases[1].pk}).content.decode()

    # then both have the worklist; only the second has its case page
    assert "Viewed the worklist" in first
    assert "Viewed the worklist" in second
    assert "Viewed the case page" in second
    assert "Viewed the case page" not in first


def test_a_case_key_never_matches_inside_another_key(program):
    # given a list entry that showed the cases with keys 10 and 11
    entry = AuditEntry.objects.create(
        action=AuditEntry.Action.VIEWED_LIST,
        program=program,
        cases_shown=AuditEntry.encode_cases([10, 11]),
    )
    entries = AuditEntry.objects.all()

    # then the case with key 1 is not among them, and 10 and 11 are
    assert not audit_filter(entries, data={"case": 1}).exists()
    assert audit_filter(entries, data={"case": 10}).get() == entry
    assert audit_filter(entries, data={"case": 11}).get() == entry


def test_a_case_identifier_typed_in_becomes_the_case_key_in_the_address(
    admin_client, cases
):
    # when the admin types a case identifier (with the other filters kept)
    response = admin_client.post(
        AUDIT, {"case_id": "PUB-002", "action": "viewed", "user": ""}
    )

    # then the page's address names the case by its key, never its identifier
    assert response.status_code == 302
    assert response["Location"] == f"{AUDIT}?action=viewed&case={cases[1].pk}"
    assert "PUB-002" not in response["Location"]
    page = admin_client.get(response["Location"]).content.decode()
    assert "Showing the trail of case" in page


def test_an_unknown_case_identifier_says_so_and_filters_nothing(admin_client, db):
    other = ProgramFactory(slug="south")
    CaseFactory(program=other, case_id="SOUTH-1")

    response = admin_client.post(AUDIT, {"case_id": "SOUTH-1"}, follow=True)

    page = response.content.decode()
    assert "No case with the identifier “SOUTH-1” in your programs." in page
    assert "case=" not in response.redirect_chain[-1][0]


def test_a_case_key_of_another_program_is_not_found(admin_client, db):
    theirs = CaseFactory(program=ProgramFactory(slug="south"))

    assert admin_client.get(AUDIT, {"case": theirs.pk}).status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-02-30"}, MSG_DATE_FORMAT),
        ({"date_from": "30/11/2026"}, MSG_DATE_FORMAT),
        ({"date_from": "2026-11-30", "date_to": "2026-11-01"}, MSG_DATES_REVERSED),
    ],
)
def test_bad_dates_are_a_plain_message_and_list_nothing(
    admin_client, program_admin, params, message
):
    audit_record(actor=program_admin, action=AuditEntry.Action.VIEWED)

    response = admin_client.get(AUDIT, params)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'aria-invalid="true"' in page
    assert "No entries match these filters." in page


def test_other_programs_entries_and_their_members_sign_ins_are_not_shown(
    admin_client, program, member
):
    # given a south member who signed in and read a south case
    south = ProgramFactory(slug="south")
    stranger = UserFactory(username="south-only", programs=[south])
    audit_record(actor=stranger, action=AuditEntry.Action.SIGNED_IN, target="session")
    audit_record(
        actor=stranger,
        action=AuditEntry.Action.VIEWED,
        case=CaseFactory(program=south, case_id="SOUTH-7"),
    )
    # and a failed sign-in naming a north member
    AuditEntry.objects.create(
        action=AuditEntry.Action.SIGN_IN_FAILED,
        actor_username=member.username,
        target="session",
    )

    page = admin_client.get(AUDIT).content.decode()

    assert "south-only" not in page
    assert "SOUTH-7" not in page
    assert "Sign-in refused" in page


def _csv(response) -> list[list[str]]:  # noqa: ANN001
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_export_has_the_filtered_entries_and_is_itself_audited(
    admin_client, program_admin, member, cases
):
    # given two entries, one by a user whose name a spreadsheet would run
    audit_record(actor=member, action=AuditEntry.Action.VIEWED, case=cases[0])
    AuditEntry.objects.create(
        action=AuditEntry.Action.SIGN_IN_FAILED,
        actor_username="=HYPERLINK(1)",
        target="session",
        program=cases[0].program,
    )

    # when the admin downloads the coordinator's entries, then everything
    mine = _csv(admin_client.get(AUDIT, {"user": member.username, "format": "csv"}))
    everything = _csv(admin_client.get(AUDIT, {"format": "csv"}))

    # then the columns are named and the times carry their offset
    header, *rows = mine
    assert header[:6] == ["time", "time zone", "user", "from address", "action", "what"]
    assert [row[2] for row in rows] == [member.username]
    assert rows[0][1] == "America/New_York"
    assert rows[0][0][-6:] in {"-05:00", "-04:00"}
    assert rows[0][5] == "Viewed the case page"
    assert rows[0][6] == "PUB-001"
    # a cell a spreadsheet would run as a formula is quoted
    assert [row[2] for row in everything[1:] if "HYPERLINK" in row[2]] == [
        "'=HYPERLINK(1)"
    ]
    # and each download is in the trail, naming who and which filters
    exports = AuditEntry.objects.filter(action="exported", target="audit_trail")
    assert exports.count() == 2
    assert exports.order_by("pk").first().detail == {"rows": 1, "filters": ["user"]}
    assert set(exports.values_list("actor_username", flat=True)) == {
        program_admin.username
    }


def test_the_page_links_to_the_csv_with_the_same_filters(admin_client, cases):
    page = admin_client.get(
        AUDIT, {"action": "viewed", "case": cases[0].pk}
    ).content.decode()

    assert f'href="{AUDIT}?action=viewed&amp;case={cases[0].pk}&amp;format=csv"' in (
        page
    )
    assert reverse("audit-list") == AUDIT


def test_an_import_preview_reads_in_words_with_the_cases_it_compared(
    admin_client, program_admin, cases
):
    audit_record(
        actor=program_admin,
        action=AuditEntry.Action.VIEWED,
        program=cases[0].program,
        target="sheet-preview",
        detail={"rows": 3, "new": 1, "updated": 1, "unchanged": 1, "problems": 0},
        cases_shown=[cases[0].pk, cases[1].pk],
    )

    page = admin_client.get(AUDIT).content.decode()

    assert (
        "Viewed a spreadsheet import preview — 3 rows; 1 new; 1 updated; "
        "1 unchanged; 0 problems; cases shown: PUB-001, PUB-002"
    ) in page
