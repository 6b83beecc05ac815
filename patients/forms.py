"""Forms for the clinic pages: case facts, events and referrals, in plain words."""

from __future__ import annotations

import re

from django import forms

from patients import choices
from patients.models import Case, Event, Referral

MSG_ABL1 = "Write mutations like T315I, separated by commas."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class NullBooleanSelect(forms.Select):
    """Yes / No / Not recorded: an unknown answer stays unknown."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            choices=[("", "Not recorded"), ("true", "Yes"), ("false", "No")], **kwargs
        )

    def format_value(self, value):  # noqa: ANN001, ANN201
        return {True: "true", False: "false"}.get(value, "")

    def value_from_datadict(self, data, files, name):  # noqa: ANN001, ANN201
        return {"true": True, "false": False}.get(data.get(name))


class Abl1Field(forms.CharField):
    """ABL1 kinase-domain mutations as comma-separated text (e.g. "T315I, E255K")."""

    def prepare_value(self, value):  # noqa: ANN001, ANN201
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):  # noqa: ANN001, ANN201
        text = super().to_python(value)
        if not text:
            return None
        mutations = [part.strip().upper() for part in text.split(",") if part.strip()]
        for mutation in mutations:
            if not re.fullmatch(r"[A-Z][0-9]{1,4}[A-Z]", mutation):
                raise forms.ValidationError(MSG_ABL1)
        return list(dict.fromkeys(mutations))


class SitesField(forms.MultipleChoiceField):
    """Disease sites as checkboxes; none ticked is recorded as "none"."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(choices=choices.DiseaseSite.choices, required=False, **kwargs)


class PlainErrorsMixin:
    """Replace Django's terse defaults with messages a coordinator understands."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = (field.label or name).lower()
            field.error_messages["required"] = f"Please enter the {label}."
            field.error_messages["invalid"] = f"This is not a valid {label}."
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = (
                    "Please enter a real date (year-month-day)."
                )
            if isinstance(field, forms.TypedChoiceField | forms.ChoiceField):
                field.error_messages["invalid_choice"] = (
                    "Please choose one of the options."
                )
            if isinstance(field, forms.IntegerField | forms.FloatField):
                field.error_messages["invalid"] = "Please enter a number."


def _date_widgets(names: list[str]) -> dict[str, DateInput]:
    return {name: DateInput() for name in names}


BOOLEAN_FACTS = (
    "can_become_pregnant",
    "testicular_disease_after_induction",
    "prior_neuropathy",
    "strong_cyp3a4_inhibitor",
    "hsct_planned",
    "school_or_work_disrupted",
    "clinical_trial_screened",
)


class CaseFactsForm(PlainErrorsMixin, forms.ModelForm):
    sites = SitesField(label="Disease sites")
    abl1_mutations = Abl1Field(
        label="ABL1 mutations", required=False, help_text="For example: T315I, E255K"
    )

    class Meta:
        model = Case
        fields = [
            "given_name",
            "family_name",
            "birth_date",
            "sex",
            "can_become_pregnant",
            "preferred_language",
            "weight_kg",
            "evaluation_date",
            "diagnosis_date",
            "lineage",
            "ph_status",
            "initial_regimen",
            "disease_state",
            "relapse_count",
            "latest_relapse_date",
            "sites",
            "marrow_blast_percent",
            "testicular_disease_after_induction",
            "cd19",
            "cd22",
            "cd20",
            "kmt2a_rearranged",
            "abl1_mutations",
            "markers_tested_on",
            "ecog",
            "hct_ci",
            "fitness_category",
            "transplant_eligible",
            "prior_neuropathy",
            "strong_cyp3a4_inhibitor",
            "hsct_planned",
            "next_treatment_start",
            "school_or_work_disrupted",
            "clinical_trial_screened",
        ]
        widgets = {
            **_date_widgets(
                [
                    "birth_date",
                    "evaluation_date",
                    "diagnosis_date",
                    "latest_relapse_date",
                    "markers_tested_on",
                    "next_treatment_start",
                ],
            ),
            **{name: NullBooleanSelect() for name in BOOLEAN_FACTS},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in BOOLEAN_FACTS:
            self.fields[name] = forms.NullBooleanField(
                label=self.fields[name].label,
                required=False,
                widget=NullBooleanSelect(),
            )


class EventForm(PlainErrorsMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "type",
            "date",
            "end_date",
            "agent",
            "cycles",
            "donor",
            "response",
            "mrd",
            "mrd_level",
            "toxicity",
            "grade",
            "cns_kind",
            "test",
            "result",
            "note",
        ]
        widgets = {
            **_date_widgets(["date", "end_date"]),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"test": "Work-up test", "result": "Work-up result"}
        help_texts = {
            "end_date": "Leave empty for a single-day event or an ongoing therapy.",
            "mrd_level": "As a fraction, e.g. 0.0001 for 0.01 %.",
            "test": "For a work-up event: which relapse work-up item was done.",
            "result": "For a work-up event: the result in words, as reported.",
        }


class WorkupRecordForm(PlainErrorsMixin, forms.Form):
    """The case page's one step for a work-up item: which test, when, the result."""

    test = forms.ChoiceField(
        choices=choices.WorkupTest.choices, widget=forms.HiddenInput
    )
    date = forms.DateField(label="Done on", widget=DateInput())
    result = forms.CharField(
        label="Result", max_length=200, required=False, help_text="As reported."
    )


class ReferralForm(PlainErrorsMixin, forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["kind", "status", "date", "appointment_date", "owner", "note"]
        widgets = {
            **_date_widgets(["date", "appointment_date"]),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        # "Appointment", not "Appointment date": each label names one field.
        labels = {"appointment_date": "Appointment"}
        help_texts = {
            "date": "The day the referral was referred, scheduled, completed or "
            "declined. Leave empty only while it is needed.",
            "appointment_date": "Only for a scheduled referral; it may lie ahead.",
        }

    def __init__(self, *args, owners=None, **kwargs) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"].queryset = owners


class CaseSearchForm(forms.Form):
    """Search terms travel in the POST body, never in the URL (they may be PHI)."""

    def __init__(self, *args, alert_ids=(), **kwargs) -> None:  # noqa: ANN001
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["alert"].choices = [
            ("", "Any"),
            ("any", "Any alert"),
            *[(a, a) for a in alert_ids],
        ]

    q = forms.CharField(label="Name or identifier", required=False, max_length=100)
    lineage = forms.ChoiceField(
        label="Lineage",
        required=False,
        choices=[("", "Any"), *choices.Lineage.choices],
    )
    decision_point = forms.ChoiceField(
        label="Decision point",
        required=False,
        choices=[
            ("", "Any"),
            ("REINDUCTION", "Re-induction"),
            ("CONSOLIDATION", "Consolidation"),
            ("NONE", "None"),
        ],
    )
    alert = forms.ChoiceField(label="Alert", required=False, choices=[("", "Any")])

    def clean_q(self) -> str:
        value = self.cleaned_data["q"]
        if "\x00" in value:
            raise forms.ValidationError("The search contains a character not allowed.")
        return value.strip()
