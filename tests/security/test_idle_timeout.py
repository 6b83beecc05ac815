"""A session ends after 15 quiet minutes, slides with activity, and is capped."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from config.security.sessions import LAST_ACTIVITY, MSG_IDLE, SIGNED_IN_AT

MINUTE = 60
STATUS = "/accounts/session/"


@pytest.fixture
def signed_in(member) -> Client:
    client = Client()
    client.force_login(member)
    assert client.get("/").status_code == 200  # the first request starts the clock
    return client


def travel(client: Client, *, minutes_ago: float, key: str = LAST_ACTIVITY) -> None:
    """Time travel: pretend the session's last activity was this long ago."""
    session = client.session
    session[key] = int(time.time() - minutes_ago * MINUTE)
    session.save()


def stored(client: Client, key: str = LAST_ACTIVITY) -> int:
    return client.session[key]


def test_the_idle_limit_is_fifteen_minutes_by_default(settings):
    assert settings.AYA_SESSION_IDLE_MINUTES == 15


def test_fourteen_quiet_minutes_keep_the_session_and_slide_it(signed_in):
    travel(signed_in, minutes_ago=14)

    response = signed_in.get("/")

    assert response.status_code == 200
    assert time.time() - stored(signed_in) < 5


def test_sixteen_quiet_minutes_sign_out_and_say_why(signed_in):
    travel(signed_in, minutes_ago=16)

    response = signed_in.get("/cases/", follow=True)

    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=/cases/")
    assert MSG_IDLE.format(minutes=15) in response.content.decode()
    assert "_auth_user_id" not in signed_in.session
    assert signed_in.get("/").status_code == 302


def test_activity_keeps_a_session_going_past_the_idle_limit(signed_in):
    for _ in range(3):  # 3 × 10 minutes of work, never 15 quiet ones
        travel(signed_in, minutes_ago=10)
        assert signed_in.get("/").status_code == 200


def test_an_idle_session_reads_nothing_from_the_api(signed_in):
    travel(signed_in, minutes_ago=16)

    response = signed_in.get("/api/v1/cases/")

    assert response.status_code in {401, 403}
    assert response["Content-Type"] == "application/json"


def test_asking_how_long_is_left_is_not_activity(signed_in):
    travel(signed_in, minutes_ago=10)
    before = stored(signed_in)

    state = signed_in.get(STATUS).json()

    assert state["active"] is True
    assert 4 * MINUTE - 5 <= state["remaining"] <= 5 * MINUTE
    assert stored(signed_in) == before


def test_stay_signed_in_slides_the_session(signed_in):
    travel(signed_in, minutes_ago=14)

    state = signed_in.post(STATUS).json()

    assert state == {"active": True, "remaining": 15 * MINUTE}


def test_the_status_of_an_expired_session_says_it_has_ended(signed_in):
    travel(signed_in, minutes_ago=16)

    assert signed_in.get(STATUS).json() == {"active": False, "remaining": 0}
    assert signed_in.post(STATUS).json() == {"active": False, "remaining": 0}


def test_stay_signed_in_needs_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert client.post(STATUS).status_code == 403


def test_the_limit_is_a_setting(signed_in, settings):
    settings.AYA_SESSION_IDLE_MINUTES = 30
    travel(signed_in, minutes_ago=20)

    assert signed_in.get("/").status_code == 200


def test_a_session_ends_at_its_absolute_cap_however_active(signed_in, settings):
    settings.SESSION_COOKIE_AGE = 8 * 3600
    travel(signed_in, minutes_ago=8 * 60 + 1, key=SIGNED_IN_AT)

    response = signed_in.get("/", follow=True)

    assert "at most 8.0 hours" in response.content.decode()
    assert "_auth_user_id" not in signed_in.session


def test_pages_carry_the_warning_and_its_script_for_signed_in_users(signed_in, client):
    page = signed_in.get("/").content.decode()

    assert 'data-session-idle="900"' in page
    assert 'data-session-warn="120"' in page
    assert 'id="session-warning"' in page
    assert "patients/session.js" in page
    assert "session.js" not in client.get("/accounts/login/").content.decode()


def test_production_caps_a_session_at_eight_hours():
    from tests.test_settings import settings_in_subprocess

    out = settings_in_subprocess(
        "config.settings.production",
        {
            "DJANGO_SECRET_KEY": "x" * 60,
            "DJANGO_ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": "postgres://aya@127.0.0.1:5432/aya",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
        "s.SESSION_COOKIE_AGE, s.AYA_SESSION_IDLE_MINUTES",
    )
    assert out == "28800 15"
