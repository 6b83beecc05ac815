"""Who may import spreadsheets into a program."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from patients.access import (
    GROUP_COORDINATOR,
    GROUP_PROGRAM_ADMIN,
    program_access_check,
)
from patients.models import Program

IMPORT_GROUPS = (GROUP_COORDINATOR, GROUP_PROGRAM_ADMIN)


def sheet_import_access_check(
    user: AbstractBaseUser | AnonymousUser, program: Program
) -> bool:
    """Coordinators and program admins import into the programs they belong to."""
    if not program_access_check(user, program):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=IMPORT_GROUPS).exists()
