"""The alerts a patient can act on, in plain words (the aid's safety box).

Prior VOD with inotuzumab offered, VOD after inotuzumab then a transplant, CD19
escape, untested markers, a high marrow burden before blinatumomab, revumenib's dose
and unborn baby, nelarabine's nerves, CNS radiation alone, and the guideline's ages.
Each note is a key into the wording (``safety``) and its parameters.
"""

from __future__ import annotations

from collections.abc import Mapping

from decisionaids.engine_result import EngineView
from decisionaids.fit import marker
from decisionaids.plan import Note

# Alerts a patient can act on, in the order the safety box lists them.
SAFETY_ALERTS = (
    "ALERT-PRIOR-VOD",
    "ALERT-INO-HSCT-PLANNING",
    "ALERT-INO-VOD",
    "ALERT-CD19-ESCAPE",
    "ALERT-ANTIGEN-UNKNOWN",
    "ALERT-BLINA-HIGH-BURDEN",
    "ALERT-REVUMENIB-DOSE",
    "ALERT-NELARABINE-NEURO",
    "ALERT-CNS-RT-ALONE",
    "ALERT-OUTSIDE-AYA",
)


def _vod_date(document: Mapping) -> dict:
    dates = [
        e["date"]
        for e in document.get("events") or ()
        if e.get("type") == "toxicity" and e.get("toxicity") == "vod_sos"
    ]
    return {"date": max(dates)} if dates else {}


def safety_notes(document: Mapping, view: EngineView, shown: set[str]) -> list[Note]:
    notes = []
    for alert in SAFETY_ALERTS:
        if alert not in view.alerts:
            continue
        if alert == "ALERT-PRIOR-VOD":
            if "inotuzumab" in shown:
                notes.append(Note("prior_vod", _vod_date(document)))
        elif alert == "ALERT-INO-HSCT-PLANNING":
            if "inotuzumab" in shown:
                notes.append(
                    Note(
                        "ino_hsct_planning",
                        {"measure": ("EV-INO-VOD", "vod_after_hsct")},
                    )
                )
        elif alert == "ALERT-INO-VOD":
            notes.append(Note("ino_vod", {"measure": ("EV-INO-VOD", "vod_after_hsct")}))
        elif alert == "ALERT-CD19-ESCAPE":
            negative = marker(document, "cd19") == "negative"
            notes.append(Note("cd19_lost" if negative else "cd19_escape"))
        elif alert == "ALERT-ANTIGEN-UNKNOWN":
            notes.append(Note("antigen_unknown"))
        elif alert == "ALERT-BLINA-HIGH-BURDEN":
            if "blinatumomab" in shown:
                notes.append(Note("blina_high_burden"))
        elif alert == "ALERT-REVUMENIB-DOSE":
            if "revumenib" in shown:
                inhibitor = (document.get("medications") or {}).get(
                    "strong_cyp3a4_inhibitor"
                )
                notes.append(
                    Note("revumenib_cyp3a4" if inhibitor else "revumenib_medicines")
                )
        elif alert == "ALERT-NELARABINE-NEURO":
            notes.append(Note("nelarabine_neuro"))
        elif alert == "ALERT-CNS-RT-ALONE":
            notes.append(Note("cns_rt_alone"))
        elif alert == "ALERT-OUTSIDE-AYA":
            notes.append(Note("outside_aya"))
    return notes
