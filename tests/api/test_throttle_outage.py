"""A Redis outage does not take the API down: rate limits count in process instead.

Finding: with REDIS_URL set, every API call answered 500 while Redis was down (the
throttle counters live in the Redis cache). The cache here is a real Redis client
pointed at a port where nothing listens.
"""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache

from config.api import throttling
from tests.servers import free_port


@pytest.fixture
def redis_cache_down(settings):  # noqa: ANN001, ANN201
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    throttling.FALLBACK_CACHE.clear()
    yield
    throttling.FALLBACK_CACHE.clear()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Overrides tests/api/conftest.py's: the cache is down here, never cleared."""


def test_api_reads_and_writes_answer_while_the_cache_is_down(
    api, case, redis_cache_down, caplog
):
    with pytest.raises(Exception):  # noqa: B017, PT011 - the cache is really down
        cache.get("anything")

    with caplog.at_level(logging.WARNING, logger="config.api.throttling"):
        read = api.get("/api/v1/cases/")
        detail = api.get(f"/api/v1/cases/{case.pk}/")

    assert read.status_code == 200, read.content
    assert detail.status_code == 200, detail.content
    assert "shared cache is unreachable (ConnectionError)" in caplog.text
    assert case.case_id not in caplog.text


def test_the_limits_still_hold_counted_in_process(api, redis_cache_down, settings):
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], user="3/minute")
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": rates,
    }

    answers = [api.get("/api/v1/cases/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
