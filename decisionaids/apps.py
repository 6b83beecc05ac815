"""App configuration for decision aids."""

from django.apps import AppConfig


class DecisionAidsConfig(AppConfig):
    name = "decisionaids"
    verbose_name = "Decision aids"
