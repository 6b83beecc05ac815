"""Reads for interoperability: a case's FHIR bundle, programs and pending sheets."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from interop import access
from interop.fhir import bundle_from_document
from interop.models import PendingSheet
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


def pending_sheet_for_user(
    *, token: str, user: AbstractBaseUser | AnonymousUser, now: dt.datetime
) -> PendingSheet | None:
    """The user's own unexpired pending sheet with this token, or None."""
    if not user.is_authenticated:
        return None
    pending: QuerySet[PendingSheet] = PendingSheet.objects.select_related("program")
    found = pending.filter(token=token, user=user, expires_at__gt=now).first()
    if found is None or not access.sheet_import_access_check(user, found.program):
        return None
    return found
