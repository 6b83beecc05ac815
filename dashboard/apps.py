"""App configuration for the program dashboard (no models of its own)."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Program dashboard"
