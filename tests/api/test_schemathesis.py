"""The whole OpenAPI schema, exercised by Schemathesis against the WSGI app.

Every operation runs the examples, coverage and fuzzing phases, in positive and
negative modes, then the stateful phase follows links between operations. Every check
applies: no server error, no undocumented status code or content type, no response
that breaks its schema, invalid data refused, valid data accepted (or refused for a
documented reason: 404, 409, 412, 422, 428); a refused request changes no row.
Deterministic: fixed seed, derandomized Hypothesis, no example database.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from knox.crypto import hash_token
from knox.models import get_token_model
from knox.settings import CONSTANTS

from recommendations import engine
from recommendations.models import RecommendationSnapshot
from recommendations.services import recommendation_snapshot_create
from tests.dbstate import registry_state
from tests.factories import CaseFactory, EventFactory, ReferralFactory

MAX_EXAMPLES = 40
STATEFUL_SCENARIOS = 50
STATEFUL_STEPS = 8
SEED = 20260206

# Statuses a request that matches the schema may get: success, or a documented refusal
# that depends on the data behind the request rather than its shape.
ACCEPTED_OR_REFUSED_FOR_STATE = [
    "2xx",
    "401",
    "403",
    "404",
    "409",
    "412",
    "422",
    "428",
    "429",
]


# Rows the generated requests may name, created with these keys in every test.
CASE_IDS = [9001, 9002]
EVENT_IDS = [9101, 9102]
REFERRAL_IDS = [9201, 9202]
SNAPSHOT_IDS = [9301]
TOKEN = "5c4e1d9a0b7f3e2d" * 4  # a test-only API token secret (64 hex characters)


def served_schema() -> dict:
    """The schema exactly as /api/v1/schema/ serves it (generated without a request)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


def schemathesis_config() -> schemathesis.Config:
    def binding(name: str, probability: float) -> dict:
        return {"dictionary": name, "probability": probability}

    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "headers": {"Authorization": f"Bearer {TOKEN}"},
            "generation": {
                "deterministic": True,
                "max-examples": MAX_EXAMPLES,
                "database": "none",
            },
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": ACCEPTED_OR_REFUSED_FOR_STATE
                },
                # A conditional update without If-Match is refused with 428.
                "missing_required_header": {
                    "expected-statuses": [
                        "400",
                        "401",
                        "403",
                        "406",
                        "415",
                        "422",
                        "428",
                    ]
                },
            },
            "dictionaries": {
                "cases": {"values": CASE_IDS},
                "events": {"values": EVENT_IDS},
                "referrals": {"values": REFERRAL_IDS},
                "snapshots": {"values": SNAPSHOT_IDS},
                "programs": {"values": ["north"]},
                "rules": {"values": [rule.id for rule in engine.CATALOGUE[:3]]},
            },
            "parameters": {
                "query.program": "north",
                "path.event_id": binding("events", 0.5),
                "path.referral_id": binding("referrals", 0.5),
                "path.slug": binding("programs", 0.5),
                "path.rule_id": binding("rules", 0.5),
            },
            "operations": [
                {
                    "include-path-regex": "^/api/v1/cases/",
                    "parameters": {"path.id": binding("cases", 0.7)},
                },
                {
                    "include-path-regex": "^/api/v1/snapshots/",
                    "parameters": {"path.id": binding("snapshots", 0.7)},
                },
            ],
        }
    )


@pytest.fixture
def one_connection():
    """Keep the test's database connection open across requests, as Django's test
    client does: the WSGI handler would close it after each one, and with it the test
    transaction (on PostgreSQL)."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def fast_limits(settings) -> None:
    """Rate limits are tested on their own; here they would only slow the run."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "user": "1000000/minute",
            "anon": "1000000/minute",
            "token_create": "1000000/minute",
        },
    }


@pytest.fixture
def signed_in(db, one_connection, fast_limits, member, program):
    """A member of the north program with two cases the generated requests can name."""
    for index, pk in enumerate(CASE_IDS):
        case = CaseFactory(pk=pk, program=program)
        EventFactory(pk=EVENT_IDS[index], case=case)
        ReferralFactory(pk=REFERRAL_IDS[index], case=case)
    snapshot = recommendation_snapshot_create(case=case, actor=member)
    RecommendationSnapshot.objects.filter(pk=snapshot.pk).update(id=SNAPSHOT_IDS[0])
    # The token the config sends: a known secret, stored hashed like any other.
    get_token_model()(
        digest=hash_token(TOKEN),
        token_key=TOKEN[: CONSTANTS.TOKEN_KEY_LENGTH],
        user=member,
        expiry=timezone.now() + dt.timedelta(hours=1),
    ).save()


schema = schemathesis.openapi.from_dict(served_schema(), config=schemathesis_config())
schema.app = get_wsgi_application()


@schema.parametrize()
@hypothesis_settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_honours_its_schema(case, signed_in):
    """Examples, coverage and fuzzing: every response is documented and valid, and
    a refused request (any 4xx) changed no row."""
    before = registry_state()

    def refused_changes_nothing(ctx, response, case) -> None:  # noqa: ANN001
        if 400 <= response.status_code < 500:
            assert registry_state() == before, "a refused request changed rows"

    case.call_and_validate(additional_checks=[refused_changes_nothing])


class IsolatedScenarios(schema.as_state_machine()):
    """Each scenario starts from the same rows: its writes are rolled back after it.

    Hypothesis replays choice sequences and expects the same draws each time; the
    links a scenario follows depend on the responses, so rows left behind by an
    earlier scenario would make generation depend on state outside the sequence.
    """

    def setup(self) -> None:
        self.savepoint = transaction.savepoint()

    def teardown(self) -> None:
        transaction.savepoint_rollback(self.savepoint)


def test_sequences_of_operations_honour_the_schema(signed_in):
    """Stateful: create a case, read it, replace it with its ETag, add events…"""
    IsolatedScenarios.run(
        settings=hypothesis_settings(
            max_examples=STATEFUL_SCENARIOS,
            stateful_step_count=STATEFUL_STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
