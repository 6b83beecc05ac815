"""Admin: the progress of re-evaluation jobs (read only)."""

from __future__ import annotations

from django.contrib import admin

from evaluations.models import ReevaluationJob


@admin.register(ReevaluationJob)
class ReevaluationJobAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "reason",
        "program",
        "status",
        "progress",
        "finished_at",
    )
    list_filter = ("status",)
    readonly_fields = [f.name for f in ReevaluationJob._meta.fields]

    @admin.display(description="progress")
    def progress(self, job: ReevaluationJob) -> str:
        return f"{job.done} of {job.total} cases ({job.percent} %)"

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
