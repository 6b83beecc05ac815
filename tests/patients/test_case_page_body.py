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
from django.template.backends.utils import csrf_input
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
    """The page's ``<main>``; CSRF masks, the templates' line breaks and indentation,
    and the spelling of an escaped quote set aside.

    Only whitespace that holds a line break is set aside: a space between two
    elements on one line (``</span> <strong>``) is part of what the reader sees, and a
    page without it must differ.
    """
    main = html[html.index('<main id="content">') : html.index("</main>")]
    main = CSRF.sub('name="csrfmiddlewaretoken" value="…"', main)
    # Jinja2 (MarkupSafe) writes quotes as &#34; and &#39;, Django as &quot; and &#x27;.
    main = main.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return re.sub(r"[ \t]*\n\s*", "\n", main).strip()


def _context(response) -> dict:  # noqa: ANN001
    """The view's context, as the frame's template was given it."""
    contexts = getattr(response.context, "dicts", None) and [response.context]
    return (contexts or list(response.context))[0].flatten()


def _both(client, case: Case) -> tuple[str, str]:
    response = client.get(reverse("case-detail", args=[case.pk]))
    assert response.status_code == 200
    context = _context(response)
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
    # and a job in each other state, in Spanish on A4
    for status in ("queued", "rendering", "failed"):
        signed_in.post(
            reverse("aid-request", args=[first.pk]),
            {"aid_id": aid, "language": "es", "paper": "a4"},
        )
        DecisionAidJob.objects.filter(
            pk=DecisionAidJob.objects.latest("created_at", "id").pk
        ).update(status=status)
    shown = {job.status for job in DecisionAidJob.objects.filter(case=first)}
    assert shown == {"ready", "queued", "rendering", "failed"}

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
            birth_date=[dt.date(2003, 4, 10), dt.date(1970, 1, 2)][index % 2],
        )
        EventFactory(case=case, agent='<script>"x"</script>')
        # A relapse event the case facts' relapse date disagrees with: the warning.
        EventFactory(case=case, type="relapse", date=dt.date(2026, 9, 1))
    # Few facts: nothing due, no option, no aid.
    CaseFactory(
        program=program,
        disease_state="remission_after_relapse",
        relapse_count=None,
        latest_relapse_date=None,
        sites=[],
        marrow_blast_percent=None,
        cd19="unknown",
        cd22="unknown",
        cd20="unknown",
        kmt2a_rearranged="unknown",
        fitness_category="unknown",
    )
    pages = []
    for case in Case.objects.order_by("pk"):
        drawn, reference = _both(signed_in, case)
        assert drawn == reference, case.case_id
        assert "<script>" not in drawn
        pages.append(drawn)
    shown = "".join(pages)
    assert "Relapse dates disagree." in shown
    assert "No safety alert applies." in shown


@pytest.mark.parametrize("point", ["REINDUCTION", "NONE"])
def test_the_empty_states_read_as_the_template_wrote_them(signed_in, program, point):
    """What no imported case reaches: no option at a decision point, nothing due, no
    recommendation, no aid. The view's context for a real case, emptied, rendered by
    both; the same markup."""
    case = CaseFactory(program=program)
    response = signed_in.get(reverse("case-detail", args=[case.pk]))
    context = _context(response)
    empty = {"recommendations": [], "alerts": [], "checks": [], "workup": []}
    context["result"] = {**context["result"], **empty, "referrals_due": []}
    context["summary"] = {
        **context["summary"],
        "decision_point": point,
        "high_alerts": [],
        "options": [],
        "checks": [],
        "workup_open": [],
    }
    context |= {"alerts": [], "recommendation_groups": [], "referrals": []}
    context["aid_panel"] = {**context["aid_panel"], "applicable": [], "jobs": []}
    request = response.wsgi_request
    body = (
        engines["jinja2"]
        .get_template("patients/case_detail.html")
        .render({**context, "csrf_field": csrf_input(request)}, request)
    )
    reference = (
        engines["django"]
        .from_string(REFERENCE.read_text(encoding="utf-8"))
        .render(context, request)
    )
    drawn = _main(f'<main id="content">\n{body}</main>')
    assert drawn == _main(reference)
    assert "No decision aid applies at this point." in drawn
    assert "No recommendation applies at this point." in drawn
    expected = (
        "No guideline option applies"
        if point != "NONE"
        else "Nothing is due from the guideline"
    )
    assert expected in drawn


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
    """As in Django's templates, with an attribute of it or a date or number filtered
    from it; Jinja2's development default would print ``{{ missing }}`` into the page,
    and its production default fails the page on ``missing.deeper``."""
    from django.template.backends.jinja2 import Jinja2

    settings.DEBUG = debug
    entry = next(e for e in settings.TEMPLATES if e.get("NAME") == "jinja2")
    params = {k: v for k, v in entry.items() if k != "BACKEND"}
    engine = Jinja2({**params, "OPTIONS": dict(entry["OPTIONS"])})  # made afresh
    body = engine.from_string(
        "<p>{{ missing }}|{{ row.gone }}|{{ missing.deeper.still }}"
        '|{{ row.gone|date("Y-m-d") }}|{{ missing|floatformat("-1") }}</p>'
    )
    assert body.render({"row": {}}) == "<p>||||</p>"
