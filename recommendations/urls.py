"""URLs of the guideline library and snapshots."""

from django.urls import path

from recommendations import views

urlpatterns = [
    path("guideline/", views.guideline_library, name="guideline-library"),
    path("guideline/impact/", views.ruleset_impact, name="ruleset-impact"),
    path("cases/<int:pk>/snapshots/", views.snapshot_create, name="snapshot-create"),
    path(
        "cases/<int:pk>/alerts/acknowledge/",
        views.alert_acknowledge,
        name="alert-acknowledge",
    ),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot-detail"),
]
