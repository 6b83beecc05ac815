"""URL configuration: admin, sign-in, and each app's pages."""

from django.contrib import admin
from django.urls import include, path

from config.views import signed_in

urlpatterns = [
    path("", include("patients.urls")),
    path("", include("recommendations.urls")),
    path("", include("decisionaids.urls")),
    path("", include("interop.urls")),
    path("api/", include("config.api.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("signed-in/", signed_in, name="signed-in"),
]

# Server errors under /api/ are JSON like every other API error; HTML elsewhere.
handler500 = "config.api.errors.server_error"
