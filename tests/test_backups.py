"""Backup and restore: every table row by row and every PDF byte for byte come back.

The restore goes into a database of its own: a fresh SQLite file, or on PostgreSQL
(only when DATABASE_URL names one) a fresh database this test creates and drops.
"""

from __future__ import annotations

import copy
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend
from knox.models import get_token_model

from config import backups
from decisionaids import services as aid_services
from decisionaids.models import DecisionAidJob
from patients.access import GROUP_CLINICIAN
from patients.models import AuditEntry, Case
from patients.services import case_import
from recommendations.models import RecommendationSnapshot
from recommendations.services import recommendation_snapshot_create
from tests.conftest import vignette_case
from tests.dbstate import all_models, table_rows
from tests.factories import EventFactory, ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

RESTORED = "restored"
VIGNETTES = ["b_first_relapse_cd19_cd22.json", "isolated_cns_relapse.json"]


@pytest.fixture
def registry(program) -> dict:
    """Rows of every kind: users and roles, cases with events and referrals, a
    snapshot, a rendered decision aid (a real PDF, stored through the model), audit
    rows, an API token."""
    clinician = UserFactory(username="dr-backup", programs=[program])
    clinician.groups.add(Group.objects.get(name=GROUP_CLINICIAN))
    for name in VIGNETTES:
        case_import(payload=vignette_case(name), program=program, actor=clinician)
    case = program.cases.order_by("pk").first()
    EventFactory(case=case, note="Written before the backup: ñ, 𝛼, \u2028.")
    ReferralFactory(case=case)
    recommendation_snapshot_create(case=case, actor=clinician)
    cns = program.cases.get(case_id=vignette_case(VIGNETTES[1])["case_id"])
    job = aid_services.aid_job_request(
        case=cns, aid_id="DA-CNS-RELAPSE", language="es", actor=clinician
    )
    aid_services.aid_job_render(job_id=job.pk)  # what the worker runs
    get_token_model().objects.create(user=clinician)
    job.refresh_from_db()
    assert job.status == DecisionAidJob.Status.READY
    assert AuditEntry.objects.exists()
    assert RecommendationSnapshot.objects.count() >= 2  # one per aid job as well
    return {"job": job}


@pytest.fixture
def empty_database(tmp_path):
    """A second database alias, ``restored``, naming an empty database."""
    original = connection.settings_dict
    target = copy.deepcopy(original)
    created = None
    if connection.vendor == "postgresql":
        created = f"{original['NAME']}_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{created}"')
        target["NAME"] = created
    else:
        target["NAME"] = str(tmp_path / "restored.sqlite3")
    # Registered as a connection, not in the settings: Django's test case then
    # treats it as created by the test, which it is.
    connections[RESTORED] = load_backend(target["ENGINE"]).DatabaseWrapper(
        target, alias=RESTORED
    )
    yield connections[RESTORED]
    connections[RESTORED].close()
    del connections[RESTORED]
    if created:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')


def media_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def test_a_restore_into_an_empty_database_gives_back_every_row_and_pdf(
    registry, empty_database, tmp_path
):
    job = registry["job"]
    call_command("backup", "--out", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("aya-backup-*.tar")
    assert archive.stat().st_mode & 0o777 == 0o600
    restored_media = tmp_path / "restored-media"

    result = backups.backup_restore(
        archive=archive, media_root=restored_media, using=RESTORED
    )

    # Every table, every row, every column.
    original = table_rows()
    assert table_rows(using=RESTORED) == original
    assert result.notes == []
    counted = {table: len(rows) for table, rows in original.items()}
    for model in (Case, DecisionAidJob, RecommendationSnapshot, AuditEntry):
        assert counted[model._meta.db_table] > 0, model
    assert len(original) == len(all_models())
    # Every PDF, byte for byte; the job's own PDF among them, unchanged.
    assert media_files(restored_media) == media_files(Path(settings.MEDIA_ROOT))
    restored_pdf = (restored_media / job.pdf.name).read_bytes()
    assert restored_pdf.startswith(b"%PDF")
    with job.pdf.open("rb") as stored:
        assert restored_pdf == stored.read()
    # The restored database goes on: new rows get new keys (sequences came back).
    new = AuditEntry.objects.using(RESTORED).create(action="viewed", target="backup")
    assert new.pk > max(row[0] for row in original[AuditEntry._meta.db_table])


def test_restore_refuses_a_database_that_holds_data_unless_forced(
    registry, empty_database, tmp_path
):
    archive = backups.backup_create(
        out_dir=tmp_path, media_root=Path(settings.MEDIA_ROOT), now=_now()
    )
    media = tmp_path / "media"
    backups.backup_restore(archive=archive, media_root=media, using=RESTORED)
    Case.objects.using(RESTORED).update(given_name="Changed after restore")

    with pytest.raises(backups.BackupError, match="already holds data"):
        backups.backup_restore(archive=archive, media_root=media, using=RESTORED)
    # The configured database (the test's own) is refused the same way.
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive))

    backups.backup_restore(
        archive=archive, media_root=media, force=True, using=RESTORED
    )
    assert table_rows(using=RESTORED) == table_rows()


def test_a_damaged_archive_restores_nothing(registry, empty_database, tmp_path):
    archive = backups.backup_create(
        out_dir=tmp_path, media_root=Path(settings.MEDIA_ROOT), now=_now()
    )
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    pdf = next((unpacked / "media").rglob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes().replace(b"%PDF", b"%PDX", 1))
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(damaged, "w") as tar:
        for path in sorted(unpacked.rglob("*")):
            tar.add(path, arcname=path.relative_to(unpacked).as_posix())

    with pytest.raises(backups.BackupError, match="does not match its checksum"):
        backups.backup_restore(
            archive=damaged, media_root=tmp_path / "media", using=RESTORED
        )

    assert not empty_database.introspection.table_names()
    assert not (tmp_path / "media").exists()


def test_something_that_is_not_a_backup_is_refused(empty_database, tmp_path):
    bogus = tmp_path / "aya-backup-bogus.tar"
    bogus.write_bytes(b"not a tar file")

    with pytest.raises(backups.BackupError, match="is not a backup"):
        backups.backup_restore(archive=bogus, media_root=tmp_path, using=RESTORED)


def _now():  # noqa: ANN202
    from django.utils import timezone

    return timezone.now()
