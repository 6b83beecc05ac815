"""Admin: superusers edit evidence figures (who and when is recorded); jobs read-only.

Every program's aids print these figures, so a program admin may read them but
not change them (docs/adr/0011).
"""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from config.security.shared_content import SuperuserEditsMixin
from decisionaids.models import DecisionAidJob, EvidenceFigure
from patients.admin import AuditedReadsAdmin
from patients.selectors import program_list_for_user


@admin.register(EvidenceFigure)
class EvidenceFigureAdmin(SuperuserEditsMixin, SimpleHistoryAdmin):
    list_display = ("ev_id", "study", "design", "source", "reviewed_by", "reviewed_at")
    list_filter = ("source", "reviewed_at")
    search_fields = ("ev_id", "statement", "population", "study")
    readonly_fields = ("ev_id", "reviewed_by", "reviewed_at", "updated_at")
    fields = (
        "ev_id",
        "statement",
        "measures",
        "population",
        "population_plain",
        "study",
        "design",
        "source",
        "seed",
        "reviewed_by",
        "reviewed_at",
        "updated_at",
    )

    def has_add_permission(self, request):  # noqa: ANN001, ANN201
        return False  # rows come from the catalogue's evidence table

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def save_model(self, request, obj, form, change):  # noqa: ANN001, ANN201
        # Saving in the admin is a review: record who and when.
        obj.reviewed_by = request.user.get_full_name() or request.user.get_username()
        obj.reviewed_at = timezone.localdate()
        super().save_model(request, obj, form, change)


@admin.register(DecisionAidJob)
class DecisionAidJobAdmin(AuditedReadsAdmin):
    list_display = (
        "id",
        "case",
        "aid_id",
        "language",
        "paper",
        "status",
        "attempts",
        "page_count",
        "given_at",
        "created_at",
    )
    list_filter = ("status", "aid_id", "language", "paper")
    search_fields = ("case__case_id", "content_key")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in DecisionAidJob._meta.fields]

    def get_queryset(self, request):  # noqa: ANN001, ANN201
        queryset = super().get_queryset(request).select_related("case")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            case__program__in=program_list_for_user(user=request.user)
        )

    def has_add_permission(self, request):  # noqa: ANN001, ANN201
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False
