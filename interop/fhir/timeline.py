"""The case's timeline: one resource (or two) per event, in the document's order.

- therapy by medicine -> MedicationAdministration (mCODE
  CancerRelatedMedicationAdministration);
- transplant, CAR-T infusion, donor lymphocytes, intrathecal therapy, radiotherapy ->
  Procedure (radiotherapy after mCODE RadiotherapyCourseSummary);
- relapse and response -> CancerDiseaseStatus, plus an MRD Observation for a response;
- CNS finding and work-up test -> Observation; toxicity -> AdverseEvent.

A therapy without an end date may still be running: its status is ``unknown`` rather
than a guess; one given on a single day (transplant, infusions) is ``completed``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from interop.fhir import codes, words
from interop.fhir.clinical import (
    absent,
    category,
    disease_status,
    note,
    quantity,
    result_value,
)
from interop.fhir.codes import concept

if TYPE_CHECKING:
    from interop.fhir.bundle import BundleBuilder

SINGLE_DAY = {"allo_hsct", "car_t", "dli"}
PROCEDURE_CODES = {
    "allo_hsct": [codes.SCT_HSCT],
    "car_t": [codes.SCT_CAR_T],
    "cranial_rt": [codes.SCT_RT_COURSE],
    "testicular_rt": [codes.SCT_RT_COURSE],
    # Donor lymphocyte infusion and intrathecal chemotherapy: no confirmed code.
    "dli": [],
    "it_chemotherapy": [],
}
COMPLETE_REMISSION = {"CR", "CRh", "CRi"}
WORKUP_CATEGORY = {
    "lumbar_puncture": "procedure",
    "testicular_exam": "exam",
    "echocardiogram": "imaging",
}


def _timing(event: Mapping, prefix: str) -> dict:
    if event.get("end_date"):
        return {f"{prefix}Period": {"start": event["date"], "end": event["end_date"]}}
    return {f"{prefix}DateTime": event["date"]}


def _notes(event: Mapping, *extra: str | None) -> list[dict]:
    found = []
    for text in (*extra, event.get("note")):
        found += note(text)
    return found


def _cycles(event: Mapping) -> str | None:
    cycles = event.get("cycles")
    if cycles is None:
        return None
    return f"{cycles} cycle" + ("" if cycles == 1 else "s")


def medication(builder: BundleBuilder, key: str, event: Mapping) -> None:
    kind = event["type"]
    agent = (event.get("agent") or "").strip()
    coded = codes.RXNORM_INGREDIENTS.get(kind)
    if kind == "tki" and agent:
        coded = codes.RXNORM_INGREDIENTS.get(agent.lower())
    text = words.THERAPY[kind] + (f": {agent}" if agent else "")
    resource = {
        "resourceType": "MedicationAdministration",
        "status": "completed" if event.get("end_date") else "unknown",
        "medicationCodeableConcept": concept(text, *filter(None, [coded])),
        "subject": builder.patient,
        **_timing(event, "effective"),
        "reasonReference": [builder.condition],
    }
    notes = _notes(event, _cycles(event))
    if notes:
        resource["note"] = notes
    builder.add(key, resource)


def procedure(builder: BundleBuilder, key: str, event: Mapping) -> None:
    kind = event["type"]
    agent = (event.get("agent") or "").strip()
    done = kind in SINGLE_DAY or bool(event.get("end_date"))
    resource: dict = {
        "resourceType": "Procedure",
        "status": "completed" if done else "unknown",
        "code": concept(words.THERAPY[kind], *PROCEDURE_CODES[kind]),
        "subject": builder.patient,
        **_timing(event, "performed"),
        "reasonReference": [builder.condition],
    }
    if kind == "testicular_rt":
        resource["bodySite"] = [concept("Testis", codes.SITE_CODES["testis"])]
    elif kind == "cranial_rt":
        resource["bodySite"] = [concept("Brain (cranial irradiation)")]
    if agent:
        resource["usedCode"] = [concept(agent)]
    donor = event.get("donor")
    notes = _notes(
        event,
        f"Donor: {words.DONOR[donor]}" if donor else None,
        _cycles(event),
    )
    if notes:
        resource["note"] = notes
    builder.add(key, resource)


def relapse(builder: BundleBuilder, key: str, event: Mapping) -> None:
    resource = disease_status(
        builder,
        date=event["date"],
        value=concept("Relapse", codes.SCT_WORSENED),
    )
    if event.get("note"):
        resource["note"] = note(event["note"])
    builder.add(key, resource)


def response(builder: BundleBuilder, key: str, event: Mapping) -> None:
    result = event.get("response")
    if result:
        value_codes = []
        if result in COMPLETE_REMISSION:
            value_codes = [codes.SCT_FULL_REMISSION]
        elif result == "progression":
            value_codes = [codes.SCT_WORSENED]
        resource = disease_status(
            builder,
            date=event["date"],
            value=concept(words.RESPONSE[result], *value_codes),
        )
        if event.get("note"):
            resource["note"] = note(event["note"])
        builder.add(key, resource)
    if event.get("mrd") or event.get("mrd_level") is not None:
        builder.add(f"{key}/mrd", mrd(builder, event))


def mrd(builder: BundleBuilder, event: Mapping) -> dict:
    status = event.get("mrd")
    resource: dict = {
        "resourceType": "Observation",
        "status": "cancelled" if status == "not_done" else "final",
        "category": category("laboratory"),
        # No LOINC code for MRD in ALL could be confirmed: named in words.
        "code": concept("Measurable residual disease (MRD)"),
        "subject": builder.patient,
        "focus": [builder.condition],
        "effectiveDateTime": event["date"],
    }
    if status == "not_done":
        resource["dataAbsentReason"] = absent("not-performed")
    else:
        resource.update(result_value(status or "unknown"))
    level = event.get("mrd_level")
    if level is not None:
        # The document holds a fraction; the component says it in percent.
        percent = Decimal(str(level)) * 100
        resource["component"] = [
            {
                "code": concept("MRD level (percent of cells)"),
                "valueQuantity": quantity(float(percent), "%"),
            }
        ]
    return resource


def cns_event(builder: BundleBuilder, key: str, event: Mapping) -> None:
    kind = event.get("cns_kind")
    resource: dict = {
        "resourceType": "Observation",
        "status": "final",
        "code": concept("CNS status"),
        "subject": builder.patient,
        "focus": [builder.condition],
        "effectiveDateTime": event["date"],
        "bodySite": concept("Central nervous system", codes.SITE_CODES["cns"]),
    }
    if kind:
        resource["valueCodeableConcept"] = concept(words.CNS_KIND[kind])
    else:
        resource["dataAbsentReason"] = absent()
    if event.get("note"):
        resource["note"] = note(event["note"])
    builder.add(key, resource)


def toxicity(builder: BundleBuilder, key: str, event: Mapping) -> None:
    text = words.TOXICITY.get(event.get("toxicity") or "other", "Toxicity")
    if event.get("grade") is not None:
        text += f", grade {event['grade']}"
    if event.get("note"):
        text += f". {event['note']}"
    builder.add(
        key,
        {
            "resourceType": "AdverseEvent",
            "actuality": "actual",
            "event": concept(text),
            "subject": builder.patient,
            "date": event["date"],
        },
    )


def workup(builder: BundleBuilder, key: str, event: Mapping) -> None:
    test = event["test"]
    test_codes = (
        [codes.LOINC_IMMUNOPHENOTYPE] if test == "marrow_immunophenotype" else []
    )
    resource: dict = {
        "resourceType": "Observation",
        "status": "final",
        "category": category(WORKUP_CATEGORY.get(test, "laboratory")),
        "code": concept(f"Relapse work-up: {words.WORKUP_TEST[test]}", *test_codes),
        "subject": builder.patient,
        "focus": [builder.condition],
        "effectiveDateTime": event["date"],
    }
    if test == "lumbar_puncture":
        resource["method"] = concept("Lumbar puncture", codes.SCT_LUMBAR_PUNCTURE)
    if event.get("result"):
        resource["valueString"] = event["result"]
    else:
        resource["dataAbsentReason"] = absent()
    if event.get("note"):
        resource["note"] = note(event["note"])
    builder.add(key, resource)


HANDLERS: dict[str, Callable[[BundleBuilder, str, Mapping], None]] = {
    **dict.fromkeys(
        (
            "blinatumomab",
            "inotuzumab",
            "revumenib",
            "nelarabine",
            "tki",
            "chemotherapy",
            "rituximab",
        ),
        medication,
    ),
    **dict.fromkeys(PROCEDURE_CODES, procedure),
    "relapse": relapse,
    "response": response,
    "cns_event": cns_event,
    "toxicity": toxicity,
    "workup": workup,
}


def add_events(builder: BundleBuilder) -> None:
    for event in builder.document.get("events", []):
        key = builder.key_for("event", event["type"], event["date"])
        # Every schema event type has a handler; a new one fails loudly here.
        HANDLERS[event["type"]](builder, key, event)
