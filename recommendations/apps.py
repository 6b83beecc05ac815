"""App configuration for the recommendation engine and its stored snapshots."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_rule_content(**kwargs) -> None:
    from recommendations.services import rulecontent_sync

    rulecontent_sync()


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = "Guideline recommendations"

    def ready(self) -> None:
        # Wording rows mirror the catalogue in code; new rules get a row after migrate.
        post_migrate.connect(
            _sync_rule_content, sender=self, dispatch_uid="rulecontent_sync"
        )
