"""The evidence table for decision aids (catalogue "Evidence for decision aids", EV-…).

Every figure an aid may show is here, exactly as the catalogue states it
(../shared/domain/README.md; all from seed 004, REF-ADULT-RR). The data migration and
the post-migrate sync copy these rows into ``EvidenceFigure``, where program
administrators review them; aids read the stored rows, never this module.

Each measure keeps the catalogue's numbers per arm:

- ``unit`` — ``of_100`` (N of 100 people; an icon array is drawn), ``of_n`` (N of a
  stated group, e.g. 10 of 48; words only) or ``median_months`` (words only);
- ``value`` — a number, or ``[low, high]`` for a range the source gives (words only);
- ``also`` — a second, separate group of the same 100 (e.g. CRi after CR), drawn with
  its own pattern;
- ``approx`` — the source says "about".

``design`` is the study design the catalogue names for the row, shown with every figure
as its certainty. ``title`` and ``outcome`` are the plain-language wording in English
and Spanish, written for the aids; no result number appears in them.
"""

from __future__ import annotations

import datetime as dt

from decisionaids.content.aids import (
    DESIGN_DONOR,
    DESIGN_ONE_HOSPITAL,
    DESIGN_RANDOMISED,
    DESIGN_REGISTRY,
    DESIGN_SINGLE_ARM,
)

SOURCE_KEY = "REF-ADULT-RR"
SEED = "004"
# The day these rows were copied from the catalogue; reviewers re-review in the admin.
IMPORTED_ON = dt.date(2026, 11, 21)
IMPORTED_BY = "Catalogue import (../shared/domain/README.md)"


def _text(en: str, es: str) -> dict[str, str]:
    return {"en": en, "es": es}


_TOWER = {
    "population": "phase 3, 405 adults, r/r Ph− B-ALL (TOWER)",
    "population_plain": _text(
        "a phase 3 study of 405 adults with relapsed or refractory Ph-negative B-ALL "
        "(TOWER)",
        "un estudio de fase 3 con 405 adultos con LLA-B Ph negativa en recaída o "
        "refractaria (TOWER)",
    ),
    "study": "TOWER",
    "design": DESIGN_RANDOMISED,
}
_INOVATE = {
    "population": "phase 3, 218 adults (INO-VATE)",
    "population_plain": _text(
        "a phase 3 study of 218 adults with relapsed or refractory ALL (INO-VATE)",
        "un estudio de fase 3 con 218 adultos con LLA en recaída o refractaria "
        "(INO-VATE)",
    ),
    "study": "INO-VATE",
    "design": DESIGN_RANDOMISED,
}

_ALIVE_12M = {
    "title": _text("Alive at 12 months", "Vivos a los 12 meses"),
    "outcome": _text("were alive 12 months later", "seguían con vida 12 meses después"),
}
_CRS3 = {
    "title": _text("Severe immune reaction (CRS)", "Reacción inmunitaria grave (SLC)"),
    "outcome": _text(
        "had a severe immune reaction called CRS",
        "tuvieron una reacción inmunitaria grave llamada SLC",
    ),
}
_NEURO3 = {
    "title": _text(
        "Severe brain or nerve side effects",
        "Efectos graves en el cerebro o los nervios",
    ),
    "outcome": _text(
        "had severe side effects in the brain or nerves",
        "tuvieron efectos graves en el cerebro o los nervios",
    ),
}
_CR_WITH_CRI = {
    "title": _text("In remission", "En remisión"),
    "outcome": _text("went into complete remission", "lograron una remisión completa"),
    "also_outcome": _text(
        "went into remission while their blood counts were still low",
        "lograron una remisión con los recuentos sanguíneos todavía bajos",
    ),
}

EVIDENCE: tuple[dict, ...] = (
    {
        "ev_id": "EV-BLINA-OS",
        "statement": "median overall survival 7.7 vs 4.0 months, blinatumomab vs "
        "chemotherapy",
        **_TOWER,
        "measures": [
            {
                "key": "median_os",
                "kind": "benefit",
                "unit": "median_months",
                "title": _text("How long people lived", "Cuánto tiempo vivieron"),
                "outcome": _text("lived", "vivieron"),
                "arms": [
                    {"arm": "blinatumomab", "value": 7.7},
                    {"arm": "chemotherapy", "value": 4.0},
                ],
            }
        ],
    },
    {
        "ev_id": "EV-BLINA-EFS6",
        "statement": "event-free at 6 months: 31 vs 12 of 100",
        **_TOWER,
        "measures": [
            {
                "key": "efs6",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text(
                    "Alive with the leukemia under control at 6 months",
                    "Vivos con la leucemia controlada a los 6 meses",
                ),
                "outcome": _text(
                    "were alive 6 months later with the leukemia under control",
                    "seguían con vida 6 meses después, con la leucemia controlada",
                ),
                "arms": [
                    {"arm": "blinatumomab", "value": 31},
                    {"arm": "chemotherapy", "value": 12},
                ],
            }
        ],
    },
    {
        "ev_id": "EV-BLINA-TOX",
        "statement": "grade ≥ 3 CRS 5 of 100; grade ≥ 3 neurologic 8–9 of 100 in both "
        "arms; grade ≥ 3 infection 34 vs 52 of 100",
        **_TOWER,
        "measures": [
            {
                "key": "crs3",
                "kind": "harm",
                "unit": "of_100",
                **_CRS3,
                "arms": [{"arm": "blinatumomab", "value": 5}],
            },
            {
                "key": "neuro3",
                "kind": "harm",
                "unit": "of_100",
                **_NEURO3,
                "arms": [
                    {"arm": "blinatumomab", "value": [8, 9]},
                    {"arm": "chemotherapy", "value": [8, 9]},
                ],
            },
            {
                "key": "infection3",
                "kind": "harm",
                "unit": "of_100",
                "title": _text("Severe infections", "Infecciones graves"),
                "outcome": _text(
                    "had a severe infection", "tuvieron una infección grave"
                ),
                "arms": [
                    {"arm": "blinatumomab", "value": 34},
                    {"arm": "chemotherapy", "value": 52},
                ],
            },
        ],
    },
    {
        "ev_id": "EV-INO-CR",
        "statement": "complete remission (CR/CRi) 81 vs 29 of 100, inotuzumab vs "
        "chemotherapy",
        **_INOVATE,
        "measures": [
            {
                "key": "cr",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text("In remission", "En remisión"),
                "outcome": _text("went into remission", "lograron la remisión"),
                "arms": [
                    {"arm": "inotuzumab", "value": 81},
                    {"arm": "chemotherapy", "value": 29},
                ],
            }
        ],
    },
    {
        "ev_id": "EV-INO-MRD",
        "statement": "MRD-negative 78 vs 28 of 100",
        **_INOVATE,
        "measures": [
            {
                "key": "mrd_negative",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text(
                    "No leukemia found, even with the most sensitive test (MRD)",
                    "Sin leucemia detectable, ni con la prueba más sensible (EMR)",
                ),
                "outcome": _text(
                    "had no leukemia found, even with the most sensitive test",
                    "no tenían leucemia detectable, ni con la prueba más sensible",
                ),
                "arms": [
                    {"arm": "inotuzumab", "value": 78},
                    {"arm": "chemotherapy", "value": 28},
                ],
            }
        ],
    },
    {
        "ev_id": "EV-INO-OS2Y",
        "statement": "alive at 2 years 23 vs 10 of 100",
        **_INOVATE,
        "measures": [
            {
                "key": "alive_2y",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text("Alive at 2 years", "Vivos a los 2 años"),
                "outcome": _text(
                    "were alive 2 years later", "seguían con vida 2 años después"
                ),
                "arms": [
                    {"arm": "inotuzumab", "value": 23},
                    {"arm": "chemotherapy", "value": 10},
                ],
            }
        ],
    },
    {
        "ev_id": "EV-INO-VOD",
        "statement": "grade ≥ 3 liver VOD/SOS 9 vs 1 of 100; 10 of 48 transplanted "
        "after inotuzumab had VOD",
        **_INOVATE,
        "measures": [
            {
                "key": "vod3",
                "kind": "harm",
                "unit": "of_100",
                "title": _text(
                    "Severe liver damage (VOD, also called SOS)",
                    "Daño grave del hígado (EVO, también llamada SOS)",
                ),
                "outcome": _text(
                    "had severe liver damage called VOD",
                    "tuvieron un daño grave del hígado llamado EVO",
                ),
                "arms": [
                    {"arm": "inotuzumab", "value": 9},
                    {"arm": "chemotherapy", "value": 1},
                ],
            },
            {
                "key": "vod_after_hsct",
                "kind": "harm",
                "unit": "of_n",
                "title": _text(
                    "VOD after a transplant that came after inotuzumab",
                    "EVO después de un trasplante que siguió a inotuzumab",
                ),
                "outcome": _text("got VOD", "tuvieron EVO"),
                "arms": [{"arm": "inotuzumab_then_hsct", "value": 10, "of": 48}],
            },
        ],
    },
    {
        "ev_id": "EV-TISAGEN",
        "statement": "alive at 12 months 76 of 100; event-free 50 of 100; CRS 77 of "
        "100",
        "population": "75 patients ≤ 25 y (ELIANA)",
        "population_plain": _text(
            "a study of 75 patients aged 25 or younger (ELIANA)",
            "un estudio con 75 pacientes de 25 años o menos (ELIANA)",
        ),
        "study": "ELIANA",
        "design": DESIGN_SINGLE_ARM,
        "measures": [
            {
                "key": "alive_12m",
                "kind": "benefit",
                "unit": "of_100",
                **_ALIVE_12M,
                "arms": [{"arm": "tisagenlecleucel", "value": 76}],
            },
            {
                "key": "efs_12m",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text(
                    "Alive with the leukemia under control at 12 months",
                    "Vivos con la leucemia controlada a los 12 meses",
                ),
                "outcome": _text(
                    "were alive 12 months later with the leukemia under control",
                    "seguían con vida 12 meses después, con la leucemia controlada",
                ),
                "arms": [{"arm": "tisagenlecleucel", "value": 50}],
            },
            {
                "key": "crs",
                "kind": "harm",
                "unit": "of_100",
                "title": _text(
                    "Immune reaction (CRS), mild to severe",
                    "Reacción inmunitaria (SLC), de leve a grave",
                ),
                "outcome": _text(
                    "had an immune reaction called CRS",
                    "tuvieron una reacción inmunitaria llamada SLC",
                ),
                "arms": [{"arm": "tisagenlecleucel", "value": 77}],
            },
        ],
    },
    {
        "ev_id": "EV-BREXU",
        "statement": "CR 56 + CRi 15 of 100; grade ≥ 3 CRS 24, neurologic 25 of 100",
        "population": "71 adults, median 40 y (ZUMA-3)",
        "population_plain": _text(
            "a study of 71 adults; half were older than 40 (ZUMA-3)",
            "un estudio con 71 adultos; la mitad tenía más de 40 años (ZUMA-3)",
        ),
        "study": "ZUMA-3",
        "design": DESIGN_SINGLE_ARM,
        "measures": [
            {
                "key": "cr",
                "kind": "benefit",
                "unit": "of_100",
                **_CR_WITH_CRI,
                "arms": [{"arm": "brexucabtagene", "value": 56, "also": 15}],
            },
            {
                "key": "crs3",
                "kind": "harm",
                "unit": "of_100",
                **_CRS3,
                "arms": [{"arm": "brexucabtagene", "value": 24}],
            },
            {
                "key": "neuro3",
                "kind": "harm",
                "unit": "of_100",
                **_NEURO3,
                "arms": [{"arm": "brexucabtagene", "value": 25}],
            },
        ],
    },
    {
        "ev_id": "EV-OBE",
        "statement": "CR 55 + CRi 21 of 100; alive at 12 months 61 of 100; grade ≥ 3 "
        "CRS 2.4, ICANS 7.1 of 100",
        "population": "127 patients (FELIX)",
        "population_plain": _text(
            "a study of 127 patients (FELIX)", "un estudio con 127 pacientes (FELIX)"
        ),
        "study": "FELIX",
        "design": DESIGN_SINGLE_ARM,
        "measures": [
            {
                "key": "cr",
                "kind": "benefit",
                "unit": "of_100",
                **_CR_WITH_CRI,
                "arms": [{"arm": "obecabtagene", "value": 55, "also": 21}],
            },
            {
                "key": "alive_12m",
                "kind": "benefit",
                "unit": "of_100",
                **_ALIVE_12M,
                "arms": [{"arm": "obecabtagene", "value": 61}],
            },
            {
                "key": "crs3",
                "kind": "harm",
                "unit": "of_100",
                **_CRS3,
                "arms": [{"arm": "obecabtagene", "value": 2.4}],
            },
            {
                "key": "icans3",
                "kind": "harm",
                "unit": "of_100",
                "title": _text(
                    "Severe brain side effects (ICANS)",
                    "Efectos graves en el cerebro (ICANS)",
                ),
                "outcome": _text(
                    "had severe brain side effects called ICANS",
                    "tuvieron efectos graves en el cerebro llamados ICANS",
                ),
                "arms": [{"arm": "obecabtagene", "value": 7.1}],
            },
        ],
    },
    {
        "ev_id": "EV-REVUMENIB",
        "statement": "response 63 of 100 (CR 23); median survival 8 months",
        "population": "57 patients, KMT2A-rearranged (single-arm)",
        "population_plain": _text(
            "a study of 57 patients with a KMT2A change in their leukemia",
            "un estudio con 57 pacientes con un cambio KMT2A en su leucemia",
        ),
        "study": "",
        "design": DESIGN_SINGLE_ARM,
        "measures": [
            {
                "key": "response",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text(
                    "Leukemia shrank or went away (response)",
                    "La leucemia se redujo o desapareció (respuesta)",
                ),
                "outcome": _text(
                    "had their leukemia shrink or go away",
                    "vieron cómo su leucemia se reducía o desaparecía",
                ),
                "arms": [{"arm": "revumenib", "value": 63}],
            },
            {
                "key": "cr",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text("Complete remission", "Remisión completa"),
                "outcome": _text(
                    "went into complete remission", "lograron una remisión completa"
                ),
                "arms": [{"arm": "revumenib", "value": 23}],
            },
            {
                "key": "median_os",
                "kind": "benefit",
                "unit": "median_months",
                "title": _text("How long people lived", "Cuánto tiempo vivieron"),
                "outcome": _text("lived", "vivieron"),
                "arms": [{"arm": "revumenib", "value": 8}],
            },
        ],
    },
    {
        "ev_id": "EV-REVUMENIB-TOX",
        "statement": "grade ≥ 3: differentiation syndrome 16, QT prolongation 14, "
        "febrile neutropenia 37 of 100; fatal adverse events 15 of 100 while on it or "
        "within 30 days",
        "population": "57 patients, KMT2A-rearranged (single-arm) (heavily pretreated)",
        "population_plain": _text(
            "a study of 57 patients with a KMT2A change in their leukemia, most of "
            "whom had had many treatments before",
            "un estudio con 57 pacientes con un cambio KMT2A en su leucemia; la "
            "mayoría ya había recibido muchos tratamientos",
        ),
        "study": "",
        "design": DESIGN_SINGLE_ARM,
        "measures": [
            {
                "key": "ds3",
                "kind": "harm",
                "unit": "of_100",
                "title": _text(
                    "Severe differentiation syndrome",
                    "Síndrome de diferenciación grave",
                ),
                "outcome": _text(
                    "had severe differentiation syndrome",
                    "tuvieron un síndrome de diferenciación grave",
                ),
                "arms": [{"arm": "revumenib", "value": 16}],
            },
            {
                "key": "qt3",
                "kind": "harm",
                "unit": "of_100",
                "title": _text(
                    "Severe change in heart rhythm (QT)",
                    "Cambio grave del ritmo del corazón (QT)",
                ),
                "outcome": _text(
                    "had a severe change in heart rhythm",
                    "tuvieron un cambio grave del ritmo del corazón",
                ),
                "arms": [{"arm": "revumenib", "value": 14}],
            },
            {
                "key": "fn3",
                "kind": "harm",
                "unit": "of_100",
                "title": _text(
                    "Fever with very low white blood cells",
                    "Fiebre con glóbulos blancos muy bajos",
                ),
                "outcome": _text(
                    "had a fever while their white blood cells were very low",
                    "tuvieron fiebre con los glóbulos blancos muy bajos",
                ),
                "arms": [{"arm": "revumenib", "value": 37}],
            },
            {
                "key": "fatal",
                "kind": "harm",
                "unit": "of_100",
                "title": _text(
                    "Died while taking it or in the 30 days after",
                    "Murieron mientras lo tomaban o en los 30 días siguientes",
                ),
                "outcome": _text(
                    "died of a health problem while taking it or in the 30 days after",
                    "murieron por un problema de salud mientras lo tomaban o en los "
                    "30 días siguientes",
                ),
                "arms": [{"arm": "revumenib", "value": 15}],
            },
        ],
    },
    {
        "ev_id": "EV-NELARABINE",
        "statement": "CR 36 + PR 14 of 100; alive at 1 year 37 of 100",
        "population": "118 adults ≥ 25 y, r/r T-ALL",
        "population_plain": _text(
            "a study of 118 adults aged 25 or older with relapsed or refractory T-ALL",
            "un estudio con 118 adultos de 25 años o más con LLA-T en recaída o "
            "refractaria",
        ),
        "study": "",
        "design": DESIGN_SINGLE_ARM,
        "measures": [
            {
                "key": "cr",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text("In remission", "En remisión"),
                "outcome": _text(
                    "went into complete remission", "lograron una remisión completa"
                ),
                "also_outcome": _text(
                    "had their leukemia shrink (partial response)",
                    "vieron cómo su leucemia se reducía (respuesta parcial)",
                ),
                "arms": [{"arm": "nelarabine", "value": 36, "also": 14}],
            },
            {
                "key": "alive_1y",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text("Alive at 1 year", "Vivos al año"),
                "outcome": _text(
                    "were alive 1 year later", "seguían con vida 1 año después"
                ),
                "arms": [{"arm": "nelarabine", "value": 37}],
            },
        ],
    },
    {
        "ev_id": "EV-HSCT-OS5Y",
        "statement": "alive at 5 years: 23 (sibling donor), 16 (unrelated donor) vs 4 "
        "(chemotherapy) of 100",
        "population": "609 patients 15–60 y (UKALLXII/ECOG2993)",
        "population_plain": _text(
            "a study of 609 patients aged 15 to 60 (UKALLXII/ECOG2993)",
            "un estudio con 609 pacientes de 15 a 60 años (UKALLXII/ECOG2993)",
        ),
        "study": "UKALLXII/ECOG2993",
        "design": DESIGN_DONOR,
        "measures": [
            {
                "key": "alive_5y",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text("Alive at 5 years", "Vivos a los 5 años"),
                "outcome": _text(
                    "were alive 5 years later", "seguían con vida 5 años después"
                ),
                "arms": [
                    {"arm": "hsct_sibling", "value": 23},
                    {"arm": "hsct_unrelated", "value": 16},
                    {"arm": "chemotherapy_only", "value": 4},
                ],
            }
        ],
    },
    {
        "ev_id": "EV-HSCT-GVHD",
        "statement": "acute GVHD 52 of 100 (27 grade ≥ 3); chronic GVHD about 25 of "
        "100; alive at 3 years 16 of 100",
        "population": "582 transplanted, median age 29 (CIBMTR)",
        "population_plain": _text(
            "records of 582 people who had a transplant; half were older than 29 "
            "(CIBMTR)",
            "registros de 582 personas que recibieron un trasplante; la mitad tenía "
            "más de 29 años (CIBMTR)",
        ),
        "study": "CIBMTR",
        "design": DESIGN_REGISTRY,
        "measures": [
            {
                "key": "acute_gvhd",
                "kind": "harm",
                "unit": "of_100",
                "title": _text(
                    "GVHD in the first months", "EICH en los primeros meses"
                ),
                "outcome": _text(
                    "had GVHD in the first months",
                    "tuvieron EICH en los primeros meses",
                ),
                "arms": [{"arm": "hsct", "value": 52}],
            },
            {
                "key": "acute_gvhd3",
                "kind": "harm",
                "unit": "of_100",
                "title": _text(
                    "Severe GVHD in the first months",
                    "EICH grave en los primeros meses",
                ),
                "outcome": _text(
                    "had severe GVHD in the first months",
                    "tuvieron EICH grave en los primeros meses",
                ),
                "arms": [{"arm": "hsct", "value": 27}],
            },
            {
                "key": "chronic_gvhd",
                "kind": "harm",
                "unit": "of_100",
                "approx": True,
                "title": _text("Long-lasting GVHD", "EICH de larga duración"),
                "outcome": _text(
                    "had long-lasting GVHD", "tuvieron EICH de larga duración"
                ),
                "arms": [{"arm": "hsct", "value": 25}],
            },
            {
                "key": "alive_3y",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text("Alive at 3 years", "Vivos a los 3 años"),
                "outcome": _text(
                    "were alive 3 years later", "seguían con vida 3 años después"
                ),
                "arms": [{"arm": "hsct", "value": 16}],
            },
        ],
    },
    {
        "ev_id": "EV-HSCT-MRDNEG",
        "statement": "alive at 3 years 69 of 100 when transplanted in second or later "
        "MRD-negative CR",
        "population": "single institution",
        "population_plain": _text(
            "the records of one hospital", "los registros de un solo hospital"
        ),
        "study": "",
        "design": DESIGN_ONE_HOSPITAL,
        "measures": [
            {
                "key": "alive_3y",
                "kind": "benefit",
                "unit": "of_100",
                "title": _text(
                    "Alive at 3 years, if no leukemia was found before the transplant",
                    "Vivos a los 3 años, si no se encontró leucemia antes del "
                    "trasplante",
                ),
                "outcome": _text(
                    "were alive 3 years later", "seguían con vida 3 años después"
                ),
                "arms": [{"arm": "hsct_mrdneg", "value": 69}],
            }
        ],
    },
)

EVIDENCE_BY_ID: dict[str, dict] = {row["ev_id"]: row for row in EVIDENCE}
UNITS = ("of_100", "of_n", "median_months")
DESIGN_OF = {row["ev_id"]: row["design"] for row in EVIDENCE}
KINDS = ("benefit", "harm")
