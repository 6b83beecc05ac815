"""Admin: superusers correct rule wording (with history); snapshots read-only.

The wording is shared by every program, so a program admin may read it but not
change it (docs/adr/0011).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from config.security.shared_content import SuperuserEditsMixin
from patients.admin import AuditedReadsAdmin
from patients.selectors import program_list_for_user
from recommendations.models import RecommendationSnapshot, RuleContent
from recommendations.services import rulecontent_edit_record


@admin.register(RuleContent)
class RuleContentAdmin(SuperuserEditsMixin, SimpleHistoryAdmin):
    list_display = (
        "rule_id",
        "strength",
        "strength_stated",
        "certainty",
        "is_override",
        "review",
        "updated_at",
        "updated_by",
    )
    list_filter = ("is_override", "strength", "strength_stated")
    search_fields = ("rule_id", "statement")
    readonly_fields = (
        "rule_id",
        "is_override",
        "rule_version",
        "review",
        "updated_at",
        "updated_by",
    )
    fields = (
        "rule_id",
        "statement",
        "strength",
        "strength_stated",
        "certainty",
        "is_override",
        "rule_version",
        "review",
        "updated_at",
        "updated_by",
    )

    @admin.display(description="needs review")
    def review(self, obj: RuleContent) -> str:
        if obj.needs_review:
            return "Yes: the rule's meaning changed since this wording was written"
        return "No"

    def has_add_permission(self, request):
        return False  # rows come from the catalogue; only their wording is edited

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        rulecontent_edit_record(row=obj, actor=request.user)
        super().save_model(request, obj, form, change)
        from evaluations.services import reevaluation_start

        # Wording is shown on every stored evaluation: all programs re-evaluate.
        reevaluation_start(program=None, reason=f"wording of {obj.rule_id} edited")


@admin.register(RecommendationSnapshot)
class RecommendationSnapshotAdmin(AuditedReadsAdmin):
    list_display = ("case_ref", "as_of", "ruleset_version", "created_by", "created_at")
    list_filter = ("ruleset_version", "program")
    search_fields = ("case_ref",)
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(program__in=program_list_for_user(user=request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
