"""Admin for the registry, scoped to the programs the signed-in user belongs to."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from patients.audit import audit_read
from patients.models import (
    AuditEntry,
    Case,
    Event,
    Program,
    ProgramMembership,
    Referral,
)
from patients.selectors import program_list_for_user
from patients.services import audit_record, case_changed

ADMIN_TARGET = "admin"


class AuditedReadsAdmin(admin.ModelAdmin):
    """For rows of patient data: every page that shows them, and bulk deletes, audited.

    A list page is one entry per program naming the cases it showed; a change,
    delete or history page is one entry naming its case; a bulk delete is one entry
    per program naming the cases whose rows were deleted.
    """

    def _audit_page(self, request, response, key: str, *, many: bool = False):
        context = getattr(response, "context_data", None) or {}
        shown = context.get(key)
        if shown is None or response.status_code != 200:
            return response
        detail = {"model": self.model._meta.model_name}
        if many:
            audit_read(request=request, what=ADMIN_TARGET, cases=shown, detail=detail)
        else:
            audit_read(request=request, what=ADMIN_TARGET, case=shown, detail=detail)
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        if "cl" in context:
            # The page's own queryset: iterating it fills the cache the page reads.
            shown = context["cl"].result_list
        elif "deletable_objects" in context:  # the bulk delete's confirmation
            shown = context["queryset"]
        else:
            return response
        audit_read(
            request=request,
            what=ADMIN_TARGET,
            cases=shown,
            detail={"model": self.model._meta.model_name},
        )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        return self._audit_page(request, response, "original")

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        return self._audit_page(request, response, "object")

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        return self._audit_page(request, response, "object")

    def delete_queryset(self, request, queryset):
        """A bulk delete: one audit entry per program, naming the cases touched."""
        rows = list(queryset)
        audit_read(
            request=request,
            what=self.model._meta.model_name,
            action=AuditEntry.Action.DELETED,
            cases=rows,
            detail={"via": "admin", "rows": len(rows)},
        )
        super().delete_queryset(request, queryset)


class ProgramScopedAdmin(admin.ModelAdmin):
    """Limits rows to the user's programs; ``program_path`` is the lookup to Program."""

    program_path = "program"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.program_path}__in": program_list_for_user(user=request.user)}
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.related_model is Program:
                kwargs["queryset"] = program_list_for_user(user=request.user)
            elif db_field.related_model is Case:
                kwargs["queryset"] = Case.objects.filter(
                    program__in=program_list_for_user(user=request.user)
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change and isinstance(obj, Case):
            obj.version += 1
        super().save_model(request, obj, form, change)
        case = obj if isinstance(obj, Case) else getattr(obj, "case", None)
        if case is not None:
            audit_record(
                actor=request.user,
                action=AuditEntry.Action.UPDATED
                if change
                else AuditEntry.Action.CREATED,
                case=case,
                target=obj._meta.model_name,
                detail={"fields": sorted(form.changed_data), "via": "admin"},
            )
            if not isinstance(obj, Case):  # a case waits for its inlines
                case_changed(case_ids=[case.pk])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if isinstance(form.instance, Case):
            case_changed(case_ids=[form.instance.pk])

    def delete_queryset(self, request, queryset):
        model = queryset.model
        case_ids = (
            []
            if model is Case or not hasattr(model, "case")
            else list(queryset.values_list("case_id", flat=True).distinct())
        )
        super().delete_queryset(request, queryset)
        if case_ids:
            case_changed(case_ids=case_ids)

    def delete_model(self, request, obj):
        case = obj if isinstance(obj, Case) else getattr(obj, "case", None)
        if case is not None:
            audit_record(
                actor=request.user,
                action=AuditEntry.Action.DELETED,
                case=case,
                target=obj._meta.model_name,
                detail={"via": "admin"},
            )
        super().delete_model(request, obj)
        if case is not None and not isinstance(obj, Case):
            case_changed(case_ids=[case.pk])


class AgeBandFilter(admin.SimpleListFilter):
    title = "age band"
    parameter_name = "age_band"

    def lookups(self, request, model_admin):
        return [("aya", "15–39 (AYA)"), ("outside", "Outside 15–39 (flagged)")]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        wanted = self.value() == "outside"
        pks = [
            case.pk
            for case in queryset.only("pk", "birth_date", "evaluation_date")
            if case.outside_aya == wanted
        ]
        return queryset.filter(pk__in=pks)


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = (
        "type",
        "date",
        "end_date",
        "agent",
        "cycles",
        "response",
        "mrd",
        "toxicity",
        "grade",
        "cns_kind",
        "donor",
        "test",
        "result",
    )


class ReferralInline(admin.TabularInline):
    model = Referral
    extra = 0
    fields = ("kind", "status", "date", "appointment_date", "owner", "note")


class MembershipInline(admin.TabularInline):
    model = ProgramMembership
    extra = 0


@admin.register(Program)
class ProgramAdmin(ProgramScopedAdmin):
    program_path = "pk"
    list_display = (
        "name",
        "slug",
        "mental_health_interval_days",
        "care_team_name",
        "care_team_phone",
    )
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "mental_health_interval_days" in form.changed_data:
            from evaluations.services import reevaluation_start

            reevaluation_start(
                program=obj, reason="mental-health screening interval changed"
            )

    fieldsets = [
        (None, {"fields": ("name", "slug")}),
        ("Worklist", {"fields": ("mental_health_interval_days",)}),
        (
            "Decision aids",
            {
                "fields": ("care_team_name", "care_team_phone"),
                "description": "Who the patient calls: printed on every page of "
                "every decision aid of this program.",
            },
        ),
    ]


@admin.register(Case)
class CaseAdmin(AuditedReadsAdmin, ProgramScopedAdmin):
    list_display = (
        "case_id",
        "family_name",
        "given_name",
        "program",
        "lineage",
        "disease_state",
        "age_at_evaluation",
        "outside_aya",
        "evaluation_date",
    )
    list_filter = (
        "program",
        "lineage",
        "disease_state",
        "ph_status",
        "cd19",
        "cd22",
        "kmt2a_rearranged",
        "fitness_category",
        AgeBandFilter,
    )
    search_fields = ("case_id", "given_name", "family_name")
    date_hierarchy = "evaluation_date"

    def get_search_results(self, request, queryset, search_term):  # noqa: ANN001, ANN201
        """Accent- and case-blind, like the clinic's search (selectors.case_search)."""
        from patients.selectors import case_search

        return case_search(queryset, search_term), False

    readonly_fields = ("version", "created_at", "updated_at")
    inlines = [EventInline, ReferralInline]
    fieldsets = [
        (
            "Identity",
            {
                "fields": (
                    "program",
                    "case_id",
                    "given_name",
                    "family_name",
                    "birth_date",
                    "sex",
                    "can_become_pregnant",
                    "preferred_language",
                    "weight_kg",
                    "evaluation_date",
                )
            },
        ),
        (
            "Diagnosis",
            {"fields": ("diagnosis_date", "lineage", "ph_status", "initial_regimen")},
        ),
        (
            "Disease",
            {
                "fields": (
                    "disease_state",
                    "relapse_count",
                    "latest_relapse_date",
                    "sites",
                    "marrow_blast_percent",
                    "testicular_disease_after_induction",
                )
            },
        ),
        (
            "Markers",
            {
                "fields": (
                    "cd19",
                    "cd22",
                    "cd20",
                    "kmt2a_rearranged",
                    "abl1_mutations",
                    "markers_tested_on",
                )
            },
        ),
        (
            "Fitness and medications",
            {
                "fields": (
                    "ecog",
                    "hct_ci",
                    "fitness_category",
                    "transplant_eligible",
                    "prior_neuropathy",
                    "strong_cyp3a4_inhibitor",
                )
            },
        ),
        (
            "Plans and psychosocial",
            {
                "fields": (
                    "hsct_planned",
                    "next_treatment_start",
                    "school_or_work_disrupted",
                    "clinical_trial_screened",
                )
            },
        ),
        ("Record", {"fields": ("version", "created_at", "updated_at")}),
    ]

    @admin.display(boolean=True, description="outside 15–39")
    def outside_aya(self, case: Case) -> bool:
        return case.outside_aya


@admin.register(Event)
class EventAdmin(AuditedReadsAdmin, ProgramScopedAdmin):
    program_path = "case__program"
    list_display = (
        "case",
        "type",
        "date",
        "end_date",
        "agent",
        "response",
        "mrd",
        "grade",
        "test",
    )
    list_filter = ("type", "test", "response", "mrd", "toxicity", "case__program")
    search_fields = ("case__case_id", "case__family_name", "agent")
    list_select_related = ("case",)
    date_hierarchy = "date"


@admin.register(Referral)
class ReferralAdmin(AuditedReadsAdmin, ProgramScopedAdmin):
    program_path = "case__program"
    list_display = ("case", "kind", "status", "date", "appointment_date", "owner")
    list_filter = ("kind", "status", "owner", "case__program")
    search_fields = ("case__case_id", "case__family_name", "note")
    list_select_related = ("case", "owner")


@admin.register(AuditEntry)
class AuditEntryAdmin(ProgramScopedAdmin):
    list_display = (
        "at",
        "actor_username",
        "remote_addr",
        "action",
        "target",
        "case_ref",
        "program",
    )
    list_filter = ("action", "target", "program")
    search_fields = ("case_ref", "actor_username")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
