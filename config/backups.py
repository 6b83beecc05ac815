"""Backups: the whole database and the media folder (the decision aids' PDFs) in one
archive, and their restore into an empty database.

The database is copied by its own tools, so every table comes back as it was
(snapshots, aid jobs, audit rows, users, sequences): ``pg_dump --format=custom`` on
PostgreSQL, SQLite's online backup API (``sqlite3.Connection.backup``) on SQLite, both
consistent while the site runs. The media are copied after the database, so every PDF
a ready job names is already written. One ``.tar`` holds ``database.*``, ``media/``
and ``manifest.json`` (SHA-256 and size of each file, the engine, the applied
migrations); restore checks every checksum before it writes anything.

An archive holds patient data: it is written owner-read-only (0600).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder

from patients.errors import ApplicationError

FORMAT = "aya-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
PREFIX = "aya-backup-"

MSG_UNSUPPORTED_ENGINE = "Backups support PostgreSQL and SQLite, not {engine}."
MSG_NO_TOOL = (
    "{tool} was not found: install the PostgreSQL client (apt-get install "
    "postgresql-client, or make system-deps)."
)
MSG_TOOL_TOO_OLD = (
    "{tool} {client} is older than the PostgreSQL server ({server}): install the "
    "client of version {server} or newer."
)
MSG_TOOL_FAILED = "{tool} failed: {error}"
MSG_NOT_AN_ARCHIVE = "{path} is not a backup made by 'make backup': {error}"
MSG_CHECKSUM = "{name} in the archive does not match its checksum; nothing restored."
MSG_WRONG_ENGINE = (
    "The backup is of a {backup} database; the configured database is {target}."
)
MSG_NOT_EMPTY = (
    "The database already holds data (table {table}); restore only into an empty "
    "database, or pass --force to replace it."
)
MSG_MEDIA_NOT_EMPTY = (
    "The media folder {path} already holds files; pass --force to write over them."
)


class BackupError(ApplicationError):
    """A backup or restore that cannot go ahead; the message says why."""


@dataclass
class RestoreResult:
    tables: int
    files: int
    notes: list[str] = field(default_factory=list)


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor in {"postgresql", "sqlite"}:
        return connection.vendor
    raise BackupError(MSG_UNSUPPORTED_ENGINE.format(engine=connection.vendor))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------
# PostgreSQL: the client tools, given the connection in the environment (never in
# their arguments, which other users of the machine can read).


def _pg_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    settings = connection.settings_dict
    options = settings.get("OPTIONS", {})
    values = {
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGDATABASE": settings.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
    }
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("PG")
    }
    environment.update({name: str(value) for name, value in values.items() if value})
    return environment


def _pg_tool(tool: str, connection: BaseDatabaseWrapper) -> str:
    """The tool's path, checked to be at least as new as the server."""
    path = shutil.which(tool)
    if path is None:
        raise BackupError(MSG_NO_TOOL.format(tool=tool))
    output = subprocess.run(  # noqa: S603 - a fixed tool, no shell
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    client = int(match.group(1)) if match else 0
    connection.ensure_connection()
    server = connection.pg_version // 10000
    if client < server:
        raise BackupError(
            MSG_TOOL_TOO_OLD.format(tool=tool, client=client, server=server)
        )
    return path


def _run(tool: str, arguments: list[str], connection: BaseDatabaseWrapper) -> None:
    result = subprocess.run(  # noqa: S603 - a checked tool path, no shell
        [_pg_tool(tool, connection), *arguments],
        env=_pg_environment(connection),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        error = result.stderr.strip() or f"exit status {result.returncode}"
        raise BackupError(MSG_TOOL_FAILED.format(tool=tool, error=error))


# ---------------------------------------------------------------------------
# Backup


def _dump_database(connection: BaseDatabaseWrapper, folder: Path) -> Path:
    if _engine(connection) == "postgresql":
        target = folder / "database.dump"
        _run(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            connection,
        )
        return target
    target = folder / "database.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    return target


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(
        path
        for path in media_root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def _entry(path: Path, name: str) -> dict:
    return {"name": name, "sha256": _sha256(path), "size": path.stat().st_size}


def backup_create(
    *, out_dir: Path, media_root: Path, now: dt.datetime, using: str = "default"
) -> Path:
    """Write one archive of the database and the media into ``out_dir``."""
    connection = connections[using]
    engine = _engine(connection)
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"{PREFIX}{now.astimezone(dt.UTC):%Y%m%dT%H%M%S.%fZ}.tar"
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".partial-") as work:
        database = _dump_database(connection, Path(work))
        recorder = MigrationRecorder(connection)
        partial = Path(work) / archive.name
        with tarfile.open(partial, "w") as tar:
            entries = [_entry(database, database.name)]
            tar.add(database, arcname=database.name)
            for path in _media_files(media_root):
                name = f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}"
                entries.append(_entry(path, name))
                tar.add(path, arcname=name)
            manifest = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "created_at": now.isoformat(),
                "engine": engine,
                "database": database.name,
                "migrations": sorted(
                    f"{app}.{name}" for app, name in recorder.applied_migrations()
                ),
                "files": entries,
            }
            manifest_path = Path(work) / MANIFEST
            manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            tar.add(manifest_path, arcname=MANIFEST)
        partial.chmod(0o600)
        os.replace(partial, archive)
    return archive


# ---------------------------------------------------------------------------
# Restore


def _first_table_with_rows(connection: BaseDatabaseWrapper) -> str | None:
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(
                f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1"  # noqa: S608 - an introspected table name, quoted
            )
            if cursor.fetchone() is not None:
                return table
    return None


def _read_manifest(archive: Path, tar: tarfile.TarFile) -> dict:
    try:
        stream = tar.extractfile(MANIFEST)
        manifest = json.load(stream) if stream is not None else {}
    except (KeyError, ValueError) as exc:
        raise BackupError(MSG_NOT_AN_ARCHIVE.format(path=archive, error=exc)) from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            MSG_NOT_AN_ARCHIVE.format(path=archive, error="unknown manifest format")
        )
    return manifest


def _extract_checked(tar: tarfile.TarFile, manifest: dict, folder: Path) -> None:
    """Extract the files the manifest lists, each checked against its checksum."""
    for entry in manifest["files"]:
        tar.extract(entry["name"], folder, filter="data")
        if _sha256(folder / entry["name"]) != entry["sha256"]:
            raise BackupError(MSG_CHECKSUM.format(name=entry["name"]))


def _restore_database(
    connection: BaseDatabaseWrapper, engine: str, database: Path, *, replace: bool
) -> None:
    if engine == "postgresql":
        arguments = ["--no-owner", "--no-privileges", "--exit-on-error"]
        arguments += [
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
        ]
        if replace:
            arguments += ["--clean", "--if-exists"]
        connection.close()
        _run("pg_restore", [*arguments, str(database)], connection)
    else:
        connection.close()
        source = sqlite3.connect(database)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    connection.close()


def backup_restore(
    *, archive: Path, media_root: Path, force: bool = False, using: str = "default"
) -> RestoreResult:
    """Restore an archive into an empty database and media folder (``force``:
    replace what the database holds and write over media files of the same name)."""
    connection = connections[using]
    engine = _engine(connection)
    try:
        tar = tarfile.open(archive)  # noqa: SIM115 - closed below
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(MSG_NOT_AN_ARCHIVE.format(path=archive, error=exc)) from exc
    with tar, tempfile.TemporaryDirectory(prefix="aya-restore-") as work:
        manifest = _read_manifest(archive, tar)
        if manifest["engine"] != engine:
            raise BackupError(
                MSG_WRONG_ENGINE.format(backup=manifest["engine"], target=engine)
            )
        table = _first_table_with_rows(connection)
        if table is not None and not force:
            raise BackupError(MSG_NOT_EMPTY.format(table=table))
        if _media_files(media_root) and not force:
            raise BackupError(MSG_MEDIA_NOT_EMPTY.format(path=media_root))
        folder = Path(work)
        _extract_checked(tar, manifest, folder)
        with connection.cursor() as cursor:
            has_tables = bool(connection.introspection.table_names(cursor))
        _restore_database(
            connection, engine, folder / manifest["database"], replace=has_tables
        )
        files = 0
        for entry in manifest["files"]:
            if not entry["name"].startswith(f"{MEDIA_DIR}/"):
                continue
            target = media_root / entry["name"].removeprefix(f"{MEDIA_DIR}/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / entry["name"], target)
            files += 1
    with connection.cursor() as cursor:
        tables = len(connection.introspection.table_names(cursor))
    return RestoreResult(
        tables=tables, files=files, notes=_migration_notes(connection, manifest)
    )


def _migration_notes(connection: BaseDatabaseWrapper, manifest: dict) -> list[str]:
    from django.db.migrations.loader import MigrationLoader

    known = {f"{app}.{name}" for app, name in MigrationLoader(connection).graph.nodes}
    backed_up = set(manifest["migrations"])
    notes = []
    if known - backed_up:
        notes.append(
            f"The code has {len(known - backed_up)} migration(s) the backup predates: "
            "run 'manage.py migrate' now."
        )
    if backed_up - known:
        notes.append(
            f"The backup has {len(backed_up - known)} migration(s) this code does not "
            "know: it was made by a newer version of the application."
        )
    return notes
