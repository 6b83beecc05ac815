"""App configuration for the recommendation engine and its stored snapshots."""

from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = "Guideline recommendations"
