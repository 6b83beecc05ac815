"""URLs of the program dashboard; the program and period travel as GET parameters."""

from django.urls import path

from dashboard import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path(
        "dashboard/measure/<slug:measure_id>/",
        views.measure_cases,
        name="dashboard-measure",
    ),
]
