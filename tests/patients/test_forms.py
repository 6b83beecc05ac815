"""The event and referral forms: fields per type, words for codes, plain messages."""

from __future__ import annotations

import re

import pytest
from django import forms

from patients.forms import EVENT_TYPE_FIELDS, MSG_DATE_INVALID, EventForm
from patients.models import Case, Event
from patients.services import case_import
from tests.conftest import vignette_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def case(program) -> Case:
    case_import(
        payload=vignette_case("b_first_relapse_cd19_cd22.json"), program=program
    )
    return Case.objects.get()


def _field(page: str, name: str) -> str:
    start = page.rindex("<div", 0, page.index(f'id="field-{name}"'))
    return page[start : page.index("</div>", start)]


def test_dates_are_typed_as_text_so_the_servers_message_is_seen(signed_in, case):
    page = signed_in.get(f"/cases/{case.pk}/events/add/").content.decode()
    assert 'type="date"' not in page
    assert re.search(
        r'<input type="text" name="date"[^>]*placeholder="YYYY-MM-DD"', page
    )


def test_each_type_specific_field_says_which_types_use_it(signed_in, case):
    page = signed_in.get(f"/cases/{case.pk}/events/add/").content.decode()
    grade = _field(page, "grade")
    assert 'data-show-when="type" data-show-values="toxicity"' in grade
    agent = _field(page, "agent")
    values = re.search(r'data-show-values="([^"]*)"', agent).group(1).split()
    assert "chemotherapy" in values
    assert "relapse" not in values
    assert "data-show-when" not in _field(page, "date")
    assert "data-show-when" not in _field(page, "note")
    assert 'src="/static/patients/form_fields.js"' in page


def test_response_labels_are_words_not_capitalised_codes(signed_in, case):
    page = signed_in.get(f"/cases/{case.pk}/events/add/").content.decode()
    assert ">CR with partial hematologic recovery (CRh)<" in page
    assert ">Complete remission (CR)<" in page
    for code in (">Cr<", ">Crh<", ">Cri<", ">Pr<"):
        assert code not in page


def test_an_impossible_date_gets_the_servers_message_on_an_outlined_field(
    signed_in, case
):
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/", {"type": "relapse", "date": "2026-02-30"}
    )
    assert response.status_code == 400
    date = _field(response.content.decode(), "date")
    assert MSG_DATE_INVALID in date
    assert 'aria-invalid="true"' in date
    assert "has-error" in date
    assert not Event.objects.exists()


def test_an_out_of_range_grade_is_said_in_plain_words(signed_in, case):
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/",
        {"type": "toxicity", "date": "2026-10-25", "toxicity": "crs", "grade": "7"},
    )
    page = response.content.decode()
    assert "Ensure this value" not in page
    assert "The grade must be a whole number from 1 to 5." in _field(page, "grade")
    assert 'aria-invalid="true"' in _field(page, "grade")


def test_a_us_style_date_is_refused_rather_than_guessed(signed_in, case):
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/", {"type": "relapse", "date": "10/12/2026"}
    )
    assert MSG_DATE_INVALID in response.content.decode()


def test_a_value_left_in_a_field_the_type_does_not_use_is_not_saved(signed_in, case):
    # given a user who typed a grade, then chose "relapse" (the grade field hid)
    response = signed_in.post(
        f"/cases/{case.pk}/events/add/",
        {"type": "relapse", "date": "2026-10-20", "grade": "9", "agent": "FLAG"},
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.type, event.grade, event.agent) == ("relapse", None, "")


def test_editing_an_imported_event_keeps_what_it_came_with(case, member):
    event = Event.objects.create(
        case=case, type="relapse", date=case.latest_relapse_date, agent="as imported"
    )
    form = EventForm(
        {"type": "relapse", "date": event.date.isoformat(), "agent": "as imported"},
        instance=event,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["agent"] == "as imported"


def test_every_event_type_has_a_field_set():
    from patients.choices import EventType

    assert set(EVENT_TYPE_FIELDS) == set(EventType.values)


def test_referral_dates_show_for_their_statuses(signed_in, case):
    page = signed_in.get(f"/cases/{case.pk}/referrals/add/").content.decode()
    appointment = _field(page, "appointment_date")
    assert 'data-show-when="status" data-show-values="scheduled"' in appointment
    assert "needed" not in re.search(
        r'data-show-values="([^"]*)"', _field(page, "date")
    ).group(1)


@pytest.mark.parametrize(
    ("value", "choices"),
    [
        ("B", [("", "Any"), ("B", "B-cell"), ("T", "T-cell & <other>")]),
        ("", [("", "Any"), ("x", 'say "x"')]),
        ("two", [("Group", [("one", "One"), ("two", "Two")]), ("", "None")]),
        (None, []),
    ],
)
def test_a_plain_select_is_djangos_select(value, choices):  # noqa: ANN001
    from django.test.html import parse_html

    from patients.forms import PlainSelect

    attrs = {"id": "id_lineage", "aria-describedby": "help"}
    ours = PlainSelect(choices=choices).render("lineage", value, attrs)
    django = forms.Select(choices=choices).render("lineage", value, attrs)
    assert parse_html(ours) == parse_html(django)
    assert "<other>" not in ours
