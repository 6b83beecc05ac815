"""API tokens (django-rest-knox): sign in for one, list, revoke; admins revoke members'.

A token is shown once, when created; only its digest is stored. Every token expires
(``REST_KNOX["TOKEN_TTL"]``, or sooner if the client asks). Its owner may revoke it,
and so may an administrator of any program the owner belongs to.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from knox.models import get_token_model
from knox.settings import knox_settings

from patients.access import program_admin_check
from patients.errors import ApplicationError
from patients.models import AuditEntry, Program
from patients.services import audit_record

MSG_BAD_CREDENTIALS = "Unable to sign in with these credentials."
MSG_TOKEN_LIMIT = (
    "You already have {limit} active tokens, the most allowed; revoke one first."  # noqa: S105 - a message, not a secret
)
MSG_NOT_PROGRAM_ADMIN = "Only the program's administrators may do this."
MSG_NO_SUCH_TOKEN = "No such token."  # noqa: S105
MSG_NO_SUCH_MEMBER = "No such member of this program."

AUDIT_TARGET = "api_token"


class InvalidCredentials(ApplicationError):
    """Wrong username or password, or an inactive account (401)."""


class NotAllowed(ApplicationError):
    """Signed in, but not allowed (403)."""


class NoSuchToken(ApplicationError):
    """Nothing to revoke for this actor (404)."""


def _active(queryset: QuerySet) -> QuerySet:
    return queryset.filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))


def api_token_list_for_user(*, user: AbstractBaseUser) -> QuerySet:
    return _active(get_token_model().objects.filter(user=user))


def api_token_list_for_program(*, program: Program) -> QuerySet:
    return _active(
        get_token_model().objects.filter(user__programs=program).select_related("user")
    ).distinct()


def max_token_ttl() -> dt.timedelta:
    return knox_settings.TOKEN_TTL


def api_token_create(
    *,
    request: HttpRequest,
    username: str,
    password: str,
    ttl: dt.timedelta | None = None,
):  # noqa: ANN201
    """Check the credentials and create a token; returns ``(token row, secret)``."""
    user = authenticate(request=request, username=username, password=password)
    if user is None or not user.is_active:
        raise InvalidCredentials(MSG_BAD_CREDENTIALS)
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    with transaction.atomic():
        if limit is not None and api_token_list_for_user(user=user).count() >= limit:
            raise NotAllowed(MSG_TOKEN_LIMIT.format(limit=limit))
        ceiling = max_token_ttl()
        expiry = min(ttl, ceiling) if ttl is not None else ceiling
        token, secret = get_token_model().objects.create(user=user, expiry=expiry)
        audit_record(actor=user, action=AuditEntry.Action.CREATED, target=AUDIT_TARGET)
    return token, secret


def api_token_revoke(*, actor: AbstractBaseUser, token_key: str) -> None:
    """The owner revokes one of their tokens."""
    deleted, _ = (
        get_token_model().objects.filter(user=actor, token_key=token_key).delete()
    )
    if not deleted:
        raise NoSuchToken(MSG_NO_SUCH_TOKEN)
    audit_record(actor=actor, action=AuditEntry.Action.DELETED, target=AUDIT_TARGET)


def api_token_revoke_all(*, actor: AbstractBaseUser) -> int:
    """The owner revokes every token they have (signs out every script)."""
    deleted, _ = get_token_model().objects.filter(user=actor).delete()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETED,
        target=AUDIT_TARGET,
        detail={"count": deleted},
    )
    return deleted


def require_program_admin(actor: AbstractBaseUser, program: Program) -> None:
    if not program_admin_check(actor, program):
        raise NotAllowed(MSG_NOT_PROGRAM_ADMIN)


def api_token_revoke_for_program(
    *, actor: AbstractBaseUser, program: Program, token_key: str
) -> None:
    """A program admin revokes a token of one of the program's members."""
    require_program_admin(actor, program)
    tokens = get_token_model().objects.filter(
        token_key=token_key, user__programs=program
    )
    owners = list(tokens.values_list("user_id", flat=True).distinct())
    deleted, _ = (
        get_token_model()
        .objects.filter(token_key=token_key, user_id__in=owners)
        .delete()
    )
    if not deleted:
        raise NoSuchToken(MSG_NO_SUCH_TOKEN)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETED,
        program=program,
        target=AUDIT_TARGET,
        detail={"user": owners[0]},
    )


def api_token_revoke_for_member(
    *, actor: AbstractBaseUser, program: Program, user_id: int
) -> int:
    """A program admin revokes every token of one member (e.g. who left the team)."""
    require_program_admin(actor, program)
    if not program.members.filter(pk=user_id).exists():
        raise NoSuchToken(MSG_NO_SUCH_MEMBER)
    deleted, _ = get_token_model().objects.filter(user_id=user_id).delete()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETED,
        program=program,
        target=AUDIT_TARGET,
        detail={"user": user_id, "count": deleted},
    )
    return deleted
