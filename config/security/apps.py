"""Registers the start-up checks of config/security (no models)."""

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "config.security"
    label = "aya_security"
    verbose_name = "Security"

    def ready(self) -> None:
        from config.security import checks  # noqa: F401 - registers the checks
