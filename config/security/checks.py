"""Start-up checks: production serves nothing until its static files are collected.

With the manifest storage of production settings, a page that links a static file
fails (500) when ``collectstatic`` has not run. ``check --deploy`` (``make serve``
runs it) reports it, and the WSGI application refuses to load (config/wsgi.py).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import STATICFILES_STORAGE_ALIAS, settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

MSG_NO_STATIC = (
    "The static files are not collected ({manifest} is missing): run "
    "`DJANGO_SETTINGS_MODULE=config.settings.production manage.py collectstatic "
    "--noinput` (make serve does) before starting the web server "
    "(docs/deploy.md, 'Static files')."
)


def static_files_problem() -> str | None:
    """Why pages would fail for want of collected static files, or None."""
    storage = storages[STATICFILES_STORAGE_ALIAS]
    if not isinstance(storage, ManifestFilesMixin):
        return None
    manifest = Path(storage.path(storage.manifest_name))
    if manifest.is_file():
        return None
    return MSG_NO_STATIC.format(manifest=manifest)


@checks.register(checks.Tags.staticfiles, deploy=True)
def static_files_collected(app_configs, **kwargs) -> list[checks.CheckMessage]:  # noqa: ANN001
    problem = static_files_problem()
    if problem is None:
        return []
    return [checks.Error(problem, id="aya.E001")]


def require_collected_static() -> None:
    """Raise with a plain message when production would serve pages without them."""
    if settings.DEBUG:
        return
    problem = static_files_problem()
    if problem is not None:
        raise ImproperlyConfigured(problem)
