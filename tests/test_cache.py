"""The Redis cache (config.cache): one client per connection pool, on a real Redis.

Finding: Django's Redis cache built a new ``redis.Redis`` for every cache call, and
the worklist's five calls spent longer building clients than talking to Redis.
"""

from __future__ import annotations

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from config.cache import RedisCache
from tests.servers import start_redis


@pytest.fixture
def own_redis(tmp_path):  # noqa: ANN001, ANN201
    server = start_redis(tmp_path / "redis")
    yield server
    server.stop()


def _settings(location: str) -> dict:
    return {"default": {"BACKEND": "config.cache.RedisCache", "LOCATION": location}}


def test_every_call_reuses_one_client(own_redis):  # noqa: ANN001
    with override_settings(CACHES=_settings(own_redis.url)):
        cache = caches["default"]
        assert isinstance(cache, RedisCache)
        cache.set("visits", 1)
        client = cache._cache.get_client()
        assert cache.incr("visits") == 2
        assert cache.get_many(["visits", "nothing"]) == {"visits": 2}
        cache.delete("visits")
        assert cache.get("visits") is None
        assert cache._cache.get_client(write=True) is client
        assert isinstance(client, redis.Redis)


def test_reads_and_writes_keep_a_client_each_with_a_replica(own_redis):  # noqa: ANN001
    # Two addresses: Django writes to the first and reads from the others.
    with override_settings(CACHES=_settings(f"{own_redis.url},{own_redis.url}")):
        cache = caches["default"]
        cache.set("k", "v")
        assert cache.get("k") == "v"
        writer = cache._cache.get_client(write=True)
        reader = cache._cache.get_client()
        assert writer is not reader
        assert cache._cache.get_client(write=True) is writer
        assert cache._cache.get_client() is reader
        assert reader.connection_pool is not writer.connection_pool


def test_the_kept_client_reconnects_after_a_restart(own_redis, tmp_path):  # noqa: ANN001
    with override_settings(CACHES=_settings(own_redis.url)):
        cache = caches["default"]
        cache.set("k", "before")
        client = cache._cache.get_client()
        own_redis.stop()
        with pytest.raises(redis.ConnectionError):
            cache.get("k")
        again = start_redis(tmp_path / "again", port=own_redis.port)
        try:
            cache.set("k", "after")
            assert cache.get("k") == "after"
            assert cache._cache.get_client() is client
        finally:
            again.stop()
