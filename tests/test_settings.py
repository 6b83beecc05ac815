"""Settings come from the environment; production is one variable away."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT


def settings_in_subprocess(module: str, env: dict[str, str], expression: str) -> str:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        f"print({expression})"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_embedded_defaults_are_sqlite_and_the_redis_that_make_run_starts(tmp_path):
    out = settings_in_subprocess(
        "config.settings.local",
        {"AYA_VAR_DIR": str(tmp_path)},
        "s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL",
    )
    assert out == f"django.db.backends.sqlite3 redis+socket://{tmp_path}/redis.sock"


def test_sqlite_lets_the_web_server_and_workers_write_in_turn(tmp_path):
    out = settings_in_subprocess(
        "config.settings.local",
        {"AYA_VAR_DIR": str(tmp_path)},
        "sorted(s.DATABASES['default']['OPTIONS'].items())",
    )
    assert out == (
        "[('init_command', 'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL'), "
        "('timeout', 20), ('transaction_mode', 'IMMEDIATE')]"
    )


def test_the_filesystem_broker_is_refused_with_its_reason():
    """kombu's filesystem transport can kill the worker (kombu issue #1551)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        CELERY_BROKER_URL="filesystem://",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "kombu issue #1551" in result.stderr


def test_database_and_broker_urls_switch_to_postgresql_and_redis():
    out = settings_in_subprocess(
        "config.settings.local",
        {
            "DATABASE_URL": "postgres://u@db.invalid:5432/x",
            "REDIS_URL": "redis://r.invalid:6379/0",
        },
        "s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, "
        "s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout']",
    )
    assert out == "config.postgresql redis://r.invalid:6379/0 240"


def test_postgresql_prepares_statements_unless_told_not_to():
    environment = {"DATABASE_URL": "postgres://u@db.invalid:5432/x"}
    expression = "sorted(s.DATABASES['default'].get('OPTIONS', {}).items())"
    out = settings_in_subprocess("config.settings.local", environment, expression)
    assert out == "[('prepare_threshold', 5), ('server_side_binding', True)]"
    off = {**environment, "DJANGO_DB_PREPARED_STATEMENTS": "false"}
    assert settings_in_subprocess("config.settings.local", off, expression) == "[]"


def test_a_redis_url_makes_the_cache_shared_through_redis():
    out = settings_in_subprocess(
        "config.settings.local",
        {"REDIS_URL": "redis://r.invalid:6379/0"},
        "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']",
    )
    assert out == "config.cache.RedisCache redis://r.invalid:6379/0"


PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "aya.example.org",
    "DATABASE_URL": "postgres://aya@db.invalid:5432/aya",
    "REDIS_URL": "redis://r.invalid:6379/0",
}


def test_production_settings_are_secure():
    out = settings_in_subprocess(
        "config.settings.production",
        PRODUCTION,
        "s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0, "
        "s.PASSWORD_HASHERS[0].endswith('Argon2PasswordHasher')",
    )
    assert out == "False True True True True"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DJANGO_SECRET_KEY", "Set the DJANGO_SECRET_KEY environment variable"),
        ("DATABASE_URL", "DATABASE_URL is not set: production needs a PostgreSQL"),
        ("REDIS_URL", "REDIS_URL is not set: production needs a Redis URL"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"}
    }
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="config.settings.production")
    del env[missing]
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize("name", ["task_acks_late", "task_reject_on_worker_lost"])
def test_celery_does_not_lose_work(name):
    from config.celery_app import app

    assert app.conf[name] is True
    assert app.conf.worker_prefetch_multiplier == 1
