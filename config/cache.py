"""Django's Redis cache, keeping one client per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every
cache call; each copies redis-py's table of about 170 response callbacks. The
worklist makes five cache calls, and building those clients took longer than the
calls themselves. A client is safe to share: it holds no connection of its own,
only the pool, which hands each command a connection. Caches are made per thread
(``django.core.cache.caches``), so each thread keeps its own clients too.
"""

from __future__ import annotations

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):  # noqa: ANN001, ANN201, ARG002
        # Keyed by the pool (kept for the life of this client, as Django keeps it).
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params) -> None:  # noqa: ANN001
        super().__init__(server, params)
        self._class = RedisCacheClient
