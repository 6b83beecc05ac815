"""App configuration for decision aids."""

from django.apps import AppConfig


class DecisionAidsConfig(AppConfig):
    name = "decisionaids"
    verbose_name = "Decision aids"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from decisionaids.services import evidence_sync

        # The data migration seeds the evidence rows; this keeps them present after a
        # test flush and adds rows for new catalogue figures, never overwriting edits.
        post_migrate.connect(evidence_sync, sender=self, dispatch_uid="evidence_sync")
