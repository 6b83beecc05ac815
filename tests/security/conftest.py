"""A program with one of everything, and every address of the URL conf filled in."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from decisionaids import services as aid_services
from patients.access import ROLE_GROUPS
from patients.models import Case
from patients.services import case_import
from recommendations.services import recommendation_snapshot_create
from tests.conftest import vignette_case
from tests.factories import ReferralFactory

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _walk(patterns: list, prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue  # the admin's own URL conf; sampled separately
            found += _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "^" not in route and route:
            found.append(route)
    return found


def url_routes() -> list[str]:
    """Every route of the URL conf outside the admin, with its parameters unfilled."""
    return _walk(get_resolver().url_patterns)


@pytest.fixture
def everything(program, member):
    """A case with an event and a referral, a snapshot and a printed aid."""
    member.groups.add(*Group.objects.filter(name__in=ROLE_GROUPS))
    member.is_staff = True
    member.save()
    case_import(
        payload=vignette_case("isolated_cns_relapse.json"),
        program=program,
        actor=member,
    )
    case = Case.objects.get()
    ReferralFactory(case=case)
    snapshot = recommendation_snapshot_create(case=case, actor=member)
    job = aid_services.aid_job_request(
        case=case, aid_id="DA-CNS-RELAPSE", language="en", actor=member
    )
    aid_services.aid_job_render(job_id=job.pk)
    return {
        "pk": case.pk,
        "id": case.pk,
        "event_pk": case.events.first().pk,
        "event_id": case.events.first().pk,
        "referral_pk": case.referrals.first().pk,
        "referral_id": case.referrals.first().pk,
        "job_pk": job.pk,
        "slug": program.slug,
        "measure_id": "fertility",
        "user_id": member.pk,
        "rule_id": "RR-CNS-ISOLATED-IT",
        "token_key": "abcdefgh",
        "uidb64": "MQ",
        "token": "x-y",
        "snapshot": snapshot.pk,
    }


def fill(route: str, values: dict) -> str:
    """The route with each parameter replaced by the matching row of ``everything``."""
    if route.startswith("snapshots/") or route.startswith("api/v1/snapshots/"):
        values = {**values, "pk": values["snapshot"], "id": values["snapshot"]}
    if "decision-aid-jobs/" in route:
        values = {**values, "id": values["job_pk"]}
    return "/" + PARAMETER.sub(lambda m: str(values[m.group("name")]), route)
