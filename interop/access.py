"""Who may import spreadsheets into a program."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from patients.access import program_access_check
from patients.models import Program

# An import creates and changes cases: the registry's own permissions for that
# (coordinators, clinicians and program admins have them; see patients.roles).
IMPORT_PERMISSIONS = ("patients.add_case", "patients.change_case")


def sheet_import_access_check(
    user: AbstractBaseUser | AnonymousUser, program: Program
) -> bool:
    """Members who may add and change cases import into their own programs."""
    if not program_access_check(user, program):
        return False
    return user.has_perms(IMPORT_PERMISSIONS)
