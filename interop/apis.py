"""REST API of interoperability: a case as a FHIR R4 Bundle."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, serializers
from rest_framework.response import Response

from config.api.views import ApiView
from interop import services
from patients.apis import TAG_CASES, case_or_404, today

FHIR_JSON = "application/fhir+json"


class FhirJsonRenderer(renderers.JSONRenderer):
    """FHIR's own JSON media type (the body is the same JSON)."""

    media_type = FHIR_JSON
    format = "fhir"


class FhirEntrySerializer(serializers.Serializer):
    fullUrl = serializers.CharField(  # noqa: N815 - FHIR's member name
        help_text="`urn:uuid:…`; references inside the bundle point here."
    )
    resource = serializers.DictField(
        help_text="A FHIR R4 resource (Patient, Condition, Observation, "
        "MedicationAdministration, Procedure, AdverseEvent, ServiceRequest, "
        "RequestGroup)."
    )


class FhirBundleSerializer(serializers.Serializer):
    """A FHIR R4 Bundle of type ``collection`` (see docs/fhir-mapping.md)."""

    resourceType = serializers.CharField(help_text="Always `Bundle`.")  # noqa: N815
    id = serializers.CharField()
    type = serializers.CharField(help_text="Always `collection`.")
    timestamp = serializers.DateTimeField()
    entry = FhirEntrySerializer(many=True)


class CaseFhirApi(ApiView):
    """``/cases/{id}/fhir/``: the case as a FHIR R4 Bundle, shaped after mCODE."""

    renderer_classes = [renderers.JSONRenderer, FhirJsonRenderer]

    @extend_schema(
        operation_id="case_fhir",
        tags=[TAG_CASES],
        responses={
            (200, "application/json"): OpenApiResponse(FhirBundleSerializer),
            (200, FHIR_JSON): OpenApiResponse(FhirBundleSerializer),
        },
        summary="Export a case as a FHIR bundle",
        description="A FHIR R4 `Bundle` (type `collection`) shaped after the mCODE "
        "STU profiles: the patient, the leukaemia, disease status, markers and "
        "genomic findings, therapies and procedures, referrals, and the guideline "
        "evaluation as of today (a `RequestGroup` with catalogue IDs and sources). "
        "Every reference resolves inside the bundle. Ask for "
        "`application/fhir+json` or `application/json`; the export is audited "
        "like any read of the case.",
    )
    def get(self, request, id: int):  # noqa: A002, ANN001, ANN201
        case = case_or_404(request, id)
        bundle = services.case_fhir_export(
            case=case,
            actor=request.user,
            as_of=today(),
            generated_at=timezone.now(),
            via="api",
        )
        return HttpResponse(
            json.dumps(bundle, ensure_ascii=False),
            content_type=f"{request.accepted_media_type}; charset=utf-8",
        )

    def finalize_response(self, request, response, *args, **kwargs):  # noqa: ANN001, ANN201
        # Errors are the API's JSON error body whatever the client asked for.
        if isinstance(response, Response):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)
