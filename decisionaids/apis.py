"""REST API of decision aids: request a print, poll it, download the PDF, mark given.

A job is rendered by a Celery worker: the request answers 202 with the job, whose
address is then polled until ``status`` is ``ready`` (download) or ``failed``.
A job of a case in another program is a 404, like one that does not exist.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, renderers, serializers, status
from rest_framework.response import Response

from config.api.errors import Conflict, Gone
from config.api.fields import StrictChoiceField
from config.api.pagination import NewestFirstPagination, paginate
from config.api.schema import PAGE_PARAMETERS
from config.api.serializers import ErrorSerializer, StrictInputSerializer, page_of
from config.api.views import ApiView
from decisionaids import selectors, services
from decisionaids.content.aids import AID_IDS
from decisionaids.models import DecisionAidJob
from patients.apis import case_or_404
from patients.audit import audit_read
from patients.errors import ApplicationError
from patients.selectors import case_list_for_user

TAG = "Decision aids"

MSG_NO_SUCH_JOB = "No such decision aid job."
MSG_NOT_READY = "The decision aid is not ready ({status}); poll the job until it is."


class JobOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    aid_id = serializers.ChoiceField(AID_IDS)
    language = serializers.ChoiceField(DecisionAidJob.Language.choices)
    paper = serializers.ChoiceField(DecisionAidJob.Paper.choices)
    status = serializers.ChoiceField(
        DecisionAidJob.Status.choices,
        help_text="queued → rendering → ready, or failed after bounded retries.",
    )
    message = serializers.SerializerMethodField()
    attempts = serializers.IntegerField()
    snapshot = serializers.IntegerField(
        source="snapshot_id", help_text="The evaluation the aid was built from."
    )
    pdf = serializers.SerializerMethodField()
    sha256 = serializers.SerializerMethodField()
    size_bytes = serializers.IntegerField(allow_null=True)
    page_count = serializers.IntegerField(allow_null=True)
    requested_by = serializers.IntegerField(source="requested_by_id", allow_null=True)
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    given_at = serializers.DateTimeField(allow_null=True)
    given_by = serializers.IntegerField(source="given_by_id", allow_null=True)

    @extend_schema_field(serializers.CharField())
    def get_message(self, job: DecisionAidJob) -> str:
        return selectors.aid_job_status_message(job=job)

    @extend_schema_field(
        serializers.CharField(
            allow_null=True, help_text="The PDF's address once the job is ready."
        )
    )
    def get_pdf(self, job: DecisionAidJob) -> str | None:
        if job.status != DecisionAidJob.Status.READY:
            return None
        return reverse("api:aid-job-pdf", kwargs={"id": job.pk})

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_sha256(self, job: DecisionAidJob) -> str | None:
        return job.sha256 or None


def job_or_404(request, pk: int) -> DecisionAidJob:  # noqa: ANN001
    job = (
        DecisionAidJob.objects.filter(
            pk=pk, case__in=case_list_for_user(user=request.user)
        )
        .select_related("case")
        .first()
    )
    if job is None:
        raise Http404(MSG_NO_SUCH_JOB)
    return job


def _job_location(job: DecisionAidJob) -> str:
    return reverse("api:aid-job-detail", kwargs={"id": job.pk})


class AidJobCollectionApi(ApiView):
    """``/cases/{id}/decision-aids/``: a case's print jobs (GET), request one (POST)."""

    pagination_class = NewestFirstPagination

    class InputSerializer(StrictInputSerializer):
        aid_id = StrictChoiceField(AID_IDS)
        language = StrictChoiceField(
            DecisionAidJob.Language.choices,
            required=False,
            help_text="Default: the case's preferred language.",
        )
        paper = StrictChoiceField(DecisionAidJob.Paper.choices, required=False)

    @extend_schema(
        operation_id="aid_job_list",
        tags=[TAG],
        parameters=PAGE_PARAMETERS,
        responses=page_of(JobOutputSerializer, "AidJobPage"),
        summary="List a case's decision-aid jobs, newest first",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        return paginate(
            self,
            request,
            selectors.aid_job_list(case=case),
            JobOutputSerializer,
            audit={"what": "decision_aids", "case": case, "detail": {"via": "api"}},
        )

    @extend_schema(
        operation_id="aid_job_create",
        tags=[TAG],
        request=InputSerializer,
        parameters=[
            OpenApiParameter(
                "Location",
                str,
                location=OpenApiParameter.HEADER,
                response=[202],
                required=True,
                description="The job's address: poll it.",
            )
        ],
        responses={202: JobOutputSerializer},
        summary="Request a decision aid for a case",
        description="Saves a snapshot of the case's evaluation and queues the print. "
        "An aid that does not apply to the case now is refused (422, with why).",
    )
    def post(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        job = services.aid_job_request(
            case=case,
            aid_id=data["aid_id"],
            language=data.get("language") or case.preferred_language or "en",
            paper=data.get("paper") or DecisionAidJob.Paper.LETTER,
            actor=request.user,
        )
        job = job_or_404(request, job.pk)
        return Response(
            JobOutputSerializer(job).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": _job_location(job)},
        )


class AidJobDetailApi(ApiView):
    """``/decision-aid-jobs/{id}/``: poll a job."""

    @extend_schema(
        operation_id="aid_job_retrieve",
        tags=[TAG],
        responses={200: JobOutputSerializer},
        summary="Poll a decision-aid job",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        job = job_or_404(request, id)
        audit_read(
            request=request,
            what=services.AUDIT_TARGET,
            case=job,
            detail={"job": job.pk, "via": "api"},
        )
        return Response(JobOutputSerializer(job).data)


class PdfRenderer(renderers.BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):  # noqa: ANN001, ANN201
        return data


class AidJobPdfApi(ApiView):
    """``/decision-aid-jobs/{id}/pdf/``: the stored PDF (a reprint never re-renders)."""

    renderer_classes = [renderers.JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="aid_job_pdf",
        tags=[TAG],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The printable decision aid."
            ),
            409: OpenApiResponse(
                ErrorSerializer,
                description="The job is not ready (or failed); poll it first.",
            ),
            410: OpenApiResponse(
                ErrorSerializer,
                description="The PDF is no longer stored; request the aid again.",
            ),
        },
        summary="Download a decision aid's PDF",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        job = job_or_404(request, id)
        if job.status != DecisionAidJob.Status.READY:
            raise Conflict(MSG_NOT_READY.format(status=job.status))
        try:
            pdf = services.aid_job_reprint(job=job, actor=request.user)
        except services.AidFileMissing as error:
            raise Gone(error.message) from error
        except ApplicationError as error:
            raise Conflict(error.message) from error
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="decision-aid-{job.pk}-{job.language}.pdf"'
        )
        return response

    def finalize_response(self, request, response, *args, **kwargs):  # noqa: ANN001, ANN201
        # Errors are JSON even when the client asked for a PDF.
        if isinstance(response, Response):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)


class AidJobGivenApi(ApiView):
    """``/decision-aid-jobs/{id}/given/``: a clinician records giving the aid."""

    @extend_schema(
        operation_id="aid_job_mark_given",
        tags=[TAG],
        request=None,
        responses={
            200: JobOutputSerializer,
            409: OpenApiResponse(
                ErrorSerializer, description="Not ready yet, or already given."
            ),
        },
        summary="Mark a decision aid as given to the patient (clinicians)",
    )
    def post(self, request, id: int):  # noqa: A002, ANN001, ANN201
        job = job_or_404(request, id)
        if not services.aid_give_access_check(request.user, job.case):
            raise exceptions.PermissionDenied(services.MSG_ONLY_CLINICIANS)
        try:
            services.aid_mark_given(job=job, actor=request.user)
        except ApplicationError as error:
            raise Conflict(error.message) from error
        return Response(JobOutputSerializer(job_or_404(request, id)).data)
