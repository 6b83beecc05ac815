"""How API clients prove who they are: expiring tokens for scripts, or the session."""

from __future__ import annotations

from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions

MSG_INVALID_TOKEN = "Invalid token."  # noqa: S105 - a message, not a secret


class TokenAuthentication(KnoxTokenAuthentication):
    """django-rest-knox tokens (``Authorization: Bearer <token>``), hashed at rest.

    A header that is not even text is an invalid token (401), not a server error.
    """

    def authenticate_credentials(self, token: bytes):  # noqa: ANN201
        try:
            token.decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(MSG_INVALID_TOKEN) from exc
        return super().authenticate_credentials(token)
