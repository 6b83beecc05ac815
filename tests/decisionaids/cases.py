"""Case documents the aid tests print besides the vignettes: the patients of issue 12.

Each is a schema-valid case document, written out in full so a reader sees the facts
the printed aid must state. Dates are fixed; the evaluation date is 2026-11-01. The
review samples (``decisionaids.samples``) are among them.
"""

from __future__ import annotations

from decisionaids.samples import ines, sample_case, t_all_with_cns


def many_options() -> dict:
    """The most an aid has to hold: a refractory, KMT2A-rearranged, CD19+/CD22+
    second relapse after a transplant at 22, so every agent, every CAR-T product,
    revumenib and donor lymphocytes are open, with high marrow burden."""
    return sample_case(
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
