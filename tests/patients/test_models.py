"""Model validation: clear messages for impossible dates and out-of-range values."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from patients import documents, models
from tests.factories import (
    CaseFactory,
    EventFactory,
    ProgramFactory,
    ReferralFactory,
)

pytestmark = pytest.mark.django_db


def messages(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as failure:
        instance.full_clean()
    return failure.value.message_dict


def test_a_valid_case_passes_full_clean():
    CaseFactory().full_clean()


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("ecog", 5, "less than or equal to 4"),
        ("hct_ci", 31, "less than or equal to 30"),
        ("marrow_blast_percent", 100.5, "less than or equal to 100"),
        ("marrow_blast_percent", -1, "greater than or equal to 0"),
        ("weight_kg", 0, "greater than or equal to 0.1"),
        ("relapse_count", 21, "less than or equal to 20"),
        ("lineage", "X", "not a valid choice"),
        ("cd19", "weak", "not a valid choice"),
        ("disease_state", "cured", "not a valid choice"),
        ("sites", ["marrow", "liver"], "Unknown disease site(s): liver"),
        ("sites", ["cns", "cns"], "only once"),
        ("abl1_mutations", ["t315i"], "letter, a position, a letter"),
    ],
)
def test_out_of_range_and_unknown_values_are_refused(field, value, expected):
    case = CaseFactory.build(**{field: value})
    assert any(expected in m for m in messages(case)[field])


def test_relapse_before_diagnosis_is_refused():
    case = CaseFactory.build(latest_relapse_date=dt.date(2023, 12, 31))
    assert messages(case)["latest_relapse_date"] == [
        models.MSG_RELAPSE_BEFORE_DIAGNOSIS.format(diagnosis=dt.date(2024, 1, 15))
    ]


def test_dates_after_the_evaluation_date_are_refused():
    case = CaseFactory.build(latest_relapse_date=dt.date(2026, 11, 2))
    assert "after the evaluation date" in messages(case)["latest_relapse_date"][0]


def test_a_planned_next_treatment_may_lie_after_the_evaluation_date():
    CaseFactory.build(next_treatment_start=dt.date(2026, 12, 1)).full_clean(
        exclude=["program"]
    )


def test_event_before_birth_is_refused():
    event = EventFactory.build(case=CaseFactory(), date=dt.date(2000, 1, 1))
    assert "before the birth date" in messages(event)["date"][0]


def test_event_after_evaluation_and_end_before_start_are_refused():
    case = CaseFactory()
    event = EventFactory.build(case=case, date=dt.date(2026, 11, 5))
    assert "after the evaluation date" in messages(event)["date"][0]
    event = EventFactory.build(
        case=case, date=dt.date(2026, 10, 5), end_date=dt.date(2026, 10, 1)
    )
    assert messages(event)["end_date"] == [models.MSG_END_BEFORE_START]


def test_only_a_scheduled_appointment_may_lie_after_the_evaluation_date():
    # given a case evaluated on 2026-11-01
    case = CaseFactory()
    # a referral scheduled on the visit for an appointment in December is valid
    ReferralFactory.build(
        case=case,
        status="scheduled",
        date=dt.date(2026, 11, 1),
        appointment_date=dt.date(2026, 12, 1),
    ).full_clean()
    # the date a status was reached is a fact, for every status, scheduled too
    for status in ("referred", "scheduled", "completed", "declined"):
        referral = ReferralFactory.build(
            case=case, status=status, date=dt.date(2026, 12, 1)
        )
        assert "after the evaluation date" in messages(referral)["date"][0], status
    scheduled = ReferralFactory.build(
        case=case, status="scheduled", date=dt.date(2026, 12, 1)
    )
    assert messages(scheduled)["date"] == [
        models.MSG_SCHEDULED_DATE_AFTER_EVALUATION.format(
            evaluation=dt.date(2026, 11, 1)
        )
    ]


@pytest.mark.parametrize("status", ["referred", "scheduled", "completed", "declined"])
def test_a_referral_past_needed_needs_the_date_it_reached_its_status(status):
    referral = ReferralFactory.build(case=CaseFactory(), status=status, date=None)
    assert messages(referral)["date"] == [
        models.MSG_REFERRAL_NEEDS_DATE.format(status=status)
    ]


def test_a_needed_referral_needs_no_date():
    ReferralFactory.build(case=CaseFactory(), status="needed", date=None).full_clean()


@pytest.mark.parametrize("status", ["needed", "referred", "completed", "declined"])
def test_only_a_scheduled_referral_has_an_appointment(status):
    referral = ReferralFactory.build(
        case=CaseFactory(),
        status=status,
        date=dt.date(2026, 10, 25),
        appointment_date=dt.date(2026, 10, 30),
    )
    assert messages(referral) == {
        "appointment_date": [models.MSG_APPOINTMENT_ONLY_WHEN_SCHEDULED]
    }


def test_an_appointment_before_the_day_it_was_scheduled_is_refused():
    referral = ReferralFactory.build(
        case=CaseFactory(),
        status="scheduled",
        date=dt.date(2026, 10, 25),
        appointment_date=dt.date(2026, 10, 24),
    )
    assert messages(referral) == {
        "appointment_date": [
            models.MSG_APPOINTMENT_BEFORE_SCHEDULED.format(date=dt.date(2026, 10, 25))
        ]
    }


def test_a_workup_event_needs_its_test_and_may_carry_a_result():
    case = CaseFactory()
    event = EventFactory.build(case=case, type="workup", date=dt.date(2026, 10, 25))
    assert messages(event) == {"test": [models.MSG_WORKUP_NEEDS_TEST]}
    event.test, event.result = "lumbar_puncture", "CSF: no blasts"
    event.full_clean()


def test_test_and_result_belong_to_workup_events_only():
    event = EventFactory.build(
        case=CaseFactory(),
        type="relapse",
        date=dt.date(2026, 10, 20),
        test="hla_typing",
        result="Sent",
    )
    assert messages(event) == {
        "test": [models.MSG_TEST_ONLY_ON_WORKUP],
        "result": [models.MSG_RESULT_ONLY_ON_WORKUP],
    }


def test_an_unknown_workup_test_is_refused():
    event = EventFactory.build(
        case=CaseFactory(), type="workup", date=dt.date(2026, 10, 25), test="x_ray"
    )
    assert "not a valid choice" in messages(event)["test"][0]


def test_markers_tested_on_is_a_fact_dated_no_later_than_the_evaluation():
    CaseFactory.build(markers_tested_on=dt.date(2026, 10, 21)).full_clean(
        exclude=["program"]
    )
    late = CaseFactory.build(markers_tested_on=dt.date(2026, 11, 2))
    assert "after the evaluation date" in messages(late)["markers_tested_on"][0]
    early = CaseFactory.build(markers_tested_on=dt.date(2003, 4, 9))
    assert "before the birth date" in messages(early)["markers_tested_on"][0]


@pytest.mark.parametrize(
    "phone",
    ["+1 555 0100", "(555) 010-0123 ext. 12", "555.010.0123", "+44 20 7946 0000 x4"],
)
def test_a_care_team_phone_with_digits_and_separators_is_accepted(phone):
    ProgramFactory.build(care_team_phone=phone).full_clean(validate_unique=False)


@pytest.mark.parametrize(
    "phone", ["call the ward", "12345", "((( )))", "+1 555 0100 ext", "1" * 16]
)
def test_a_care_team_phone_that_cannot_be_dialled_is_refused(phone):
    program = ProgramFactory.build(care_team_phone=phone)
    with pytest.raises(ValidationError) as failure:
        program.full_clean(validate_unique=False)
    assert failure.value.message_dict == {"care_team_phone": [models.MSG_PHONE]}


def test_care_team_settings_may_stay_blank():
    ProgramFactory.build(care_team_name="", care_team_phone="").full_clean(
        validate_unique=False
    )


def test_unknown_referral_status_is_refused():
    referral = ReferralFactory.build(case=CaseFactory(), status="lost")
    assert "not a valid choice" in messages(referral)["status"][0]


@pytest.mark.parametrize(
    ("birth", "age", "flagged"),
    [
        (dt.date(2011, 11, 2), 14, True),
        (dt.date(2011, 11, 1), 15, False),
        (dt.date(1986, 11, 2), 39, False),
        (dt.date(1986, 11, 1), 40, True),
    ],
)
def test_age_outside_15_to_39_is_flagged_not_clamped(birth, age, flagged):
    case = CaseFactory.build(birth_date=birth, diagnosis_date=dt.date(2024, 1, 15))
    assert case.age_at_evaluation == age
    assert case.outside_aya is flagged


def test_validation_of_a_document_needs_no_saved_rows(
    django_assert_num_queries, case_document
):
    case_document["events"] = [{"type": "relapse", "date": "1990-01-01"}]
    with django_assert_num_queries(0):
        problems = documents.validate_case_document(case_document)
    assert [(p.path, "before the birth date" in p.message) for p in problems] == [
        ("$.events[0].date", True)
    ]


def test_a_nul_inside_a_parsed_document_is_refused(case_document):
    case_document["family_name"] = "Ro\x00ss"
    assert documents.validate_case_document(case_document)[0].message.startswith(
        "The file contains a NUL byte"
    )
