"""One case document (plus the engine's evaluation) as a FHIR R4 collection Bundle.

The mapping reads the case document only, never the database, so a stored case
(``patients.documents.case_to_document``) and a case file give the same bundle.
Resource ids are name-based UUIDs (the case identifier and what the resource is: an
event's type and date, a referral's kind and date), so exporting the same case twice
gives the same ids whatever the order of its timeline; every reference is a
``urn:uuid:`` full URL of another entry in the bundle.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from interop.fhir import clinical, plan, timeline

# Fixed, so that ids are stable across exports and machines.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:aya-rr-all:fhir-export")


@dataclass
class BundleBuilder:
    """Collects a case's resources; ``add`` returns the reference to the new one."""

    case_id: str
    document: Mapping
    evaluation: Mapping
    program: str | None = None
    entries: list[dict] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)
    patient: dict = field(default_factory=dict)
    condition: dict = field(default_factory=dict)

    def full_url(self, key: str) -> str:
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{self.case_id}/{key}')}"

    def key_for(self, *parts: str) -> str:
        """A key naming an item by content; repeats of the same one are numbered."""
        base = "/".join(parts)
        self.seen[base] = self.seen.get(base, 0) + 1
        return f"{base}/{self.seen[base]}"

    def add(self, key: str, resource: dict) -> dict:
        url = self.full_url(key)
        kind = resource.pop("resourceType")
        self.entries.append(
            {
                "fullUrl": url,
                "resource": {
                    "resourceType": kind,
                    "id": url.removeprefix("urn:uuid:"),
                    **resource,
                },
            }
        )
        return {"reference": url}


def bundle_from_document(
    document: Mapping,
    *,
    evaluation: Mapping,
    generated_at: dt.datetime,
    program: str | None = None,
) -> dict:
    """The FHIR Bundle (type ``collection``) for one schema-valid case document.

    ``evaluation`` is the engine's result for the same document
    (``recommendations.selectors.evaluate_document``); ``program`` is the owning
    program's slug, which scopes the case identifier when known.
    """
    builder = BundleBuilder(
        case_id=document["case_id"],
        document=document,
        evaluation=evaluation,
        program=program,
    )
    builder.patient = builder.add("patient", clinical.patient(builder))
    builder.condition = builder.add("condition", clinical.primary_condition(builder))
    clinical.add_observations(builder)
    timeline.add_events(builder)
    plan.add_referrals(builder)
    plan.add_evaluation(builder)
    return {
        "resourceType": "Bundle",
        "id": builder.full_url("bundle").removeprefix("urn:uuid:"),
        "type": "collection",
        "timestamp": generated_at.isoformat(timespec="seconds"),
        "entry": builder.entries,
    }
