"""Who may see a program's dashboard: its coordinators and program admins."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from patients.access import GROUP_COORDINATOR, GROUP_PROGRAM_ADMIN, program_access_check
from patients.auth_backend import user_roles
from patients.models import Program

DASHBOARD_GROUPS = (GROUP_COORDINATOR, GROUP_PROGRAM_ADMIN)


def dashboard_role_check(user: AbstractBaseUser | AnonymousUser) -> bool:
    """A coordinator or program admin (roles hold in every program of the user)."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return not user_roles(user).groups.isdisjoint(DASHBOARD_GROUPS)


def dashboard_access_check(
    user: AbstractBaseUser | AnonymousUser, program: Program
) -> bool:
    if not dashboard_role_check(user):
        return False
    return program_access_check(user, program)
