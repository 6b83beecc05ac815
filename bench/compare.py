"""Two checkouts of the project served side by side, on the scale cohort, compared.

``python bench/compare.py OLD NEW`` (each a checkout with its own ``.venv``, or a
symlink to one) starts one gunicorn worker of each with the production settings on
the cohort ``bench/scale.py`` built, signs in once, and sends the scale benchmark's
requests one at a time, alternating between the two servers (old then new, then new
then old). Each pair of requests sees the machine in the same moment, so a build
machine whose speed drifts by half within an hour, as ours do, moves both alike.

It prints, for each endpoint, the median and p95 of each side and the new median as
a share of the old. Figures, not tests: a share within a few per cent of 1.00 is
noise. It does not write the scale report; ``bench/scale.py`` does.

A change with a migration: ``--migrate-new`` serves NEW from a copy of the cohort's
database (``CREATE DATABASE ... TEMPLATE``, the same pages, free space included),
migrated by NEW's own ``manage.py``, and drops the copy afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import (  # noqa: E402 - the scale benchmark's own setup
    ENDPOINTS,
    PROGRAM_SLUG,
    USERNAME,
    _p95,
    admin_url,
    credentials,
    environment,
    free_port,
    service_arguments,
    start_gunicorn,
)

SEARCH_TERMS = ("Rivera00", "Nguyen01", "SCALE-0000", "okafor")
# Beside the scale benchmark's endpoints: the case list as a coordinator first opens
# it, and with a filter alone.
EXTRA_ENDPOINTS = ("case list (no search)", "case list (a filter alone)")


def copy_url(url: str) -> str:
    """Where ``--migrate-new`` copies the database at ``url``."""
    _, name = admin_url(url)
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}_compare").geturl()


def migrated_copy(env: dict[str, str], root: Path) -> str:
    """A copy of ``env``'s database, migrated by the checkout at ``root``; its URL."""
    import psycopg
    from django.db import connections

    connections.close_all()  # a template database may have no other session
    admin, name = admin_url(env["DATABASE_URL"])
    url = copy_url(env["DATABASE_URL"])
    _, copy = admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        connection.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    python = root / ".venv" / "bin" / "python"
    if not python.exists():  # not this virtualenv's packages under its name
        raise SystemExit(f"{root} has no .venv/bin/python")
    subprocess.run(  # noqa: S603 - the checkout's own interpreter and manage.py
        [str(python), "manage.py", "migrate", "-v0"],
        cwd=root,
        env={**env, "DATABASE_URL": url, "PYTHONPATH": str(root)},
        check=True,
    )
    return url


def drop_copy(url: str) -> None:
    import psycopg

    admin, name = admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def serve(root: Path, env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    return start_gunicorn(env, port, 1, root=root), port


class Side:
    """One server and a client signed in to it."""

    def __init__(self, port: int, session: str, token: str) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.http = requests.Session()
        self.page = {"Cookie": f"sessionid={session}", "X-Forwarded-Proto": "https"}
        self.api = {"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https"}
        referer = {"Referer": f"https://127.0.0.1:{port}/cases/"}
        first = self.http.get(f"{self.base}/cases/", headers={**self.page, **referer})
        if first.status_code != 200:
            raise SystemExit(f"not signed in: /cases/ answered {first.status_code}")
        marker = 'name="csrfmiddlewaretoken" value="'
        self.form_token = first.text.split(marker, 1)[1].split('"', 1)[0]
        cookie = f"{self.page['Cookie']}; csrftoken={first.cookies['csrftoken']}"
        self.post = {**self.page, **referer, "Cookie": cookie}

    def send(self, endpoint: str, argument: object) -> requests.Response:
        if endpoint == "trivial":
            return self.http.get(f"{self.base}/signed-in/", headers=self.page)
        if endpoint == "worklist":
            return self.http.get(f"{self.base}/", headers=self.page)
        if endpoint == "case list (search + filter)":
            data = {"csrfmiddlewaretoken": self.form_token, "q": argument}
            data |= {"lineage": "B", "decision_point": "", "alert": ""}
            return self.http.post(f"{self.base}/cases/", data=data, headers=self.post)
        if endpoint == "case list (no search)":
            return self.http.get(f"{self.base}/cases/", headers=self.page)
        if endpoint == "case list (a filter alone)":
            data = {"csrfmiddlewaretoken": self.form_token, "q": "", "lineage": "B"}
            data |= {"decision_point": "", "alert": ""}
            return self.http.post(f"{self.base}/cases/", data=data, headers=self.post)
        if endpoint == "case page":
            return self.http.get(f"{self.base}/cases/{argument}/", headers=self.page)
        if endpoint == "API list page":
            url = f"{self.base}/api/v1/cases/?lineage=B"
            return self.http.get(url, headers=self.api)
        return self.http.get(f"{self.base}/api/v1/cases/{argument}/", headers=self.api)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument(
        "--requests", type=int, default=150, help="per endpoint and side"
    )
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--migrate-new",
        action="store_true",
        help="serve NEW from a copy of the database that NEW's migrations migrate",
    )
    service_arguments(parser)
    args = parser.parse_args()
    env = environment(args)
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from patients.models import Case

    user = get_user_model().objects.filter(username=USERNAME).first()
    if user is None:
        raise SystemExit("no cohort here: run bench/scale.py first")
    case_pks = list(
        Case.objects.filter(program__slug=PROGRAM_SLUG).values_list("pk", flat=True)[
            :5000
        ]
    )
    session, token = credentials(user)
    copy = None
    servers: dict[str, tuple[subprocess.Popen, int]] = {}
    try:
        if args.migrate_new:
            copy = migrated_copy(env, args.new.resolve())
        envs = {"old": env, "new": {**env, "DATABASE_URL": copy} if copy else env}
        for name in ("old", "new"):
            servers[name] = serve(getattr(args, name).resolve(), envs[name])
        sides = {
            name: Side(port, session, token) for name, (_, port) in servers.items()
        }
        rng = random.Random(args.seed)
        print("| endpoint | old p50 | new p50 | new ÷ old | old p95 | new p95 |")
        print("| --- | --- | --- | --- | --- | --- |")
        for endpoint in (*ENDPOINTS, *EXTRA_ENDPOINTS):
            times: dict[str, list[float]] = {"old": [], "new": []}
            for index in range(args.warmup + args.requests):
                argument = (
                    rng.choice(SEARCH_TERMS)
                    if endpoint == "case list (search + filter)"
                    else rng.choice(case_pks)
                )
                for name in ("old", "new") if index % 2 else ("new", "old"):
                    started = time.perf_counter()
                    response = sides[name].send(endpoint, argument)
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise SystemExit(f"{name} {endpoint}: {response.status_code}")
                    if index >= args.warmup:
                        times[name].append(elapsed)
            old, new = (statistics.median(times[n]) for n in ("old", "new"))
            print(
                f"| {endpoint} | {old:.1f} ms | {new:.1f} ms | {new / old:.2f} | "
                f"{_p95(sorted(times['old'])):.1f} ms | "
                f"{_p95(sorted(times['new'])):.1f} ms |",
                flush=True,
            )
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait(timeout=30)
        if args.migrate_new:  # also after a migration that failed
            drop_copy(copy_url(env["DATABASE_URL"]))


if __name__ == "__main__":
    main()
