"""API URLs, mounted at /api/ (config/urls.py). Paths carry numeric keys, never PHI."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import include, path, re_path, register_converter
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularSwaggerSplitView,
)

from config.api import apis as token_apis
from config.api.errors import not_found
from decisionaids import apis as aid_apis
from interop import apis as interop_apis
from patients import apis as patient_apis
from recommendations import apis as recommendation_apis


class IdConverter:
    """A row id: digits only, and few enough that every database can compare them."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

TOKEN_KEY = "<str:token_key>"  # noqa: S105 - a URL pattern

# Swagger UI draws its icons from data: URLs and sets some styles inline; its
# scripts still come only from this site (the set-up script is a request of its
# own). No Redoc page: it fetches its logo from Redoc's CDN (docs/adr/0011).
DOCS_CSP = {"style-src": [UNSAFE_INLINE], "img-src": ["data:"]}

v1 = [
    # Schema and documentation
    path(
        "schema/",
        login_not_required(SpectacularJSONAPIView.as_view()),
        name="schema",
    ),
    # The documentation pages are for signed-in people: others go to the sign-in page.
    path(
        "docs/",
        login_required(
            csp_update(DOCS_CSP)(
                SpectacularSwaggerSplitView.as_view(url_name="api:schema")
            )
        ),
        name="docs",
    ),
    # API tokens
    path("auth/tokens/", token_apis.TokenCreateApi.as_view(), name="token-create"),
    path("auth/tokens/mine/", token_apis.TokenMineApi.as_view(), name="token-mine"),
    path(
        f"auth/tokens/mine/{TOKEN_KEY}/",
        token_apis.TokenRevokeApi.as_view(),
        name="token-revoke",
    ),
    # Programs
    path("programs/", patient_apis.ProgramListApi.as_view(), name="program-list"),
    path(
        "programs/<slug:slug>/tokens/",
        token_apis.ProgramTokenListApi.as_view(),
        name="program-token-list",
    ),
    path(
        f"programs/<slug:slug>/tokens/{TOKEN_KEY}/",
        token_apis.ProgramTokenRevokeApi.as_view(),
        name="program-token-revoke",
    ),
    path(
        "programs/<slug:slug>/members/<id:user_id>/tokens/",
        token_apis.ProgramMemberTokenRevokeApi.as_view(),
        name="program-member-tokens-revoke",
    ),
    # Cases
    path("cases/", patient_apis.CaseCollectionApi.as_view(), name="case-list"),
    path("cases/search/", patient_apis.CaseSearchApi.as_view(), name="case-search"),
    path("cases/<id:id>/", patient_apis.CaseDetailApi.as_view(), name="case-detail"),
    path(
        "cases/<id:id>/events/",
        patient_apis.EventCollectionApi.as_view(),
        name="event-list",
    ),
    path(
        "cases/<id:id>/events/<id:event_id>/",
        patient_apis.EventDetailApi.as_view(),
        name="event-detail",
    ),
    path(
        "cases/<id:id>/referrals/",
        patient_apis.ReferralCollectionApi.as_view(),
        name="referral-list",
    ),
    path(
        "cases/<id:id>/referrals/<id:referral_id>/",
        patient_apis.ReferralDetailApi.as_view(),
        name="referral-detail",
    ),
    path(
        "referrals/", patient_apis.ReferralListApi.as_view(), name="referral-list-all"
    ),
    # Interoperability
    path("cases/<id:id>/fhir/", interop_apis.CaseFhirApi.as_view(), name="case-fhir"),
    # Recommendations
    path(
        "cases/<id:id>/recommendations/",
        recommendation_apis.CaseRecommendationsApi.as_view(),
        name="case-recommendations",
    ),
    path(
        "recommendations/evaluate/",
        recommendation_apis.DocumentEvaluateApi.as_view(),
        name="document-evaluate",
    ),
    path(
        "cases/<id:id>/snapshots/",
        recommendation_apis.SnapshotCollectionApi.as_view(),
        name="snapshot-list",
    ),
    path(
        "snapshots/<id:id>/",
        recommendation_apis.SnapshotDetailApi.as_view(),
        name="snapshot-detail",
    ),
    # Decision aids
    path(
        "cases/<id:id>/decision-aids/",
        aid_apis.AidJobCollectionApi.as_view(),
        name="aid-job-list",
    ),
    path(
        "decision-aid-jobs/<id:id>/",
        aid_apis.AidJobDetailApi.as_view(),
        name="aid-job-detail",
    ),
    path(
        "decision-aid-jobs/<id:id>/pdf/",
        aid_apis.AidJobPdfApi.as_view(),
        name="aid-job-pdf",
    ),
    path(
        "decision-aid-jobs/<id:id>/given/",
        aid_apis.AidJobGivenApi.as_view(),
        name="aid-job-given",
    ),
    # Guideline library
    path("guideline/", recommendation_apis.GuidelineApi.as_view(), name="guideline"),
    path(
        "guideline/rules/<str:rule_id>/",
        recommendation_apis.GuidelineRuleApi.as_view(),
        name="guideline-rule",
    ),
]

app_name = "api"
urlpatterns = [
    path("v1/", include(v1)),
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"", not_found),
]
