"""REST API of recommendations: evaluation, snapshots and the guideline library.

Rule, alert and referral IDs (``RR-…``, ``ALERT-…``, ``PSY-…``) are the catalogue's.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from config.api.errors import ParameterInvalid
from config.api.fields import StrictDateField, parse_iso_date
from config.api.pagination import NewestFirstPagination, paginate
from config.api.schema import PAGE_PARAMETERS
from config.api.serializers import StrictInputSerializer, page_of
from config.api.views import ApiView, program_for_request
from patients import documents
from patients.apis import (
    PROGRAM_PARAMETER,
    CaseDocumentSerializer,
    case_or_404,
    today,
)
from patients.audit import audit_read
from patients.errors import DocumentInvalid
from patients.models import Case
from patients.selectors import case_with_timeline, program_list_for_user
from recommendations import engine, selectors, services
from recommendations.models import RecommendationSnapshot

TAG_RECOMMENDATIONS = "Recommendations"
TAG_SNAPSHOTS = "Snapshots"
TAG_GUIDELINE = "Guideline library"

MSG_NO_SUCH_RULE = "No such rule in the catalogue."
MSG_NO_SUCH_SNAPSHOT = "No such snapshot."
MSG_AS_OF = "A real date in the form YYYY-MM-DD."
MSG_DOCUMENT_RULES = (
    "The case document breaks the registry's rules: {count} problem(s)."
)

RULE_IDS = [rule.id for rule in engine.CATALOGUE]
SOURCE_KEYS = list(engine.SOURCES)
STRENGTHS = [str(strength) for strength in engine.Strength]
KINDS = [str(kind) for kind in engine.Kind]
SEVERITIES = [str(severity) for severity in engine.Severity]
DECISION_POINTS = [str(point) for point in engine.DecisionPoint]

AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    {"type": "string", "format": "date"},
    description="Evaluate as of this date (YYYY-MM-DD). Default: today for a stored "
    "case, the document's evaluation_date for a posted document.",
)


def _as_of(request) -> dt.date | None:  # noqa: ANN001
    raw = request.query_params.get("as_of")
    if raw is None:
        return None
    value = parse_iso_date(raw)
    if value is None:
        raise ParameterInvalid("query", {"as_of": [MSG_AS_OF]})
    return value


# ---------------------------------------------------------------------------------
# The engine's result
# ---------------------------------------------------------------------------------


class SourcePositionSerializer(serializers.Serializer):
    source = serializers.ChoiceField(SOURCE_KEYS)
    relation = serializers.ChoiceField(["concordant", "differs"])
    position = serializers.CharField()
    strength = serializers.ChoiceField(STRENGTHS)
    strength_stated = serializers.BooleanField()
    certainty = serializers.CharField(allow_null=True)


class _RuleItemSerializer(serializers.Serializer):
    id = serializers.ChoiceField(RULE_IDS)
    source = serializers.ChoiceField(SOURCE_KEYS)
    sources = serializers.ListField(child=serializers.ChoiceField(SOURCE_KEYS))
    strength = serializers.ChoiceField(STRENGTHS)
    strength_stated = serializers.BooleanField()
    certainty = serializers.CharField(allow_null=True)
    because = serializers.ListField(child=serializers.CharField())
    version = serializers.IntegerField()
    content = serializers.ChoiceField(
        ["catalogue", "override"],
        help_text="`override`: wording corrected by the program administrators.",
    )
    content_needs_review = serializers.BooleanField(
        help_text="The override was written for an earlier meaning of the rule and "
        "awaits an administrator's review."
    )
    concordant_with = SourcePositionSerializer(many=True)
    differs_from = SourcePositionSerializer(many=True)
    detail = serializers.DictField(required=False)


class RecommendationItemSerializer(_RuleItemSerializer):
    statement = serializers.CharField()
    decision_points = serializers.ListField(
        child=serializers.ChoiceField(DECISION_POINTS)
    )


class AlertItemSerializer(_RuleItemSerializer):
    message = serializers.CharField()
    severity = serializers.ChoiceField(
        SEVERITIES, help_text="`high` is shown before `warning` (catalogue 2026.2)."
    )


class WorkupItemSerializer(_RuleItemSerializer):
    statement = serializers.CharField()
    status = serializers.ChoiceField(
        ["open", "done"],
        help_text="`open`: due and not recorded in the current episode.",
    )
    test = serializers.CharField(
        allow_null=True, help_text="The `workup` event test that settles it."
    )
    done_on = serializers.DateField(allow_null=True)
    result = serializers.CharField(allow_null=True)


class CheckSerializer(serializers.Serializer):
    id = serializers.ChoiceField(RULE_IDS)
    kind = serializers.ChoiceField(KINDS)
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text="The facts that would settle the item, in words.",
    )


class ReferralDueItemSerializer(_RuleItemSerializer):
    reason = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    due_basis = serializers.CharField(allow_null=True)
    overdue = serializers.BooleanField()
    overdue_since = serializers.DateField(allow_null=True)


class OutcomeItemSerializer(serializers.Serializer):
    id = serializers.ChoiceField(RULE_IDS)
    kind = serializers.ChoiceField(KINDS)
    because = serializers.ListField(child=serializers.CharField())


class InsufficientItemSerializer(OutcomeItemSerializer):
    missing = serializers.ListField(child=serializers.CharField())
    statement = serializers.CharField()
    source = serializers.ChoiceField(SOURCE_KEYS)


class EvaluationSerializer(serializers.Serializer):
    """The engine's result: every rule, applied or not, with its reasons and sources."""

    ruleset_version = serializers.CharField()
    decision_point = serializers.ChoiceField(DECISION_POINTS)
    derived = serializers.DictField(
        help_text="The engine's reading of the case (age, relapse count, prior "
        "therapies…) for a clinician to check."
    )
    recommendations = RecommendationItemSerializer(many=True)
    alerts = AlertItemSerializer(many=True)
    referrals_due = ReferralDueItemSerializer(many=True)
    workup = WorkupItemSerializer(
        many=True,
        help_text="The relapse work-up items due at REINDUCTION, open or done in the "
        "current episode (`WU-…`).",
    )
    workup_open = serializers.ListField(
        child=serializers.CharField(), help_text="IDs of the open work-up items."
    )
    checks = CheckSerializer(
        many=True,
        help_text="Every item that ended in insufficient data, naming the missing "
        "facts: the clinic's checks to do.",
    )
    not_applicable = OutcomeItemSerializer(many=True)
    insufficient_data = InsufficientItemSerializer(many=True)


class CaseRecommendationsApi(ApiView):
    """``/cases/{id}/recommendations/``: what the guideline says for a stored case."""

    @extend_schema(
        operation_id="case_recommendations",
        tags=[TAG_RECOMMENDATIONS],
        parameters=[AS_OF_PARAMETER],
        responses={200: EvaluationSerializer},
        summary="Evaluate a case",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        as_of = _as_of(request)
        case = case_or_404(request, id)
        case = case_with_timeline(Case.objects.filter(pk=case.pk)).get()
        result = selectors.case_evaluate(case=case, as_of=as_of or today())
        audit_read(
            request=request, what="recommendations", case=case, detail={"via": "api"}
        )
        return Response(result)


class DocumentEvaluateApi(ApiView):
    """``/recommendations/evaluate/``: evaluate a posted document, store nothing."""

    @extend_schema(
        operation_id="document_evaluate",
        tags=[TAG_RECOMMENDATIONS],
        parameters=[PROGRAM_PARAMETER, AS_OF_PARAMETER],
        request=CaseDocumentSerializer,
        responses={200: EvaluationSerializer},
        summary="Evaluate a case document without storing it",
        description="The program's settings (mental-health screening interval) and "
        "its administrators' rule wording apply.",
    )
    def post(self, request):  # noqa: ANN001, ANN201
        as_of = _as_of(request)
        program = program_for_request(request)
        serializer = CaseDocumentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = serializer.validated_data
        problems = documents.validate_case_document(document)
        if problems:
            raise DocumentInvalid(
                MSG_DOCUMENT_RULES.format(count=len(problems)), errors=problems
            )
        result = selectors.evaluate_document(
            document=document,
            as_of=as_of,
            mental_health_interval_days=program.mental_health_interval_days,
            overrides=selectors.rule_content_overrides(),
        )
        return Response(result)


# ---------------------------------------------------------------------------------
# Snapshots
# ---------------------------------------------------------------------------------


class SnapshotSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(
        source="case_id", allow_null=True, help_text="Null once the case is deleted."
    )
    case_ref = serializers.CharField(help_text="The case identifier, kept.")
    program = serializers.SlugField(source="program.slug")
    as_of = serializers.DateField()
    ruleset_version = serializers.CharField()
    case_version = serializers.IntegerField()
    decision_point = serializers.ChoiceField(DECISION_POINTS)
    created_at = serializers.DateTimeField()
    created_by = serializers.IntegerField(source="created_by_id", allow_null=True)


class SnapshotDetailSerializer(SnapshotSummarySerializer):
    facts = CaseDocumentSerializer(help_text="The case document the engine read.")
    result = EvaluationSerializer(help_text="The engine's full result, as shown.")

    def to_representation(self, instance):  # noqa: ANN001, ANN201
        data = super().to_representation(instance)
        # Stored JSON is returned as stored: a record of what was shown.
        data["facts"] = instance.facts
        data["result"] = instance.result
        return data


def _snapshots_for(request):  # noqa: ANN001, ANN202
    return RecommendationSnapshot.objects.filter(
        program__in=program_list_for_user(user=request.user)
    ).select_related("program")


class SnapshotCollectionApi(ApiView):
    """``/cases/{id}/snapshots/``: a case's saved evaluations (GET), save one (POST)."""

    pagination_class = NewestFirstPagination

    class InputSerializer(StrictInputSerializer):
        as_of = StrictDateField(
            required=False, help_text="Evaluate as of this date (default: today)."
        )

    @extend_schema(
        operation_id="snapshot_list",
        tags=[TAG_SNAPSHOTS],
        parameters=PAGE_PARAMETERS,
        responses=page_of(SnapshotSummarySerializer, "SnapshotPage"),
        summary="List a case's snapshots, newest first",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        return paginate(
            self,
            request,
            _snapshots_for(request).filter(case=case),
            SnapshotSummarySerializer,
            audit={"what": "snapshots", "case": case, "detail": {"via": "api"}},
        )

    @extend_schema(
        operation_id="snapshot_create",
        tags=[TAG_SNAPSHOTS],
        request=InputSerializer,
        responses={201: SnapshotDetailSerializer},
        parameters=[
            OpenApiParameter(
                "Location",
                str,
                location=OpenApiParameter.HEADER,
                response=[201],
                required=True,
                description="The address of the new snapshot.",
            )
        ],
        summary="Save a snapshot of the case's evaluation",
    )
    def post(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        snapshot = services.recommendation_snapshot_create(
            case=case,
            actor=request.user,
            as_of=serializer.validated_data.get("as_of") or today(),
        )
        snapshot = _snapshots_for(request).get(pk=snapshot.pk)
        return Response(
            SnapshotDetailSerializer(snapshot).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:snapshot-detail", args=[snapshot.pk])},
        )


class SnapshotDetailApi(ApiView):
    """``/snapshots/{id}/``: one saved evaluation, with the facts it read."""

    @extend_schema(
        operation_id="snapshot_retrieve",
        tags=[TAG_SNAPSHOTS],
        responses={200: SnapshotDetailSerializer},
        summary="Read a snapshot",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        snapshot = _snapshots_for(request).filter(pk=id).first()
        if snapshot is None:
            raise Http404(MSG_NO_SUCH_SNAPSHOT)
        audit_read(
            request=request, what="snapshot", case=snapshot, detail={"via": "api"}
        )
        return Response(SnapshotDetailSerializer(snapshot).data)


# ---------------------------------------------------------------------------------
# Guideline library
# ---------------------------------------------------------------------------------


class LibraryEntrySerializer(serializers.Serializer):
    id = serializers.ChoiceField(RULE_IDS)
    version = serializers.IntegerField()
    kind = serializers.ChoiceField(KINDS)
    decision_points = serializers.ListField(
        child=serializers.ChoiceField(DECISION_POINTS)
    )
    lineage = serializers.ChoiceField(["B", "T"], allow_null=True)
    case_facing = serializers.BooleanField(
        help_text="False for research priorities: shown here, never in a case's result."
    )
    statement = serializers.CharField()
    source = serializers.ChoiceField(SOURCE_KEYS)
    sources = serializers.ListField(child=serializers.ChoiceField(SOURCE_KEYS))
    strength = serializers.ChoiceField(STRENGTHS)
    strength_stated = serializers.BooleanField()
    certainty = serializers.CharField(allow_null=True)
    condition = serializers.CharField(help_text="When the rule applies, in words.")
    concordant_with = SourcePositionSerializer(many=True)
    differs_from = SourcePositionSerializer(many=True)
    severity = serializers.ChoiceField(
        SEVERITIES, allow_null=True, help_text="Alerts only: high or warning."
    )
    disease_directed = serializers.BooleanField(
        help_text="Turned off by RR-FRAIL-SUPPORTIVE when the patient is frail."
    )
    content = serializers.ChoiceField(["catalogue", "override"])
    content_needs_review = serializers.BooleanField()


class SourceSerializer(serializers.Serializer):
    key = serializers.ChoiceField(SOURCE_KEYS)
    title = serializers.CharField()
    seeds = serializers.ListField(child=serializers.CharField())


class GuidelineSerializer(serializers.Serializer):
    ruleset_version = serializers.CharField()
    sources = SourceSerializer(many=True)
    rules = LibraryEntrySerializer(many=True)


class GuidelineApi(ApiView):
    """``/guideline/``: the whole catalogue, with sources and research priorities."""

    @extend_schema(
        operation_id="guideline_retrieve",
        tags=[TAG_GUIDELINE],
        responses={200: GuidelineSerializer},
        summary="The guideline library",
    )
    def get(self, request):  # noqa: ANN001, ANN201
        data = {
            "ruleset_version": engine.RULESET_VERSION,
            "sources": [
                {"key": s.key, "title": s.title, "seeds": list(s.seeds)}
                for s in engine.SOURCES.values()
            ],
            "rules": selectors.library_entries(),
        }
        return Response(GuidelineSerializer(data).data)


class GuidelineRuleApi(ApiView):
    """``/guideline/rules/{rule_id}/``: one catalogue rule by its public ID."""

    @extend_schema(
        operation_id="guideline_rule_retrieve",
        tags=[TAG_GUIDELINE],
        parameters=[
            OpenApiParameter(
                "rule_id",
                str,
                location=OpenApiParameter.PATH,
                description="A catalogue ID, e.g. `RR-B-IMMUNO-REINDUCTION`.",
            )
        ],
        responses={200: LibraryEntrySerializer},
        summary="One guideline rule",
    )
    def get(self, request, rule_id: str):  # noqa: ANN001, ANN201
        for entry in selectors.library_entries():
            if entry["id"] == rule_id:
                return Response(LibraryEntrySerializer(entry).data)
        raise Http404(MSG_NO_SUCH_RULE)
