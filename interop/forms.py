"""The upload form: which program, and the spreadsheet file(s)."""

from __future__ import annotations

from django import forms
from django.conf import settings

from patients.models import Program

MSG_TOO_LARGE = "The files are {size} bytes together; the largest accepted is {limit}."


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):  # noqa: ANN001, ANN201
        clean_one = super().clean
        if isinstance(data, list | tuple):
            return [clean_one(item, initial) for item in data]
        return [clean_one(data, initial)]


class SheetUploadForm(forms.Form):
    program = forms.ModelChoiceField(
        queryset=Program.objects.none(),
        empty_label=None,
        help_text="The cases are imported into this program.",
    )
    files = MultipleFileField(
        label="Spreadsheet",
        help_text="An Excel workbook (.xlsx) with the sheets cases, events and "
        "referrals, or up to three CSV files (cases.csv, events.csv, referrals.csv).",
        widget=MultipleFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def __init__(self, *args, programs: list[Program], **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(
            pk__in=[program.pk for program in programs]
        )

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        size = sum(upload.size for upload in files)
        if size > settings.AYA_SHEET_MAX_BYTES:
            # Refused before a byte is read.
            raise forms.ValidationError(
                MSG_TOO_LARGE.format(size=size, limit=settings.AYA_SHEET_MAX_BYTES)
            )
        return files
