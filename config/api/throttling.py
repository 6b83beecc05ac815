"""Request rate limits (429 with Retry-After), read from settings when applied.

DRF's throttles copy their rates once, at import; these read
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` each time, so a changed setting applies.
The counters live in the default cache (Redis when ``REDIS_URL`` is set). When that
cache cannot be reached, a throttle counts in this process's memory instead, so an
outage of Redis neither turns API calls into 500s nor lifts the limits
(docs/adr/0010-decision-aid-jobs.md).
"""

from __future__ import annotations

import logging

from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError
from rest_framework import throttling
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)

# Counters kept by this process while the shared cache is unreachable.
FALLBACK_CACHE = LocMemCache(
    "aya-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}}
)
CACHE_ERRORS = (RedisError, OSError)


class _LiveRates:
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:  # noqa: ANN001
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS as exc:
            # The error names the cache's address at most; never the request.
            logger.warning(
                "API rate limits: the shared cache is unreachable (%s); counting "
                "in this process until it is back",
                type(exc).__name__,
            )
            self.cache = FALLBACK_CACHE
            return super().allow_request(request, view)


class UserRateThrottle(_LiveRates, throttling.UserRateThrottle):
    """Per signed-in user (per address when anonymous)."""


class AnonRateThrottle(_LiveRates, throttling.AnonRateThrottle):
    """Per address, for requests without credentials."""


class TokenCreateThrottle(_LiveRates, throttling.SimpleRateThrottle):
    """Sign-in attempts for a token, per address, signed in or not: guessing is slow."""

    scope = "token_create"

    def get_cache_key(self, request, view) -> str:  # noqa: ANN001
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }
