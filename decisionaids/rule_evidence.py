"""Which evidence figures (EV-…) stand behind which recommendation or alert.

Pure (no Django). The catalogue ties each EV row to the agent or therapy its study
measured ("Evidence for decision aids"); a recommendation is backed by the rows of
the agents it names, and only of those still open for the patient (the suited agents
of RR-B-IMMUNO-REINDUCTION, the eligible products of RR-B-CART-OPTION). An item whose
therapy has no figure in the catalogue (chemotherapy choice, DLI, blinatumomab
maintenance, CNS-directed therapy…) has none: none is invented.
"""

from __future__ import annotations

from collections.abc import Mapping

from decisionaids.content.aids import (
    DESIGN_DONOR,
    DESIGN_ONE_HOSPITAL,
    DESIGN_RANDOMISED,
    DESIGN_REGISTRY,
    DESIGN_SINGLE_ARM,
)

AGENT_EVIDENCE = {
    "blinatumomab": ("EV-BLINA-OS", "EV-BLINA-EFS6", "EV-BLINA-TOX"),
    "inotuzumab": ("EV-INO-CR", "EV-INO-MRD", "EV-INO-OS2Y", "EV-INO-VOD"),
}
HSCT_EVIDENCE = ("EV-HSCT-OS5Y", "EV-HSCT-GVHD", "EV-HSCT-MRDNEG")
RULE_EVIDENCE: dict[str, tuple[str, ...]] = {
    "RR-KMT2A-REVUMENIB": ("EV-REVUMENIB", "EV-REVUMENIB-TOX"),
    "RR-T-NELARABINE": ("EV-NELARABINE",),
    "RR-HSCT-SHARED-DECISION": HSCT_EVIDENCE,
    "RR-CART-THEN-HSCT": HSCT_EVIDENCE,
    "ALERT-INO-VOD": ("EV-INO-VOD",),
    "ALERT-INO-HSCT-PLANNING": ("EV-INO-VOD",),
    "ALERT-REVUMENIB-DOSE": ("EV-REVUMENIB-TOX",),
}
# Catalogue: "Study design, to be shown with every figure as its certainty".
DESIGN_WORDS = {
    DESIGN_RANDOMISED: "randomised trial against chemotherapy",
    DESIGN_SINGLE_ARM: "single-arm study, no comparison group",
    DESIGN_DONOR: "comparison by donor availability, not randomised, treated before "
    "today's immunotherapies",
    DESIGN_REGISTRY: "registry of transplanted patients, many not in remission",
    DESIGN_ONE_HOSPITAL: "one institution",
}


def evidence_ids_for(item: Mapping) -> tuple[str, ...]:
    """The EV IDs behind one result item (recommendation or alert)."""
    rule_id = item["id"]
    detail = item.get("detail") or {}
    if rule_id == "RR-B-IMMUNO-REINDUCTION":
        return tuple(
            ev_id
            for agent in detail.get("agents", ())
            for ev_id in AGENT_EVIDENCE.get(agent, ())
        )
    if rule_id == "RR-B-CART-OPTION":
        return tuple(
            product["evidence"]
            for product in detail.get("products", ())
            if product.get("eligible") is not False and product.get("evidence")
        )
    return RULE_EVIDENCE.get(rule_id, ())
