"""Signing in to the API: the session for the browser, expiring tokens for scripts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from knox.models import get_token_model
from rest_framework.test import APIClient

from config.api import tokens
from patients.models import AuditEntry
from tests.api.conftest import PASSWORD, client_with_token, token_for
from tests.factories import UserFactory

CASES = "/api/v1/cases/"
TOKENS = "/api/v1/auth/tokens/"
MINE = "/api/v1/auth/tokens/mine/"


def create_token(client: APIClient, username: str, password: str = PASSWORD, **extra):  # noqa: ANN201
    return client.post(TOKENS, {"username": username, "password": password, **extra})


def test_a_request_without_credentials_is_a_json_401_with_a_bearer_challenge(
    anonymous, member
):
    response = anonymous.get(CASES)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["code"] == "not_authenticated"


def test_the_browser_session_reads_the_api(member, case):
    client = APIClient()
    client.force_login(member)

    response = client.get(CASES)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [case.pk]


def test_a_session_write_without_the_csrf_token_is_refused(member):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member)

    response = client.post("/api/v1/cases/search/", {"q": "x"})

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_token_is_issued_for_a_username_and_password_and_works(
    anonymous, member, case
):
    response = create_token(anonymous, member.username)

    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith(body["token_key"])
    assert client_with_token(body["token"]).get(CASES).status_code == 200
    assert AuditEntry.objects.filter(actor=member, target="api_token").exists()


def test_the_token_secret_is_stored_only_as_a_digest(anonymous, member):
    secret = create_token(anonymous, member.username).json()["token"]

    stored = get_token_model().objects.get(user=member)
    assert secret not in (stored.digest, stored.token_key)


@pytest.mark.parametrize(
    ("username", "password"),
    [("coordinator1", "wrong password"), ("nobody", PASSWORD)],
)
def test_wrong_credentials_get_401_and_no_token(anonymous, member, username, password):
    response = create_token(anonymous, username, password)

    assert response.status_code == 401
    assert response.json()["detail"] == tokens.MSG_BAD_CREDENTIALS
    assert not get_token_model().objects.exists()


def test_an_inactive_account_gets_no_token_and_its_tokens_stop_working(
    anonymous, member
):
    secret = token_for(member)
    member.is_active = False
    member.save()

    assert create_token(anonymous, member.username).status_code == 401
    assert client_with_token(secret).get(CASES).status_code == 401


def test_every_token_expires_at_the_latest_after_the_configured_lifetime(
    anonymous, member, settings
):
    before = timezone.now()

    body = create_token(anonymous, member.username, expires_in_hours=24 * 365).json()

    expiry = dt.datetime.fromisoformat(body["expiry"])
    assert expiry <= before + tokens.max_token_ttl() + dt.timedelta(minutes=1)


def test_a_client_may_ask_for_a_shorter_lived_token(anonymous, member):
    before = timezone.now()

    body = create_token(anonymous, member.username, expires_in_hours=2).json()

    expiry = dt.datetime.fromisoformat(body["expiry"])
    assert before + dt.timedelta(hours=2) <= expiry
    assert expiry <= before + dt.timedelta(hours=2, minutes=1)


def test_an_expired_token_is_refused_and_removed(member):
    secret = token_for(member)
    get_token_model().objects.update(expiry=timezone.now() - dt.timedelta(seconds=1))

    response = client_with_token(secret).get(CASES)

    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."
    assert not get_token_model().objects.exists()


def test_a_token_without_an_expiry_keeps_working_and_the_daily_job_keeps_it(
    member, case
):
    from config.tasks import clear_expired_api_tokens

    secret = token_for(member)
    get_token_model().objects.update(expiry=None)

    assert client_with_token(secret).get(CASES).status_code == 200
    assert clear_expired_api_tokens() == 0
    assert get_token_model().objects.count() == 1


def test_a_call_reads_only_the_presented_token_not_every_token_of_its_user(
    member, case
):
    """Knox would read the user's every token on each call to delete expired ones;
    the daily job does that here, so a call's queries do not grow with them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    secret = token_for(member)
    mine = get_token_model().objects.get()
    client = client_with_token(secret)
    client.get(CASES)
    with CaptureQueriesContext(connection) as alone:
        assert client.get(CASES).status_code == 200
    others = [token_for(member) for _ in range(5)]
    get_token_model().objects.exclude(pk=mine.pk).update(
        expiry=timezone.now() - dt.timedelta(seconds=1)
    )
    with CaptureQueriesContext(connection) as beside_others:
        assert client.get(CASES).status_code == 200

    assert len(beside_others) == len(alone)
    token_reads = [q["sql"] for q in beside_others if '"knox_authtoken"' in q["sql"]]
    assert len(token_reads) == 1
    assert '"token_key" =' in token_reads[0]
    # The expired ones wait for the daily job, and are refused meanwhile.
    assert get_token_model().objects.count() == 6
    assert client_with_token(others[0]).get(CASES).status_code == 401


def test_a_garbled_token_header_is_a_401_not_a_server_error(member):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer \xff\xfe")

    assert client.get(CASES).status_code == 401


def test_the_owner_lists_tokens_without_their_secrets(api, member):
    body = api.get(MINE).json()

    assert len(body["results"]) == 1
    assert set(body["results"][0]) == {"token_key", "created", "expiry"}


def test_the_owner_revokes_one_token(member):
    secret, other = token_for(member), token_for(member)
    client = client_with_token(secret)

    response = client.delete(f"{MINE}{other[:15]}/")

    assert response.status_code == 204
    assert client_with_token(other).get(CASES).status_code == 401
    assert client.get(CASES).status_code == 200


def test_the_owner_revokes_every_token(member):
    secret, other = token_for(member), token_for(member)

    response = client_with_token(secret).delete(MINE)

    assert response.status_code == 204
    assert client_with_token(secret).get(CASES).status_code == 401
    assert client_with_token(other).get(CASES).status_code == 401


def test_nobody_revokes_another_users_token_through_their_own_list(member, outsider):
    theirs = token_for(outsider)

    response = client_with_token(token_for(member)).delete(f"{MINE}{theirs[:15]}/")

    assert response.status_code == 404
    assert client_with_token(theirs).get(CASES).status_code == 200


def test_a_program_admin_lists_and_revokes_a_members_token(program_admin, member):
    secret = token_for(member)
    admin = client_with_token(token_for(program_admin))

    listed = admin.get("/api/v1/programs/north/tokens/").json()["results"]
    response = admin.delete(f"/api/v1/programs/north/tokens/{secret[:15]}/")

    assert {item["user"]["username"] for item in listed} == {
        "coordinator1",
        "north-admin",
    }
    assert response.status_code == 204
    assert client_with_token(secret).get(CASES).status_code == 401
    assert AuditEntry.objects.filter(
        actor=program_admin, action="deleted", target="api_token"
    ).exists()


def test_a_program_admin_revokes_every_token_of_a_member(program_admin, member):
    secrets = [token_for(member), token_for(member)]
    admin = client_with_token(token_for(program_admin))

    response = admin.delete(f"/api/v1/programs/north/members/{member.pk}/tokens/")

    assert response.status_code == 204
    for secret in secrets:
        assert client_with_token(secret).get(CASES).status_code == 401


def test_a_member_who_is_not_an_admin_may_not_revoke_others_tokens(api, program_admin):
    secret = token_for(program_admin)

    listed = api.get("/api/v1/programs/north/tokens/")
    revoked = api.delete(f"/api/v1/programs/north/tokens/{secret[:15]}/")

    assert listed.status_code == 403
    assert revoked.status_code == 403
    assert client_with_token(secret).get(CASES).status_code == 200


def test_an_admin_cannot_reach_tokens_outside_their_program(program_admin, outsider):
    theirs = token_for(outsider)
    admin = client_with_token(token_for(program_admin))

    assert admin.get("/api/v1/programs/south/tokens/").status_code == 404
    assert admin.delete(
        f"/api/v1/programs/north/tokens/{theirs[:15]}/"
    ).status_code == (404)
    assert (
        admin.delete(
            f"/api/v1/programs/north/members/{outsider.pk}/tokens/"
        ).status_code
        == 404
    )
    assert client_with_token(theirs).get(CASES).status_code == 200


def test_token_requests_are_rate_limited_with_retry_after(anonymous, member, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "token_create": "2/minute",
        },
    }
    for _ in range(2):
        create_token(anonymous, member.username, "wrong")

    response = create_token(anonymous, member.username)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_signed_in_requests_are_rate_limited_too(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "user": "3/minute",
        },
    }
    statuses = [api.get(CASES).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_a_user_may_hold_only_so_many_tokens(db, anonymous, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_LIMIT_PER_USER": 2}
    user = UserFactory(username="scripted")
    for _ in range(2):
        token_for(user)

    response = create_token(anonymous, "scripted")

    assert response.status_code == 403
    assert "revoke one first" in response.json()["detail"]
