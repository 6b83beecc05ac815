"""Referrals (ServiceRequest) and the engine's evaluation (RequestGroup).

The RequestGroup carries what the clinic shows for the case on the evaluation date:
every recommendation, alert and due referral, and every item that lacked data (as a
check to do, never dropped), each with its catalogue ID, statement and sources. It is
a proposal (``intent: proposal``): the guideline's options, not an order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from interop.fhir import codes, words
from interop.fhir.clinical import note
from interop.fhir.codes import concept
from recommendations.engine import RULES_BY_ID, SOURCES

if TYPE_CHECKING:
    from interop.fhir.bundle import BundleBuilder

# A referral's status as a request's status: ``needed`` is not yet sent (a draft
# proposal); ``declined`` ends the request before it was carried out (revoked).
REFERRAL_STATUS = {
    "needed": "draft",
    "referred": "active",
    "scheduled": "active",
    "completed": "completed",
    "declined": "revoked",
}
STATUS_WORDS = {
    "needed": "needed (not yet referred)",
    "referred": "referred",
    "scheduled": "scheduled",
    "completed": "completed",
    "declined": "declined",
}


def add_referrals(builder: BundleBuilder) -> None:
    for referral in builder.document.get("referrals", []):
        key = builder.key_for("referral", referral["kind"], referral.get("date", ""))
        builder.add(key, service_request(builder, referral))


def service_request(builder: BundleBuilder, referral: Mapping) -> dict:
    status = referral["status"]
    resource: dict = {
        "resourceType": "ServiceRequest",
        "status": REFERRAL_STATUS[status],
        "intent": "proposal" if status == "needed" else "order",
        "code": concept(f"Referral: {words.REFERRAL_KIND[referral['kind']]}"),
        "subject": builder.patient,
    }
    date = referral.get("date")
    if status == "referred" and date:
        resource["authoredOn"] = date
    if status == "scheduled" and referral.get("appointment_date"):
        resource["occurrenceDateTime"] = referral["appointment_date"]
    if status == "completed" and date:
        resource["occurrenceDateTime"] = date
    notes = []
    if date:
        notes.append({"time": date, "text": f"Status {STATUS_WORDS[status]}."})
    else:
        notes.append({"text": f"Status {STATUS_WORDS[status]}."})
    notes += note(referral.get("note"))
    resource["note"] = notes
    return resource


# The engine's result lists, in the order the clinic shows them.
GROUPS = (
    ("recommendations", "Recommendations"),
    ("alerts", "Alerts"),
    ("referrals_due", "Referrals due"),
    ("workup", "Relapse work-up not yet recorded"),
    ("insufficient_data", "Checks to do: insufficient data"),
)


def _sources(item: Mapping) -> list[str]:
    keys = list(item.get("sources") or [])
    if not keys:
        rule = RULES_BY_ID.get(item.get("id", ""))
        keys = list(rule.sources) if rule is not None else []
    return keys


def _citation(key: str) -> dict:
    source = SOURCES.get(key)
    citation = {"type": "citation", "label": key}
    if source is not None:
        citation["display"] = source.title
    return citation


def _description(group: str, item: Mapping) -> str:
    if group == "insufficient_data":
        because = "; ".join(item.get("because") or []) or "a fact is missing"
        return f"Insufficient data: {because}."
    for name in ("statement", "message", "reason", "what", "title"):
        if item.get(name):
            return str(item[name])
    return str(item.get("id", ""))


def _details(group: str, item: Mapping) -> str | None:
    parts = []
    if item.get("strength"):
        stated = "" if item.get("strength_stated", True) else " (not stated by source)"
        parts.append(f"Strength: {str(item['strength']).replace('_', ' ')}{stated}.")
    if item.get("certainty"):
        parts.append(f"Certainty: {item['certainty']}.")
    if item.get("severity"):
        parts.append(f"Severity: {item['severity']}.")
    if group != "insufficient_data" and item.get("because"):
        parts.append("Because: " + "; ".join(item["because"]) + ".")
    for position in item.get("differs_from") or []:
        parts.append(
            f"{position['source']} differs: {position['position']}"
            if "position" in position
            else f"{position.get('source')} differs."
        )
    return " ".join(parts) or None


def _action(group: str, item: Mapping, version: str) -> dict:
    rule_id = str(item.get("id", ""))
    action: dict = {
        "title": rule_id,
        "description": _description(group, item),
        "code": [
            {
                "coding": [
                    {
                        "system": codes.CATALOGUE_SYSTEM,
                        "version": version,
                        "code": rule_id,
                    }
                ]
            }
        ],
    }
    details = _details(group, item)
    if details:
        action["textEquivalent"] = details
    if item.get("due"):
        action["timingDateTime"] = item["due"]
    citations = [_citation(key) for key in _sources(item)]
    if citations:
        action["documentation"] = citations
    return action


def add_evaluation(builder: BundleBuilder) -> None:
    evaluation = builder.evaluation
    version = str(evaluation.get("ruleset_version", ""))
    as_of = (
        evaluation.get("derived", {}).get("as_of")
        or builder.document["evaluation_date"]
    )
    actions = []
    for group, title in GROUPS:
        items = evaluation.get(group) or []
        if items:
            actions.append(
                {
                    "title": title,
                    "action": [_action(group, item, version) for item in items],
                }
            )
    resource: dict = {
        "resourceType": "RequestGroup",
        "instantiatesUri": [codes.RULESET_URN.format(version=version)],
        "status": "active",
        "intent": "proposal",
        "code": concept("ASH 2026 guideline evaluation (AYA relapsed/refractory ALL)"),
        "subject": builder.patient,
        "authoredOn": as_of,
        "reasonReference": [builder.condition],
        "note": [
            {
                "text": f"Evaluated as of {as_of} with rule set {version}; decision "
                f"point {evaluation.get('decision_point', 'NONE')}. Options from "
                "the guideline, to be discussed with the patient; not orders."
            }
        ],
    }
    if actions:
        resource["action"] = actions
    builder.add("evaluation", resource)
