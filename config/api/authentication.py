"""How API clients prove who they are: expiring tokens for scripts, or the session."""

from __future__ import annotations

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.signals import token_expired
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

    def _cleanup_token(self, auth_token) -> bool:  # noqa: ANN001
        """Refuse and delete the presented token once it has expired.

        Knox also reads every other token of the user on every request, to delete
        the expired ones: a query per API call for housekeeping. The daily job
        ``config.clear_expired_api_tokens`` deletes them instead; an expired token
        is refused whether or not it is still stored (this method, and
        ``api_token_list_for_user`` lists only live ones). Knox's ``token_expired``
        signal is therefore sent for a presented token only (``source="auth_token"``),
        never with ``source="other_token"``; nothing here listens to it.
        """
        if auth_token.expiry is None or auth_token.expiry >= timezone.now():
            return False
        username = auth_token.user.get_username()
        auth_token.delete()
        token_expired.send(
            sender=self.__class__, username=username, source="auth_token"
        )
        return True
