"""The case page: banner, "what to do first", grouped recommendations, alerts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from patients.case_page import time_since_words
from patients.models import AuditEntry, Case
from patients.services import case_import, case_update
from recommendations.models import AlertAcknowledgement, RecommendationSnapshot
from recommendations.selectors import acknowledged_alert_ids
from recommendations.services import (
    MSG_ACK_NOT_AN_ALERT,
    MSG_ACK_REASON_REQUIRED,
)
from tests.conftest import vignette_case
from tests.factories import ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db

VIGNETTES = (
    "b_first_relapse_cd19_cd22.json",  # PUB-001
    "t_all_relapse.json",  # PUB-002
    "isolated_cns_relapse.json",  # PUB-003
    "remission_after_ino_hsct_planned.json",  # PUB-004
    "ph_positive_t315i.json",  # PUB-005
    "kmt2a_antigen_negative.json",  # PUB-006
)


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def cases(program, member):
    case_import(payload=[vignette_case(name) for name in VIGNETTES], program=program)
    return {case.case_id: case for case in Case.objects.all()}


def _page(client, case: Case) -> str:
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, element_id: str, end: str = "</section>") -> str:
    start = page.index(f'id="{element_id}"')
    return page[start : page.index(end, start)]


def _recs(page: str) -> str:
    return _section(page, "recommendations", 'id="engine-reading"')


def test_banner_names_the_patient_and_where_the_disease_stands(signed_in, cases):
    case = cases["PUB-001"]
    banner = _section(_page(signed_in, case), "banner")
    assert case.birth_date.isoformat() in banner
    assert "MRN / case ID" in banner
    assert case.program.name in banner
    assert "first relapse, " in banner
    assert "CD19 positive, CD22 positive" in banner
    assert "Time since relapse" in banner
    assert "Transplant" in banner


def test_banner_shows_prior_therapies_as_chips(signed_in, cases):
    # PUB-004: remission after inotuzumab, so inotuzumab is a prior therapy
    banner = _section(_page(signed_in, cases["PUB-004"]), "banner")
    chips = re.findall(r'<li class="chip"[^>]*>([^<]+)</li>', banner)
    assert any(chip.startswith("Inotuzumab") for chip in chips), chips


def test_summary_comes_first_with_high_alerts_the_decision_checks_and_work_up(
    signed_in, cases
):
    page = _page(signed_in, cases["PUB-001"])
    summary = _section(page, "summary")
    assert page.index('id="summary"') < page.index('id="alerts"')
    assert page.index('id="summary"') < page.index('id="recommendations"')
    # the high alert, the decision in words with the guideline's options, checks
    assert 'data-id="ALERT-INO-HSCT-PLANNING"' in summary
    assert 'data-point="REINDUCTION">Re-induction<' in summary
    options = summary[summary.index('id="summary-options"') :]
    assert options.index("RR-B-IMMUNO-REINDUCTION") < options.index("RR-CLINICAL-TRIAL")
    assert "school or work disruption not recorded" in summary
    assert 'id="summary-workup"' in summary
    assert 'data-id="WU-LUMBAR-PUNCTURE"' in summary


def test_recommendations_carry_strength_and_certainty_in_words(signed_in, cases):
    page = _page(signed_in, cases["PUB-001"])
    recs = _recs(page)
    assert "(strength not stated by the source)" not in page
    assert "conditional (" not in page
    assert "good_practice" not in page
    assert "Strength: not stated by the source" in recs
    assert "Good practice statement" in recs
    assert "Certainty of evidence: low" in recs  # RR-CNS-PROPHYLAXIS, REF-ADULT-RR 2C
    # every card has strength, certainty, a library link and its source
    cards = re.findall(r'<article class="rec".*?</article>', recs, re.S)
    assert len(cards) == 4
    for card in cards:
        rule_id = re.search(r'data-id="([^"]+)"', card).group(1)
        assert 'class="tag strength"' in card
        assert 'class="tag certainty"' in card
        assert f'href="/guideline/#{rule_id}"' in card
        assert "Source: <strong>" in card


def test_recommendations_are_grouped_ash_rr_first(signed_in, cases):
    # PUB-005 (Ph+ T315I): ASH-RR-2026 items lead the re-induction group
    recs = _recs(_page(signed_in, cases["PUB-005"]))
    first_group = recs[: recs.index("</section>")]
    sources = re.findall(r'data-source="([^"]+)"', first_group)
    assert sources == sorted(sources, key=lambda s: s != "ASH-RR-2026")
    assert "Treatment to reach remission" in recs


def test_recommendations_show_the_evidence_figures_behind_them(signed_in, cases):
    recs = _recs(_page(signed_in, cases["PUB-001"]))
    card = recs[recs.index('data-id="RR-B-IMMUNO-REINDUCTION"') :]
    card = card[: card.index("</article>")]
    assert 'data-ev="EV-BLINA-OS"' in card
    assert 'data-ev="EV-INO-CR"' in card
    assert "randomised trial against chemotherapy" in card
    cart = recs[recs.index('data-id="RR-B-CART-OPTION"') :]
    cart = cart[: cart.index("</article>")]
    # only the products whose label fits this 23-year-old in first relapse
    assert 'data-ev="EV-BREXU"' in cart
    assert 'data-ev="EV-OBE"' in cart
    assert 'data-ev="EV-TISAGEN"' not in cart


def test_the_engine_reading_is_in_plain_labels_and_values(signed_in, cases):
    page = _page(signed_in, cases["PUB-004"])
    reading = page[page.index('id="engine-reading"') :]
    reading = reading[: reading.index("</details>")]
    assert "Therapies before" in reading
    for raw in ("True<", "False<", "None<", "['", "prior_", "_date"):
        assert raw not in reading, raw


def test_case_page_query_count_does_not_grow_with_the_result(
    signed_in, cases, django_assert_max_num_queries
):
    counts = {}
    _page(signed_in, cases["PUB-003"])  # the session's first request costs more
    for case_id in ("PUB-001", "PUB-005"):
        with CaptureQueriesContext(connection) as queries:
            _page(signed_in, cases[case_id])
        counts[case_id] = len(queries)
    assert counts["PUB-001"] == counts["PUB-005"], counts
    with django_assert_max_num_queries(24):
        _page(signed_in, cases["PUB-003"])


def test_saved_snapshots_are_listed_in_one_query_whoever_saved_them(
    signed_in, cases, program
):
    case = cases["PUB-001"]
    for _ in range(6):
        signed_in.post(f"/cases/{case.pk}/snapshots/")
    other = Client()
    other.force_login(UserFactory(username="second-clinician", programs=[program]))
    other.post(f"/cases/{case.pk}/snapshots/")
    newest = RecommendationSnapshot.objects.filter(case=case).latest("created_at", "id")
    with CaptureQueriesContext(connection) as queries:
        page = _page(signed_in, case)
    listed = page[page.index('id="snapshots-heading"') :]
    assert listed.count("<li>") == 5
    assert "by second-clinician (" in listed
    point = newest.result["decision_point"]
    assert listed.count(f", {point})") == 5
    table = '"recommendations_recommendationsnapshot"'
    reads = [q["sql"] for q in queries if q["sql"].startswith(f"SELECT {table}")]
    assert len(reads) == 1
    assert '"facts"' not in reads[0]


def test_time_since_relapse_in_words():
    day = dt.date(2026, 11, 1)
    assert time_since_words(dt.date(2026, 10, 20), day) == "12 days"
    assert time_since_words(dt.date(2026, 7, 1), day) == "4 months"
    assert time_since_words(dt.date(2024, 10, 1), day) == "2 years 1 month"
    assert time_since_words(None, day) == "unknown"


# --- Acknowledging an alert ------------------------------------------------------


def _acknowledge(client, case: Case, rule_id: str, reason: str):  # noqa: ANN202
    return client.post(
        f"/cases/{case.pk}/alerts/acknowledge/",
        {"rule_id": rule_id, "reason": reason},
        follow=True,
    )


def test_acknowledging_an_alert_with_a_reason_is_shown_and_audited(
    signed_in, cases, member
):
    case = cases["PUB-001"]
    response = _acknowledge(
        signed_in, case, "ALERT-INO-HSCT-PLANNING", "Transplant team told on 11/02."
    )
    page = response.content.decode()
    alert = page[page.index('id="alert-ALERT-INO-HSCT-PLANNING"') :]
    alert = alert[: alert.index("</li>\n")]
    assert 'data-acknowledged="yes"' in alert
    assert "Acknowledged by coordinator1" in alert
    assert "Transplant team told on 11/02." in alert
    row = AlertAcknowledgement.objects.get(case=case)
    assert (row.rule_id, row.acknowledged_by) == ("ALERT-INO-HSCT-PLANNING", member)
    entry = AuditEntry.objects.get(case=case, target="alert acknowledgement")
    assert entry.actor == member
    assert entry.detail["alert"] == "ALERT-INO-HSCT-PLANNING"
    assert "Transplant" not in str(entry.detail)  # the reason's text is not audited
    assert acknowledged_alert_ids(case) == {"ALERT-INO-HSCT-PLANNING"}


def test_an_acknowledgement_lapses_when_the_facts_behind_the_alert_change(
    signed_in, cases, member
):
    case = cases["PUB-001"]
    _acknowledge(signed_in, case, "ALERT-INO-HSCT-PLANNING", "Planned with HSCT team.")
    assert acknowledged_alert_ids(case) == {"ALERT-INO-HSCT-PLANNING"}
    # an unrelated edit keeps it
    case_update(case=case, actor=member, data={"ecog": 0})
    case.refresh_from_db()
    assert acknowledged_alert_ids(case) == {"ALERT-INO-HSCT-PLANNING"}
    # transplant eligibility now unknown: the alert's reasons change, it is new again
    case_update(case=case, actor=member, data={"transplant_eligible": "unknown"})
    case.refresh_from_db()
    assert acknowledged_alert_ids(case) == set()
    page = _page(signed_in, case)
    assert 'data-id="ALERT-INO-HSCT-PLANNING"' in page
    alert = page[page.index('id="alert-ALERT-INO-HSCT-PLANNING"') :]
    assert 'data-acknowledged="no"' in alert[:300]


def test_an_acknowledgement_needs_a_reason_and_a_current_alert(signed_in, cases):
    case = cases["PUB-001"]
    page = _acknowledge(signed_in, case, "ALERT-INO-HSCT-PLANNING", "  ")
    assert MSG_ACK_REASON_REQUIRED in page.content.decode()
    page = _acknowledge(signed_in, case, "ALERT-T315I", "not this case's alert")
    assert MSG_ACK_NOT_AN_ALERT in page.content.decode()
    assert not AlertAcknowledgement.objects.exists()
    assert not AuditEntry.objects.filter(target="alert acknowledgement").exists()


def test_another_programs_case_cannot_be_acknowledged(signed_in):
    from tests.factories import CaseFactory, ProgramFactory

    other = CaseFactory(program=ProgramFactory(slug="elsewhere"))
    response = signed_in.post(
        f"/cases/{other.pk}/alerts/acknowledge/",
        {"rule_id": "ALERT-OUTSIDE-AYA", "reason": "seen"},
    )
    assert response.status_code == 404
    assert not AlertAcknowledgement.objects.exists()


# --- The timeline on the page ------------------------------------------------------


def test_the_timeline_draws_the_case_dates_and_warns_when_relapses_disagree(
    signed_in, cases
):
    from patients.models import Event

    case = cases["PUB-001"]  # no events; relapse 2026-10-20 in the facts
    page = _page(signed_in, case)
    whole = page[page.index('id="timeline-whole"') :]
    whole = whole[: whole.index("</figure>")]
    assert 'data-origin="diagnosis"' in whole
    assert 'data-origin="relapse_date"' in whole
    assert 'class="today"' in whole
    assert 'id="timeline-episode"' in page
    assert "data-zoom hidden" in page  # shown by the script only
    assert 'id="timeline-warning"' not in page

    # given a relapse event two days before the case's relapse date
    Event.objects.create(case=case, type="relapse", date=dt.date(2026, 10, 18))
    page = _page(signed_in, case)
    warning = page[page.index('id="timeline-warning"') :]
    assert "2026-10-20" in warning[:400]
    assert "2026-10-18" in warning[:400]
    table = page[page.index('id="events"') :]
    assert "Latest relapse (case facts)" in table
    assert "Diagnosis" in table


def test_acknowledged_alert_ids_for_many_cases_in_one_query(
    signed_in, cases, django_assert_num_queries
):
    from django.utils import timezone

    from recommendations.selectors import (
        acknowledged_alert_ids_many,
        case_evaluate,
    )

    _acknowledge(signed_in, cases["PUB-001"], "ALERT-INO-HSCT-PLANNING", "Planned.")
    _acknowledge(signed_in, cases["PUB-005"], "ALERT-T315I", "Ponatinib chosen.")
    today = timezone.localdate()
    evaluated = [
        (case, case_evaluate(case=case, as_of=today)) for case in cases.values()
    ]
    with django_assert_num_queries(1):
        held = acknowledged_alert_ids_many(evaluated=evaluated)
    assert held[cases["PUB-001"].pk] == {"ALERT-INO-HSCT-PLANNING"}
    assert held[cases["PUB-005"].pk] == {"ALERT-T315I"}
    assert held[cases["PUB-002"].pk] == set()
    for case, result in evaluated:
        assert held[case.pk] == acknowledged_alert_ids(case, result=result)


def test_the_timeline_follows_the_events(signed_in, cases):
    from patients.models import Event

    def whole_timeline(case: Case) -> str:
        page = _page(signed_in, case)
        picture = page[page.index('id="timeline-whole"') :]
        return picture[: picture.index("</figure>")]

    case = cases["PUB-001"]
    before = whole_timeline(case)
    assert whole_timeline(case) == before
    Event.objects.create(case=case, type="blinatumomab", date=dt.date(2026, 10, 25))
    changed = whole_timeline(case)
    assert changed != before
    assert "2026-10-25" not in before
    assert "2026-10-25" in changed
    shapes = int(changed.split('data-shapes="')[1].split('"')[0])
    assert shapes == int(before.split('data-shapes="')[1].split('"')[0]) + 1


def test_the_timeline_table_shows_every_recorded_detail_escaped_with_working_links(
    signed_in, cases
):
    from patients.models import Event

    case = cases["PUB-002"]
    Event.objects.filter(case=case).delete()
    therapy = Event.objects.create(
        case=case,
        type="chemotherapy",
        date=dt.date(2026, 9, 1),
        end_date=dt.date(2026, 9, 28),
        agent='<img src=x onerror="alert(1)"> & Nelarabine',
        cycles=2,
    )
    Event.objects.create(
        case=case,
        type="response",
        date=dt.date(2026, 10, 1),
        response="cr",
        mrd="positive",
    )
    Event.objects.create(
        case=case, type="toxicity", date=dt.date(2026, 9, 10), toxicity="crs"
    )
    Event.objects.create(
        case=case,
        type="workup",
        date=dt.date(2026, 9, 2),
        test="bcr_abl1",
        result="<b>not detected</b>",
    )
    page = _page(signed_in, case)
    body = _section(page, "events", "</table>")
    rows = re.findall(r'<tr data-from="(\w+)">(.*?)</tr>', body, re.S)
    kinds = [kind for kind, _ in rows]
    assert kinds.count("event") == 4
    assert kinds[-1] == "today"
    assert "facts" in kinds  # the diagnosis, from the case facts
    assert "<img" not in body
    assert "<b>" not in body
    assert (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Nelarabine 2 cycle(s)"
        in body
    )
    assert "2026-09-01 to 2026-09-28" in body
    assert "CR" in body
    assert "MRD Positive" in body
    assert "grade unknown" in body
    assert "&lt;b&gt;not detected&lt;/b&gt;" in body
    dates = [re.search(r"<td>([\d-]+)", cells).group(1) for _, cells in rows]
    assert dates == sorted(dates)
    edit = f"/cases/{case.pk}/events/{therapy.pk}/edit/"
    assert f'href="{edit}"' in body
    assert signed_in.get(edit).status_code == 200
    for link in re.findall(r'href="([^"]+)"', body):
        assert signed_in.get(link).status_code == 200


def test_referral_owners_are_read_with_the_referrals_whatever_their_number(
    signed_in, cases, program
):
    """The referrals table names each one's owner: one query for all of them."""
    case = cases["PUB-001"]
    _page(signed_in, case)
    counts = {}
    for owned in (1, 4):
        for n in range(owned):
            ReferralFactory(
                case=case,
                kind="palliative",
                owner=UserFactory(username=f"owner-{owned}-{n}", programs=[program]),
            )
        with CaptureQueriesContext(connection) as queries:
            page = _page(signed_in, case)
        counts[owned] = len(queries)
        table = _section(page, "referrals", "</table>")
        assert all(f"owner-{owned}-{n}" in table for n in range(owned))
    assert counts[1] == counts[4], counts
