"""REST API of the registry: programs, cases (as case documents), events, referrals.

Every read is scoped to the caller's programs: another program's case is a 404, the
same as a case that does not exist. Views parse and answer; the services write.
Conventions (errors, pagination, ETags) are in ``config.api`` and docs/adr/0003-api.md.
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.response import Response

from config.api.errors import (
    Conflict,
    DocumentSchemaInvalid,
    ParameterInvalid,
    PreconditionFailed,
    PreconditionRequired,
)
from config.api.fields import (
    StrictCharField,
    StrictChoiceField,
    StrictDateField,
    StrictFloatField,
    StrictIntegerField,
)
from config.api.pagination import CursorPagination, paginate
from config.api.schema import PAGE_PARAMETERS
from config.api.serializers import (
    ErrorItemSerializer,
    ErrorSerializer,
    StrictInputSerializer,
    VersionErrorSerializer,
    page_of,
)
from config.api.views import ApiView, etag, if_match_versions, program_for_request
from config.postgresql import planned_for_values
from patients import access, choices, documents, errors, selectors, services
from patients.audit import audit_read
from patients.models import AuditEntry, Case, Event, Program, Referral
from recommendations import engine
from recommendations.engine.vocabulary import DECISION_POINT_BY_STATE, DecisionPoint

TAG_CASES = "Cases"
TAG_EVENTS = "Events"
TAG_REFERRALS = "Referrals"
TAG_PROGRAMS = "Programs"

MSG_NO_SUCH_CASE = "No such case."
MSG_NO_SUCH_EVENT = "No such event."
MSG_NO_SUCH_REFERRAL = "No such referral."
MSG_CASE_EXISTS = (
    "A case with this case_id already exists in the program; "
    "change it with PUT /api/v1/cases/{id}/."
)
MSG_IF_MATCH_REQUIRED = (
    "Send If-Match with the ETag of the version you edited (from GET), so that "
    "a newer change is never overwritten. 'If-Match: *' overwrites whatever is there."
)
MSG_OWNER_NOT_MEMBER = "The owner must be an active member of the case's program."
MSG_NUL = "NUL characters (\\u0000) are not allowed."
MSG_SEARCH_IN_BODY = (
    "Search terms may identify a patient and never go in a URL: send them in the "
    "body of POST /api/v1/cases/search/."
)
# Query parameters that would carry PHI: refused, never silently ignored.
PHI_QUERY_PARAMETERS = ("q", "search", "name", "case_id", "given_name", "family_name")

DECISION_POINTS = [str(point) for point in DecisionPoint]
# The largest row id the API accepts (18 digits: below every database's bigint limit).
MAX_ID = 999_999_999_999_999_999
ALERT_IDS = [rule.id for rule in engine.CATALOGUE if str(rule.kind) == "alert"]
ALERT_FILTER_CHOICES = ["any", *ALERT_IDS]

PROGRAM_PARAMETER = OpenApiParameter(
    "program",
    str,
    description="The program's slug; needed only when you belong to several. "
    "A program you do not belong to is a 404.",
)
IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match",
    str,
    location=OpenApiParameter.HEADER,
    required=True,
    description='The ETag of the version being replaced (`"<version>"`, from a '
    "GET), or `*` to overwrite whatever is current. Without it: 428; with an "
    "older version: 412, and the body gives `current_version`.",
    examples=[
        OpenApiExample("version 3", value='"3"'),
        OpenApiExample("any version", value="*"),
    ],
)
ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    location=OpenApiParameter.HEADER,
    response=[200, 201],
    required=True,
    description='The case\'s version as an entity tag (`"<version>"`): send it '
    "back in If-Match when updating.",
)
LOCATION_HEADER = OpenApiParameter(
    "Location",
    str,
    location=OpenApiParameter.HEADER,
    response=[201],
    required=True,
    description="The address of the new resource.",
)


def today() -> dt.date:
    return timezone.localdate()


def case_or_404(request, pk: int) -> Case:  # noqa: ANN001
    """The case if it belongs to one of the caller's programs; a 404 otherwise."""
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if case is None:
        raise Http404(MSG_NO_SUCH_CASE)
    return case


def decision_point_of(case: Case) -> str:
    return str(DECISION_POINT_BY_STATE.get(case.disease_state, DecisionPoint.NONE))


def _validated_query(serializer_class, request) -> dict:  # noqa: ANN001
    # A plain dict, not the QueryDict: DRF would read "?lineage=" as "not given".
    serializer = serializer_class(data=dict(request.query_params.items()))
    if not serializer.is_valid():
        raise ParameterInvalid("query", serializer.errors)
    return {k: v for k, v in serializer.validated_data.items() if v not in ("", None)}


# ---------------------------------------------------------------------------------
# Output fields: unset values are null, never "" (one spelling of "not recorded")
# ---------------------------------------------------------------------------------


class NullableCharField(serializers.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):  # noqa: ANN001, ANN201
        return None if value in ("", None) else super().to_representation(value)


class NullableChoiceField(serializers.ChoiceField):
    def __init__(self, choices, **kwargs) -> None:  # noqa: ANN001
        super().__init__(choices, allow_null=True, **kwargs)

    def to_representation(self, value):  # noqa: ANN001, ANN201
        return None if value in ("", None) else super().to_representation(value)


# ---------------------------------------------------------------------------------
# The case document
# ---------------------------------------------------------------------------------


def _nul_problems(value: object, path: str = "$") -> list[documents.DocumentError]:
    if isinstance(value, str):
        return [documents.DocumentError(path, MSG_NUL)] if "\x00" in value else []
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            where = documents.json_path([key], prefix=path)
            if isinstance(key, str) and "\x00" in key:
                found.append(documents.DocumentError(path, MSG_NUL))
            found += _nul_problems(item, where)
        return found
    if isinstance(value, list):
        found = []
        for index, item in enumerate(value):
            found += _nul_problems(item, documents.json_path([index], prefix=path))
        return found
    return []


class CaseDocumentSerializer(serializers.BaseSerializer):
    """One case as the case document of case.schema.json (its OpenAPI form).

    Input is checked against the JSON Schema here (a 400 lists every problem by JSON
    path); the registry's rules (dates in order…) are checked by the services (422).
    """

    def to_internal_value(self, data):  # noqa: ANN001, ANN201
        problems = _nul_problems(data)
        problems += [p for p in documents.schema_errors(data) if p not in problems]
        if problems:
            raise DocumentSchemaInvalid(problems)
        return data

    def to_representation(self, instance):  # noqa: ANN001, ANN201
        if isinstance(instance, dict):
            return instance
        return documents.case_to_document(instance)


# ---------------------------------------------------------------------------------
# Programs
# ---------------------------------------------------------------------------------


class ProgramListApi(ApiView):
    """The programs the caller belongs to (their slugs name them in requests)."""

    pagination_class = CursorPagination

    class OutputSerializer(serializers.Serializer):
        slug = serializers.SlugField()
        name = serializers.CharField()
        mental_health_interval_days = serializers.IntegerField()
        care_team_name = NullableCharField(
            help_text="Printed on every page of a decision aid."
        )
        care_team_phone = NullableCharField(
            help_text="Printed on every page of a decision aid."
        )
        is_admin = serializers.SerializerMethodField()

        @extend_schema_field(serializers.BooleanField())
        def get_is_admin(self, program: Program) -> bool:
            return access.program_admin_check(self.context["user"], program)

    @extend_schema(
        operation_id="program_list",
        tags=[TAG_PROGRAMS],
        parameters=PAGE_PARAMETERS,
        responses=page_of(OutputSerializer, "ProgramPage"),
        summary="List my programs",
    )
    def get(self, request):  # noqa: ANN001, ANN201
        return paginate(
            self,
            request,
            selectors.program_list_for_user(user=request.user),
            self.OutputSerializer,
            context={"user": request.user},
        )


# ---------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------


class CaseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    program = serializers.SlugField(source="program.slug")
    case_id = serializers.CharField()
    given_name = NullableCharField()
    family_name = NullableCharField()
    lineage = serializers.ChoiceField(choices.Lineage.choices)
    disease_state = serializers.ChoiceField(choices.DiseaseState.choices)
    decision_point = serializers.SerializerMethodField()
    evaluation_date = serializers.DateField()
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ChoiceField(DECISION_POINTS))
    def get_decision_point(self, case: Case) -> str:
        return decision_point_of(case)

    def to_representation(self, case: Case) -> dict:
        """The fields above, written out. DRF's walk over them (attribute lookup,
        field by field) cost a page of fifty more than reading it did; a test holds
        this to the walk, row for row."""
        fields = self.fields
        return {
            "id": case.pk,
            "program": case.program.slug,
            "case_id": case.case_id,
            "given_name": case.given_name or None,
            "family_name": case.family_name or None,
            "lineage": case.lineage,
            "disease_state": case.disease_state,
            "decision_point": decision_point_of(case),
            "evaluation_date": fields["evaluation_date"].to_representation(
                case.evaluation_date
            ),
            "version": case.version,
            "updated_at": fields["updated_at"].to_representation(case.updated_at),
        }


# The columns a case summary shows (and the audit names): a page of fifty whole
# cases, about fifty columns each, cost more than serialising them.
CASE_SUMMARY_FIELDS = (
    "program_id",
    "program__slug",
    "case_id",
    "given_name",
    "family_name",
    "lineage",
    "disease_state",
    "evaluation_date",
    "version",
    "updated_at",
)


class CaseDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    program = serializers.SlugField(source="program.slug")
    version = serializers.IntegerField(
        help_text='Incremented on every change; the ETag is `"<version>"`.'
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    warnings = serializers.SerializerMethodField()
    document = CaseDocumentSerializer(source="*")

    @extend_schema_field(ErrorItemSerializer(many=True))
    def get_warnings(self, case: Case) -> list[dict]:
        if not case.outside_aya:
            return []
        return [
            {
                "path": "$.birth_date",
                "message": f"Age {case.age_at_evaluation} at evaluation is outside "
                "the guideline's 15-39 population; the case is kept and flagged "
                "(ALERT-OUTSIDE-AYA).",
                "code": "outside_aya",
            }
        ]


def _case_response(case: Case, *, status_code: int = 200, created: bool = False):  # noqa: ANN202
    case = selectors.case_with_timeline(Case.objects.filter(pk=case.pk)).get()
    headers = {"ETag": etag(case.version)}
    if created:
        headers["Location"] = reverse("api:case-detail", kwargs={"id": case.pk})
    return Response(
        CaseDetailSerializer(case).data, status=status_code, headers=headers
    )


class CaseFilterSerializer(serializers.Serializer):
    lineage = serializers.ChoiceField(choices.Lineage.choices, required=False)
    decision_point = serializers.ChoiceField(DECISION_POINTS, required=False)
    alert = serializers.ChoiceField(
        ALERT_FILTER_CHOICES,
        required=False,
        help_text="Cases showing this alert today (`any`: any alert).",
    )


def case_filter(queryset: QuerySet[Case], *, filters: dict) -> QuerySet[Case]:
    """The case list's filters, as in the clinic's case list."""
    if "lineage" in filters:
        queryset = queryset.filter(lineage=filters["lineage"])
    if "decision_point" in filters:
        states = [
            state
            for state, point in DECISION_POINT_BY_STATE.items()
            if str(point) == filters["decision_point"]
        ]
        if filters["decision_point"] == str(DecisionPoint.NONE):
            queryset = queryset.exclude(disease_state__in=list(DECISION_POINT_BY_STATE))
        else:
            queryset = queryset.filter(disease_state__in=states)
    if "q" in filters:
        from evaluations.selectors import case_search

        queryset = case_search(queryset, query=filters["q"])
    if "alert" in filters:
        from evaluations.selectors import case_alert_filter

        queryset = case_alert_filter(queryset, alert=filters["alert"], as_of=today())
    return queryset


class CaseCollectionApi(ApiView):
    """``/cases/``: list the cases of my programs (GET), create one (POST)."""

    pagination_class = CursorPagination

    @extend_schema(
        operation_id="case_list",
        tags=[TAG_CASES],
        parameters=[CaseFilterSerializer, *PAGE_PARAMETERS],
        responses=page_of(CaseSummarySerializer, "CaseSummaryPage"),
        summary="List cases",
        description="The cases of my programs, oldest first. Searching by name or "
        "identifier is `POST /api/v1/cases/search/`: PHI never goes in a URL.",
    )
    def get(self, request):  # noqa: ANN001, ANN201
        refused = [
            name for name in PHI_QUERY_PARAMETERS if name in request.query_params
        ]
        if refused:
            raise ParameterInvalid(
                "query", {name: [MSG_SEARCH_IN_BODY] for name in refused}
            )
        filters = _validated_query(CaseFilterSerializer, request)
        cases = case_filter(
            selectors.case_list_for_user(user=request.user), filters=filters
        ).only(*CASE_SUMMARY_FIELDS)
        audit = {
            "what": "case_list",
            "detail": {"via": "api", "filters": sorted(filters)},
        }
        return paginate(self, request, cases, CaseSummarySerializer, audit=audit)

    @extend_schema(
        operation_id="case_create",
        tags=[TAG_CASES],
        parameters=[PROGRAM_PARAMETER, ETAG_HEADER, LOCATION_HEADER],
        request=CaseDocumentSerializer,
        responses={
            201: CaseDetailSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                description="A case with this case_id exists in the program.",
            ),
        },
        summary="Create a case from a case document",
    )
    def post(self, request):  # noqa: ANN001, ANN201
        program = program_for_request(request)
        serializer = CaseDocumentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = serializer.validated_data
        conflict = Conflict(
            MSG_CASE_EXISTS,
            errors=[
                {"path": "$.case_id", "message": MSG_CASE_EXISTS, "code": "exists"}
            ],
        )
        if Case.objects.filter(program=program, case_id=document["case_id"]).exists():
            raise conflict
        try:
            services.case_import(payload=document, program=program, actor=request.user)
        except IntegrityError as error:  # created by someone else meanwhile
            raise conflict from error
        case = Case.objects.get(program=program, case_id=document["case_id"])
        return _case_response(case, status_code=status.HTTP_201_CREATED, created=True)


class CaseSearchApi(ApiView):
    """Search by name or identifier; the term travels in the body, never in a URL."""

    pagination_class = CursorPagination

    class InputSerializer(StrictInputSerializer):
        q = StrictCharField(
            required=False,
            allow_blank=True,
            max_length=100,
            help_text="Part of the case identifier, given name or family name.",
        )
        lineage = StrictChoiceField(choices.Lineage.choices, required=False)
        decision_point = StrictChoiceField(DECISION_POINTS, required=False)
        alert = StrictChoiceField(ALERT_FILTER_CHOICES, required=False)

    @extend_schema(
        operation_id="case_search",
        tags=[TAG_CASES],
        parameters=PAGE_PARAMETERS,
        request=InputSerializer,
        responses={200: page_of(CaseSummarySerializer, "CaseSearchPage")},
        summary="Search cases",
        description="To page, send the same body to the `next` link.",
    )
    def post(self, request):  # noqa: ANN001, ANN201
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        filters = {k: v for k, v in serializer.validated_data.items() if v != ""}
        if "q" in filters:
            filters["q"] = filters["q"].strip()
            if not filters["q"]:
                del filters["q"]
        cases = case_filter(
            selectors.case_list_for_user(user=request.user), filters=filters
        ).only(*CASE_SUMMARY_FIELDS)
        audit = {
            "what": "case_search",
            "action": AuditEntry.Action.SEARCHED,
            "detail": {"via": "api", "filters": sorted(filters)},
        }
        # A search's best plan depends on how many rows its term matches.
        with planned_for_values() if "q" in filters else nullcontext():
            return paginate(self, request, cases, CaseSummarySerializer, audit=audit)


class CaseDetailApi(ApiView):
    """``/cases/{id}/``: read a case (GET), replace it with a document (PUT)."""

    @extend_schema(
        operation_id="case_retrieve",
        tags=[TAG_CASES],
        parameters=[ETAG_HEADER],
        responses={200: CaseDetailSerializer},
        summary="Read a case",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        audit_read(request=request, what="case_api", case=case, detail={"via": "api"})
        return _case_response(case)

    @extend_schema(
        operation_id="case_replace",
        tags=[TAG_CASES],
        parameters=[IF_MATCH_PARAMETER, ETAG_HEADER],
        request=CaseDocumentSerializer,
        responses={
            200: CaseDetailSerializer,
            412: OpenApiResponse(
                VersionErrorSerializer,
                description="The case changed since the version in If-Match.",
            ),
            428: OpenApiResponse(
                VersionErrorSerializer, description="If-Match is missing."
            ),
        },
        summary="Replace a case with a case document",
        description="The whole document replaces the case: its events are replaced "
        "(they get new ids) and referrals are matched by kind and date, keeping "
        "their owners. `case_id` cannot change.",
    )
    def put(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        serializer = CaseDocumentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        header = request.headers.get("If-Match")
        if header is None:
            raise PreconditionRequired(
                MSG_IF_MATCH_REQUIRED, current_version=case.version
            )
        versions = if_match_versions(header)
        expected = None
        if versions is not None:
            # A tag naming no version can never match: compare with an impossible one.
            expected = case.version if case.version in versions else -1
        try:
            updated = services.case_replace(
                case=case,
                document=serializer.validated_data,
                actor=request.user,
                expected_version=expected,
            )
        except errors.StaleVersion as stale:
            raise PreconditionFailed(
                stale.message, current_version=stale.current_version
            ) from stale
        return _case_response(updated)


# ---------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------


class EventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    case_version = serializers.IntegerField(
        source="case.version", help_text="The case's version after this change."
    )
    type = serializers.ChoiceField(choices.EventType.choices)
    date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    agent = NullableCharField()
    cycles = serializers.IntegerField(allow_null=True)
    donor = NullableChoiceField(choices.Donor.choices)
    response = NullableChoiceField(choices.Response.choices)
    mrd = NullableChoiceField(choices.Mrd.choices)
    mrd_level = serializers.FloatField(allow_null=True)
    toxicity = NullableChoiceField(choices.Toxicity.choices)
    grade = serializers.IntegerField(allow_null=True)
    cns_kind = NullableChoiceField(choices.CnsKind.choices)
    note = NullableCharField()
    test = NullableChoiceField(
        choices.WorkupTest.choices,
        help_text="For a work-up event: which relapse work-up item was done.",
    )
    result = NullableCharField(
        help_text="For a work-up event: the result in words, as reported."
    )
    created_at = serializers.DateTimeField()


def _optional(field_class, *args, **kwargs):  # noqa: ANN001, ANN202
    return field_class(*args, required=False, allow_null=True, **kwargs)


class EventInputSerializer(StrictInputSerializer):
    """An event as in the case document; null clears an optional member.

    A ``workup`` event needs its ``test``; ``test`` and ``result`` belong to work-up
    events only (422 otherwise).
    """

    type = StrictChoiceField(choices.EventType.choices)
    date = StrictDateField()
    end_date = _optional(StrictDateField)
    agent = _optional(StrictCharField, max_length=100, allow_blank=True)
    cycles = _optional(StrictIntegerField, min_value=1, max_value=50)
    donor = _optional(StrictChoiceField, choices.Donor.choices)
    response = _optional(StrictChoiceField, choices.Response.choices)
    mrd = _optional(StrictChoiceField, choices.Mrd.choices)
    mrd_level = _optional(StrictFloatField, min_value=0, max_value=1)
    toxicity = _optional(StrictChoiceField, choices.Toxicity.choices)
    grade = _optional(StrictIntegerField, min_value=1, max_value=5)
    cns_kind = _optional(StrictChoiceField, choices.CnsKind.choices)
    note = _optional(StrictCharField, max_length=2000, allow_blank=True)
    test = _optional(
        StrictChoiceField,
        choices.WorkupTest.choices,
        help_text="For a work-up event (required there): the work-up item done.",
    )
    result = _optional(
        StrictCharField,
        max_length=200,
        allow_blank=True,
        help_text="For a work-up event: the result in words, as reported.",
    )


def model_data(model, data: dict) -> dict:  # noqa: ANN001
    """API values as model values: null becomes "" where the model stores blanks."""
    result = {}
    for name, value in data.items():
        field = model._meta.get_field(name)
        result[name] = "" if value is None and not field.null else value
    return result


def event_or_404(case: Case, pk: int) -> Event:
    event = case.events.select_related("case").filter(pk=pk).first()
    if event is None:
        raise Http404(MSG_NO_SUCH_EVENT)
    return event


class EventCollectionApi(ApiView):
    """``/cases/{id}/events/``: a case's timeline (GET), add an event (POST)."""

    pagination_class = CursorPagination

    @extend_schema(
        operation_id="event_list",
        tags=[TAG_EVENTS],
        parameters=PAGE_PARAMETERS,
        responses=page_of(EventOutputSerializer, "EventPage"),
        summary="List a case's events",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        events = case.events.select_related("case")
        audit = {"what": "events", "case": case, "detail": {"via": "api"}}
        return paginate(self, request, events, EventOutputSerializer, audit=audit)

    @extend_schema(
        operation_id="event_create",
        tags=[TAG_EVENTS],
        parameters=[LOCATION_HEADER],
        request=EventInputSerializer,
        responses={201: EventOutputSerializer},
        summary="Add an event to a case",
        description="A date after the case's evaluation date moves that date "
        "forward; a date after today is refused (422).",
    )
    def post(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.event_save(
            case=case,
            actor=request.user,
            data=model_data(Event, serializer.validated_data),
            today=today(),
        )
        event = event_or_404(case, event.pk)
        location = reverse(
            "api:event-detail", kwargs={"id": case.pk, "event_id": event.pk}
        )
        return Response(
            EventOutputSerializer(event).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class EventDetailApi(ApiView):
    """``/cases/{id}/events/{event_id}/``: read, change (PATCH) or delete an event."""

    @extend_schema(
        operation_id="event_retrieve",
        tags=[TAG_EVENTS],
        responses={200: EventOutputSerializer},
        summary="Read an event",
    )
    def get(self, request, id: int, event_id: int):  # noqa: A002, ANN001, ANN201
        event = event_or_404(case_or_404(request, id), event_id)
        audit_read(request=request, what="event", case=event, detail={"via": "api"})
        return Response(EventOutputSerializer(event).data)

    @extend_schema(
        operation_id="event_update",
        tags=[TAG_EVENTS],
        request=EventInputSerializer,
        responses={200: EventOutputSerializer},
        summary="Change an event",
        description="Only the members sent change; null clears an optional one.",
    )
    def patch(self, request, id: int, event_id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        event = event_or_404(case, event_id)
        serializer = EventInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.event_save(
            case=case,
            actor=request.user,
            data=model_data(Event, serializer.validated_data),
            today=today(),
            event=event,
        )
        return Response(EventOutputSerializer(event_or_404(case, event_id)).data)

    @extend_schema(
        operation_id="event_delete",
        tags=[TAG_EVENTS],
        responses={204: OpenApiResponse(description="The event is deleted.")},
        summary="Delete an event",
    )
    def delete(self, request, id: int, event_id: int):  # noqa: A002, ANN001, ANN201
        event = event_or_404(case_or_404(request, id), event_id)
        services.event_delete(event=event, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------------------------
# Referrals
# ---------------------------------------------------------------------------------


class ReferralOwnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField(source="get_username")


class ReferralOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    case_version = serializers.IntegerField(
        source="case.version", help_text="The case's version after this change."
    )
    kind = serializers.ChoiceField(choices.ReferralKind.choices)
    status = serializers.ChoiceField(choices.ReferralStatus.choices)
    date = serializers.DateField(
        allow_null=True,
        help_text="The date the referral reached its status (null only while needed).",
    )
    appointment_date = serializers.DateField(
        allow_null=True, help_text="For a scheduled referral: the appointment."
    )
    note = NullableCharField()
    owner = ReferralOwnerSerializer(allow_null=True)
    status_changed_at = serializers.DateTimeField(allow_null=True)
    status_changed_by = serializers.IntegerField(
        source="status_changed_by_id", allow_null=True
    )
    created_at = serializers.DateTimeField()


class ReferralInputSerializer(StrictInputSerializer):
    """A referral; every status but ``needed`` needs its ``date`` (422 otherwise).

    ``date`` is the day the status was reached and never lies after today; a
    scheduled referral's ``appointment_date`` may lie ahead, and leaving scheduled
    clears it unless one is sent (only a scheduled referral may carry one).
    """

    kind = StrictChoiceField(choices.ReferralKind.choices)
    status = StrictChoiceField(choices.ReferralStatus.choices, required=False)
    date = _optional(
        StrictDateField,
        help_text="The date the referral reached its status; required unless "
        "the status is needed.",
    )
    appointment_date = _optional(
        StrictDateField,
        help_text="For a scheduled referral: the appointment (may lie ahead).",
    )
    note = _optional(StrictCharField, max_length=2000, allow_blank=True)
    owner = _optional(
        StrictIntegerField,
        min_value=1,
        max_value=MAX_ID,
        help_text="The id of the coordinator who chases it (a program member).",
    )


class ReferralFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices.ReferralKind.choices, required=False)
    status = serializers.ChoiceField(choices.ReferralStatus.choices, required=False)
    owner = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="The owner's user id.",
    )


def referral_filter(queryset: QuerySet[Referral], *, filters: dict) -> QuerySet:
    for name, lookup in (("kind", "kind"), ("status", "status"), ("owner", "owner_id")):
        if name in filters:
            queryset = queryset.filter(**{lookup: filters[name]})
    return queryset


def referral_data(case: Case, data: dict) -> dict:
    """Model values for a referral; the owner must belong to the case's program."""
    data = model_data(Referral, data)
    if data.get("owner") is not None:
        owner = (
            get_user_model()
            .objects.filter(pk=data["owner"], is_active=True, programs=case.program)
            .first()
        )
        if owner is None:
            raise DjangoValidationError({"owner": MSG_OWNER_NOT_MEMBER})
        data["owner"] = owner
    return data


def referral_or_404(case: Case, pk: int) -> Referral:
    referral = case.referrals.select_related("case", "owner").filter(pk=pk).first()
    if referral is None:
        raise Http404(MSG_NO_SUCH_REFERRAL)
    return referral


class ReferralListApi(ApiView):
    """``/referrals/``: the referrals of every case of my programs, filtered."""

    pagination_class = CursorPagination

    @extend_schema(
        operation_id="referral_list_all",
        tags=[TAG_REFERRALS],
        parameters=[ReferralFilterSerializer, *PAGE_PARAMETERS],
        responses=page_of(ReferralOutputSerializer, "ReferralPage"),
        summary="List referrals across my cases",
    )
    def get(self, request):  # noqa: ANN001, ANN201
        filters = _validated_query(ReferralFilterSerializer, request)
        referrals = Referral.objects.filter(
            case__in=selectors.case_list_for_user(user=request.user)
        ).select_related("case", "owner")
        return paginate(
            self,
            request,
            referral_filter(referrals, filters=filters),
            ReferralOutputSerializer,
            audit={"what": "referrals", "detail": {"via": "api"}},
        )


class ReferralCollectionApi(ApiView):
    """``/cases/{id}/referrals/``: a case's referrals (GET), add one (POST)."""

    pagination_class = CursorPagination

    @extend_schema(
        operation_id="referral_list",
        tags=[TAG_REFERRALS],
        parameters=[ReferralFilterSerializer, *PAGE_PARAMETERS],
        responses=page_of(ReferralOutputSerializer, "CaseReferralPage"),
        summary="List a case's referrals",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        filters = _validated_query(ReferralFilterSerializer, request)
        referrals = case.referrals.select_related("case", "owner")
        return paginate(
            self,
            request,
            referral_filter(referrals, filters=filters),
            ReferralOutputSerializer,
            audit={"what": "referrals", "case": case, "detail": {"via": "api"}},
        )

    @extend_schema(
        operation_id="referral_create",
        tags=[TAG_REFERRALS],
        parameters=[LOCATION_HEADER],
        request=ReferralInputSerializer,
        responses={201: ReferralOutputSerializer},
        summary="Add a referral to a case",
    )
    def post(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        serializer = ReferralInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = services.referral_save(
            case=case,
            actor=request.user,
            data=referral_data(case, serializer.validated_data),
            today=today(),
        )
        referral = referral_or_404(case, referral.pk)
        location = reverse(
            "api:referral-detail", kwargs={"id": case.pk, "referral_id": referral.pk}
        )
        return Response(
            ReferralOutputSerializer(referral).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class ReferralDetailApi(ApiView):
    """``/cases/{id}/referrals/{referral_id}/``: read, change (PATCH) or delete."""

    @extend_schema(
        operation_id="referral_retrieve",
        tags=[TAG_REFERRALS],
        responses={200: ReferralOutputSerializer},
        summary="Read a referral",
    )
    def get(self, request, id: int, referral_id: int):  # noqa: A002, ANN001, ANN201
        referral = referral_or_404(case_or_404(request, id), referral_id)
        audit_read(
            request=request, what="referral", case=referral, detail={"via": "api"}
        )
        return Response(ReferralOutputSerializer(referral).data)

    @extend_schema(
        operation_id="referral_update",
        tags=[TAG_REFERRALS],
        request=ReferralInputSerializer,
        responses={200: ReferralOutputSerializer},
        summary="Change a referral",
        description="A status change records who made it and when. Only the "
        "members sent change; null clears an optional one.",
    )
    def patch(self, request, id: int, referral_id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        referral = referral_or_404(case, referral_id)
        serializer = ReferralInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.referral_save(
            case=case,
            actor=request.user,
            data=referral_data(case, serializer.validated_data),
            today=today(),
            referral=referral,
        )
        return Response(
            ReferralOutputSerializer(referral_or_404(case, referral_id)).data
        )

    @extend_schema(
        operation_id="referral_delete",
        tags=[TAG_REFERRALS],
        responses={204: OpenApiResponse(description="The referral is deleted.")},
        summary="Delete a referral",
    )
    def delete(self, request, id: int, referral_id: int):  # noqa: A002, ANN001, ANN201
        referral = referral_or_404(case_or_404(request, id), referral_id)
        services.referral_delete(referral=referral, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
