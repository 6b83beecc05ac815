"""App configuration for FHIR export and spreadsheet import."""

from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = "FHIR export and spreadsheet import"
