"""Production refuses to start without its collected static files, and says why."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

from tests.conftest import REPO_ROOT

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "postgres://aya@127.0.0.1:5432/aya",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run(var_dir, *args: str) -> subprocess.CompletedProcess:  # noqa: ANN001
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"}
    }
    env.update(PRODUCTION, AYA_VAR_DIR=str(var_dir))
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_web_application_refuses_to_load_with_one_plain_line(tmp_path):
    result = run(tmp_path, "-c", "import config.wsgi")

    assert result.returncode == 4
    assert result.stderr.strip().splitlines() == [
        f"The static files are not collected ({tmp_path}/static/staticfiles.json "
        "is missing): run `DJANGO_SETTINGS_MODULE=config.settings.production "
        "manage.py collectstatic --noinput` (make serve does) before starting the "
        "web server (docs/deploy.md, 'Static files')."
    ]


def test_check_deploy_names_the_missing_static_files(tmp_path):
    result = run(tmp_path, "manage.py", "check", "--deploy")

    assert result.returncode != 0
    assert "aya.E001" in result.stderr
    assert "static files are not collected" in result.stderr


def test_with_the_manifest_in_place_it_loads_and_check_deploy_is_clean(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (static / "staticfiles.json").write_text(
        json.dumps({"paths": {}, "version": "1.1", "hash": ""})
    )

    loaded = run(tmp_path, "-c", "import config.wsgi; print('loaded')")
    deploy = run(tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "loaded"
    assert deploy.returncode == 0, deploy.stderr
    assert "no issues" in deploy.stdout


def test_collectstatic_itself_is_not_blocked_by_the_check(tmp_path):
    """collectstatic runs the (non-deploy) system checks first; ours is deploy-only."""
    result = run(tmp_path, "manage.py", "check")

    assert result.returncode == 0, result.stderr
