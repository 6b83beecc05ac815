"""WSGI entry point for gunicorn or any WSGI server."""

import gc
import os
import sys

import django
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

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

# Everything loaded so far, and the views the URLconf imports (Django, the apps,
# the rule catalogue: most of the objects a process ever holds), lives as long as
# the process. Frozen, the cyclic collector stops walking it: its full collections
# came every 50 or so worklist reads and took about 75 ms each, a request's worth of
# time in its slowest tail. Loading's garbage is collected first, not frozen.
get_resolver().url_patterns  # noqa: B018 - imports every view now, not on first use
gc.collect()
gc.freeze()
