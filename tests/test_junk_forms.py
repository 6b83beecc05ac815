"""Generated junk posted to every page of the site: never a 500, and a refusal changes
nothing.

The pages are walked from the URL conf (every named route outside the admin and the
API, sign-in and the password pages included), so a new page is fuzzed without being
listed here. The fields of each page's forms are read from the pages themselves; a
generated request keeps, drops, repeats or replaces each field, adds unknown ones and,
for the import, uploads generated files. Each example runs in a savepoint that is
rolled back, signed in afresh (one route signs out). Deterministic: derandomized, no
example database. Marked slow: about two minutes of CPU for the whole walk.
"""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import constants as message_levels
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from decisionaids.models import DecisionAidJob
from decisionaids.services import aid_job_request
from patients.access import GROUP_CLINICIAN, GROUP_PROGRAM_ADMIN
from patients.services import case_import
from recommendations.services import recommendation_snapshot_create
from tests.conftest import vignette_case
from tests.dbstate import registry_state
from tests.factories import EventFactory, ReferralFactory, UserFactory

MAX_EXAMPLES = 20
# A page that shows no form to post to it (a list, a download) only needs to show
# that unknown fields are ignored.
MAX_EXAMPLES_WITHOUT_FORM = 5
HUGE = "99999999999999999999"

# Values that broke, or could break, a parser somewhere: empty, NUL, numbers beyond
# 64 bits or floats, dates beyond datetime's range or unreal, text that is not text.
EDGE_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "-inf",
    HUGE,
    f"-{HUGE}",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "10000-01-01",
    "2026-1-1",
    "٢٠٢٦-٠١-٠١",
    "true",
    "None",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "'; DROP TABLE patients_case; --",
    "\u202e\ufeff",
    "/\\evil.example/",
    "//evil.example/",
    "x" * 5000,
]
JUNK = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.integers().map(str),
    st.dates().map(str),
)
EXTRA_NAMES = ["version", "next", "page", "token", "id", "case", "program", "files"]
UPLOAD_NAMES = [
    "cases.csv",
    "events.csv",
    "referrals.csv",
    "cases.xlsx",
    "cases.zip",
    "../../cases.csv",
    "x" * 300 + ".csv",
    "no-extension",
]
CSV_HEADS = [
    b"case_id,birth_date,evaluation_date\n",
    b"\xef\xbb\xbf",
    b"PK\x03\x04",
    b"",
]
UPLOADS = st.lists(
    st.builds(
        lambda name, head, body: SimpleUploadedFile(name, head + body),
        st.sampled_from(UPLOAD_NAMES),
        st.sampled_from(CSV_HEADS),
        st.binary(max_size=300),
    ),
    min_size=1,
    max_size=3,
)


@dataclasses.dataclass
class Field:
    value: str | None = None  # as the page filled it in
    options: list[str] = dataclasses.field(default_factory=list)
    is_file: bool = False


class FormReader(HTMLParser):
    """The POST forms of a page: ``{action path: {field name: Field}}``."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: dict[str, dict[str, Field]] = {}
        self._fields: dict[str, Field] | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = dict(attrs)
        name = attr.get("name")
        if tag == "form":
            if (attr.get("method") or "get").lower() == "post":
                action = urlsplit(urljoin(self.page_url, attr.get("action") or "")).path
                self._fields = self.forms.setdefault(action, {})
            return
        if self._fields is None:
            return
        if tag == "input" and name:
            field = self._fields.setdefault(name, Field())
            if attr.get("type") == "file":
                field.is_file = True
            elif attr.get("type") in {"checkbox", "radio"}:
                field.options.append(attr.get("value") or "on")
            else:
                field.value = attr.get("value") or ""
        elif tag == "select" and name:
            self._select = self._fields.setdefault(name, Field())
        elif tag == "option" and self._select is not None:
            self._select.options.append(attr.get("value") or "")
            if "selected" in attr:
                self._select.value = attr.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = self._fields.setdefault(name, Field(value=""))
        elif tag == "button" and name:
            self._fields.setdefault(name, Field()).options.append(attr.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value = (self._textarea.value or "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def site_routes() -> list[tuple[str, list[str], dict]]:
    """(name, path parameters, default kwargs) of every named page but the admin's
    and the API's (those have their own fuzzing)."""

    def walk(patterns: list, prefix: str):  # noqa: ANN202
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(("admin/", "api/")):
                continue
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield (
                    pattern.name,
                    list(pattern.pattern.regex.groupindex),
                    pattern.default_args,
                )

    return sorted(walk(get_resolver().url_patterns, ""))


ROUTES = site_routes()


@pytest.fixture
def world(client, program):
    """A signed-in clinician and program admin, with a case and everything under it."""
    user = UserFactory(username="fuzz-clinician", programs=[program])
    for name in (GROUP_CLINICIAN, GROUP_PROGRAM_ADMIN):
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    case_import(
        payload=vignette_case("b_first_relapse_cd19_cd22.json"), program=program
    )
    case = program.cases.get()
    event = EventFactory(case=case)
    referral = ReferralFactory(case=case)
    snapshot = recommendation_snapshot_create(case=case, actor=user)
    job = aid_job_request(case=case, aid_id="DA-REINDUCTION", language="en", actor=user)
    # A ready job, so its page offers "mark as given" (no PDF is read here).
    DecisionAidJob.objects.filter(pk=job.pk).update(status="ready", sha256="0" * 64)
    client.force_login(user)
    kwargs = {
        "pk": case.pk,
        "event_pk": event.pk,
        "referral_pk": referral.pk,
        "job_pk": job.pk,
        "uidb64": "MQ",
        "token": "set-password",
        "measure_id": "fertility",
    }
    return {"user": user, "kwargs": kwargs, "snapshot": snapshot.pk}


def route_url(name: str, params: list[str], world: dict) -> str:
    kwargs = {param: world["kwargs"][param] for param in params}
    if name == "snapshot-detail":
        kwargs["pk"] = world["snapshot"]
    return reverse(name, kwargs=kwargs)


# Pages whose forms post elsewhere: the case page (work-up, snapshot, decision aid),
# the worklist and a patient's due items (a referral's status, its owner) and a
# decision aid's page (mark as given).
FORM_PAGES = [
    ("case-detail", ["pk"]),
    ("worklist", []),
    ("worklist-panel", ["pk"]),  # an item's forms, loaded when the item is opened
    ("aid-job-detail", ["job_pk"]),
]


def discovered_forms(
    client,  # noqa: ANN001
    world: dict,
    pages: list[tuple[str, list[str]]],
) -> dict[str, dict[str, Field]]:
    """The POST forms these pages show, by action path."""
    forms: dict[str, dict[str, Field]] = {}
    for name, params in pages:
        url = route_url(name, params, world)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        reader = FormReader(url)
        reader.feed(response.content.decode())
        for action, fields in reader.forms.items():
            forms.setdefault(action, {}).update(fields)
    return forms


def field_values(field: Field) -> st.SearchStrategy:
    choices = [JUNK]
    if field.value is not None:
        choices.insert(0, st.just(field.value))
    if field.options:
        choices.insert(0, st.sampled_from(field.options))
    one = st.one_of(*choices)
    return st.one_of(one, st.lists(one, min_size=2, max_size=3))


def request_bodies(fields: dict[str, Field]) -> st.SearchStrategy:
    """The page's fields, each kept, dropped, repeated or replaced; unknown extras."""
    optional = {
        name: UPLOADS if field.is_file else field_values(field)
        for name, field in fields.items()
    }
    extras = st.dictionaries(
        st.sampled_from(EXTRA_NAMES) | st.text(min_size=1, max_size=10),
        JUNK,
        max_size=2,
    )
    return st.tuples(st.fixed_dictionaries({}, optional=optional), extras).map(
        lambda pair: {**pair[1], **pair[0]}
    )


def refused(response) -> bool:  # noqa: ANN001
    """A 4xx, an error message for the next page, or a form shown again with errors."""
    if response.status_code >= 400:
        return True
    storage = response.wsgi_request._messages
    if any(message.level == message_levels.ERROR for message in storage):
        return True
    content = response.content if response.streaming is False else b""
    return response.status_code == 200 and b'class="errorlist' in content


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "params", "defaults"), ROUTES, ids=[route[0] for route in ROUTES]
)
def test_junk_posted_to_a_page_is_never_a_500_and_a_refusal_changes_nothing(
    client, world, name, params, defaults
):
    url = route_url(name, params, world)
    pages = [] if defaults else [(name, params)]  # a download shows no form
    fields = discovered_forms(client, world, [*pages, *FORM_PAGES]).get(url, {})

    @given(body=request_bodies(fields))
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES if fields else MAX_EXAMPLES_WITHOUT_FORM,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def post_junk(body: dict) -> None:
        with transaction.atomic():
            client.cookies.pop("messages", None)
            client.force_login(world["user"])
            before = registry_state()

            response = client.post(url, body)  # an unhandled error raises here

            assert response.status_code < 500, response.content[:500]
            if refused(response):
                assert registry_state() == before, (response.status_code, body)
            transaction.set_rollback(True)

    post_junk()


def test_the_walk_reaches_every_form_of_the_site(client, world):
    """The forms the walk fills in: each page's own (a new page adds itself)."""
    pages = [(name, params) for name, params, defaults in ROUTES if not defaults]
    forms = discovered_forms(client, world, pages)
    posted_to = {
        reverse(name, kwargs={p: world["kwargs"][p] for p in params})
        for name, params, _ in ROUTES
        if name
        in {
            "case-list",
            "case-edit",
            "workup-record",
            "event-add",
            "event-edit",
            "event-delete",
            "referral-add",
            "referral-edit",
            "referral-delete",
            "snapshot-create",
            "aid-request",
            "aid-job-given",
            "sheet-upload",
            "login",
            "logout",
            "password_change",
        }
    }
    assert posted_to <= set(forms), posted_to - set(forms)
    assert forms[reverse("sheet-upload")]["files"].is_file
