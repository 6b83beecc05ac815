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


def test_embedded_defaults_are_sqlite_and_the_filesystem_broker(tmp_path):
    out = settings_in_subprocess(
        "config.settings.local",
        {"AYA_VAR_DIR": str(tmp_path)},
        "s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL",
    )
    assert out == "django.db.backends.sqlite3 filesystem://"


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
    assert out == "django.db.backends.postgresql redis://r.invalid:6379/0 3600"


def test_production_settings_are_secure():
    out = settings_in_subprocess(
        "config.settings.production",
        {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "aya.example.org"},
        "s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0, "
        "s.PASSWORD_HASHERS[0].endswith('Argon2PasswordHasher')",
    )
    assert out == "False True True True True"


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production", DJANGO_ALLOWED_HOSTS="x"
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
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("name", ["task_acks_late", "task_reject_on_worker_lost"])
def test_celery_does_not_lose_work(name):
    from config.celery_app import app

    assert app.conf[name] is True
    assert app.conf.worker_prefetch_multiplier == 1
