"""Fictional cases for reviewing printed aids: the patients issue 12 was written about.

``manage.py print_aid_samples`` prints an aid for each, plus the vendored isolated CNS
relapse vignette, and turns the PDFs into page images for a reviewer. The tests print
them too. Every name and date is invented.
"""

from __future__ import annotations

import copy

EVALUATION_DATE = "2026-11-01"


def sample_case(**overrides: object) -> dict:
    """A fit young woman in a first marrow relapse of B-ALL, with ``overrides``."""
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
    return sample_case(
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
    return sample_case(
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


# The three aids a reviewer looks at: a multiply relapsed B-ALL after a transplant,
# a T-ALL, and an isolated CNS relapse (the vendored vignette).
REVIEW_AIDS = (
    ("multiply-relapsed-after-transplant", ines, "DA-REINDUCTION"),
    ("t-all", t_all_with_cns, "DA-REINDUCTION-T"),
    ("isolated-cns-relapse", "isolated_cns_relapse.json", "DA-CNS-RELAPSE"),
)
