"""Settings shared by every environment; values come from the environment (12-factor).

With nothing set the app runs on embedded defaults: SQLite in ``var/`` and, as the
Celery broker, the Redis that ``make run`` starts on a unix socket in ``var/``.
``DATABASE_URL`` switches to PostgreSQL and ``CELERY_BROKER_URL`` (or ``REDIS_URL``)
to an existing Redis.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("AYA_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    # Django's admin, its change lists refusing out-of-range filters (a 500 otherwise).
    "config.admin_site.BoundedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "config.security",
    "patients",
    "recommendations",
    "decisionaids",
    "interop",
    "dashboard",
    "evaluations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.security.headers.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.security.sessions.IdleTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "patients.audit.AuditRequestMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.security.sessions.session_timeout",
            ],
        },
    },
    {
        # The case page's body (patients.pages); its frame is a Django template.
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja_templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "config.jinja2.environment"},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
# Each web process keeps its connection between requests, for up to this many
# seconds: a new PostgreSQL connection is a new server process with cold catalogue
# caches, and opening one cost more than the whole signed-in trivial page. (Celery
# closes its connection around each task, whatever this says.) The health check
# before reuse reconnects after a database restart. ``?conn_max_age=`` in
# DATABASE_URL wins over the default.
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=300)
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if "DATABASE_URL" not in env:
    # The embedded default keeps its SQLite file under var/, created on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server and the worker processes write to one file: write transactions
    # take the lock when they begin (no "database is locked" when a read upgrades),
    # wait for each other up to 20 s, and readers never block the writer (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with ``planned_for_values`` (config/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "config.postgresql"
    if env.bool("DJANGO_DB_PREPARED_STATEMENTS", default=True):
        # Values are sent apart from the SQL, and a statement run five times on a
        # connection is prepared: PostgreSQL plans it once and reuses the plan. A
        # pooler in transaction mode must keep prepared statements (PgBouncer
        # 1.22+, max_prepared_statements); or set DJANGO_DB_PREPARED_STATEMENTS=false.
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options.setdefault("server_side_binding", True)
        _options.setdefault("prepare_threshold", 5)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
from config.settings.security import *  # noqa: E402, F403

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Rate-limit counters and other cache entries: shared through Redis when one is
# configured, so every web process counts together; per process otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }

# Celery. The broker is Redis: the one ``make run`` starts on a unix socket under
# var/ unless CELERY_BROKER_URL or REDIS_URL names another (docs/adr/0002).
LOCAL_REDIS_SOCKET = VAR_DIR / "redis.sock"
CELERY_BROKER_URL = env.str(
    "CELERY_BROKER_URL", default=REDIS_URL or f"redis+socket://{LOCAL_REDIS_SOCKET}"
)
if CELERY_BROKER_URL.startswith("filesystem:"):
    # kombu's filesystem transport kills the consumer on an empty or half-written
    # message file (kombu issue #1551); a job could wait for ever.
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL: the filesystem transport can lose decision-aid jobs "
        "(kombu issue #1551); use Redis (docs/adr/0002-embedded-defaults.md)."
    )
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
# A task not acknowledged within this many seconds is redelivered: longer than the
# longest render (the hard time limit) so a slow render is not run twice, and not
# much longer, so the jobs of a worker that died wait minutes, not an hour
# (docs/adr/0010-decision-aid-jobs.md). A short connect timeout keeps a request from
# hanging on an unreachable broker.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 60,
    "socket_connect_timeout": 5,
}
# Sending a task: one quick retry, then the caller is told (the job stays queued and
# the sweeper sends it when the broker is back) instead of a request that hangs.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker whose broker went away keeps trying to reconnect (every 30 s at most)
# however long the outage; Celery's default gives up, and exits, after 100 tries.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Periodic jobs, sent by `celery beat` (make serve; docs/deploy.md). Each entry names
# a registered task; its last run times are kept in var/ between restarts.
CELERY_INCLUDE = ["config.tasks", "evaluations.tasks"]
# A re-evaluation job (a rule change, an upgrade) runs in this many lanes side by
# side: as many as the worker has processes (Procfile: CELERY_CONCURRENCY).
AYA_REEVALUATION_LANES = env.int(
    "AYA_REEVALUATION_LANES", default=env.int("CELERY_CONCURRENCY", default=2)
)
# Cases per chunk (one task, one transaction, one bulk write).
AYA_REEVALUATION_CHUNK_SIZE = env.int("AYA_REEVALUATION_CHUNK_SIZE", default=500)
# Every SWEEP seconds, the lanes of unfinished jobs that have not moved for STALL
# seconds are sent again: their message was lost (Redis restarted without its data,
# or down when the job was queued) or is held back by a worker killed whole (until
# the visibility timeout). A chunk takes about 0.5 s.
AYA_REEVALUATION_SWEEP_SECONDS = env.float("AYA_REEVALUATION_SWEEP_SECONDS", default=60)
AYA_REEVALUATION_STALL_SECONDS = env.float(
    "AYA_REEVALUATION_STALL_SECONDS", default=300
)
# Decision-aid jobs (docs/adr/0010-decision-aid-jobs.md): a rendering job holds a
# lease its worker renews every HEARTBEAT seconds; the sweeper, every SWEEP seconds,
# takes back a job whose lease ran out and sends again a queued job never sent or
# sent more than REQUEUE_AFTER seconds ago. Retries wait RETRY_BASE, doubling, at
# most RETRY_MAX seconds each.
AYA_AID_LEASE_SECONDS = env.float("AYA_AID_LEASE_SECONDS", default=60)
AYA_AID_HEARTBEAT_SECONDS = env.float("AYA_AID_HEARTBEAT_SECONDS", default=15)
AYA_AID_SWEEP_SECONDS = env.float("AYA_AID_SWEEP_SECONDS", default=60)
AYA_AID_REQUEUE_AFTER_SECONDS = env.float("AYA_AID_REQUEUE_AFTER_SECONDS", default=300)
AYA_AID_RETRY_BASE_SECONDS = env.float("AYA_AID_RETRY_BASE_SECONDS", default=5)
AYA_AID_RETRY_MAX_SECONDS = env.float("AYA_AID_RETRY_MAX_SECONDS", default=60)
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "config.clear_expired_sessions",
        "schedule": timedelta(hours=24),
    },
    "clear-expired-api-tokens": {
        "task": "config.clear_expired_api_tokens",
        "schedule": timedelta(hours=24),
    },
    "sweep-decision-aid-jobs": {
        "task": "decisionaids.sweep_aid_jobs",
        "schedule": timedelta(seconds=AYA_AID_SWEEP_SECONDS),
        # A sweep nobody ran in time is dropped; the next one does its work.
        "options": {"expires": AYA_AID_SWEEP_SECONDS},
    },
    "resume-stalled-reevaluations": {
        "task": "evaluations.resume_stalled",
        "schedule": timedelta(seconds=AYA_REEVALUATION_SWEEP_SECONDS),
        "options": {"expires": AYA_REEVALUATION_SWEEP_SECONDS},
    },
    # Stored evaluations whose result changes with the date (due dates, intervals,
    # birthdays), just after midnight (TIME_ZONE).
    "evaluations-refresh-due": {
        "task": "evaluations.refresh_due",
        "schedule": crontab(hour=0, minute=5),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

_API = "config.api"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        f"{_API}.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [f"{_API}.parsers.StrictJSONParser"],
    "DEFAULT_SCHEMA_CLASS": f"{_API}.schema.AutoSchema",
    "EXCEPTION_HANDLER": f"{_API}.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        f"{_API}.throttling.UserRateThrottle",
        f"{_API}.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "token_create": env.str("API_THROTTLE_TOKEN_CREATE", default="10/minute"),
    },
    # Rate limits key on the client address: trust X-Forwarded-For only from this
    # many proxies in front of the app (0: use the connection's address).
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=0),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # No ?format=: the Accept header alone chooses (JSON, or a PDF where offered).
    "URL_FORMAT_OVERRIDE": None,
}

# API tokens (django-rest-knox): hashed at rest, always expiring, revocable.
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Bearer",
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=24 * 7)),
    "TOKEN_LIMIT_PER_USER": env.int("API_TOKEN_LIMIT_PER_USER", default=20),
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "AYA R/R ALL registry API",
    "DESCRIPTION": (
        "Cases (as case documents), events, referrals, guideline recommendations, "
        "snapshots, decision aids and the guideline library, for integrations and "
        "scripts. Every error is JSON: `{detail, code, errors: [{path, message, "
        "code}]}`. See docs/adr/0003-api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SERVE_AUTHENTICATION": [
        f"{_API}.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # The documentation pages' assets are served from this host (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "/favicon.ico",
    "REDOC_DIST": "SIDECAR",
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    # Row ids in paths (config/api/urls.py IdConverter): at most 18 digits.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_999_999},
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        f"{_API}.schema.add_links",
    ],
    "ENUM_NAME_OVERRIDES": {
        "SourceKeyEnum": "recommendations.apis.SOURCE_KEYS",
        "RuleKindEnum": "recommendations.apis.KINDS",
        "DecisionPointEnum": "recommendations.apis.DECISION_POINTS",
        "ReferralKindEnum": "patients.choices.ReferralKind",
        "LineageEnum": "patients.choices.Lineage",
        "ReferralStatusEnum": "patients.choices.ReferralStatus",
        "AidJobStatusEnum": "decisionaids.models.DecisionAidJob.Status",
    },
}

# Largest case file import_cases accepts.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="aya-demo-2026")
AYA_MAX_IMPORT_BYTES = env.int("AYA_MAX_IMPORT_BYTES", default=5 * 1024 * 1024)
# Django reads a JSON body whole before the API's parser sees it: the same limit, so
# a body the parser would take is not refused earlier (above it, both answer 413).
DATA_UPLOAD_MAX_MEMORY_SIZE = AYA_MAX_IMPORT_BYTES

# Spreadsheet import (interop): the largest file, the most data rows over all its
# sheets, the most an XLSX may unpack to (a zip bomb is refused before it is read),
# and how long a previewed upload waits for its import click.
AYA_SHEET_MAX_BYTES = env.int("AYA_SHEET_MAX_BYTES", default=5 * 1024 * 1024)
AYA_SHEET_MAX_ROWS = env.int("AYA_SHEET_MAX_ROWS", default=5000)
AYA_SHEET_MAX_UNPACKED_BYTES = env.int(
    "AYA_SHEET_MAX_UNPACKED_BYTES", default=64 * 1024 * 1024
)
AYA_SHEET_PENDING_MINUTES = env.int("AYA_SHEET_PENDING_MINUTES", default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env.str("DJANGO_LOG_LEVEL", default="INFO"),
    },
    # WeasyPrint reports every rendering step at INFO; only its problems matter.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
