"""Request rate limits (429 with Retry-After), read from settings when applied.

DRF's throttles copy their rates once, at import; these read
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` each time, so a changed setting applies.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings


class _LiveRates:
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


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
