"""Forms for the clinic pages: case facts, events and referrals, in plain words."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from patients import choices
from patients.models import Case, Event, Referral

MSG_ABL1 = "Write mutations like T315I, separated by commas."


class DateInput(forms.DateInput):
    """A date typed as year-month-day text, not the browser's date picker.

    A picker drops an impossible date such as 2026-02-30 before it is sent, so the
    server's message never shows; typed text reaches the server, which says what is
    wrong in words.
    """

    input_type = "text"

    def __init__(self, **kwargs) -> None:
        attrs = {"placeholder": "YYYY-MM-DD", "autocomplete": "off", "size": 12}
        attrs.update(kwargs.pop("attrs", None) or {})
        super().__init__(format="%Y-%m-%d", attrs=attrs, **kwargs)


DATE_FORMATS = ["%Y-%m-%d"]
MSG_DATE_INVALID = "Please enter a real date as year-month-day, e.g. 2026-10-20."


class PlainSelect(forms.Select):
    """A select written out here, the same HTML as Django's ``Select``.

    Django renders a select through a template and each option through two more:
    the case list's filters, rendered on every search, took 1.1 ms, ten times this.
    """

    def render(self, name, value, attrs=None, renderer=None):  # noqa: ANN001, ANN201, ARG002
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _ in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (
                        option["value"],
                        flatatt(option["attrs"]),
                        option["label"],
                    )
                    for option in options
                ),
            )
            if group_name is not None:
                html = format_html(
                    '<optgroup label="{}">{}</optgroup>', group_name, html
                )
            groups.append(html)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308 - each part escaped above
        )


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


def _phrase(label: str) -> str:
    """A label in a sentence: "the grade", but "the MRD level" keeps its capitals."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _limits(field: forms.Field, model_field) -> tuple[object, object]:  # noqa: ANN001
    """The lowest and highest value the form or the model allows."""
    low = high = None
    validators = [*field.validators, *getattr(model_field, "validators", [])]
    for validator in validators:
        if isinstance(validator, MinValueValidator):
            limit = validator.limit_value
            low = limit if low is None else max(low, limit)
        elif isinstance(validator, MaxValueValidator):
            limit = validator.limit_value
            high = limit if high is None else min(high, limit)
    return low, high


class PlainErrorsMixin:
    """Replace Django's terse defaults with messages a coordinator understands.

    Range messages name the range ("The grade must be a whole number from 1 to 5.")
    instead of Django's "Ensure this value is less than or equal to 5."; a ModelForm
    uses them for the model's own validators too (matched by error code).
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        model = getattr(getattr(self, "_meta", None), "model", None)
        for name, field in self.fields.items():
            label = _phrase(str(field.label or name))
            messages = field.error_messages
            messages["required"] = f"Please enter the {label}."
            messages["invalid"] = f"This is not a valid {label}."
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_FORMATS
                messages["invalid"] = MSG_DATE_INVALID
            if isinstance(field, forms.TypedChoiceField | forms.ChoiceField):
                messages["invalid_choice"] = "Please choose one of the options."
            if isinstance(field, forms.CharField):
                messages["max_length"] = (
                    f"Please keep the {label} to %(limit_value)s characters or fewer."
                )
            if isinstance(field, forms.IntegerField | forms.FloatField):
                whole = not isinstance(field, forms.FloatField)
                messages["invalid"] = (
                    "Please enter a whole number."
                    if whole
                    else "Please enter a number."
                )
                model_field = None
                if model is not None:
                    try:
                        model_field = model._meta.get_field(name)
                    except FieldDoesNotExist:
                        model_field = None
                low, high = _limits(field, model_field)
                kind = "a whole number" if whole else "a number"
                if low is not None and high is not None:
                    text = f"The {label} must be {kind} from {low:g} to {high:g}."
                    messages["min_value"] = messages["max_value"] = text
                else:
                    messages["min_value"] = (
                        f"The {label} must be %(limit_value)s or more."
                    )
                    messages["max_value"] = (
                        f"The {label} must be %(limit_value)s or less."
                    )


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


THERAPY_FIELDS = ("end_date", "agent", "cycles")
# The fields each event type uses beyond its type, date and note (case schema and
# catalogue: a response has a result and MRD, a toxicity a kind and grade, a CNS
# event a finding, a work-up its test and result, a transplant its donor).
EVENT_TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    **{str(kind): THERAPY_FIELDS for kind in choices.THERAPY_EVENT_TYPES},
    choices.EventType.CAR_T: ("agent",),
    choices.EventType.ALLO_HSCT: ("donor",),
    choices.EventType.DLI: ("cycles",),
    choices.EventType.RELAPSE: (),
    choices.EventType.CNS_EVENT: ("cns_kind",),
    choices.EventType.RESPONSE: ("response", "mrd", "mrd_level"),
    choices.EventType.TOXICITY: ("toxicity", "grade"),
    choices.EventType.WORKUP: ("test", "result"),
}
EVENT_COMMON_FIELDS = ("type", "date", "note")


class EventForm(PlainErrorsMixin, forms.ModelForm):
    """An event of one type: only the fields its type uses are shown and kept.

    Every field is in the page (without JavaScript all of them show); a static
    script hides those the chosen type does not use. On save, a value left in a
    field the type does not use is dropped, unless the event already had it (an
    imported event keeps what it came with).
    """

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
        labels = {
            "test": "Work-up test",
            "result": "Work-up result",
            "agent": "Agent, product or regimen",
            "cycles": "Number of cycles",
            "response": "Response",
            "toxicity": "Toxicity",
        }
        help_texts = {
            "date": "Year-month-day, e.g. 2026-10-20.",
            "end_date": "Leave empty for a single-day event or an ongoing therapy.",
            "mrd_level": "As a fraction, e.g. 0.0001 for 0.01 %.",
            "test": "Which relapse work-up item was done.",
            "result": "The result in words, as reported.",
            "agent": "The CAR-T product, the TKI, or the chemotherapy regimen.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.types_using = {
            name: sorted(
                kind for kind, used in EVENT_TYPE_FIELDS.items() if name in used
            )
            for name in self.fields
            if name not in EVENT_COMMON_FIELDS
        }
        for name, kinds in self.types_using.items():
            self.fields[name].show_when = ("type", " ".join(kinds))

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("type")
        if not kind:
            return data
        used = set(EVENT_TYPE_FIELDS.get(kind, ())) | set(EVENT_COMMON_FIELDS)
        for name in self.types_using:
            if name in used:
                continue
            if self.instance.pk and getattr(self.instance, name) not in (None, ""):
                continue
            # A field the type does not use (hidden on the page): drop its value,
            # and any error about it, rather than store or report what is not shown.
            self._errors.pop(name, None)
            data[name] = getattr(self.fields[name], "empty_value", None)
        return data


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
        # Shown only for the statuses they belong to (static script; the model's
        # own rules still decide, and a field in error is never hidden).
        counted = [s for s in choices.ReferralStatus.values if s != "needed"]
        self.fields["date"].show_when = ("status", " ".join(counted))
        self.fields["appointment_date"].show_when = ("status", "scheduled")
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
        widget=PlainSelect,
    )
    decision_point = forms.ChoiceField(
        label="Decision point",
        required=False,
        widget=PlainSelect,
        choices=[
            ("", "Any"),
            ("REINDUCTION", "Re-induction"),
            ("CONSOLIDATION", "Consolidation"),
            ("NONE", "None"),
        ],
    )
    alert = forms.ChoiceField(
        label="Alert", required=False, choices=[("", "Any")], widget=PlainSelect
    )

    def clean_q(self) -> str:
        value = self.cleaned_data["q"]
        if "\x00" in value:
            raise forms.ValidationError("The search contains a character not allowed.")
        return value.strip()
