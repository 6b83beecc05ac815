"""The worklist page: rows per patient, filters in the address, changes in place."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import signing

from evaluations.services import case_evaluation_refresh
from patients import worklist_views
from patients.models import AuditEntry, Referral
from tests.factories import CaseFactory, ProgramFactory, ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def case(program):
    return CaseFactory(program=program, given_name="Maya", family_name="Tester")


def _rows(html: str) -> list[str]:
    return re.findall(r'<li class="wl-row" id="row-(\d+)"', html)


def test_one_row_per_patient_with_chips_alerts_and_work_up(signed_in, case, program):
    CaseFactory(program=program)
    html = signed_in.get("/").content.decode()
    assert sorted(_rows(html)) == sorted([str(case.pk), str(case.pk + 1)])
    row = html[html.index(f'id="row-{case.pk}"') :]
    row = row[: row.index("</article>")]
    assert "Maya Tester" in row
    assert case.case_id in row
    assert "Re-induction decision" in row
    assert 'data-rule="PSY-SOCIAL-WORK"' in row
    assert "Open work-up:" in row


def test_the_page_has_no_inline_script_or_style(signed_in, case):
    html = signed_in.get("/").content.decode()
    assert " style=" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
    assert "htmx.min.js" in html
    assert "hx-post" in html


def test_filters_stay_in_the_address_and_in_every_form(signed_in, case):
    ReferralFactory(case=case, kind="fertility", status="referred")
    html = signed_in.get("/?kind=fertility&status=referred&bogus=1").content.decode()
    assert _rows(html) == [str(case.pk)]
    assert 'data-rule="PSY-SOCIAL-WORK"' not in html
    assert 'name="next" value="kind=fertility&amp;status=referred"' in html
    # the cards are links that keep the filters
    assert 'href="/?kind=fertility&amp;status=referred&amp;card=overdue"' in html


def test_cards_are_links_that_filter_and_mark_the_active_one(signed_in, program):
    late = CaseFactory(program=program, next_treatment_start=dt.date(2026, 10, 25))
    CaseFactory(program=program)
    html = signed_in.get("/?card=overdue").content.decode()
    assert _rows(html) == [str(late.pk)]
    assert re.search(r'id="count-overdue" href="/" aria-current="true"', html)


def test_the_worklist_is_paginated_with_an_opaque_cursor(signed_in, program):
    CaseFactory.create_batch(worklist_views.PAGE_SIZE + 2, program=program)
    html = signed_in.get("/").content.decode()
    assert len(_rows(html)) == worklist_views.PAGE_SIZE
    next_href = re.search(r'href="([^"]+)" rel="next"', html).group(1)
    second = signed_in.get(next_href.replace("&amp;", "&")).content.decode()
    assert len(_rows(second)) == 2
    assert not set(_rows(second)) & set(_rows(html))
    assert "First page" in second


def test_a_status_change_without_javascript_redirects_back_with_the_filters(
    signed_in, case
):
    response = signed_in.post(
        "/worklist/status/",
        {
            "case": case.pk,
            "kind": "social_work",
            "status": "referred",
            "next": "kind=social_work&overdue=0&card=due",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/?kind=social_work&card=due#row-{case.pk}"
    assert Referral.objects.get(case=case).status == "referred"
    # the page it returns to offers the undo
    html = signed_in.get(response["Location"]).content.decode()
    assert "is now referred" in html
    assert 'action="/worklist/undo/"' in html


def test_a_status_change_with_htmx_answers_the_row_cards_and_undo(signed_in, case):
    response = signed_in.post(
        "/worklist/status/",
        {"case": case.pk, "kind": "social_work", "status": "referred", "next": ""},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li class="wl-row" id="row-{case.pk}"')
    assert 'data-rule="PSY-SOCIAL-WORK"' not in html  # cleared
    assert (
        'id="worklist-cards" class="wl-cards" aria-label="Summary" hx-swap-oob' in html
    )
    assert 'hx-swap-oob="innerHTML"' in html
    assert "Undo" in html
    assert "<html" not in html


def test_the_current_status_is_marked(signed_in, case):
    ReferralFactory(case=case, kind="fertility", status="referred")
    item = signed_in.get(
        f"/cases/{case.pk}/worklist/?kind=fertility", **HTMX
    ).content.decode()
    assert 'value="referred" aria-pressed="true"' in item
    assert 'value="completed" aria-pressed="false"' in item
    assert "Referred" in item


def test_an_items_forms_load_when_it_is_opened(signed_in, case):
    """The page carries each item's summary and a link; the forms come on demand."""
    html = signed_in.get("/?kind=fertility").content.decode()
    item = html[html.index('data-rule="PSY-FERTILITY"') :]
    item = item[: item.index("</details>")]
    address = f"/cases/{case.pk}/worklist/?kind=fertility&amp;next=kind%3Dfertility"
    assert f'hx-get="{address}"' in item
    assert 'hx-trigger="toggle once"' in item
    assert f'<a href="{address}">' in item
    assert "<form" not in item

    panel = signed_in.get(
        f"/cases/{case.pk}/worklist/?kind=fertility&next=kind%3Dfertility", **HTMX
    ).content.decode()
    assert panel.lstrip().startswith('<div class="wl-forms">')
    assert "<html" not in panel
    assert 'action="/worklist/status/"' in panel
    assert 'action="/worklist/assign/"' in panel
    assert 'name="next" value="kind=fertility"' in panel
    assert f'hx-target="#row-{case.pk}"' in panel


def test_without_javascript_an_items_forms_are_a_page_of_their_own(signed_in, case):
    html = signed_in.get(
        f"/cases/{case.pk}/worklist/?kind=fertility&next=kind%3Dfertility"
    ).content.decode()
    assert "<html" in html
    assert "Referrals due for Maya Tester" in html
    assert 'href="/?kind=fertility">Back to the worklist' in html
    assert html.count('action="/worklist/status/"') == 1
    assert 'name="next" value="kind=fertility"' in html
    # every due item when no kind is given
    every = signed_in.get(f"/cases/{case.pk}/worklist/").content.decode()
    assert every.count('action="/worklist/status/"') > 1
    # and what posting it does: back to the filtered worklist
    response = signed_in.post(
        "/worklist/status/",
        {
            "case": case.pk,
            "kind": "fertility",
            "status": "referred",
            "next": "kind=fertility",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/?kind=fertility")


def test_an_item_no_longer_due_says_so(signed_in, case):
    panel = signed_in.get(
        f"/cases/{case.pk}/worklist/?kind=not-a-kind", **HTMX
    ).content.decode()
    assert "no longer due" in panel
    assert "<form" not in panel


def test_an_items_forms_are_audited_and_another_programs_are_a_404(signed_in, case):
    signed_in.get(f"/cases/{case.pk}/worklist/?kind=fertility", **HTMX)
    entry = AuditEntry.objects.filter(case=case).latest("at")
    assert (entry.action, entry.target) == ("viewed", "worklist item")
    elsewhere = CaseFactory(program=ProgramFactory(slug="elsewhere-items"))
    assert signed_in.get(f"/cases/{elsewhere.pk}/worklist/").status_code == 404


def test_declined_without_a_reason_changes_nothing_and_says_why(signed_in, case):
    response = signed_in.post(
        "/worklist/status/",
        {"case": case.pk, "kind": "fertility", "status": "declined"},
        **HTMX,
    )
    html = response.content.decode()
    assert "Say why the referral was declined; nothing changed." in html
    assert 'aria-invalid="true"' in html
    assert not Referral.objects.exists()


def test_declined_with_a_reason_and_scheduled_with_a_date(signed_in, case):
    signed_in.post(
        "/worklist/status/",
        {
            "case": case.pk,
            "kind": "fertility",
            "status": "declined",
            "declined_reason": "Prefers not to delay treatment",
        },
    )
    signed_in.post(
        "/worklist/status/",
        {
            "case": case.pk,
            "kind": "social_work",
            "status": "scheduled",
            "appointment_date": "2099-01-05",
        },
    )
    declined = Referral.objects.get(kind="fertility")
    scheduled = Referral.objects.get(kind="social_work")
    assert declined.declined_reason == "Prefers not to delay treatment"
    assert scheduled.appointment_date == dt.date(2099, 1, 5)


def test_a_made_up_status_or_kind_changes_nothing(signed_in, case):
    for data in (
        {"kind": "social_work", "status": "vanished"},
        {"kind": "psychology", "status": "referred"},
    ):
        response = signed_in.post(
            "/worklist/status/", {"case": case.pk, **data}, follow=True
        )
        assert "not understood; nothing changed" in response.content.decode()
    assert not Referral.objects.exists()


def test_another_programs_case_is_a_404(signed_in):
    other = CaseFactory(program=ProgramFactory())
    response = signed_in.post(
        "/worklist/status/",
        {"case": other.pk, "kind": "social_work", "status": "referred"},
    )
    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_assign_to_me_and_to_a_chosen_member(signed_in, case, member, program):
    colleague = UserFactory(programs=[program], first_name="Ana", last_name="Ruiz")
    signed_in.post(
        "/worklist/assign/", {"case": case.pk, "kind": "fertility", "assign": "me"}
    )
    assert Referral.objects.get(kind="fertility").owner == member
    response = signed_in.post(
        "/worklist/assign/",
        {
            "case": case.pk,
            "kind": "fertility",
            "assign": "chosen",
            "owner": colleague.pk,
        },
        **HTMX,
    )
    assert "now owned by Ana Ruiz" in response.content.decode()
    assert Referral.objects.get(kind="fertility").owner == colleague
    # the chosen owner must belong to the program
    outsider = UserFactory()
    response = signed_in.post(
        "/worklist/assign/",
        {
            "case": case.pk,
            "kind": "fertility",
            "assign": "chosen",
            "owner": outsider.pk,
        },
        **HTMX,
    )
    assert "Only a member of the case&#x27;s program" in response.content.decode()
    assert Referral.objects.get(kind="fertility").owner == colleague


def _undo_token(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_undo_puts_the_referral_back_and_the_row_with_it(signed_in, case):
    html = signed_in.post(
        "/worklist/status/",
        {"case": case.pk, "kind": "social_work", "status": "completed"},
        **HTMX,
    ).content.decode()
    response = signed_in.post(
        "/worklist/undo/",
        {"case": case.pk, "token": _undo_token(html), "next": ""},
        **HTMX,
    )
    html = response.content.decode()
    assert not Referral.objects.exists()
    assert 'data-rule="PSY-SOCIAL-WORK"' in html
    assert "Undone" in html
    assert AuditEntry.objects.filter(detail__undo=True).count() == 1


def test_mark_all_clears_a_patients_items_in_one_click_and_undoes_together(
    signed_in, case
):
    html = signed_in.get("/").content.decode()
    row = html[html.index(f'id="row-{case.pk}"') :]
    kinds = re.findall(r'data-kind="(\w+)"', row[: row.index("</article>")])
    assert len(kinds) >= 3
    html = signed_in.post(
        "/worklist/status/all/",
        {"case": case.pk, "kind": kinds, "status": "completed"},
        **HTMX,
    ).content.decode()
    assert Referral.objects.filter(status="completed").count() == len(kinds)
    assert "data-rule=" not in html.split("</li>")[0]
    signed_in.post(
        "/worklist/undo/", {"case": case.pk, "token": _undo_token(html)}, **HTMX
    )
    assert not Referral.objects.exists()


def test_an_expired_or_someone_elses_undo_is_refused(signed_in, case, program):
    html = signed_in.post(
        "/worklist/status/",
        {"case": case.pk, "kind": "social_work", "status": "referred"},
        **HTMX,
    ).content.decode()
    token = _undo_token(html)
    payload = signing.loads(token, salt=worklist_views.UNDO_SALT)
    forged = signing.dumps(
        {**payload, "user": payload["user"] + 1000},
        salt=worklist_views.UNDO_SALT,
        compress=True,
    )
    for bad in (forged, token + "x", ""):
        response = signed_in.post(
            "/worklist/undo/", {"case": case.pk, "token": bad}, **HTMX
        )
        assert worklist_views.MSG_UNDO_EXPIRED in response.content.decode()
    assert Referral.objects.get().status == "referred"


def test_an_undo_past_its_time_is_refused(signed_in, case, monkeypatch):
    html = signed_in.post(
        "/worklist/status/",
        {"case": case.pk, "kind": "social_work", "status": "referred"},
        **HTMX,
    ).content.decode()
    monkeypatch.setattr(worklist_views, "UNDO_ACCEPTED_SECONDS", -1)
    response = signed_in.post(
        "/worklist/undo/", {"case": case.pk, "token": _undo_token(html)}, **HTMX
    )
    assert worklist_views.MSG_UNDO_EXPIRED in response.content.decode()
    assert Referral.objects.get().status == "referred"


@pytest.mark.parametrize("count", [10, 100])
def test_the_page_query_count_does_not_grow_with_the_cases(
    signed_in, program, member, count, django_assert_max_num_queries
):
    cases = CaseFactory.create_batch(count, program=program)
    for case in cases[::4]:
        ReferralFactory(case=case, kind="fertility", status="referred", owner=member)
    # Factories bypass the services: store the evaluations they would have written.
    case_evaluation_refresh(case_ids=[case.pk for case in cases])
    # Constant: the rows, counts and owners, plus the session (its sliding expiry),
    # the audit row and the navigation's permissions.
    with django_assert_max_num_queries(18):
        response = signed_in.get("/?overdue=0")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 100])
def test_a_change_in_place_reads_only_that_patients_row(
    signed_in, program, count, django_assert_max_num_queries
):
    """The htmx answer's cost does not grow with the program: one row is read, not
    the whole worklist."""
    cases = CaseFactory.create_batch(count, program=program)
    case_evaluation_refresh(case_ids=[case.pk for case in cases])
    target = cases[count // 2]
    with django_assert_max_num_queries(40) as captured:
        response = signed_in.post(
            "/worklist/status/",
            {
                "case": target.pk,
                "kind": "social_work",
                "status": "referred",
                "next": "",
            },
            **HTMX,
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(html) == [str(target.pk)]
    assert 'data-rule="PSY-SOCIAL-WORK"' not in html  # cleared
    reads = [q["sql"] for q in captured.captured_queries]
    # The row with its stored items (evaluations.stored_rows), and nothing else.
    row_reads = [
        sql for sql in reads if '"evaluations_evaluationresult"."worklist"' in sql
    ]
    item_reads = [
        sql
        for sql in reads
        if 'FROM "evaluations_evaluationitem"' in sql
        and sql.lstrip().startswith("SELECT")
    ]
    assert row_reads
    # Each names the patient's key as its filter (not merely a digit of it).
    named = re.compile(rf"(= {target.pk}|IN \({target.pk}\))(?!\d)")
    assert all(named.search(sql) for sql in row_reads + item_reads)


def test_a_cursor_the_page_did_not_make_starts_at_the_top(signed_in, program):
    CaseFactory.create_batch(3, program=program)

    response = signed_in.get("/", {"cursor": "bm90LWEtY3Vyc29y"})

    assert response.status_code == 200
