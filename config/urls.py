"""URL configuration: admin, sign-in, and each app's pages."""

from django.contrib import admin
from django.urls import include, path

from config.security.sessions import session_status
from config.views import favicon, signed_in

urlpatterns = [
    path("", include("patients.urls")),
    path("", include("recommendations.urls")),
    path("", include("decisionaids.urls")),
    path("", include("interop.urls")),
    path("", include("dashboard.urls")),
    path("api/", include("config.api.urls")),
    path("accounts/session/", session_status, name="session-status"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon, name="favicon"),
    path("signed-in/", signed_in, name="signed-in"),
]

# Server errors under /api/ are JSON like every other API error; HTML elsewhere.
handler500 = "config.api.errors.server_error"
