"""App configuration for the case registry."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = "AYA case registry"

    def ready(self) -> None:
        from patients import audit  # noqa: F401 - connects the sign-in receivers
        from patients.roles import grant_role_permissions

        # Permissions exist only after migrate has created them, so roles are
        # granted here rather than in a data migration.
        post_migrate.connect(grant_role_permissions, dispatch_uid="patients.roles")
