"""Case documents the aid tests print besides the vignettes: the patients of issue 12.

Each is a schema-valid case document, written out in full so a reader sees the facts
the printed aid must state. Dates are fixed; the evaluation date is 2026-11-01.
"""

from __future__ import annotations

import copy

EVALUATION_DATE = "2026-11-01"


def _base(**overrides: object) -> dict:
    document = {
        "case_id": "TEST-AID",
        "given_name": "Alex",
        "birth_date": "2000-01-15",
        "evaluation_date": EVALUATION_DATE,
        "sex": "female",
        "can_become_pregnant": True,
        "weight_kg": 60,
        "diagnosis": {"date": "2022-09-20", "lineage": "B", "ph_status": "negative"},
        "disease": {
            "state": "relapse",
            "relapse_count": 1,
            "latest_relapse_date": "2026-10-18",
            "sites": ["marrow"],
            "marrow_blast_percent": 35,
        },
        "markers": {
            "cd19": "positive",
            "cd22": "positive",
            "cd20": "negative",
            "kmt2a_rearranged": "no",
        },
        "fitness": {"ecog": 1, "category": "fit", "transplant_eligible": "yes"},
        "events": [],
        "referrals": [],
    }
    document.update(copy.deepcopy(overrides))
    return document


def ines() -> dict:
    """A second relapse after a sibling transplant; blinatumomab and inotuzumab were
    given in the first relapse, and grade 3 VOD followed the transplant."""
    return _base(
        case_id="TEST-INES",
        given_name="Inés",
        birth_date="1994-05-02",
        diagnosis={"date": "2022-09-20", "lineage": "B", "ph_status": "negative"},
        disease={
            "state": "relapse",
            "relapse_count": 2,
            "latest_relapse_date": "2026-10-18",
            "sites": ["marrow"],
            "marrow_blast_percent": 35,
        },
        markers={
            "cd19": "positive",
            "cd22": "positive",
            "cd20": "positive",
            "kmt2a_rearranged": "no",
        },
        events=[
            {"type": "chemotherapy", "date": "2022-09-23", "end_date": "2023-03-01"},
            {
                "type": "response",
                "date": "2022-11-10",
                "response": "CR",
                "mrd": "negative",
            },
            {"type": "relapse", "date": "2025-03-01"},
            {"type": "blinatumomab", "date": "2025-03-10", "end_date": "2025-04-07"},
            {
                "type": "response",
                "date": "2025-04-20",
                "response": "CR",
                "mrd": "positive",
            },
            {"type": "inotuzumab", "date": "2025-05-02", "end_date": "2025-06-10"},
            {
                "type": "response",
                "date": "2025-06-20",
                "response": "CR",
                "mrd": "negative",
            },
            {"type": "allo_hsct", "date": "2025-08-05", "donor": "matched_sibling"},
            {
                "type": "toxicity",
                "date": "2025-08-25",
                "toxicity": "vod_sos",
                "grade": 3,
            },
            {"type": "relapse", "date": "2026-10-18"},
        ],
    )


def t_all_with_cns() -> dict:
    """A 21-year-old man with a first relapse of T-ALL in marrow and CNS, treated
    with intrathecal chemotherapy since."""
    return _base(
        case_id="TEST-TALL",
        given_name="Mateo",
        birth_date="2005-03-11",
        sex="male",
        can_become_pregnant=False,
        diagnosis={"date": "2024-02-01", "lineage": "T", "ph_status": "negative"},
        disease={
            "state": "relapse",
            "relapse_count": 1,
            "latest_relapse_date": "2026-10-20",
            "sites": ["marrow", "cns"],
            "marrow_blast_percent": 30,
        },
        markers={
            "cd19": "negative",
            "cd22": "negative",
            "cd20": "negative",
            "kmt2a_rearranged": "no",
        },
        events=[
            {"type": "relapse", "date": "2026-10-20"},
            {"type": "cns_event", "date": "2026-10-20", "cns_kind": "cns_involvement"},
            {"type": "it_chemotherapy", "date": "2026-10-24"},
        ],
    )


def many_options() -> dict:
    """The most an aid has to hold: a refractory, KMT2A-rearranged, CD19+/CD22+
    second relapse after a transplant at 22, so every agent, every CAR-T product,
    revumenib and donor lymphocytes are open, with high marrow burden."""
    return _base(
        case_id="TEST-MANY",
        given_name="Valentina",
        birth_date="2004-06-01",
        diagnosis={"date": "2023-01-10", "lineage": "B", "ph_status": "negative"},
        disease={
            "state": "relapse",
            "relapse_count": 2,
            "latest_relapse_date": "2026-10-10",
            "sites": ["marrow"],
            "marrow_blast_percent": 70,
        },
        markers={
            "cd19": "positive",
            "cd22": "positive",
            "cd20": "positive",
            "kmt2a_rearranged": "yes",
        },
        events=[
            {"type": "chemotherapy", "date": "2023-01-12", "end_date": "2023-08-01"},
            {
                "type": "response",
                "date": "2023-02-20",
                "response": "CR",
                "mrd": "negative",
            },
            {"type": "relapse", "date": "2025-01-15"},
            {"type": "chemotherapy", "date": "2025-01-20", "end_date": "2025-03-01"},
            {
                "type": "response",
                "date": "2025-03-10",
                "response": "CR",
                "mrd": "negative",
            },
            {"type": "allo_hsct", "date": "2025-05-05", "donor": "matched_unrelated"},
            {"type": "relapse", "date": "2026-10-10"},
        ],
    )


EXTRA_CASES = {
    "ines": ines,
    "t_all_with_cns": t_all_with_cns,
    "many_options": many_options,
}
