"""Writes of interoperability: audited FHIR exports and spreadsheet imports."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser

from interop import selectors
from patients.models import AuditEntry, Case
from patients.services import audit_record

EXPORT_FORMAT = "fhir-r4"


def case_fhir_export(
    *,
    case: Case,
    actor: AbstractBaseUser | None,
    as_of: dt.date,
    generated_at: dt.datetime,
    via: str,
) -> dict:
    """The case's FHIR bundle; the read is audited like any other read of the case."""
    bundle = selectors.case_fhir_bundle(
        case=case, as_of=as_of, generated_at=generated_at
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.EXPORTED,
        case=case,
        detail={"via": via, "format": EXPORT_FORMAT},
    )
    return bundle
