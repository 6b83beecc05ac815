"""The patient's own facts, as notes an aid words in plain language ("About you").

Pure functions of the case document and the engine's reading of it (``EngineView``):
which relapse this is, how long the last remission lasted, where the leukemia is, the
markers, every treatment had before with its month (and whether it was given during
this relapse), a transplant and its donor, serious side effects, and for a remission
its MRD. Nothing is guessed: an unknown fact is said to be unknown, or left out when
the aid does not need it. Notes carry keys and parameters, never wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from decisionaids.content.aids import (
    CART_PRODUCT_KEYS,
    DA_CNS_RELAPSE,
    DA_FERTILITY,
    DA_TRANSPLANT,
)
from decisionaids.engine_result import EngineView
from decisionaids.plan import Note

# Treatments an aid lists, in this order, with the key of their plain name.
TREATMENTS = (
    "chemotherapy",
    "blinatumomab",
    "inotuzumab",
    "car_t",
    "revumenib",
    "nelarabine",
    "tki",
    "dli",
    "it_chemotherapy",
    "cranial_rt",
)
# Serious side effects worth naming (the transplant team and the aid both need them):
# VOD/SOS at any grade; CRS and ICANS at grade 3 or more.
SEVERE_GRADE = 3
TOXICITIES_ANY_GRADE = ("vod_sos",)
TOXICITIES_SEVERE = ("crs", "icans")
DONORS = ("matched_sibling", "matched_unrelated", "haploidentical", "cord", "other")


def _events(document: Mapping, as_of: dt.date | None) -> list[tuple[dt.date, dict]]:
    rows = []
    for event in document.get("events") or ():
        when = dt.date.fromisoformat(event["date"])
        if as_of is None or when <= as_of:
            rows.append((when, event))
    rows.sort(key=lambda row: row[0])
    return rows


def _disease_notes(view: EngineView, document: Mapping) -> list[Note]:
    state = document["disease"]["state"]
    count = view.relapse_count
    relapse_date = view.latest_relapse_date
    notes = []
    if state == "primary_refractory":
        notes.append(Note("refractory"))
    elif state == "remission_after_relapse":
        if count:
            notes.append(Note("remission_again", {"n": count}))
        else:
            notes.append(Note("remission_again_unknown"))
    else:
        if count and relapse_date is not None:
            notes.append(Note("relapse_n", {"n": count, "date": relapse_date}))
        elif count:
            notes.append(Note("relapse_n_undated", {"n": count}))
        elif state == "relapse":
            notes.append(Note("relapse_unknown"))
        if state == "progression_after_salvage":
            notes.append(Note("progression"))
    if state in ("relapse", "progression_after_salvage") and count:
        months = view.remission_before_relapse_months
        if months is None:
            notes.append(Note("remission_length_unknown"))
        elif months < 1:
            notes.append(Note("remission_length_short"))
        else:
            notes.append(Note("remission_length", {"months": months}))
    return notes


def _site_notes(view: EngineView, document: Mapping) -> list[Note]:
    if document["disease"]["state"] == "remission_after_relapse":
        return []
    sites = set(document["disease"].get("sites") or ())
    if view.cns_involved:
        sites.add("cns")
    if view.isolated_cns_relapse:
        return [Note("sites_cns_only")]
    ordered = [
        s for s in ("marrow", "cns", "testis", "other_extramedullary") if s in sites
    ]
    if not ordered:
        return []
    return [Note("sites", {"sites": tuple(ordered)})]


def _marker_notes(document: Mapping) -> list[Note]:
    diagnosis = document["diagnosis"]
    markers = document.get("markers") or {}
    if diagnosis["lineage"] == "T":
        notes = [Note("t_cell")]
    else:
        has, lacks, untested = [], [], []
        for marker in ("cd19", "cd22"):
            value = markers.get(marker, "unknown")
            {"positive": has, "negative": lacks}.get(value, untested).append(marker)
        if markers.get("cd20") == "positive":
            has.append("cd20")
        notes = [
            Note(
                "markers",
                {"has": tuple(has), "lacks": tuple(lacks), "untested": tuple(untested)},
            )
        ]
    if diagnosis.get("ph_status") == "positive":
        notes.append(Note("ph_positive"))
    if markers.get("kmt2a_rearranged") == "yes":
        notes.append(Note("kmt2a"))
    return notes


def _treatment_notes(
    view: EngineView, events: list[tuple[dt.date, dict]], *, aid_id: str
) -> list[Note]:
    latest: dict[str, tuple[dt.date, dict]] = {}
    for when, event in events:
        if event["type"] in TREATMENTS:
            latest[event["type"]] = (when, event)
    shown = TREATMENTS if aid_id == DA_CNS_RELAPSE else TREATMENTS[:-2]
    notes = []
    for kind in shown:
        if kind not in latest:
            continue
        when, event = latest[kind]
        params: dict = {"treatment": kind, "date": when}
        product = CART_PRODUCT_KEYS.get((event.get("agent") or "").strip().lower())
        if kind == "car_t" and product:
            params["product"] = product
        start = view.episode_start
        if start is not None and when >= start:
            notes.append(Note("treatment_this_episode", params))
        else:
            notes.append(Note("treatment_before", params))
    return notes


def _transplant_notes(events: list[tuple[dt.date, dict]]) -> list[Note]:
    transplants = [(when, e) for when, e in events if e["type"] == "allo_hsct"]
    if not transplants:
        return []
    when, event = transplants[-1]
    donor = event.get("donor")
    params = {"date": when, "donor": donor if donor in DONORS else "unknown"}
    if len(transplants) > 1:
        params["count"] = len(transplants)
    return [Note("transplant", params)]


def _toxicity_notes(events: list[tuple[dt.date, dict]]) -> list[Note]:
    notes = []
    seen = set()
    for when, event in reversed(events):
        if event["type"] != "toxicity":
            continue
        kind = event.get("toxicity")
        grade = event.get("grade")
        if kind in seen:
            continue
        if kind in TOXICITIES_ANY_GRADE or (
            kind in TOXICITIES_SEVERE and grade is not None and grade >= SEVERE_GRADE
        ):
            seen.add(kind)
            severe = grade is not None and grade >= SEVERE_GRADE
            notes.append(
                Note(f"had_{kind}", {"date": when, "severe": severe, "grade": grade})
            )
    return list(reversed(notes))


def _remission_notes(view: EngineView, document: Mapping) -> list[Note]:
    notes = []
    mrd = view.latest_mrd
    notes.append(
        Note(
            {"negative": "mrd_negative", "positive": "mrd_positive"}.get(
                mrd, "mrd_unknown"
            )
        )
    )
    if view.remission_with_cart:
        notes.append(Note("remission_with", {"treatment": "car_t"}))
    elif view.remission_with_blinatumomab:
        notes.append(Note("remission_with", {"treatment": "blinatumomab"}))
    eligible = (document.get("fitness") or {}).get("transplant_eligible", "unknown")
    notes.append(Note(f"transplant_eligible_{eligible}"))
    return notes


def patient_facts(
    *, aid_id: str, view: EngineView, document: Mapping
) -> tuple[Note, ...]:
    """The "About you" notes of one aid, in reading order."""
    if aid_id == DA_FERTILITY:
        return ()
    events = _events(document, view.as_of)
    notes = _disease_notes(view, document)
    notes += _site_notes(view, document)
    if aid_id != DA_TRANSPLANT:
        notes += _marker_notes(document)
    notes += _treatment_notes(view, events, aid_id=aid_id)
    notes += _transplant_notes(events)
    notes += _toxicity_notes(events)
    if aid_id == DA_TRANSPLANT:
        notes += _remission_notes(view, document)
    return tuple(notes)
