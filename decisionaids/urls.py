"""URLs of the decision-aid pages; paths carry numeric keys only, never patient data."""

from django.urls import path

from decisionaids import views

urlpatterns = [
    path("cases/<int:pk>/aids/", views.aid_request, name="aid-request"),
    path("aids/<int:job_pk>/", views.aid_job_detail, name="aid-job-detail"),
    path("aids/<int:job_pk>/status/", views.aid_job_status, name="aid-job-status"),
    path("aids/<int:job_pk>/pdf/", views.aid_job_pdf, name="aid-job-pdf"),
    path("aids/<int:job_pk>/given/", views.aid_job_given, name="aid-job-given"),
]
