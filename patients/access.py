"""Who may see and change what: the few access checks every view and service calls."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from patients.models import Case, Program

GROUP_COORDINATOR = "coordinator"
GROUP_CLINICIAN = "clinician"
GROUP_PROGRAM_ADMIN = "program_admin"
ROLE_GROUPS = (GROUP_COORDINATOR, GROUP_CLINICIAN, GROUP_PROGRAM_ADMIN)


def program_access_check(
    user: AbstractBaseUser | AnonymousUser, program: Program
) -> bool:
    """A user sees a program's cases only as one of its members."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return program.members.filter(pk=user.pk).exists()


def case_access_check(user: AbstractBaseUser | AnonymousUser, case: Case) -> bool:
    return program_access_check(user, case.program)


def program_admin_check(
    user: AbstractBaseUser | AnonymousUser, program: Program
) -> bool:
    """Program admins edit rule wording and read their programs' audit trail."""
    if not program_access_check(user, program):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=GROUP_PROGRAM_ADMIN).exists()
