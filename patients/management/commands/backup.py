"""Back up the database and the media (decision-aid PDFs) into one archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from config.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write the whole database (pg_dump, or SQLite's online backup) and the media "
        "folder into one archive, aya-backup-<UTC time>.tar (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            type=Path,
            default=None,
            help="Folder for the archive (default: var/backups).",
        )

    def handle(self, *args, out: Path | None, **options):
        folder = out or Path(settings.VAR_DIR) / "backups"
        try:
            archive = backup_create(
                out_dir=folder, media_root=Path(settings.MEDIA_ROOT), now=timezone.now()
            )
        except BackupError as error:
            raise CommandError(error.message) from error
        size = archive.stat().st_size
        self.stdout.write(f"Backed up to {archive} ({size} bytes).")
