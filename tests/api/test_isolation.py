"""Program isolation: another program's case, and all under it, is a 404 everywhere.

The operations are read from the generated schema, so a new endpoint that takes an id
is covered (or this test fails until it is).
"""

from __future__ import annotations

import json
import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from decisionaids.models import DecisionAidJob
from decisionaids.services import aid_job_request
from patients.models import AuditEntry, Event, Referral
from recommendations.models import RecommendationSnapshot
from recommendations.services import recommendation_snapshot_create
from tests.conftest import vignette_case

# Operations whose path parameters name no registry row.
NOT_ROW_SCOPED = {
    "/api/v1/guideline/rules/{rule_id}/",
    "/api/v1/auth/tokens/mine/{token_key}/",
    "/api/v1/programs/{slug}/tokens/",
    "/api/v1/programs/{slug}/tokens/{token_key}/",
    "/api/v1/programs/{slug}/members/{user_id}/tokens/",
}

BODIES = {
    "PUT /api/v1/cases/{id}/": None,  # the other program's own document, see below
    "POST /api/v1/cases/{id}/events/": {"type": "relapse", "date": "2026-10-20"},
    "PATCH /api/v1/cases/{id}/events/{event_id}/": {"note": "changed"},
    "POST /api/v1/cases/{id}/referrals/": {"kind": "fertility"},
    "PATCH /api/v1/cases/{id}/referrals/{referral_id}/": {"status": "declined"},
    "POST /api/v1/cases/{id}/snapshots/": {},
    "POST /api/v1/cases/{id}/decision-aids/": {"aid_id": "DA-REINDUCTION"},
    "POST /api/v1/decision-aid-jobs/{id}/given/": {},
}


def row_scoped_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method.upper(), path)
        for path, item in schema["paths"].items()
        if "{" in path and path not in NOT_ROW_SCOPED
        for method in item
    ]


@pytest.fixture
def theirs(other_case, outsider) -> dict:
    """South program rows: a case with an event, a referral, a snapshot and a job."""
    snapshot = recommendation_snapshot_create(case=other_case, actor=outsider)
    job = aid_job_request(
        case=other_case, aid_id="DA-REINDUCTION", language="en", actor=outsider
    )
    return {
        "id": other_case.pk,
        "event_id": other_case.events.get().pk,
        "referral_id": other_case.referrals.get().pk,
        "snapshot": snapshot.pk,
        "job": job.pk,
    }


def _url(path: str, ids: dict) -> str:
    if path.startswith("/api/v1/snapshots/"):
        ids = {**ids, "id": ids["snapshot"]}
    if path.startswith("/api/v1/decision-aid-jobs/"):
        ids = {**ids, "id": ids["job"]}
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)


def _state(other_case) -> tuple:  # noqa: ANN001
    other_case.refresh_from_db()
    return (
        other_case.version,
        other_case.given_name,
        Event.objects.filter(case=other_case).count(),
        list(Referral.objects.filter(case=other_case).values_list("status", flat=True)),
        RecommendationSnapshot.objects.filter(case=other_case).count(),
        DecisionAidJob.objects.filter(case=other_case, given_at__isnull=False).count(),
        AuditEntry.objects.filter(case=other_case, action="viewed").count(),
    )


@pytest.mark.parametrize(("method", "path"), row_scoped_operations())
def test_another_programs_rows_are_404_and_untouched(
    api, other_case, theirs, method, path
):
    body = BODIES.get(f"{method} {path}")
    if method == "PUT":
        body = {
            **vignette_case("b_first_relapse_cd19_cd22.json"),
            "case_id": "SOUTH-0001",
        }
    before = _state(other_case)

    response = api.generic(
        method,
        _url(path, theirs),
        data=None if body is None else json.dumps(body),
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )

    assert response.status_code == 404, response.content
    assert response.json()["code"] == "not_found"
    assert _state(other_case) == before


def test_the_same_requests_reach_my_own_rows(api, case, member):
    """The 404s above are isolation, not broken URLs: my own case answers."""
    snapshot = recommendation_snapshot_create(case=case, actor=member)

    assert api.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert api.get(f"/api/v1/snapshots/{snapshot.pk}/").status_code == 200
    assert (
        api.get(f"/api/v1/cases/{case.pk}/events/{case.events.get().pk}/").status_code
        == 200
    )


def test_my_case_with_their_event_or_referral_is_a_404(api, case, theirs):
    assert api.get(
        f"/api/v1/cases/{case.pk}/events/{theirs['event_id']}/"
    ).status_code == (404)
    assert (
        api.delete(
            f"/api/v1/cases/{case.pk}/referrals/{theirs['referral_id']}/"
        ).status_code
        == 404
    )
    assert Referral.objects.filter(pk=theirs["referral_id"]).exists()


def test_cross_program_lists_show_only_my_rows(api, case, theirs):
    referrals = api.get("/api/v1/referrals/").json()["results"]

    assert {item["case"] for item in referrals} == {case.pk}
