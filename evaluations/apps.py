"""App configuration for the stored current evaluation of every case."""

from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Stored evaluations"
