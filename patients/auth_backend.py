"""A user's permissions and groups, read in one query and kept for the request.

Every signed-in page asks for three things in its navigation: whether the user may
see the dashboard (a group), import cases and read the audit trail (permissions).
Django's ``ModelBackend`` reads a user's own permissions, then their groups'
permissions, and the dashboard check read the groups: three queries a page.
``RoleBackend`` reads all of them at once. The answer lives on the user object,
as ``ModelBackend``'s own permission cache does: a request's ``request.user`` is
loaded afresh for every request, so a change of roles holds from the next one.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import (
    AbstractBaseUser,
    AnonymousUser,
    Group,
    Permission,
)
from django.db import connections, router
from django.db.models import CharField, Value

_CACHE_ATTR = "_aya_roles"
_PERMISSION = "p"
_GROUP = "g"


class Roles(NamedTuple):
    permissions: frozenset[str]  # "app_label.codename", as ``has_perm`` names them
    groups: frozenset[str]


NO_ROLES = Roles(frozenset(), frozenset())


# Compiled once (per process and database) for a key no user has, which each read
# replaces by the user's own: compiling the three-part UNION cost more than running it.
_ANY_USER = -2_147_483_001


def _tagged(kind: str) -> Value:
    return Value(kind, output_field=CharField())


@functools.cache
def _compiled(superuser: bool, using: str) -> tuple[str, tuple]:  # noqa: FBT001
    """The query of ``user_roles`` for ``_ANY_USER``: its SQL and parameters."""
    fields = ("content_type__app_label", "codename")
    groups = Group.objects.filter(user=_ANY_USER).values_list(
        _tagged(_GROUP), _tagged(""), "name"
    )
    if superuser:
        parts = [Permission.objects.all()]
    else:
        parts = [
            Permission.objects.filter(user=_ANY_USER),
            Permission.objects.filter(group__user=_ANY_USER),
        ]
    first, *rest = [
        part.order_by().values_list(_tagged(_PERMISSION), *fields) for part in parts
    ]
    rows = first.union(*rest, groups.order_by(), all=True)
    return rows.query.get_compiler(using=using).as_sql()


def user_roles(user: AbstractBaseUser | AnonymousUser) -> Roles:
    """The user's permissions (their own and their groups') and group names.

    None for a user signed out or inactive, as ``ModelBackend`` answers; every
    permission for a superuser.
    """
    if not user.is_authenticated or not user.is_active:
        return NO_ROLES
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    using = router.db_for_read(Permission)
    sql, params = _compiled(user.is_superuser, using)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [user.pk if p == _ANY_USER else p for p in params])
        rows = cursor.fetchall()
    found_permissions, found_groups = set(), set()
    for kind, app_label, name in rows:
        if kind == _GROUP:
            found_groups.add(name)
        else:
            found_permissions.add(f"{app_label}.{name}")
    roles = Roles(frozenset(found_permissions), frozenset(found_groups))
    setattr(user, _CACHE_ATTR, roles)
    return roles


class RoleBackend(ModelBackend):
    """``ModelBackend`` whose permission checks read ``user_roles`` (one query)."""

    def get_all_permissions(self, user_obj, obj=None):  # noqa: ANN001, ANN201
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return user_roles(user_obj).permissions
