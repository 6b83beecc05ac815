"""Every URL in the URL conf: a page that shows patient data writes its audit row.

The URL conf is walked (``get_resolver``, recursively), so a new view fails here
until it is classified: either audited (its GET writes one audit entry, by one
INSERT, naming the case it shows) or showing no patient data, with the reason —
and then its answer must contain neither the patient's name nor birth date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from knox.models import get_token_model

from decisionaids import services as aid_services
from decisionaids.models import EvidenceFigure
from patients.access import ROLE_GROUPS
from patients.models import AuditEntry, Case
from patients.services import case_import
from recommendations import engine
from recommendations.models import RuleContent
from recommendations.services import recommendation_snapshot_create
from tests.conftest import vignette_case
from tests.factories import ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db

FAMILY_NAME = "Quintanilla-Zeta"
BIRTH_DATE = dt.date(2001, 9, 17)
AUDIT_TABLE = AuditEntry._meta.db_table

APP_INDEX = (
    "admin/^(?P<app_label>auth|knox|axes|patients|recommendations|decisionaids"
    "|evaluations)/$"
)

# Clinic and API pages whose GET shows a case's data: each must audit it.
AUDITED = {
    "": "the worklist",
    "cases/<int:pk>/worklist/": "a patient's due referrals with their forms",
    "cases/": "the case list",
    "cases/<int:pk>/": "the case page",
    "cases/<int:pk>/edit/": "the case facts form",
    "cases/<int:pk>/events/add/": "the event form (the case's banner)",
    "cases/<int:pk>/events/<int:event_pk>/edit/": "an event form",
    "cases/<int:pk>/events/<int:event_pk>/delete/": "an event's deletion page",
    "cases/<int:pk>/referrals/add/": "the referral form (the case's banner)",
    "cases/<int:pk>/referrals/<int:referral_pk>/edit/": "a referral form",
    "cases/<int:pk>/referrals/<int:referral_pk>/delete/": "a referral's deletion",
    "guideline/impact/": "the rule-set impact report lists the program's cases",
    "snapshots/<int:pk>/": "a snapshot: the facts and result as shown",
    "aids/<int:job_pk>/": "the aid job page names whose aid it is",
    "aids/<int:job_pk>/pdf/": "the printed decision aid",
    "api/v1/cases/": "the case list",
    "api/v1/cases/<id:id>/": "a case document",
    "api/v1/cases/<id:id>/events/": "a case's timeline",
    "api/v1/cases/<id:id>/events/<id:event_id>/": "an event",
    "api/v1/cases/<id:id>/referrals/": "a case's referrals",
    "api/v1/cases/<id:id>/referrals/<id:referral_id>/": "a referral",
    "api/v1/referrals/": "referrals across cases",
    "api/v1/cases/<id:id>/fhir/": "the FHIR export",
    "api/v1/cases/<id:id>/recommendations/": "a case's evaluation",
    "api/v1/cases/<id:id>/snapshots/": "a case's snapshots",
    "api/v1/snapshots/<id:id>/": "a snapshot with its facts",
    "api/v1/cases/<id:id>/decision-aids/": "a case's aid jobs",
    "api/v1/decision-aid-jobs/<id:id>/": "an aid job",
    "api/v1/decision-aid-jobs/<id:id>/pdf/": "the printed decision aid",
    "dashboard/": "the program dashboard names the cases behind its measures",
    "dashboard/measure/<slug:measure_id>/": "the cases behind a measure",
}

POST_ONLY = "answers GET with 405: it only changes data (audited by its service)"
NO_PHI = {
    "cases/<int:pk>/workup/": POST_ONLY,
    "cases/<int:pk>/referrals/status/": POST_ONLY,
    "cases/<int:pk>/snapshots/": POST_ONLY,
    "cases/<int:pk>/aids/": POST_ONLY,
    "aids/<int:job_pk>/given/": POST_ONLY,
    "cases/<int:pk>/alerts/acknowledge/": POST_ONLY,
    "signed-in/": "a fixed text: the scale benchmark's trivial signed-in page",
    "worklist/status/": POST_ONLY,
    "worklist/status/all/": POST_ONLY,
    "worklist/assign/": POST_ONLY,
    "worklist/undo/": POST_ONLY,
    "accounts/session/": "the session's remaining minutes (the idle-timeout warning)",
    "favicon.ico": "the registry's icon",
    "import/commit/": POST_ONLY,
    "aids/<int:job_pk>/status/": "the job's status words only",
    "audit/": "usernames, case identifiers and actions; its CSV export is audited",
    "guideline/": "the guideline library",
    "import/": "the upload form (the preview is a POST, audited by its service)",
    "import/template.xlsx": "an empty spreadsheet template",
    "import/template-csv.zip": "empty CSV templates",
    "api/v1/schema/": "the OpenAPI schema",
    "api/v1/docs/": "the API documentation",
    "api/v1/auth/tokens/": POST_ONLY,
    "api/v1/auth/tokens/mine/": "the caller's API tokens",
    "api/v1/auth/tokens/mine/<str:token_key>/": POST_ONLY,
    "api/v1/programs/": "the caller's programs",
    "api/v1/programs/<slug:slug>/tokens/": "a program's API tokens (usernames)",
    "api/v1/programs/<slug:slug>/tokens/<str:token_key>/": POST_ONLY,
    "api/v1/programs/<slug:slug>/members/<id:user_id>/tokens/": POST_ONLY,
    "api/v1/cases/search/": "answers GET with 405: the search is a POST (audited)",
    "api/v1/recommendations/evaluate/": "evaluates a posted document; stores none",
    "api/v1/decision-aid-jobs/<id:id>/given/": POST_ONLY,
    "api/v1/guideline/": "the guideline library",
    "api/v1/guideline/rules/<str:rule_id>/": "one guideline rule",
    "api/": "the API's JSON 404 for unknown addresses",
    "accounts/login/": "the sign-in form",
    "accounts/logout/": "sign-out is a POST",
    "accounts/password_change/": "the password form",
    "accounts/password_change/done/": "a confirmation",
    "accounts/password_reset/": "the password reset form",
    "accounts/password_reset/done/": "a confirmation",
    "accounts/reset/<uidb64>/<token>/": "a password reset link",
    "accounts/reset/done/": "a confirmation",
    "admin/": "the admin's index of models",
    "admin/login/": "the admin's sign-in",
    "admin/logout/": "sign-out is a POST",
    "admin/password_change/": "the password form",
    "admin/password_change/done/": "a confirmation",
    "admin/autocomplete/": "no model uses autocomplete (a 403)",
    "admin/jsi18n/": "translations for the admin's scripts",
    "admin/r/<path:content_type_id>/<path:object_id>/": "a redirect to the site",
    APP_INDEX: "an app's list of models",
    "admin/(?P<url>.*)$": "the admin's 404 for unknown addresses",
}

# The admin's pages per model: rows of patient data are audited by
# patients.admin.AuditedReadsAdmin; other models' pages show none.
ADMIN_PATIENT_MODELS = {
    "patients/case",
    "patients/event",
    "patients/referral",
    "recommendations/recommendationsnapshot",
    "decisionaids/decisionaidjob",
}
ADMIN_OTHER_MODELS = {
    "auth/group": "roles and their permissions",
    "auth/user": "staff accounts",
    "knox/authtoken": "API token digests and their users",
    "patients/program": "program settings and members",
    "patients/auditentry": "usernames, case identifiers and actions only",
    "recommendations/rulecontent": "guideline wording",
    "decisionaids/evidencefigure": "evidence figures from published studies",
    "axes/accessattempt": "sign-in attempts: usernames and addresses",
    "evaluations/reevaluationjob": "re-evaluation runs: program, reason, progress",
    "axes/accesslog": "sign-ins: usernames and addresses",
    "axes/accessfailurelog": "failed sign-ins: usernames and addresses",
}
# On a patient model, the add form and the bare address (a redirect) show no row.
ADMIN_PAGE_NO_PHI = {
    "add/": "an empty form (a case is chosen by its identifier)",
    "<path:object_id>/": "a redirect to the change page (audited there)",
}
# Read-only models: the admin refuses their deletion page (403).
ADMIN_READ_ONLY = {
    "recommendations/recommendationsnapshot",
    "decisionaids/decisionaidjob",
}
ADMIN_MODEL_ROUTE = re.compile(r"^admin/(?P<model>\w+/\w+)/(?P<page>.*)$")


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None


def walk(resolver: URLResolver, prefix: str = "") -> list[Route]:
    """Every pattern under ``resolver``, with its whole route."""
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            found += walk(pattern, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            found.append(Route(prefix + str(pattern.pattern), pattern.name))
    return found


def classify(route: str) -> tuple[bool, str] | None:
    """(audited, why) for a route, or None while it is not classified."""
    if route in AUDITED:
        return True, AUDITED[route]
    if route in NO_PHI:
        return False, NO_PHI[route]
    match = ADMIN_MODEL_ROUTE.match(route)
    if match is None:
        return None
    model, page = match["model"], match["page"]
    if model in ADMIN_OTHER_MODELS:
        return False, ADMIN_OTHER_MODELS[model]
    if model in ADMIN_PATIENT_MODELS:
        if page in ADMIN_PAGE_NO_PHI:
            return False, ADMIN_PAGE_NO_PHI[page]
        if model in ADMIN_READ_ONLY and page == "<path:object_id>/delete/":
            return False, "refused (403): these rows are never deleted by hand"
        return True, f"the admin's {page or 'list'} of {model}"
    return None


def test_every_url_pattern_is_classified():
    routes = {route.route for route in walk(get_resolver())}

    unclassified = sorted(route for route in routes if classify(route) is None)
    stale = sorted((set(AUDITED) | set(NO_PHI)) - routes)

    assert unclassified == [], "classify these views: audited, or why no PHI"
    assert stale == [], "these classified routes are gone from the URL conf"


@pytest.fixture
def world(program, django_capture_on_commit_callbacks):  # noqa: ANN001, ANN201
    """One of everything: a case with an event, a referral, a snapshot, a printed
    aid; a staff member with every role; a token; the audit's own rows."""
    user = UserFactory(
        username="walker", programs=[program], is_staff=True, is_superuser=True
    )
    for name in ROLE_GROUPS:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    case_import(payload=vignette_case("isolated_cns_relapse.json"), program=program)
    # A name and birth date no example or fixture text contains.
    Case.objects.filter(program=program).update(
        given_name="Noor", family_name=FAMILY_NAME, birth_date=BIRTH_DATE
    )
    case = Case.objects.get(program=program)
    ReferralFactory(case=case, kind="fertility")
    snapshot = recommendation_snapshot_create(case=case, actor=user)
    job = aid_services.aid_job_request(
        case=case, aid_id="DA-CNS-RELAPSE", language="en", actor=user
    )
    aid_services.aid_job_render(job_id=job.pk)  # real PDF bytes, no worker needed
    token, secret = get_token_model().objects.create(user=user)
    rule = RuleContent.objects.first()
    figure = EvidenceFigure.objects.first()
    objects = {
        "patients/case": case.pk,
        "patients/event": case.events.first().pk,
        "patients/referral": case.referrals.first().pk,
        "patients/program": program.pk,
        "patients/auditentry": AuditEntry.objects.first().pk,
        "recommendations/recommendationsnapshot": snapshot.pk,
        "decisionaids/decisionaidjob": job.pk,
        "auth/user": user.pk,
        "auth/group": Group.objects.first().pk,
        "knox/authtoken": token.pk,
        "recommendations/rulecontent": rule.pk if rule else None,
        "decisionaids/evidencefigure": figure.pk if figure else None,
    }
    return {
        "user": user,
        "case": case,
        "snapshot": snapshot,
        "job": job,
        "token_key": token.token_key,
        "objects": objects,
        "rule_id": engine.CATALOGUE[0].id,
    }


def url_for(route: str, world: dict) -> str | None:
    """The route with real keys; None when it names a row that does not exist."""
    case = world["case"]
    regex_urls = {
        APP_INDEX: "admin/patients/",
        "admin/(?P<url>.*)$": "admin/no/such/page/",
    }
    if route in regex_urls:
        return "/" + regex_urls[route]
    if "^" in route:  # simple_history's per-version pages (guideline wording)
        return None
    admin_model = ADMIN_MODEL_ROUTE.match(route)
    if admin_model and admin_model["model"] not in world["objects"]:
        admin_model = None  # e.g. admin/password_change/done/
    by_id = {"id": case.pk, "pk": case.pk}
    if route.startswith(("snapshots/", "api/v1/snapshots/")):
        by_id = {"id": world["snapshot"].pk, "pk": world["snapshot"].pk}
    if route.startswith("api/v1/decision-aid-jobs/"):
        by_id = {"id": world["job"].pk}
    values = {
        **by_id,
        "event_pk": case.events.first().pk,
        "event_id": case.events.first().pk,
        "referral_pk": case.referrals.first().pk,
        "referral_id": case.referrals.first().pk,
        "job_pk": world["job"].pk,
        "rule_id": world["rule_id"],
        "measure_id": "fertility",
        "slug": case.program.slug,
        "token_key": world["token_key"],
        "user_id": world["user"].pk,
        "uidb64": "MQ",
        "token": "set-password",
        "content_type_id": "1",
        "object_id": (
            world["objects"].get(admin_model["model"]) if admin_model else "1"
        ),
    }
    if values["object_id"] is None:
        return None
    if admin_model:
        values["id"] = values["object_id"]
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


def body_of(response) -> str:  # noqa: ANN001
    raw = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return raw.decode("utf-8", errors="replace")


def phi_in(text: str, case: Case) -> list[str]:
    """The patient's family name or birth date, in the spellings pages use."""
    born: dt.date = case.birth_date
    spellings = [
        case.family_name,
        born.isoformat(),
        born.strftime("%B %-d, %Y"),
        born.strftime("%b. %-d, %Y"),
        born.strftime("%d/%m/%Y"),
        born.strftime("%m/%d/%Y"),
    ]
    return [spelling for spelling in spellings if spelling in text]


def _audit_rows_naming(case: Case, after: int):  # noqa: ANN202
    return AuditEntry.objects.filter(pk__gt=after).filter(
        Q(case=case) | Q(cases_shown__contains=f" {case.pk} ")
    )


def test_every_page_that_shows_patient_data_audits_it_in_one_insert(client, world):
    # given a signed-in member with every role, and one of every row
    client.force_login(world["user"])
    case = world["case"]
    routes = [r.route for r in walk(get_resolver())]
    unaudited, extra_inserts, leaks, not_requested = [], [], [], []

    for route in routes:
        audited, why = classify(route) or (None, "")
        url = url_for(route, world)
        if url is None:
            not_requested.append(route)
            continue
        last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
        # when the page is fetched
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        inserts = [
            q["sql"]
            for q in queries
            if q["sql"].startswith("INSERT") and AUDIT_TABLE in q["sql"]
        ]
        assert response.status_code < 500, (route, response.status_code)
        if audited:
            # then an audited page names the case, by one INSERT
            assert response.status_code == 200, (route, response.status_code)
            if not _audit_rows_naming(case, last or 0).exists():
                unaudited.append(route)
            if len(inserts) != 1:
                extra_inserts.append((route, len(inserts)))
        else:
            # and a page said to show no patient data shows none
            found = phi_in(body_of(response), case)
            if found:
                leaks.append((route, why, found))

    assert unaudited == []
    assert extra_inserts == []
    assert leaks == []
    # Only simple_history's per-version pages of guideline wording are not fetched.
    assert all("history/([^/]+)" in route for route in not_requested), not_requested


def test_the_worklist_and_case_list_cost_one_audit_insert_for_many_cases(
    client, world, program
):
    # given thirty cases in the program
    from tests.factories import CaseFactory

    CaseFactory.create_batch(30, program=program)
    client.force_login(world["user"])

    for url in ("/", "/cases/", "/api/v1/cases/"):
        # when a list page is fetched
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)

        # then one INSERT records every case it showed
        inserts = [
            q
            for q in queries
            if q["sql"].startswith("INSERT") and AUDIT_TABLE in q["sql"]
        ]
        assert response.status_code == 200
        assert len(inserts) == 1, url
        entry = AuditEntry.objects.order_by("-pk").first()
        assert entry.action == AuditEntry.Action.VIEWED_LIST
        assert len(entry.shown_case_pks) >= 25, url  # a page (25) or more
