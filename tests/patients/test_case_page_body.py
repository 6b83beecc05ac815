"""The case page's body, drawn by Jinja2, is the page Django's template language drew.

``tests/patients/reference/case_detail_dtl.html`` is the case page as it was before
its body moved to ``jinja_templates/patients/case_detail.html`` (with the decision-aid
panel it included written in). Each case here is rendered by the view, then the
reference is rendered with the view's own context, and the two pages' ``<main>`` must be
the same markup: the same elements, attributes and words, only whitespace between tags
apart.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.template import engines
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings

from decisionaids import services as aid_services
from decisionaids.models import DecisionAidJob
from patients.access import GROUP_CLINICIAN
from patients.errors import DocumentInvalid
from patients.models import Case
from patients.services import case_import, workup_record
from recommendations.services import alert_acknowledge, recommendation_snapshot_create
from tests.conftest import REPO_ROOT, VIGNETTE_FILES, vignette_case
from tests.factories import (
    CaseFactory,
    EventFactory,
    ReferralFactory,
    every_lineage_and_state,
)
from tests.recommendations.strategies import case_documents

pytestmark = pytest.mark.django_db

REFERENCE = REPO_ROOT / "tests" / "patients" / "reference" / "case_detail_dtl.html"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _main(html: str) -> str:
    """The page's ``<main>``; CSRF masks, whitespace between tags and the spelling of
    an escaped quote set aside."""
    main = html[html.index('<main id="content">') : html.index("</main>")]
    main = CSRF.sub('name="csrfmiddlewaretoken" value="…"', main)
    # Jinja2 (MarkupSafe) writes quotes as &#34; and &#39;, Django as &quot; and &#x27;.
    main = main.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    main = re.sub(r">\s+<", "><", main)
    return re.sub(r"\s+", " ", main).strip()


def _both(client, case: Case) -> tuple[str, str]:
    response = client.get(reverse("case-detail", args=[case.pk]))
    assert response.status_code == 200
    contexts = getattr(response.context, "dicts", None) and [response.context]
    context = (contexts or list(response.context))[0].flatten()
    reference = (
        engines["django"]
        .from_string(REFERENCE.read_text(encoding="utf-8"))
        .render(context, response.wsgi_request)
    )
    return _main(response.content.decode()), _main(reference)


@pytest.fixture
def signed_in(client, member):
    member.groups.add(Group.objects.get_or_create(name=GROUP_CLINICIAN)[0])
    client.force_login(member)
    return client


def test_every_vignette_draws_the_same_page(signed_in, program, member, monkeypatch):
    from decisionaids.tasks import render_aid_job

    monkeypatch.setattr(render_aid_job, "delay", lambda job_id: None)
    assert len(VIGNETTE_FILES) >= 10
    case_import(
        payload=[vignette_case(path.name) for path in VIGNETTE_FILES], program=program
    )
    cases = list(Case.objects.order_by("pk"))
    assert len(cases) == len(VIGNETTE_FILES)
    today = timezone.localdate()
    # What a visit adds: an acknowledged alert, a work-up result, referrals with and
    # without an owner, snapshots, and decision-aid jobs, one of them given.
    acknowledged = done = 0
    for case in cases:
        page = signed_in.get(reverse("case-detail", args=[case.pk]))
        result = page.context["result"]
        if result["alerts"] and acknowledged < 3:
            alert_acknowledge(
                case=case,
                rule_id=result["alerts"][0]["id"],
                actor=member,
                reason='Handled <b>"by"</b> & team',
                as_of=today,
            )
            acknowledged += 1
        open_items = [i for i in result["workup"] if i["status"] == "open"]
        if open_items and done < 3:
            workup_record(
                case=Case.objects.get(pk=case.pk),
                actor=member,
                test=open_items[0]["test"],
                date=today - dt.timedelta(days=1),
                result="<i>blasts</i> & more",
                today=today,
            )
            done += 1
        ReferralFactory(case=case, owner=member)
        ReferralFactory(case=case, owner=None)
        recommendation_snapshot_create(case=Case.objects.get(pk=case.pk), actor=member)
    assert acknowledged
    assert done
    first, aid = next(
        (case, panel["applicable"][0]["id"])
        for case in cases
        if (
            panel := signed_in.get(reverse("case-detail", args=[case.pk])).context[
                "aid_panel"
            ]
        )["applicable"]
    )
    signed_in.post(
        reverse("aid-request", args=[first.pk]),
        {"aid_id": aid, "language": "en", "paper": "a4"},
    )
    job = DecisionAidJob.objects.latest("created_at", "id")
    aid_services.aid_job_render(job_id=job.pk)
    aid_services.aid_mark_given(job=DecisionAidJob.objects.get(pk=job.pk), actor=member)

    for case in cases:
        drawn, reference = _both(signed_in, Case.objects.get(pk=case.pk))
        assert drawn == reference, case.case_id
    drawn = "".join(_both(signed_in, case)[0] for case in cases)
    assert "Acknowledged by coordinator1" in drawn
    assert "by coordinator1.</li>" in drawn  # the aid given
    assert "&lt;b&gt;&quot;by&quot;&lt;/b&gt; &amp; team" in drawn


def test_every_lineage_and_state_with_markup_in_its_words(signed_in, program):
    tricky = ["<b>bold</b>", 'O\'Neil & "sons"', "Inés", ""]
    for index, (lineage, state) in enumerate(every_lineage_and_state()):
        case = CaseFactory(
            program=program,
            case_id=f"X<{index}>&'",
            given_name=tricky[index % 4],
            family_name=tricky[(index + 1) % 4],
            lineage=lineage,
            disease_state=state,
        )
        EventFactory(case=case, agent='<script>"x"</script>')
    for case in Case.objects.order_by("pk"):
        drawn, reference = _both(signed_in, case)
        assert drawn == reference, case.case_id
        assert "<script>" not in drawn


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=case_documents())
def test_any_case_document_draws_the_same_page(signed_in, program, document):
    """Documents the engine's property tests draw, imported and shown: whatever the
    facts (none at all, contradictory dates, every optional member), the Jinja2 body
    renders and says what the template said."""
    try:
        case_import(payload=document, program=program)
    except DocumentInvalid:
        assume(False)  # noqa: PT017 - refused at the door, nothing to show
    case = Case.objects.get(program=program, case_id=document["case_id"])
    drawn, reference = _both(signed_in, case)
    assert drawn == reference
    Case.objects.filter(pk=case.pk).delete()


@pytest.mark.parametrize("debug", [True, False])
def test_a_name_the_body_lacks_renders_empty_in_development_and_production(
    settings, debug
):
    """As in Django's templates; Jinja2's development default would print
    ``{{ missing }}`` into the page."""
    from django.template.backends.jinja2 import Jinja2

    settings.DEBUG = debug
    entry = next(e for e in settings.TEMPLATES if e.get("NAME") == "jinja2")
    params = {k: v for k, v in entry.items() if k != "BACKEND"}
    engine = Jinja2({**params, "OPTIONS": dict(entry["OPTIONS"])})  # made afresh
    body = engine.from_string("<p>{{ missing }}|{{ row.gone }}</p>")
    assert body.render({"row": {}}) == "<p>|</p>"
