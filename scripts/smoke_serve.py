"""Production smoke test: `make serve` for real, one decision aid printed over HTTP.

    python scripts/smoke_serve.py --database-url postgres://postgres@127.0.0.1/ci \\
        --redis-url redis://127.0.0.1:6379/15

Creates an empty database next to the one named (``<name>_smoke``; dropped again at
the end), then starts ``make serve`` (gunicorn, Celery worker and beat with
``config.settings.production``) on a free loopback port, with its runtime files in
a temporary folder. While it runs: ``createsuperuser`` and ``create_program`` make
the first administrator and program; over HTTP the script signs in with the real
sign-in form (CSRF token, secure session cookie), creates a case through the API,
asks for a decision aid on the case page's form, waits for the worker to print
it, downloads the PDF and checks its bytes (``%PDF``, the patient's first name in
``pdftotext``'s output). Then it stops `make serve` with SIGINT, as Ctrl-C would,
and checks that every process it started has exited.

Plain HTTP on loopback stands for the reverse proxy of docs/deploy.md: every
request carries ``X-Forwarded-Proto: https`` as the proxy would, so production
settings stay as deployed (HTTPS redirect, secure cookies, HSTS).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import requests

REPO = Path(__file__).resolve().parents[1]
VIGNETTE = REPO / "patients" / "domain" / "vignettes" / "b_first_relapse_cd19_cd22.json"
PATIENT_FIRST_NAME = "Ximena"
ADMIN = "smoke-admin"
PROGRAM_SLUG = "smoke"
STARTUP_SECONDS = 420
RENDER_SECONDS = 180
STOP_SECONDS = 30


class SmokeFailure(Exception):
    """A step of the smoke test did not do what production must do."""


def check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


STARTED = time.monotonic()


def step(message: str) -> None:
    print(f"smoke [{time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmokeDatabase:
    """An empty PostgreSQL database beside the one named, dropped at the end."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        check(
            parts.scheme in {"postgres", "postgresql"},
            f"--database-url must be a PostgreSQL URL, not {parts.scheme}://",
        )
        self.name = f"{parts.path.lstrip('/') or 'aya'}_smoke"
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))

    def _run(self, sql: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def create(self) -> None:
        self.drop()
        self._run(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._run(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Browser:
    """HTTP as a browser behind the TLS proxy sends it: cookies, CSRF, https origin.

    The cookies are kept by hand: they are ``Secure`` (production), and this
    client speaks plain HTTP to the loopback port the proxy would forward to.
    """

    def __init__(self, base: str) -> None:
        self.base = base
        self.origin = "https://" + urlsplit(base).netloc
        self.cookies: dict[str, str] = {}
        self.cookie_flags: dict[str, set[str]] = {}

    def _remember(self, response: requests.Response) -> None:
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
            flags = {"secure"} if cookie.secure else set()
            if cookie.has_nonstandard_attr("HttpOnly"):
                flags.add("httponly")
            self.cookie_flags[cookie.name] = flags

    def request(self, method: str, path: str, **kwargs) -> requests.Response:  # noqa: ANN003
        headers = {"X-Forwarded-Proto": "https", "Referer": self.origin + path}
        if method != "GET":
            headers["Origin"] = self.origin
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        headers.update(kwargs.pop("headers", {}))
        response = requests.request(
            method,
            self.base + path,
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )
        self._remember(response)
        return response


def wait_until_up(base: str, serve: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        check(serve.poll() is None, f"make serve exited early:\n{tail(log)}")
        try:
            answer = requests.get(
                f"{base}/accounts/login/",
                headers={"X-Forwarded-Proto": "https"},
                timeout=30,
            )
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.5)  # not listening yet, or its workers still booting
            continue
        if answer.status_code == 200:
            return
        raise SmokeFailure(f"sign-in page answered {answer.status_code}")
    raise SmokeFailure(f"gunicorn did not answer in {STARTUP_SECONDS}s:\n{tail(log)}")


def wait_for_line(log: Path, pattern: str, seconds: float) -> re.Match:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = re.search(pattern, log.read_text(errors="replace"))
        if found:
            return found
        time.sleep(0.5)
    raise SmokeFailure(f"no line matching {pattern!r} in the log:\n{tail(log)}")


def tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [str(REPO / ".venv" / "bin" / "python"), "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    check(
        result.returncode == 0,
        f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}",
    )
    return result.stdout


def group_alive(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def exercise(base: str, env: dict, password: str, var_dir: Path, log: Path) -> None:
    step("creating the first administrator and program")
    manage(env, "createsuperuser", "--noinput", "--username", ADMIN, "--email", "")
    out = manage(
        env,
        "create_program",
        "--name",
        "Smoke AYA Program",
        "--slug",
        PROGRAM_SLUG,
        "--admin",
        ADMIN,
        "--role",
        "program_admin",
        "--role",
        "clinician",
    )
    check("created" in out, f"create_program said: {out}")

    browser = Browser(base)
    step("plain HTTP without the proxy's header is sent to HTTPS")
    answer = requests.get(f"{base}/accounts/login/", allow_redirects=False, timeout=10)
    check(answer.status_code == 301, f"expected 301 to https, got {answer.status_code}")
    check(answer.headers["Location"].startswith("https://"), "redirect is not https")

    step("signing in with the sign-in form (CSRF token, session cookie)")
    answer = browser.request("GET", "/accounts/login/")
    check(answer.status_code == 200, f"sign-in page: {answer.status_code}")
    check("Strict-Transport-Security" in answer.headers, "no HSTS header")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text)
    check(token, "no CSRF token in the sign-in form")
    refused = browser.request(
        "POST",
        "/accounts/login/",
        data={"username": ADMIN, "password": password},
        headers={"X-CSRFToken": ""},
    )
    check(refused.status_code == 403, f"a POST without CSRF got {refused.status_code}")
    answer = browser.request(
        "POST",
        "/accounts/login/",
        data={
            "username": ADMIN,
            "password": password,
            "csrfmiddlewaretoken": token.group(1),
        },
    )
    check(
        answer.status_code == 302 and answer.headers["Location"] == "/",
        f"sign-in failed: {answer.status_code} {answer.text[:300]}",
    )
    check("sessionid" in browser.cookies, "no session cookie after signing in")
    check(
        browser.cookie_flags["sessionid"] == {"secure", "httponly"},
        f"session cookie flags: {browser.cookie_flags['sessionid']}",
    )
    check(browser.request("GET", "/").status_code == 200, "worklist not shown")

    step("creating a case through the API (session and CSRF)")
    document = json.loads(VIGNETTE.read_text(encoding="utf-8"))["case"]
    document.update(case_id="SMOKE-001", given_name=PATIENT_FIRST_NAME)
    answer = browser.request("POST", "/api/v1/cases/", json=document)
    check(answer.status_code == 201, f"case create: {answer.status_code} {answer.text}")
    case_pk = answer.json()["id"]

    step("asking for a decision aid on the case page's form")
    page = browser.request("GET", f"/cases/{case_pk}/")
    check(page.status_code == 200, f"case page: {page.status_code}")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    check(token, "no CSRF token on the case page")
    answer = browser.request(
        "POST",
        f"/cases/{case_pk}/aids/",
        data={
            "aid_id": "DA-REINDUCTION",
            "language": "en",
            "paper": "letter",
            "csrfmiddlewaretoken": token.group(1),
        },
    )
    job = re.fullmatch(r"/aids/(\d+)/", answer.headers.get("Location", ""))
    check(answer.status_code == 302 and job, f"aid request: {answer.status_code}")
    job_path = job.group(0)

    step("waiting for the worker to print it")
    deadline = time.monotonic() + RENDER_SECONDS
    while True:
        status = browser.request("GET", f"{job_path}status/").json()
        if status["finished"]:
            break
        check(time.monotonic() < deadline, f"job still {status['status']}")
        time.sleep(0.5)
    check(status["status"] == "ready", f"job ended {status}")

    step("downloading the PDF and reading it back")
    answer = browser.request("GET", f"{job_path}pdf/")
    check(answer.status_code == 200, f"PDF download: {answer.status_code}")
    check(answer.headers["Content-Type"] == "application/pdf", "not a PDF response")
    pdf = answer.content
    check(pdf.startswith(b"%PDF"), "the download does not start with %PDF")
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    check(PATIENT_FIRST_NAME in text, "the patient's first name is not in the PDF")

    step("static files are served (collectstatic, WhiteNoise)")
    css = re.search(r'href="(/static/[^"]+\.css)"', page.text)
    check(css, "no stylesheet linked from the case page")
    answer = browser.request("GET", css.group(1))
    check(answer.status_code == 200, f"stylesheet: {answer.status_code}")

    step("beat is running with its schedule file in the var folder")
    wait_for_line(log, r"beat: Starting", 30)
    check(any(var_dir.glob("celerybeat-schedule*")), "no beat schedule file in var/")
    step(f"printed {len(pdf)} bytes for job {job_path} ({status['message']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    options = parser.parse_args()

    database = SmokeDatabase(options.database_url)
    var_dir = Path(tempfile.mkdtemp(prefix="aya-smoke-"))
    log = var_dir / "serve.log"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    password = secrets.token_urlsafe(18)
    env = {
        k: v for k, v in os.environ.items() if k not in {"CELERY_BROKER_URL", "PORT"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database.url,
        REDIS_URL=options.redis_url,
        AYA_VAR_DIR=str(var_dir),
        DJANGO_SUPERUSER_PASSWORD=password,
        WEB_CONCURRENCY="2",
        CELERY_CONCURRENCY="1",
    )
    step(f"database {database.name}, runtime files in {var_dir}, port {port}")
    database.create()
    serve, pids = None, []
    try:
        with log.open("wb") as out:
            serve = subprocess.Popen(  # noqa: S603
                ["make", "--no-print-directory", "serve", f"PORT={port}"],  # noqa: S607
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        step("make serve started; waiting for gunicorn")
        wait_until_up(base, serve, log)
        for name in ("web", "worker", "beat"):
            wait_for_line(log, rf"{name}\.1 started \(pid=\d+\)", 30)
        pids = [
            int(pid)
            for pid in re.findall(r"\w+\.1 started \(pid=(\d+)\)", log.read_text())
        ]
        check(len(pids) == 3, f"expected 3 processes, honcho started {pids}")
        exercise(base, env, password, var_dir, log)

        step("stopping make serve with SIGINT (Ctrl-C)")
        os.killpg(serve.pid, signal.SIGINT)
        try:
            serve.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise SmokeFailure(f"make serve did not stop:\n{tail(log)}") from exc
        left = [pid for pid in pids if group_alive(pid)]
        check(not left, f"processes still running after the stop: {left}")
        check(not group_alive(serve.pid), "make serve's own group is still running")
        step("everything it started has stopped")
        return 0
    except SmokeFailure as failure:
        print(f"smoke: FAILED: {failure}", file=sys.stderr, flush=True)
        print(f"--- last lines of make serve ---\n{tail(log)}", file=sys.stderr)
        return 1
    finally:
        if serve is not None and serve.poll() is None:
            os.killpg(serve.pid, signal.SIGTERM)
            try:
                serve.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
        for pid in pids:  # only what this run started, each by its group's PID
            if group_alive(pid):
                os.killpg(pid, signal.SIGKILL)
        database.drop()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
