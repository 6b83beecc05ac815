"""Fault with real processes: PostgreSQL restarted while a job renders.

Finding: a 3 s restart burned all four attempts in about 3 s (backoff with jitter
down to 0 s), the message was acknowledged and the job stayed ``rendering`` for ever.
This test starts its own PostgreSQL (initdb in a temporary folder, a free port), its
own Redis, worker and beat, restarts that PostgreSQL by its PID mid-render, and checks
that the job ends ``ready`` exactly once. Skipped where no PostgreSQL server binary
is installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings

from tests.faults.conftest import FAULT_ENV, wait_until
from tests.servers import (
    REPO_ROOT,
    child_environment,
    free_port,
    postgres_binaries,
    start_beat,
    start_postgres,
    start_redis,
    start_worker,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        postgres_binaries() is None,
        reason="no PostgreSQL server binary (initdb/postgres) on this machine",
    ),
]

BOUND = 45
OUTAGE_SECONDS = 3
JOB = "decisionaids_decisionaidjob"


def query(url: str, sql: str, *params: object) -> list[tuple]:
    with psycopg.connect(url, connect_timeout=2) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def servers():  # noqa: ANN201
    # Not under pytest's tmp_path: the postgres user must reach the folder.
    directory = Path(tempfile.mkdtemp(prefix="aya-pg-fault-"))
    directory.chmod(0o755)
    started = []
    try:
        pg = start_postgres(directory / "pg")
        started.append(pg)
        redis = start_redis(directory / "redis")
        started.append(redis)
        yield {"pg": pg, "redis": redis, "dir": directory, "started": started}
    finally:
        for process in reversed(started):
            process.stop()
        shutil.rmtree(directory, ignore_errors=True)


def test_postgres_restarted_mid_render_the_job_prints_once(servers):
    pg, redis = servers["pg"], servers["redis"]
    admin_url = f"{pg.url}postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE aya")
    url = f"{pg.url}aya"
    env = child_environment(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=url,
        CELERY_BROKER_URL=redis.url,
        AYA_TEST_RUN_DIR=str(settings.TEST_RUN_DIR),
        **FAULT_ENV,
    )
    for argv in (["manage.py", "migrate", "--noinput", "-v", "0"],):
        subprocess.run([sys.executable, *argv], cwd=REPO_ROOT, env=env, check=True)  # noqa: S603
    common = {
        "broker_url": redis.url,
        "database_url": url,
        "run_dir": settings.TEST_RUN_DIR,
        "env": FAULT_ENV,
    }
    worker = start_worker(log_path=servers["dir"] / "worker.log", **common)
    servers["started"].append(worker)
    beat = start_beat(log_path=servers["dir"] / "beat.log", **common)
    servers["started"].append(beat)
    made = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.faults.pg_driver"],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    job_id = int(made.stdout.strip().splitlines()[-1])

    def status() -> str | None:
        try:
            return query(url, f"SELECT status FROM {JOB} WHERE id = %s", job_id)[0][0]  # noqa: S608
        except psycopg.OperationalError:
            return None

    wait_until(lambda: status() == "rendering", within=60, what="rendering")
    pg.signal(signal.SIGINT)  # fast shutdown: every connection is cut
    pg.process.wait(30)
    time.sleep(OUTAGE_SECONDS)
    servers["started"].append(start_postgres(pg.directory, port=pg.port))
    back = time.monotonic()
    wait_until(
        lambda: status() == "ready",
        within=BOUND,
        what=f"ready after PostgreSQL came back\n{worker.log()[-4000:]}",
    )
    waited = time.monotonic() - back

    print(f"FIGURE postgres-back-to-ready: {waited:.1f} s")  # noqa: T201
    assert worker.alive()
    ((state, attempts, name, key, lease),) = query(
        url,
        f"SELECT status, attempts, pdf, content_key, lease_expires_at FROM {JOB}",  # noqa: S608
    )
    assert (state, lease) == ("ready", None)
    assert 1 <= attempts <= 4
    stored = [
        p.name
        for p in (Path(settings.MEDIA_ROOT) / "decisionaids").rglob("*.pdf")
        if p.name.startswith(key)
    ]
    assert stored == [f"{key}.pdf"]
    assert name.endswith(stored[0])
    ready_rows = query(
        url,
        "SELECT count(*) FROM patients_auditentry WHERE target = 'decision_aid' "
        "AND detail->>'job' = %s AND detail->>'status' = 'ready'",
        str(job_id),
    )
    assert ready_rows == [(1,)]
    snapshots = "SELECT count(*) FROM recommendations_recommendationsnapshot"
    assert query(url, snapshots) == [(1,)]
    assert query(
        url,
        "SELECT count(*) FROM patients_auditentry WHERE detail->>'status' = 'failed'",
    ) == [(0,)]


def _signed_in_status(base: str, session: requests.Session) -> int:
    return session.get(f"{base}/signed-in/", timeout=10).status_code


def test_a_web_process_keeps_serving_across_a_restart(servers):
    """Web processes keep their connection between requests (``CONN_MAX_AGE``):
    after a restart the first request finds it broken before using it and opens
    a new one, rather than failing on the old one."""
    pg = servers["pg"]
    with psycopg.connect(f"{pg.url}postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE aya")
    env = child_environment(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"{pg.url}aya",
        AYA_TEST_RUN_DIR=str(settings.TEST_RUN_DIR),
        DJANGO_SUPERUSER_PASSWORD="restart-test-password",  # noqa: S106
    )
    for argv in (
        ["manage.py", "migrate", "--noinput", "-v", "0"],
        [
            "manage.py",
            "createsuperuser",
            "--noinput",
            "--username",
            "web",
            "--email",
            "web@example.org",
        ],
    ):
        subprocess.run([sys.executable, *argv], cwd=REPO_ROOT, env=env, check=True)  # noqa: S603
    port = free_port()
    log = (servers["dir"] / "gunicorn.log").open("wb")
    web = subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn, one worker
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with requests.Session() as browser:
            wait_until(lambda: _answers(base), within=60, what="gunicorn up")
            login = browser.get(f"{base}/accounts/login/", timeout=10)
            token = login.text.split('name="csrfmiddlewaretoken" value="', 1)[1]
            signed_in = browser.post(
                f"{base}/accounts/login/",
                data={
                    "csrfmiddlewaretoken": token.split('"', 1)[0],
                    "username": "web",
                    "password": "restart-test-password",
                },
                headers={"Referer": f"{base}/accounts/login/"},
                timeout=10,
            )
            assert signed_in.status_code == 200
            assert _signed_in_status(base, browser) == 200
            backends = "SELECT count(*) FROM pg_stat_activity WHERE datname = 'aya'"
            assert query(f"{pg.url}postgres", backends) == [(1,)]  # kept, not closed

            pg.signal(signal.SIGINT)
            pg.process.wait(30)
            servers["started"].append(start_postgres(pg.directory, port=pg.port))

            assert _signed_in_status(base, browser) == 200
            assert web.poll() is None
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(30)
        log.close()


def _answers(base: str) -> bool:
    """Whether gunicorn serves yet: a worker still loading Django accepts the
    connection and answers late, which is not up either."""
    try:
        requests.get(f"{base}/accounts/login/", timeout=2)
    except (requests.ConnectionError, requests.Timeout):
        return False
    return True
