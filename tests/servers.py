"""Private servers for tests: a Redis on a free loopback port, a real Celery worker.

Each server is a child process started here, in its own process group, and stopped
here by its PID (never by name), so a test never touches a server it did not start,
such as the machine's own Redis. On Linux a server also dies with the process that
started it, so a crashed test run leaves no orphan behind.

    redis = start_redis(tmp_path / "redis")      # redis.url: redis://127.0.0.1:PORT/0
    worker = start_worker(broker_url=redis.url, database_url=..., run_dir=...)
    ...
    worker.stop(); redis.stop()

``start_redis(directory, port=redis.port)`` starts a Redis again on the same
address (a broker that drops and comes back).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parents[1]
REDIS_SERVER = "redis-server"
MSG_NO_REDIS = (
    "redis-server is missing: `make test` installs Debian's redis-server package; "
    "or set CELERY_BROKER_URL to an existing Redis."
)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the child gets SIGTERM when the process that started it exits."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    """A loopback TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class ServerProcess:
    """A child process leading its own process group; ``stop`` ends that group only."""

    name: str
    process: subprocess.Popen
    log_path: Path
    url: str = ""
    port: int | None = None
    directory: Path | None = None
    extra: dict = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def signal(self, signum: int) -> None:
        """Send ``signum`` to this server's process group (its pool children too)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signum)

    def stop(self, timeout: float = 20.0) -> int | None:
        """SIGTERM, then SIGKILL after ``timeout`` seconds; returns the exit code."""
        if self.alive():
            self.signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.process.wait(10)
        # Children of the group (a worker's pool) that outlived their parent.
        self.signal(signal.SIGKILL)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return self.process.returncode

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _spawn(
    name: str, argv: list[str], *, log_path: Path, env: dict | None = None
) -> ServerProcess:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            argv,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
        )
    return ServerProcess(name=name, process=process, log_path=log_path)


def _redis_answers(port: int) -> bool:
    """True once the server on ``port`` answers PING (raw RESP, no client needed)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"*1\r\n$4\r\nPING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def start_redis(
    directory: Path,
    *,
    port: int | None = None,
    appendonly: bool = False,
    timeout: float = 15.0,
) -> ServerProcess:
    """Start ``redis-server`` on 127.0.0.1 (a free port unless ``port`` is given).

    Its files (log, append-only file when ``appendonly``) live in ``directory``.
    Returns once it answers PING; ``.url`` is ``redis://127.0.0.1:PORT/0``.
    """
    binary = shutil.which(REDIS_SERVER)
    if binary is None:
        raise RuntimeError(MSG_NO_REDIS)
    directory.mkdir(parents=True, exist_ok=True)
    attempts = 1 if port is not None else 3
    for _ in range(attempts):
        chosen = port if port is not None else free_port()
        argv = [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(chosen),
            "--protected-mode",
            "yes",
            "--dir",
            str(directory),
            "--save",
            "",
            "--appendonly",
            "yes" if appendonly else "no",
            "--daemonize",
            "no",
            "--loglevel",
            "warning",
        ]
        server = _spawn("redis", argv, log_path=directory / f"redis-{chosen}.log")
        server.port, server.directory = chosen, directory
        server.url = f"redis://127.0.0.1:{chosen}/0"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and server.alive():
            if _redis_answers(chosen):
                return server
            time.sleep(0.05)
        server.stop()
        # Another process took the free port between the probe and the start.
    raise RuntimeError(
        f"redis-server did not start on 127.0.0.1:{chosen}:\n{_tail(server.log_path)}"
    )


def database_url(settings_dict: dict) -> str:
    """The URL a child process uses to reach the database ``settings_dict`` names.

    During a test that is the test database (``test_…`` or the SQLite test file).
    """
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        name = str(settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise RuntimeError(
                "An in-memory SQLite database cannot be shared with a child process."
            )
        return f"sqlite:///{Path(name).resolve()}"
    if engine.endswith("postgresql"):
        user = quote(settings_dict.get("USER") or "", safe="")
        password = quote(settings_dict.get("PASSWORD") or "", safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"
    raise RuntimeError(f"No URL form for the database engine {engine}.")


def child_environment(**variables: str) -> dict[str, str]:
    """This process's environment with ``variables`` set, for a child server."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"}
    }
    env.update(variables)
    return env


def start_worker(
    *,
    broker_url: str,
    database_url: str,
    run_dir: Path,
    log_path: Path,
    concurrency: int = 2,
    settings_module: str = "config.settings.test",
    extra_args: tuple[str, ...] = (),
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
) -> ServerProcess:
    """Start ``celery -A config worker`` (prefork) on the given broker and database.

    ``run_dir`` is the test run's folder (``settings.TEST_RUN_DIR``): the worker
    stores PDFs in the same media folder as the test process. ``env`` adds
    variables (settings such as ``AYA_AID_LEASE_SECONDS``). Returns once the worker
    says it is ready.
    """
    env = child_environment(
        DJANGO_SETTINGS_MODULE=settings_module,
        CELERY_BROKER_URL=broker_url,
        DATABASE_URL=database_url,
        AYA_TEST_RUN_DIR=str(run_dir),
        PYTHONUNBUFFERED="1",
        **(env or {}),
    )
    argv = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--loglevel=INFO",
        "--pool=prefork",
        f"--concurrency={concurrency}",
        "--without-gossip",
        "--without-mingle",
        f"--hostname=test-{os.getpid()}-{time.monotonic_ns()}@%h",
        *extra_args,
    ]
    worker = _spawn("celery-worker", argv, log_path=log_path, env=env)
    worker.url = broker_url
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and worker.alive():
        if " ready." in worker.log():
            return worker
        time.sleep(0.2)
    worker.stop()
    raise RuntimeError(f"The Celery worker did not start:\n{_tail(log_path, 40)}")


def start_beat(
    *,
    broker_url: str,
    database_url: str,
    run_dir: Path,
    log_path: Path,
    settings_module: str = "config.settings.test",
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
) -> ServerProcess:
    """Start ``celery -A config beat`` (its schedule file next to ``log_path``)."""
    env = child_environment(
        DJANGO_SETTINGS_MODULE=settings_module,
        CELERY_BROKER_URL=broker_url,
        DATABASE_URL=database_url,
        AYA_TEST_RUN_DIR=str(run_dir),
        PYTHONUNBUFFERED="1",
        **(env or {}),
    )
    argv = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "beat",
        "--loglevel=INFO",
        f"--schedule={log_path.with_suffix('.schedule')}",
    ]
    beat = _spawn("celery-beat", argv, log_path=log_path, env=env)
    beat.url = broker_url
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and beat.alive():
        if "beat: Starting..." in beat.log():
            return beat
        time.sleep(0.2)
    beat.stop()
    raise RuntimeError(f"Celery beat did not start:\n{_tail(log_path, 40)}")


@contextlib.contextmanager
def app_broker(url: str):  # noqa: ANN201
    """Point this process's Celery app at ``url`` while the block runs.

    Pooled connections and producers of the previous broker are dropped on the way
    in and out, so tasks sent in the block go to ``url`` (the web side of a fault
    test talking to the fault test's own Redis).
    """
    from config.celery_app import app

    def drop_pools() -> None:
        app._pool = None
        app.amqp._producer_pool = None

    # Celery reads CELERY_BROKER_URL from the environment before its setting.
    previous = app.conf.broker_url, os.environ.get("CELERY_BROKER_URL")
    drop_pools()
    app.conf.broker_url = os.environ["CELERY_BROKER_URL"] = url
    try:
        yield app
    finally:
        drop_pools()
        app.conf.broker_url = previous[0]
        if previous[1] is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = previous[1]


def postgres_binaries() -> Path | None:
    """The folder of ``initdb``/``postgres`` (Debian's newest, or on PATH), or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    if found:
        return found[-1].parent
    on_path = shutil.which("postgres")
    return Path(on_path).parent if on_path else None


def _postgres_user() -> dict:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user then."""
    if os.geteuid() != 0:
        return {}
    import pwd

    entry = pwd.getpwnam("postgres")
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def start_postgres(
    directory: Path, *, port: int | None = None, timeout: float = 60.0
) -> ServerProcess:
    """Start a PostgreSQL of the test's own in ``directory`` on 127.0.0.1.

    ``initdb`` runs the first time; ``start_postgres(directory, port=pg.port)`` starts
    it again on the same address. ``.url`` is ``postgres://postgres@127.0.0.1:PORT/``.
    Stop it with ``pg.signal(signal.SIGINT)`` (fast shutdown) or ``pg.stop()``.
    """
    binaries = postgres_binaries()
    if binaries is None:
        raise RuntimeError("No PostgreSQL server binaries (initdb, postgres) found.")
    run_as = _postgres_user()
    data = directory / "data"
    if not (data / "PG_VERSION").exists():
        directory.mkdir(parents=True, exist_ok=True)
        if run_as:
            os.chown(directory, run_as["user"], run_as["group"])
        subprocess.run(  # noqa: S603 - fixed argv
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            **run_as,
        )
    chosen = port or free_port()
    argv = [
        str(binaries / "postgres"),
        "-D",
        str(data),
        "-p",
        str(chosen),
        "-k",
        str(directory),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
    ]
    log_path = directory / f"postgres-{chosen}.log"
    with log_path.open("ab") as log:
        if run_as:
            os.chown(log_path, run_as["user"], run_as["group"])
        process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
            **run_as,
        )
    server = ServerProcess(name="postgres", process=process, log_path=log_path)
    server.port, server.directory = chosen, directory
    server.url = f"postgres://postgres@127.0.0.1:{chosen}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.alive():
        try:
            with socket.create_connection(("127.0.0.1", chosen), timeout=1):
                pass
        except OSError:
            time.sleep(0.1)
            continue
        import psycopg

        try:
            psycopg.connect(f"{server.url}postgres", connect_timeout=2).close()
        except psycopg.OperationalError:
            time.sleep(0.1)
            continue
        return server
    server.stop()
    raise RuntimeError(f"PostgreSQL did not start:\n{_tail(log_path)}")
