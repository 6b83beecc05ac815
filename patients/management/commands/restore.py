"""Restore an archive of 'manage.py backup' into an empty database and media folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by 'manage.py backup' into the configured database, "
        "which must be empty (or --force), and the media folder (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The aya-backup-….tar file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data, and media files of the same "
            "name.",
        )

    def handle(self, *args, archive: Path, force: bool, **options):
        try:
            result = backup_restore(
                archive=archive, media_root=Path(settings.MEDIA_ROOT), force=force
            )
        except BackupError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Restored {result.tables} tables and {result.files} media file(s) "
            f"from {archive}."
        )
        for note in result.notes:
            self.stdout.write(note)
