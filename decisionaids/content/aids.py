"""The decision aids as structure: options, grid rows, and which figure goes where.

Wording lives in the per-language modules (``en.py``, ``es.py``); numbers live in the
stored evidence rows (``EvidenceFigure``). This module says which option each measure
of each EV row describes, and in which like-for-like outcome row it is printed, so both
languages print the same figures in the same places.
"""

from __future__ import annotations

DA_REINDUCTION = "DA-REINDUCTION"
DA_REINDUCTION_T = "DA-REINDUCTION-T"
DA_TRANSPLANT = "DA-TRANSPLANT"
DA_CNS_RELAPSE = "DA-CNS-RELAPSE"
DA_FERTILITY = "DA-FERTILITY"
AID_IDS = (
    DA_REINDUCTION,
    DA_REINDUCTION_T,
    DA_TRANSPLANT,
    DA_CNS_RELAPSE,
    DA_FERTILITY,
)

LANGUAGES = ("en", "es")
PAPERS = ("letter", "a4")

# The questions patients ask, one grid column each (Option Grid questions; one row
# per option, so any number of options fits the page), and the option wording each
# question prints. The numbers, each with its study design, are in the
# outcome rows.
GRID_ROWS: dict[str, tuple[str, ...]] = {
    "what": ("what",),
    "how": ("how",),
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
# Catalogue "CAR-T products": tisagenlecleucel is labelled for age 25 or younger.
TISAGENLECLEUCEL_MAX_AGE = 25

# Study designs (catalogue "Evidence for decision aids": shown with every figure as
# its certainty). Stored on each EvidenceFigure row.
DESIGN_RANDOMISED = "randomised_vs_chemotherapy"
DESIGN_SINGLE_ARM = "single_arm"
DESIGN_DONOR = "donor_comparison"
DESIGN_REGISTRY = "registry"
DESIGN_ONE_HOSPITAL = "single_institution"
DESIGNS = (
    DESIGN_RANDOMISED,
    DESIGN_SINGLE_ARM,
    DESIGN_DONOR,
    DESIGN_REGISTRY,
    DESIGN_ONE_HOSPITAL,
)

# Each option: the evidence arms that describe it, and the measures shown for it
# (ev_id, measure key). Comparison arms (chemotherapy in a randomised study) are
# printed beside the option they were compared with, labelled as such.
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
            ("EV-REVUMENIB", "cr"),
            ("EV-REVUMENIB", "response"),
            ("EV-REVUMENIB", "median_os"),
            ("EV-REVUMENIB-TOX", "ds3"),
            ("EV-REVUMENIB-TOX", "qt3"),
            ("EV-REVUMENIB-TOX", "fn3"),
            ("EV-REVUMENIB-TOX", "fatal"),
        ),
    },
    "nelarabine": {
        "arms": ("nelarabine",),
        "measures": (
            ("EV-NELARABINE", "cr"),
            ("EV-NELARABINE", "alive_1y"),
        ),
    },
    "dli": {"arms": (), "measures": ()},
    # Chemotherapy's own numbers are the comparison arms of the studies above.
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
    # No transplant: the sources give no figures for maintenance or monitoring today.
    # EV-HSCT-OS5Y's chemotherapy arm is printed under the transplant, as what it is.
    "no_hsct": {"arms": (), "measures": ()},
    "it_systemic": {"arms": (), "measures": ()},
    "cranial_rt": {"arms": (), "measures": ()},
    "fertility_counselling": {"arms": (), "measures": ()},
    "fertility_preservation": {"arms": (), "measures": ()},
    "fertility_not_now": {"arms": (), "measures": ()},
}

# Arms printed beside an option's own figures, from the same study, and the option
# they belong to (a comparison arm is shown only when that option is offered, or, for
# EV-HSCT-OS5Y, as "chemotherapy instead of a transplant" under the transplant).
COMPARISON_ARMS = {"chemotherapy": "chemotherapy", "chemotherapy_only": "hsct"}

# Like for like: every measure belongs to one outcome row, and a row holds only
# figures with the same outcome and time frame. Rows print in this order.
OUTCOME_ROWS: dict[str, tuple[tuple[str, str], ...]] = {
    "remission": (
        ("EV-INO-CR", "cr"),
        ("EV-BREXU", "cr"),
        ("EV-OBE", "cr"),
        ("EV-REVUMENIB", "cr"),
        ("EV-NELARABINE", "cr"),
    ),
    "mrd_negative": (("EV-INO-MRD", "mrd_negative"),),
    "response": (("EV-REVUMENIB", "response"),),
    "efs_6m": (("EV-BLINA-EFS6", "efs6"),),
    "efs_12m": (("EV-TISAGEN", "efs_12m"),),
    "alive_1y": (
        ("EV-TISAGEN", "alive_12m"),
        ("EV-OBE", "alive_12m"),
        ("EV-NELARABINE", "alive_1y"),
    ),
    "alive_2y": (("EV-INO-OS2Y", "alive_2y"),),
    "median_os": (("EV-BLINA-OS", "median_os"), ("EV-REVUMENIB", "median_os")),
    "alive_5y": (("EV-HSCT-OS5Y", "alive_5y"),),
    "alive_3y_mrdneg": (("EV-HSCT-MRDNEG", "alive_3y"),),
    "alive_3y_transplanted": (("EV-HSCT-GVHD", "alive_3y"),),
    "crs_severe": (
        ("EV-BLINA-TOX", "crs3"),
        ("EV-BREXU", "crs3"),
        ("EV-OBE", "crs3"),
    ),
    "crs_any": (("EV-TISAGEN", "crs"),),
    "neuro_severe": (("EV-BLINA-TOX", "neuro3"), ("EV-BREXU", "neuro3")),
    "icans_severe": (("EV-OBE", "icans3"),),
    "infection_severe": (("EV-BLINA-TOX", "infection3"),),
    "vod_severe": (("EV-INO-VOD", "vod3"),),
    "vod_after_hsct": (("EV-INO-VOD", "vod_after_hsct"),),
    "ds_severe": (("EV-REVUMENIB-TOX", "ds3"),),
    "qt_severe": (("EV-REVUMENIB-TOX", "qt3"),),
    "fn_severe": (("EV-REVUMENIB-TOX", "fn3"),),
    "fatal": (("EV-REVUMENIB-TOX", "fatal"),),
    "gvhd_acute": (("EV-HSCT-GVHD", "acute_gvhd"),),
    "gvhd_acute_severe": (("EV-HSCT-GVHD", "acute_gvhd3"),),
    "gvhd_chronic": (("EV-HSCT-GVHD", "chronic_gvhd"),),
}
ROW_OF_MEASURE: dict[tuple[str, str], str] = {
    measure: row for row, measures in OUTCOME_ROWS.items() for measure in measures
}
# A figure that counts less than the rest of its row says so in its cell.
MEASURE_CELL_NOTES: dict[tuple[str, str], str] = {
    ("EV-INO-CR", "cr"): "cr_cri_together",
    ("EV-REVUMENIB", "cr"): "cr_only",
}
# A measure whose second group ("also") is not the row's outcome: in the remission
# row, nelarabine's partial responses are told apart, not drawn as remissions.
ALSO_APART: frozenset[tuple[str, str]] = frozenset({("EV-NELARABINE", "cr")})
# Figures whose source calls them uncertain (seed 004: inotuzumab's better two-year
# survival only "approached statistical significance").
UNCERTAIN_MEASURES: dict[tuple[str, str], str] = {
    ("EV-INO-OS2Y", "alive_2y"): "chance",
}

# Icon arrays take room (each at least 30 mm, four to a line): at most this many in
# one aid. Rows get pictures in this order, benefits first, so every option's main
# result is drawn alike; a row gets pictures for all its figures or for none. The
# other rows are told in words and numbers (every number is still printed, with its
# study design).
MAX_ICON_ARRAYS = 8
# The tighter form of an aid that would not fit 4 pages (see rendering).
MAX_ICON_ARRAYS_COMPACT = 6
PICTURE_PRIORITY = (
    "remission",
    "efs_6m",
    "alive_1y",
    "efs_12m",
    "response",
    "alive_5y",
    "alive_3y_mrdneg",
    "alive_3y_transplanted",
    "mrd_negative",
    "alive_2y",
    "crs_severe",
    "crs_any",
    "neuro_severe",
    "icans_severe",
    "infection_severe",
    "vod_severe",
    "ds_severe",
    "qt_severe",
    "fn_severe",
    "fatal",
    "gvhd_acute",
    "gvhd_acute_severe",
    "gvhd_chronic",
)


# The options each aid can offer, in column order, before the case filters them.
AID_OPTIONS: dict[str, tuple[str, ...]] = {
    DA_REINDUCTION: (
        "blinatumomab",
        "inotuzumab",
        "car_t",
        "revumenib",
        "dli",
        "chemotherapy",
        "trial",
    ),
    DA_REINDUCTION_T: ("nelarabine", "dli", "chemotherapy", "trial"),
    DA_TRANSPLANT: ("hsct", "no_hsct", "trial"),
    DA_CNS_RELAPSE: ("it_systemic", "cranial_rt", "trial"),
    DA_FERTILITY: (
        "fertility_counselling",
        "fertility_preservation",
        "fertility_not_now",
    ),
}

# The catalogue sources (recommendations, not figures) each aid rests on.
AID_SOURCES: dict[str, tuple[str, ...]] = {
    DA_REINDUCTION: ("ASH-RR-2026", "REF-ADULT-RR"),
    DA_REINDUCTION_T: ("ASH-RR-2026", "REF-ADULT-RR"),
    DA_TRANSPLANT: ("ASH-RR-2026", "REF-ADULT-RR"),
    DA_CNS_RELAPSE: ("ASH-RR-2026", "REF-ADULT-RR"),
    DA_FERTILITY: ("ASH-FL-2026", "ASH-RR-2026"),
}

# Words that need a line in the aid's glossary box when the aid uses them; the
# glossary lists only the words this aid prints (keys of ``glossary`` in the text).
GLOSSARY_ORDER = (
    "remission",
    "mrd",
    "cd19",
    "crs",
    "icans",
    "vod",
    "gvhd",
    "differentiation_syndrome",
    "conditioning",
    "intrathecal",
)
