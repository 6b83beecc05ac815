"""WSGI entry point for gunicorn or any WSGI server."""

import os
import sys

import django
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup(set_prefix=False)

# Production refuses to serve without its collected static files (every page
# would be a 500): one plain line, and gunicorn stops ("App failed to load").
from config.security.checks import require_collected_static  # noqa: E402

try:
    require_collected_static()
except ImproperlyConfigured as error:
    sys.stderr.write(f"{error}\n")
    raise SystemExit(4) from None

application = get_wsgi_application()
