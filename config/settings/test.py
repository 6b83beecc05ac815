"""Settings for the test suite: fast hashing, isolated media and broker folders."""

import os
import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import (
    CELERY_BROKER_URL,
    PASSWORD_HASHERS,
    filesystem_broker_options,
)

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
# Argon2 stays first in production; tests keep it listed so hashing is exercised
# by the dedicated test while other tests log in quickly.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

_RUN_DIR = Path(tempfile.mkdtemp(prefix="aya-test-"))
MEDIA_ROOT = _RUN_DIR / "media"
STATIC_ROOT = _RUN_DIR / "static"
STATIC_ROOT.mkdir()
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(
        _RUN_DIR / "celery-broker"
    )
os.environ.setdefault("AYA_TEST_RUN_DIR", str(_RUN_DIR))
