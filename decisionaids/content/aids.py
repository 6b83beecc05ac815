"""The four decision aids as structure: options, grid rows and the figures each shows.

Wording lives in the per-language modules (``en.py``, ``es.py``); numbers live in the
stored evidence rows (``EvidenceFigure``). This module only says which option shows
which measure of which EV row, so both languages print the same figures.
"""

from __future__ import annotations

DA_REINDUCTION = "DA-REINDUCTION"
DA_TRANSPLANT = "DA-TRANSPLANT"
DA_CNS_RELAPSE = "DA-CNS-RELAPSE"
DA_FERTILITY = "DA-FERTILITY"
AID_IDS = (DA_REINDUCTION, DA_TRANSPLANT, DA_CNS_RELAPSE, DA_FERTILITY)

LANGUAGES = ("en", "es")
PAPERS = ("letter", "a4")

# The questions patients ask, one grid row each (Option Grid style), and the option
# wording each row prints ("works" is built from the evidence rows).
GRID_ROWS: dict[str, tuple[str, ...]] = {
    "what": ("what",),
    "how": ("how", "where"),
    "time": ("how_long", "hospital"),
    "works": (),
    "risks": ("risks",),
}

# CAR-T products in the catalogue's product table, in its order, with their evidence.
CART_PRODUCT_KEYS = {
    "tisagenlecleucel": "tisagenlecleucel",
    "brexucabtagene autoleucel": "brexucabtagene",
    "obecabtagene autoleucel": "obecabtagene",
}
CART_PRODUCT_EVIDENCE = {
    "tisagenlecleucel": "EV-TISAGEN",
    "brexucabtagene": "EV-BREXU",
    "obecabtagene": "EV-OBE",
}

# Each option: the evidence arms that describe it, and the measures shown for it in
# "What happened to people in studies" (ev_id, measure key). The first benefit
# measure is the option's headline in the grid's "works" row.
OPTIONS: dict[str, dict] = {
    "blinatumomab": {
        "arms": ("blinatumomab",),
        "measures": (
            ("EV-BLINA-EFS6", "efs6"),
            ("EV-BLINA-OS", "median_os"),
            ("EV-BLINA-TOX", "crs3"),
            ("EV-BLINA-TOX", "neuro3"),
            ("EV-BLINA-TOX", "infection3"),
        ),
    },
    "inotuzumab": {
        "arms": ("inotuzumab", "inotuzumab_then_hsct"),
        "measures": (
            ("EV-INO-CR", "cr"),
            ("EV-INO-MRD", "mrd_negative"),
            ("EV-INO-OS2Y", "alive_2y"),
            ("EV-INO-VOD", "vod3"),
            ("EV-INO-VOD", "vod_after_hsct"),
        ),
    },
    "car_t": {
        # Arms and measures come from the products that fit the case.
        "arms": (),
        "measures": (),
        "products": {
            "tisagenlecleucel": (
                ("EV-TISAGEN", "alive_12m"),
                ("EV-TISAGEN", "efs_12m"),
                ("EV-TISAGEN", "crs"),
            ),
            "brexucabtagene": (
                ("EV-BREXU", "cr"),
                ("EV-BREXU", "crs3"),
                ("EV-BREXU", "neuro3"),
            ),
            "obecabtagene": (
                ("EV-OBE", "cr"),
                ("EV-OBE", "alive_12m"),
                ("EV-OBE", "crs3"),
                ("EV-OBE", "icans3"),
            ),
        },
    },
    "revumenib": {
        "arms": ("revumenib",),
        "measures": (
            ("EV-REVUMENIB", "response"),
            ("EV-REVUMENIB", "cr"),
            ("EV-REVUMENIB", "median_os"),
        ),
    },
    # Chemotherapy is the comparison arm in the blinatumomab and inotuzumab studies;
    # its numbers are shown beside theirs, never on their own.
    "chemotherapy": {"arms": ("chemotherapy",), "measures": ()},
    "trial": {"arms": (), "measures": ()},
    "hsct": {
        "arms": ("hsct_sibling", "hsct_unrelated", "hsct", "hsct_mrdneg"),
        "measures": (
            ("EV-HSCT-OS5Y", "alive_5y"),
            ("EV-HSCT-MRDNEG", "alive_3y"),
            ("EV-HSCT-GVHD", "alive_3y"),
            ("EV-HSCT-GVHD", "acute_gvhd"),
            ("EV-HSCT-GVHD", "acute_gvhd3"),
            ("EV-HSCT-GVHD", "chronic_gvhd"),
        ),
    },
    "no_hsct": {"arms": ("chemotherapy_only",), "measures": ()},
    "it_systemic": {"arms": (), "measures": ()},
    "cranial_rt": {"arms": (), "measures": ()},
    "fertility_counselling": {"arms": (), "measures": ()},
    "fertility_preservation": {"arms": (), "measures": ()},
    "fertility_not_now": {"arms": (), "measures": ()},
}

# The options each aid can offer, in column order, before the case filters them.
AID_OPTIONS: dict[str, tuple[str, ...]] = {
    DA_REINDUCTION: (
        "blinatumomab",
        "inotuzumab",
        "car_t",
        "revumenib",
        "chemotherapy",
        "trial",
    ),
    DA_TRANSPLANT: ("hsct", "no_hsct", "trial"),
    DA_CNS_RELAPSE: ("it_systemic", "cranial_rt", "trial"),
    DA_FERTILITY: (
        "fertility_counselling",
        "fertility_preservation",
        "fertility_not_now",
    ),
}

# Every EV row an aid can cite (the sources section lists those actually shown).
AID_EVIDENCE: dict[str, tuple[str, ...]] = {
    DA_REINDUCTION: (
        "EV-BLINA-OS",
        "EV-BLINA-EFS6",
        "EV-BLINA-TOX",
        "EV-INO-CR",
        "EV-INO-MRD",
        "EV-INO-OS2Y",
        "EV-INO-VOD",
        "EV-TISAGEN",
        "EV-BREXU",
        "EV-OBE",
        "EV-REVUMENIB",
    ),
    DA_TRANSPLANT: (
        "EV-HSCT-OS5Y",
        "EV-HSCT-GVHD",
        "EV-HSCT-MRDNEG",
        "EV-INO-VOD",
    ),
    DA_CNS_RELAPSE: (),
    DA_FERTILITY: (),
}

# The catalogue sources (recommendations, not figures) each aid rests on.
AID_SOURCES: dict[str, tuple[str, ...]] = {
    DA_REINDUCTION: ("ASH-RR-2026", "REF-ADULT-RR"),
    DA_TRANSPLANT: ("ASH-RR-2026", "REF-ADULT-RR"),
    DA_CNS_RELAPSE: ("ASH-RR-2026", "REF-ADULT-RR"),
    DA_FERTILITY: ("ASH-FL-2026", "ASH-RR-2026"),
}
