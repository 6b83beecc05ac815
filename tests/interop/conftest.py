"""Fixtures for the interop tests: the API clients of tests/api, shared."""

from tests.api.conftest import (  # noqa: F401 - fixtures, used by name
    _fresh_rate_limits,
    anonymous,
    api,
    other_program,
    outsider,
    outsider_api,
)
