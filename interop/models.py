"""A spreadsheet upload waiting between its dry-run preview and the import click."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from patients.models import Program


class PendingSheet(models.Model):
    """The case documents a previewed sheet would import, kept server-side.

    The uploaded file itself is not kept: only the documents parsed from it, where
    each came from (for messages by sheet, row and column), and the version of every
    case it would update, so the import refuses if a case changed since the preview.
    The token is random, tied to one user and one program, and expires.
    """

    token = models.CharField(max_length=64, unique=True)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    file_sha256 = models.CharField(max_length=64)
    documents = models.JSONField(help_text="Case documents, in sheet order.")
    locations = models.JSONField(help_text="Sheet rows each document came from.")
    versions = models.JSONField(
        blank=True,
        help_text="case_id -> version when previewed, for cases that exist.",
    )
    changed = models.JSONField(help_text="case_ids that the import would write.")

    class Meta:
        indexes = [models.Index(fields=["user", "program"])]

    def __str__(self) -> str:
        return f"pending sheet for {self.program} ({self.created_at:%Y-%m-%d %H:%M})"
