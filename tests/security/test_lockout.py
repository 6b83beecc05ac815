"""Repeated failed sign-ins lock the account and the address (django-axes)."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client
from rest_framework.test import APIClient

from config.security.lockout import MSG_LOCKED_OUT
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
SITE = "/accounts/login/"
ADMIN = "/admin/login/"
TOKENS = "/api/v1/auth/tokens/"
LOCKED_TEXT = MSG_LOCKED_OUT.split("{", 1)[0].strip()


@pytest.fixture(autouse=True)
def _token_throttle_out_of_the_way(settings):
    """The token endpoint's own rate limit would answer 429 first; lift it here."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "token_create": "1000/minute",
        },
    }


def site_sign_in(
    client: Client, username: str, password: str, address: str = "10.0.0.1"
):  # noqa: ANN201
    return client.post(
        SITE, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_twenty_wrong_passwords_then_the_right_one_is_refused_on_the_site(member):
    client = Client()
    for _ in range(20):
        assert site_sign_in(client, member.username, "wrong").status_code in {200, 429}

    response = site_sign_in(client, member.username, PASSWORD)

    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert not signed_in(client)


def test_twenty_wrong_passwords_then_the_right_one_is_refused_on_the_admin(db):
    UserFactory(username="staffer", is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(20):
        client.post(
            ADMIN, {"username": "staffer", "password": "wrong"}, REMOTE_ADDR="10.0.0.2"
        )

    response = client.post(
        ADMIN, {"username": "staffer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )

    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302


def test_twenty_wrong_passwords_then_the_right_one_get_no_api_token(member):
    client = APIClient()
    for _ in range(20):
        client.post(TOKENS, {"username": member.username, "password": "wrong"})

    response = client.post(TOKENS, {"username": member.username, "password": PASSWORD})

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "locked_out"
    assert body["detail"].startswith(LOCKED_TEXT)
    assert body["errors"] == []
    assert int(response["Retry-After"]) == 15 * 60
    assert "token" not in body


def test_below_the_limit_the_right_password_still_signs_in(member, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert site_sign_in(client, member.username, "wrong").status_code == 200

    response = site_sign_in(client, member.username, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_the_limit_and_the_cool_off_are_settings(member, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=40)
    client = Client()
    for _ in range(3):
        site_sign_in(client, member.username, "wrong")

    response = site_sign_in(client, member.username, PASSWORD)

    assert response.status_code == 429
    assert "40 minutes" in response.content.decode()
    assert response["Retry-After"] == str(40 * 60)


def test_one_username_tried_from_many_addresses_is_locked_everywhere(member):
    for number in range(20):
        site_sign_in(Client(), member.username, "wrong", address=f"10.1.0.{number}")

    response = site_sign_in(Client(), member.username, PASSWORD, address="10.9.9.9")

    assert response.status_code == 429


def test_one_address_trying_many_usernames_is_locked_for_everyone(member):
    for number in range(20):
        site_sign_in(Client(), f"guess{number}", "wrong", address="10.2.0.1")

    locked = site_sign_in(Client(), member.username, PASSWORD, address="10.2.0.1")
    elsewhere = site_sign_in(Client(), member.username, PASSWORD, address="10.2.0.2")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_address_count(member):
    """With no proxy configured (API_NUM_PROXIES=0) X-Forwarded-For is ignored."""
    for number in range(20):
        Client().post(
            SITE,
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="10.3.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )

    response = site_sign_in(Client(), member.username, PASSWORD, address="10.3.0.1")

    assert response.status_code == 429


def test_after_the_cool_off_the_right_password_signs_in_again(member, settings):
    client = Client()
    for _ in range(20):
        site_sign_in(client, member.username, "wrong")
    assert site_sign_in(client, member.username, PASSWORD).status_code == 429

    # Time travel: the failures were made one cool-off (and a minute) ago.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time
        - settings.AXES_COOLOFF_TIME
        - dt.timedelta(minutes=1)
    )
    response = site_sign_in(client, member.username, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_the_stored_failures_keep_no_password(member):
    site_sign_in(Client(), member.username, "my secret guess")

    attempt = AccessAttempt.objects.get()
    assert "my secret guess" not in attempt.post_data


def test_a_refused_sign_in_still_reaches_the_failed_sign_in_signal(member):
    """The audit trail listens to ``user_login_failed``; a lockout must not hide it."""
    from django.contrib.auth.signals import user_login_failed

    heard: list[str] = []

    def listen(sender, credentials, request=None, **kwargs) -> None:  # noqa: ANN001
        heard.append(credentials.get("username"))

    user_login_failed.connect(listen)
    try:
        for _ in range(20):
            site_sign_in(Client(), member.username, "wrong")
        site_sign_in(Client(), member.username, PASSWORD)
    finally:
        user_login_failed.disconnect(listen)

    assert heard == [member.username] * 21
