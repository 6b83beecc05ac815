"""URL configuration: admin, sign-in, and each app's pages."""

from django.contrib import admin
from django.urls import include, path

from patients import views as patient_views

urlpatterns = [
    path("", patient_views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
