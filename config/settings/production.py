"""Production settings: selected with DJANGO_SETTINGS_MODULE=config.settings.production.

Everything that differs from base comes from the environment; the secret key,
allowed hosts, database and Redis have no defaults so a misconfigured deployment
fails loudly. See docs/deploy.md.
"""

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from config.settings.base import *  # noqa: F403
from config.settings.base import env

MSG_MISSING = (
    "{name} is not set: production needs {what} (see docs/deploy.md, "
    "'Environment variables')."
)
if not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured(
        MSG_MISSING.format(
            name="DATABASE_URL",
            what="a PostgreSQL URL, e.g. postgres://aya@127.0.0.1:5432/aya",
        )
    )
if not env.str("REDIS_URL", default="") and not env.str(
    "CELERY_BROKER_URL", default=""
):
    raise ImproperlyConfigured(
        MSG_MISSING.format(
            name="REDIS_URL", what="a Redis URL, e.g. redis://127.0.0.1:6379/0"
        )
    )

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The absolute cap on a session, however active (config/security/sessions.py).
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 3600)
AYA_DEMO_ALLOWED = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# collectstatic compresses each file with gzip and Brotli: only the hashed names
# pages link to, and not the API documentation's source maps (about 6 MB that only
# a browser's developer tools fetch), which halves the work of every upgrade.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
