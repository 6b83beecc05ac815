"""Load: hundreds of decision aids requested at once, every one rendered exactly once.

Real pieces only: the live server over HTTP (web form with session and CSRF, and the
API with tokens), the configured Redis broker, and a ``celery worker`` process
(prefork, two children) on the test database. Nothing is stubbed.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from itertools import cycle, islice

import pytest
import redis
import requests
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.db import connection
from knox.models import get_token_model

from decisionaids.models import DecisionAidJob
from decisionaids.services import AUDIT_TARGET
from patients.access import GROUP_CLINICIAN
from patients.models import AuditEntry
from patients.services import case_import
from tests.conftest import vignette_case
from tests.decisionaids.conftest import applicable_combinations
from tests.factories import ProgramFactory, UserFactory
from tests.servers import database_url, start_worker

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

JOBS = 300
THREADS = 6
COMBINATIONS = 8  # distinct (case, aid, language): the PDFs actually drawn
WAIT_SECONDS = 600
SETTLE_SECONDS = 30  # for the last successes to be logged and acknowledged
PASSWORD = "a load test pass phrase"


@pytest.fixture
def worker(transactional_db, settings, tmp_path):  # noqa: ANN001, ANN201
    # The run's queue starts empty: messages left by earlier tests are not counted.
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(queue)
    process = start_worker(
        broker_url=settings.CELERY_BROKER_URL,
        database_url=database_url(connection.settings_dict),
        run_dir=settings.TEST_RUN_DIR,
        log_path=tmp_path / "worker.log",
        concurrency=2,
    )
    yield process
    process.stop()


@pytest.fixture
def clinic():  # noqa: ANN201
    program = ProgramFactory(name="Load AYA Program", slug="load")
    user = UserFactory(username="loadclinician", programs=[program])
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=GROUP_CLINICIAN)[0])
    combos = applicable_combinations()[:COMBINATIONS]
    assert len(combos) == COMBINATIONS
    names = sorted({vignette for vignette, _, _ in combos})
    documents = [vignette_case(name) for name in names]
    case_import(payload=documents, program=program, actor=user)
    pk_by_vignette = {
        name: program.cases.get(case_id=document["case_id"]).pk
        for name, document in zip(names, documents, strict=True)
    }
    requests_to_make = [
        (pk_by_vignette[vignette], aid_id, language)
        for vignette, aid_id, language in islice(cycle(combos), JOBS)
    ]
    return {"user": user, "requests": requests_to_make}


def web_session(base: str) -> requests.Session:
    """A browser-like session: the sign-in form, its CSRF cookie, a session cookie."""
    session = requests.Session()
    session.get(f"{base}/accounts/login/").raise_for_status()
    answer = session.post(
        f"{base}/accounts/login/",
        data={
            "username": "loadclinician",
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:300]
    return session


def request_by_form(session: requests.Session, base: str, item: tuple) -> int:
    case_pk, aid_id, language = item
    answer = session.post(
        f"{base}/cases/{case_pk}/aids/",
        data={
            "aid_id": aid_id,
            "language": language,
            "paper": "letter",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    location = answer.headers.get("Location", "")
    match = re.fullmatch(r"/aids/(\d+)/", location)
    assert answer.status_code == 302, answer.status_code
    assert match, location
    return int(match.group(1))


def request_by_api(session: requests.Session, base: str, item: tuple) -> int:
    case_pk, aid_id, language = item
    answer = session.post(
        f"{base}/api/v1/cases/{case_pk}/decision-aids/",
        json={"aid_id": aid_id, "language": language},
    )
    assert answer.status_code == 202, answer.text[:300]
    return answer.json()["id"]


def test_hundreds_of_concurrent_requests_each_render_exactly_once(
    live_server, worker, clinic, settings
):
    # given six clients at once, half signed in on the web, half with API tokens
    base = live_server.url
    _, secret = get_token_model().objects.create(user=clinic["user"])
    shares = [clinic["requests"][i::THREADS] for i in range(THREADS)]
    assert sum(len(share) for share in shares) == JOBS

    def client(index: int) -> list[int]:
        if index % 2 == 0:
            session, send = web_session(base), request_by_form
        else:
            session, send = requests.Session(), request_by_api
            session.headers["Authorization"] = f"Bearer {secret}"
        with session:
            return [send(session, base, item) for item in shares[index]]

    # when they all ask for decision aids while the worker renders
    with ThreadPoolExecutor(THREADS) as pool:
        job_ids = [pk for share in pool.map(client, range(THREADS)) for pk in share]

    # then every request made its own job ...
    assert len(set(job_ids)) == JOBS
    deadline = time.monotonic() + WAIT_SECONDS
    jobs = DecisionAidJob.objects.filter(pk__in=job_ids)
    finished = (DecisionAidJob.Status.READY, DecisionAidJob.Status.FAILED)
    while jobs.filter(status__in=finished).count() < JOBS:
        assert worker.alive(), worker.log()[-3000:]
        if time.monotonic() > deadline:
            states = Counter(jobs.values_list("status", flat=True))
            pytest.fail(f"not every job finished: {dict(states)}")
        time.sleep(1)

    # ... and each was rendered exactly once: ready, one attempt, its PDF stored
    # under its content key and matching its checksum
    assert Counter(jobs.values_list("status", flat=True)) == {"ready": JOBS}
    assert set(jobs.values_list("attempts", flat=True)) == {1}
    digests = {}
    for job in jobs:
        key = job.content_key
        assert job.pdf.name == f"decisionaids/{key[:2]}/{key}.pdf"
        if job.pdf.name not in digests:
            with default_storage.open(job.pdf.name, "rb") as stored:
                digests[job.pdf.name] = hashlib.sha256(stored.read()).hexdigest()
        assert digests[job.pdf.name] == job.sha256
    assert len(digests) == COMBINATIONS

    # one "ready" transition per job in the audit trail, none twice
    ready = Counter(
        entry["job"]
        for entry in AuditEntry.objects.filter(target=AUDIT_TARGET).values_list(
            "detail", flat=True
        )
        if entry.get("status") == "ready"
    )
    assert ready == dict.fromkeys(job_ids, 1)

    # the broker delivered each message once and holds none back (the worker logs
    # a success and acknowledges its message just after the row is ready)
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = settings.CELERY_TASK_DEFAULT_QUEUE

    def unacked() -> list[bytes]:
        return [value for value in broker.hvals("unacked") if queue.encode() in value]

    settled = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < settled and (
        worker.log().count("] succeeded in ") < JOBS or unacked()
    ):
        time.sleep(0.2)
    log = worker.log()
    received, succeeded = log.count("] received"), log.count("] succeeded in ")
    assert (received, succeeded) == (JOBS, JOBS)
    assert broker.llen(queue) == 0
    assert unacked() == []
