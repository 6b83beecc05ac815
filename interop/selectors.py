"""Reads for interoperability: a case's FHIR bundle, the programs to import into."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from interop import access
from interop.fhir import bundle_from_document
from patients.documents import case_to_document
from patients.models import Case, Program
from patients.selectors import case_with_timeline, program_list_for_user
from recommendations.selectors import case_evaluate


def case_fhir_bundle(*, case: Case, as_of: dt.date, generated_at: dt.datetime) -> dict:
    """The FHIR bundle of a stored case, with the engine's evaluation as of ``as_of``.

    Loads the case with its timeline (three queries whatever its length); the
    evaluation uses the program's settings and the administrators' rule wording.
    """
    case = case_with_timeline(Case.objects.filter(pk=case.pk)).get()
    return bundle_from_document(
        case_to_document(case),
        evaluation=case_evaluate(case=case, as_of=as_of),
        generated_at=generated_at,
        program=case.program.slug,
    )


def import_program_list_for_user(
    *, user: AbstractBaseUser | AnonymousUser
) -> list[Program]:
    """The programs the user may import spreadsheets into."""
    return [
        program
        for program in program_list_for_user(user=user)
        if access.sheet_import_access_check(user, program)
    ]
