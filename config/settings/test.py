"""Settings for the test suite: fast hashing, an isolated run folder, a private Redis.

Everything a test run writes (media, static files, the SQLite test database) goes
to one temporary folder, removed when the run ends. With no CELERY_BROKER_URL or
REDIS_URL set, the run starts its own ``redis-server`` on a free loopback port
(``tests/servers.py``) and stops that one server, by its PID, when it ends; child
processes of the run (pytest-xdist workers, Celery workers) inherit its URL.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, PASSWORD_HASHERS, env

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
# Argon2 stays first in production; tests keep it listed so hashing is exercised
# by the dedicated test while other tests log in quickly.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

# A Celery worker started by a test (tests/servers.py) is given the run folder of
# the test process, so both store PDFs in the same media folder.
if env.str("AYA_TEST_RUN_DIR", default=""):
    TEST_RUN_DIR = Path(env.str("AYA_TEST_RUN_DIR"))
else:
    TEST_RUN_DIR = Path(tempfile.mkdtemp(prefix="aya-test-"))
    atexit.register(shutil.rmtree, TEST_RUN_DIR, ignore_errors=True)
MEDIA_ROOT = TEST_RUN_DIR / "media"
STATIC_ROOT = TEST_RUN_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
CELERY_BEAT_SCHEDULE_FILENAME = str(TEST_RUN_DIR / "celerybeat-schedule")
# One queue per test run (a worker it starts shares it): two runs sharing a Redis,
# or pytest-xdist processes with their own databases, never take each other's jobs.
CELERY_TASK_DEFAULT_QUEUE = f"aya-test-{TEST_RUN_DIR.name}"

# Test-only: each render sleeps this long first, so a fault test can break things
# while a job is surely rendering (tests/faults/). Never set outside tests.
AYA_TEST_RENDER_DELAY_SECONDS = env.float("AYA_TEST_RENDER_DELAY_SECONDS", default=0)
# Test-only, likewise: each re-evaluation chunk sleeps this long inside its
# transaction, so a fault test can kill a worker while a chunk is surely open.
AYA_TEST_CHUNK_DELAY_SECONDS = env.float("AYA_TEST_CHUNK_DELAY_SECONDS", default=0)

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: worker processes started by tests share it.
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_RUN_DIR / "test.sqlite3")}

if not env.str("CELERY_BROKER_URL", default="") and not env.str(
    "REDIS_URL", default=""
):
    from tests.servers import start_redis

    _redis = start_redis(TEST_RUN_DIR / "redis")
    atexit.register(_redis.stop)
    CELERY_BROKER_URL = _redis.url
    os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL

# The case page as Django's template language drew it (tests/patients/reference/),
# which the Jinja2 body is held to, loads its timeline tags from there.
TEMPLATES = [
    {
        **TEMPLATES[0],  # noqa: F405
        "OPTIONS": {
            **TEMPLATES[0]["OPTIONS"],  # noqa: F405
            "libraries": {"timeline_tags": "tests.patients.reference.timeline_tags"},
        },
    },
    *TEMPLATES[1:],  # noqa: F405
]
