"""Scale benchmark: a synthetic cohort on PostgreSQL, gunicorn, and a signed-in client.

``make bench-scale`` (``python bench/scale.py --cases 50000``):

1. creates (or reuses) a PostgreSQL database, migrates it and collects static files;
2. builds a synthetic cohort in bulk: ``--cases`` relapsed cases with about
   ``--events`` events each (PostgreSQL COPY) and their referrals;
3. re-evaluates every case in this process and reports the rate (cases/s);
4. starts gunicorn with the production settings and drives it from a separate
   process, signed in (a session for the pages, a token for the API): the worklist,
   the case list with a search and a filter, a case page, an API list page, an API
   case read and a trivial signed-in page (``/signed-in/``);
5. writes p50/p95 and throughput of each, each as a ratio to the trivial page in the
   same run, to ``bench/reports/scale.md``.

Figures, not tests: the machine's load changes them; the ratios are what compare.
The client is bounded: ``--requests`` per endpoint from ``--concurrency`` threads,
in ``--rounds`` rounds that each time every endpoint in turn (the figures pool them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
REPORT = ROOT / "bench" / "reports" / "scale.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/aya_scale"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
PROGRAM_SLUG = "scale"
USERNAME = "scale-bench"
# Therapy event types with no required attributes (patients.models.Event.clean).
EVENT_TYPES = ("chemotherapy", "it_chemotherapy", "blinatumomab", "rituximab")
REFERRAL_KINDS = ("social_work", "mental_health", "fertility", "education_work")
ENDPOINTS = (
    "trivial",
    "worklist",
    "case list (search + filter)",
    "case page",
    "API list page",
    "API case read",
)


# --- environment -----------------------------------------------------------------


def environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        AYA_VAR_DIR=str(args.var_dir),
        PYTHONPATH=str(ROOT),
        # One token sends every API request of the run, faster than a client
        # would: the speed is measured here, not the rate limit (600/minute).
        API_THROTTLE_USER=env.get("API_THROTTLE_USER") or "100000/minute",
    )
    return env


def service_arguments(parser: argparse.ArgumentParser) -> None:
    """Where the cohort lives: its PostgreSQL database, Redis and scratch folder."""
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    )
    parser.add_argument(
        "--var-dir", type=Path, default=Path(tempfile.gettempdir()) / "aya-bench-scale"
    )


def admin_url(url: str) -> tuple[str, str]:
    """The server's ``postgres`` database (to create others from), and ``url``'s
    database name."""
    parts = urllib.parse.urlsplit(url)
    admin = (
        parts._replace(path="/postgres")
        .geturl()
        .replace("postgres://", "postgresql://", 1)
    )
    return admin, parts.path.lstrip("/")


def ensure_database(url: str) -> None:
    import psycopg

    admin, name = admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *arguments: str) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True
    )


# --- cohort ------------------------------------------------------------------------


def build_cohort(*, cases: int, events: int, seed: int) -> dict:
    """Cases in bulk_create batches, events and referrals by COPY; evaluations after."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from patients.models import Case, Event, Program, ProgramMembership, Referral

    program, _ = Program.objects.get_or_create(
        slug=PROGRAM_SLUG, defaults={"name": "Scale benchmark program"}
    )
    user, created = get_user_model().objects.get_or_create(username=USERNAME)
    if created:
        user.set_unusable_password()
        user.save()
    ProgramMembership.objects.get_or_create(program=program, user=user)
    have = Case.objects.filter(program=program).count()
    if have >= cases:
        return {"program": program, "user": user, "built": 0, "seconds": 0.0}

    rng = random.Random(seed)
    today = timezone.localdate()
    started = time.perf_counter()
    batch: list[Case] = []
    surnames = ("Rivera", "Okafor", "Nguyen", "Kowalski", "Haddad", "Silva", "Moreau")
    for index in range(have, cases):
        diagnosis = today - dt.timedelta(days=rng.randint(400, 2500))
        relapse = today - dt.timedelta(days=rng.randint(5, 300))
        batch.append(
            Case(
                program=program,
                case_id=f"SCALE-{index:06d}",
                given_name=rng.choice(("Alex", "Sam", "Noa", "Kim", "Ari")),
                family_name=f"{rng.choice(surnames)}{index:06d}",
                birth_date=today - dt.timedelta(days=rng.randint(16 * 365, 38 * 365)),
                sex=rng.choice(("female", "male")),
                evaluation_date=today,
                diagnosis_date=diagnosis,
                lineage=rng.choice(("B", "B", "B", "T")),
                ph_status=rng.choice(("negative", "positive", "unknown")),
                disease_state=rng.choice(
                    (
                        "relapse",
                        "relapse",
                        "remission_after_relapse",
                        "primary_refractory",
                    )
                ),
                relapse_count=rng.choice((1, 1, 2)),
                latest_relapse_date=max(relapse, diagnosis + dt.timedelta(days=30)),
                sites=["marrow"],
                marrow_blast_percent=float(rng.randint(5, 90)),
                cd19=rng.choice(("positive", "negative", "unknown")),
                cd22=rng.choice(("positive", "unknown")),
                cd20="negative",
                kmt2a_rearranged=rng.choice(("no", "yes", "unknown")),
                fitness_category=rng.choice(("fit", "less_fit", "frail", "unknown")),
                school_or_work_disrupted=rng.choice((True, False, None)),
            )
        )
        batch[-1].fill_search_text()  # bulk_create does not call save()
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)

    rows = list(
        Case.objects.filter(program=program, pk__gt=0)
        .exclude(events__isnull=False)
        .values_list("pk", "diagnosis_date")
    )
    now = timezone.now()
    event_fields = [f for f in Event._meta.concrete_fields if not f.primary_key]
    referral_fields = [f for f in Referral._meta.concrete_fields if not f.primary_key]

    def defaults(fields, given: dict) -> tuple:  # noqa: ANN001
        values = []
        for field in fields:
            if field.attname in given:
                values.append(given[field.attname])
            elif field.has_default():
                value = field.get_default()
                values.append(
                    json.dumps(value) if isinstance(value, list | dict) else value
                )
            elif field.null:
                values.append(None)
            else:
                values.append("")
        return tuple(values)

    def copy(table: str, fields, records) -> None:  # noqa: ANN001
        columns = ", ".join(f'"{f.column}"' for f in fields)
        with transaction.atomic(), connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f'COPY "{table}" ({columns}) FROM STDIN') as pipe:
                for record in records:
                    pipe.write_row(record)

    def event_rows():  # noqa: ANN202
        for pk, diagnosis in rows:
            span = max((today - diagnosis).days - 1, 1)
            count = max(1, int(rng.gauss(events, events / 4)))
            for _ in range(count):
                when = diagnosis + dt.timedelta(days=rng.randint(1, span))
                yield defaults(
                    event_fields,
                    {
                        "case_id": pk,
                        "type": rng.choice(EVENT_TYPES),
                        "date": when,
                        "created_at": now,
                    },
                )

    def referral_rows():  # noqa: ANN202
        for pk, _diagnosis in rows:
            for kind in rng.sample(REFERRAL_KINDS, rng.randint(0, 2)):
                status = rng.choice(("needed", "referred", "completed"))
                yield defaults(
                    referral_fields,
                    {
                        "case_id": pk,
                        "kind": kind,
                        "status": status,
                        "date": None
                        if status == "needed"
                        else today - dt.timedelta(days=rng.randint(1, 200)),
                        "created_at": now,
                    },
                )

    copy(Event._meta.db_table, event_fields, event_rows())
    copy(Referral._meta.db_table, referral_fields, referral_rows())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "program": program,
        "user": user,
        "built": cases - have,
        "seconds": time.perf_counter() - started,
    }


def _vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        # Every evaluation row was just rewritten: autovacuum would clear the dead
        # half of the table within a minute or so. The pages are measured after it,
        # not in the moment between.
        cursor.execute("VACUUM ANALYZE")


def reevaluate_here() -> tuple[int, float]:
    """Every case re-evaluated in this process, one lane, chunk after chunk (as
    ``manage.py reevaluate`` does): (cases, seconds)."""
    from evaluations.services import reevaluation_chunk, reevaluation_job_create

    job = reevaluation_job_create(program=None, reason="bench/scale.py", lanes=1)
    started = time.perf_counter()
    while reevaluation_chunk(job_id=job.pk):
        pass
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    return job.done, seconds


def start_worker(env: dict[str, str], processes: int, log: Path) -> subprocess.Popen:
    """One Celery worker with ``processes`` processes, ready to take tasks."""
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()  # the bench's own database
    log.write_text("")
    process = subprocess.Popen(  # noqa: S603 - the virtualenv's celery
        [
            str(Path(PYTHON).parent / "celery"),
            "-A",
            "config",
            "worker",
            "--concurrency",
            str(processes),
            "--loglevel",
            "INFO",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env={**env, "AYA_REEVALUATION_LANES": str(processes)},
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if " ready." in log.read_text(errors="replace"):
            return process
        if process.poll() is not None:
            break
        time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"the Celery worker did not start: see {log}")


def reevaluate_on_worker(
    env: dict[str, str], processes: int, log: Path
) -> tuple[int, float]:
    """Every case re-evaluated by one Celery worker, as after a rule-set upgrade:
    the job's lanes run side by side on the worker's processes. (cases, seconds
    from the job's creation to its end, as the database recorded them)."""
    from django.conf import settings

    from evaluations.models import ReevaluationJob
    from evaluations.services import reevaluation_start

    ended = (ReevaluationJob.Status.DONE, ReevaluationJob.Status.FAILED)
    worker = start_worker(env, processes, log)
    try:
        settings.AYA_REEVALUATION_LANES = processes
        job = reevaluation_start(program=None, reason="bench/scale.py (worker)")
        deadline = time.monotonic() + 3600
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status in ended:
                break
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    if job.status != ReevaluationJob.Status.DONE:
        raise SystemExit(f"the re-evaluation job ended {job.status}: see {log}")
    return job.done, (job.finished_at - job.created_at).total_seconds()


def _rate(cases: int, seconds: float, *, bold: bool = False) -> str:
    rate = f"{cases / seconds:,.0f} cases/s" if seconds else "not measured"
    rate = f"**{rate}**" if bold else rate
    return f"{cases:,} cases in {seconds:.1f} s = {rate}"


def credentials(user) -> tuple[str, str]:  # noqa: ANN001
    """A signed-in session (as the sign-in page makes one) and an API token."""
    from django.conf import settings
    from django.test import Client
    from knox.models import get_token_model

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    _, token = get_token_model().objects.create(user=user)
    return session, token


# --- server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, *, root: Path = ROOT
) -> subprocess.Popen:
    """gunicorn serving the checkout at ``root`` (by default this one) from its own
    virtualenv, once it accepts connections."""
    gunicorn = Path(PYTHON).parent / "gunicorn"
    if root != ROOT:
        gunicorn = root / ".venv" / "bin" / "gunicorn"
        if not gunicorn.exists():  # not this virtualenv's packages under its name
            raise SystemExit(f"{root} has no .venv/bin/gunicorn")
    process = subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn
        [
            str(gunicorn),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--forwarded-allow-ips",
            "127.0.0.1",
            "--timeout",
            "300",
        ],
        cwd=root,
        env={**env, "PYTHONPATH": str(root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"gunicorn of {root} did not start within 60 s")


# --- client (a separate process) -----------------------------------------------


def run_client(plan: dict) -> dict:
    """Sign in with the given session and token; time each endpoint, bounded."""
    import requests

    base = plan["base"]
    # Production cookies are Secure and the server sits behind a TLS proxy; the
    # client says so (X-Forwarded-Proto) and sends the session itself.
    page_headers = {
        "Cookie": f"sessionid={plan['session']}",
        "X-Forwarded-Proto": "https",
        "Referer": f"https://127.0.0.1:{plan['port']}/cases/",
    }
    api_headers = {
        "Authorization": f"Bearer {plan['token']}",
        "X-Forwarded-Proto": "https",
    }
    rng = random.Random(plan["seed"])
    case_pks = plan["case_pks"]

    with requests.Session() as probe:
        page = probe.get(f"{base}/cases/", headers=page_headers, allow_redirects=False)
        if page.status_code != 200:
            raise SystemExit(f"not signed in: /cases/ answered {page.status_code}")
        csrf = page.cookies.get("csrftoken") or _set_cookie(page, "csrftoken")
        marker = 'name="csrfmiddlewaretoken" value="'
        form_token = page.text.split(marker, 1)[1].split('"', 1)[0]
    post_headers = {
        **page_headers,
        "Cookie": f"{page_headers['Cookie']}; csrftoken={csrf}",
    }

    def request(session, name: str):  # noqa: ANN001, ANN202
        if name == "trivial":
            return session.get(f"{base}/signed-in/", headers=page_headers)
        if name == "worklist":
            return session.get(f"{base}{plan['worklist_path']}", headers=page_headers)
        if name == "case list (search + filter)":
            return session.post(
                f"{base}/cases/",
                data={
                    "csrfmiddlewaretoken": form_token,
                    "q": rng.choice(("Rivera00", "Nguyen01", "SCALE-0000", "okafor")),
                    "lineage": "B",
                    "decision_point": "",
                    "alert": "",
                },
                headers=post_headers,
            )
        if name == "case page":
            return session.get(
                f"{base}/cases/{rng.choice(case_pks)}/", headers=page_headers
            )
        if name == "API list page":
            return session.get(f"{base}/api/v1/cases/?lineage=B", headers=api_headers)
        return session.get(
            f"{base}/api/v1/cases/{rng.choice(case_pks)}/", headers=api_headers
        )

    # Every endpoint is timed in each round, one after the other, so each sees the
    # machine in the same moments as the trivial page it is compared with; a
    # round's share of the requests is pooled with the others'.
    timings: dict[str, list[dict]] = {name: [] for name in ENDPOINTS}
    totals = {name: plan["requests"] for name in ENDPOINTS}
    totals["worklist"] = plan["worklist_requests"]
    for _ in range(plan["rounds"]):
        for name in ENDPOINTS:
            total = totals[name]
            timings[name].append(
                _time_endpoint(
                    lambda session, name=name: request(session, name),
                    count=max(1, total // plan["rounds"]),
                    threads=plan["concurrency"],
                    warmup=plan["warmup"],
                )
            )
    return {name: _pooled(rounds) for name, rounds in timings.items()}


def _p95(ordered: list[float]) -> float:
    """The 95th percentile of sorted latencies (nearest rank, no interpolation)."""
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def _pooled(rounds: list[dict]) -> dict:
    """One endpoint's figures over every round, and each round's p95 on its own."""
    latencies = sorted(x for r in rounds for x in r["latencies"])
    return {
        "n": len(latencies),
        "p50": statistics.median(latencies),
        "p95": _p95(latencies),
        "throughput": len(latencies) / sum(r["wall"] for r in rounds),
        "failures": sorted({f for r in rounds for f in r["failures"]}),
        "round_p95": [r["p95"] for r in rounds],
    }


def _time_endpoint(send, *, count: int, threads: int, warmup: int) -> dict:  # noqa: ANN001
    """``count`` requests from ``threads`` threads (each warms up first), timed."""
    import requests

    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    todo = list(range(count))

    def worker() -> None:
        with requests.Session() as session:
            for _ in range(warmup):
                send(session)
            while True:
                with lock:
                    if not todo:
                        return
                    todo.pop()
                started = time.perf_counter()
                response = send(session)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if response.status_code != 200:
                        failures.append(response.status_code)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "latencies": latencies,
        "p95": _p95(latencies),
        "wall": wall,
        "failures": failures,
    }


def _set_cookie(response, name: str) -> str:  # noqa: ANN001
    for header in response.raw.headers.getlist("Set-Cookie"):
        if header.startswith(f"{name}="):
            return header.split("=", 1)[1].split(";", 1)[0]
    raise SystemExit(f"no {name} cookie")


# --- report --------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, {cpu}; load average at the start {load}"


def write_report(*, args, facts: dict, results: dict) -> str:  # noqa: ANN001
    base = results["trivial"]
    lines = [
        "# Scale benchmark",
        "",
        f"Run {facts['when']} on {facts['machine']}; PostgreSQL {facts['postgres']}, "
        f"gunicorn with production settings ({args.workers} workers), a separate "
        f"client process with {args.concurrency} threads, {args.requests} requests "
        f"per endpoint ({args.worklist_requests} for the worklist) in {args.rounds} "
        "rounds (each round times every endpoint in turn; the figures pool the "
        f"rounds), after {args.warmup} warm-up requests per thread and round.",
        "",
        f"Cohort: {facts['cases']:,} cases, {facts['events']:,} events, "
        f"{facts['referrals']:,} referrals"
        + (
            f" (built in {facts['build_seconds']:.0f} s)"
            if facts["build_seconds"]
            else " (already built)"
        )
        + ".",
        "",
        "Full re-evaluation (every case, as after a rule-set upgrade): one Celery "
        f"worker with {facts['worker_processes']} processes, the job in as many "
        f"lanes: {_rate(*facts['worker'], bold=True)}. In one process, one lane "
        f"(`manage.py reevaluate`): {_rate(*facts['here'])}.",
        "",
        "| endpoint | p50 | p95 | throughput | p50 ÷ trivial | p95 ÷ trivial | "
        "throughput ÷ trivial | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in ENDPOINTS:
        r = results[name]
        lines.append(
            f"| {name} | {r['p50'] * 1000:.1f} ms | {r['p95'] * 1000:.1f} ms | "
            f"{r['throughput']:.1f}/s | {r['p50'] / base['p50']:.2f}× | "
            f"{r['p95'] / base['p95']:.2f}× | "
            f"{r['throughput'] / base['throughput']:.2f}× | "
            f"{', '.join(map(str, r['failures'])) or 'none'} |"
        )
    lines += [
        "",
        "p95 ÷ trivial in each round on its own: "
        + "; ".join(
            f"{name} "
            + ", ".join(
                f"{p95 / trivial:.2f}×"
                for p95, trivial in zip(
                    results[name]["round_p95"], base["round_p95"], strict=True
                )
            )
            for name in ENDPOINTS[1:]
        )
        + ".",
    ]
    lines += [
        "",
        "Targets (issue 11): worklist, case list and case page p95 ≤ 3× the trivial "
        "page at 50,000 cases; API list ≤ 2×; full re-evaluation ≥ 1,000 cases/s.",
        "",
        f"Worklist address: `{args.worklist_path}`. Reproduce: "
        f"`python bench/scale.py --cases {args.cases} --events {args.events}`.",
        "",
    ]
    text = "\n".join(lines)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text, encoding="utf-8")
    return text


# --- main ----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=40, help="events per case")
    parser.add_argument("--requests", type=int, default=300, help="per endpoint")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds the requests are split into"
    )
    parser.add_argument("--worklist-requests", type=int, default=None)
    parser.add_argument("--worklist-path", default="/")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=11)
    service_arguments(parser)
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--skip-reevaluate", action="store_true")
    parser.add_argument(
        "--worker-processes",
        type=int,
        default=2,
        help="the Celery worker's processes for the re-evaluation (its lanes)",
    )
    parser.add_argument("--client", help=argparse.SUPPRESS)  # the client process
    args = parser.parse_args()
    if args.client:
        plan = json.loads(Path(args.client).read_text())
        Path(args.client).write_text(json.dumps(run_client(plan)))
        return
    if args.worklist_requests is None:
        args.worklist_requests = args.requests

    args.var_dir.mkdir(parents=True, exist_ok=True)
    env = environment(args)
    os.environ.update(env)
    ensure_database(args.database_url)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")

    import django

    django.setup()
    from django.db import connection

    from patients.models import Case, Event, Referral

    started_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    the_machine = machine()
    cohort = build_cohort(cases=args.cases, events=args.events, seed=args.seed)
    print(
        f"cohort: built {cohort['built']} cases in {cohort['seconds']:.0f} s",
        flush=True,
    )
    here = worker = (0, 0.0)
    if not (args.skip_reevaluate and not cohort["built"]):
        here = reevaluate_here()
        print(f"re-evaluation, this process: {_rate(*here)}", flush=True)
        worker = reevaluate_on_worker(
            env, args.worker_processes, args.var_dir / "worker.log"
        )
        print(f"re-evaluation, one worker: {_rate(*worker)}", flush=True)
        _vacuum()
    session, token = credentials(cohort["user"])
    case_pks = list(
        Case.objects.filter(program=cohort["program"]).values_list("pk", flat=True)[
            :5000
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    facts = {
        "when": started_at,
        "machine": the_machine,
        "postgres": postgres,
        "cases": Case.objects.count(),
        "events": Event.objects.count(),
        "referrals": Referral.objects.count(),
        "build_seconds": cohort["seconds"],
        "here": here,
        "worker": worker,
        "worker_processes": args.worker_processes,
    }
    connection.close()

    port = free_port()
    server = start_gunicorn(env, port, args.workers)
    plan_path = args.var_dir / "client-plan.json"
    try:
        plan_path.write_text(
            json.dumps(
                {
                    "base": f"http://127.0.0.1:{port}",
                    "port": port,
                    "session": session,
                    "token": token,
                    "case_pks": case_pks,
                    "seed": args.seed,
                    "requests": args.requests,
                    "worklist_requests": args.worklist_requests,
                    "worklist_path": args.worklist_path,
                    "concurrency": args.concurrency,
                    "warmup": args.warmup,
                    "rounds": args.rounds,
                }
            )
        )
        client_env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
        subprocess.run(  # noqa: S603 - this script, as the client process
            [PYTHON, __file__, "--client", str(plan_path)],
            cwd=ROOT,
            env=client_env,
            check=True,
        )
        results = json.loads(plan_path.read_text())
    finally:
        server.terminate()
        server.wait(timeout=30)
        plan_path.unlink(missing_ok=True)
    print(write_report(args=args, facts=facts, results=results))


if __name__ == "__main__":
    main()
