"""A realistic demo program: about thirty fictional cases as case documents.

Every worked vignette in ``patients/domain/vignettes`` appears (renamed), and the rest
cover the other situations the catalogue describes: late relapse, antigen-negative
disease, post-transplant relapse, remission after CAR-T or blinatumomab, frailty, CNS
and testicular disease, ages at and beyond the 15-39 band, and a long timeline. Several
relapses record their work-up (catalogue 2026.2 ``workup`` events with results, some
items still open), the date of the immunophenotype (``markers.tested_on``) and
scheduled referrals with their appointments. All names are invented. The documents
go through the same import service users use.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

VIGNETTE_DIR = Path(__file__).resolve().parent / "domain" / "vignettes"
EVALUATION = dt.date(2026, 11, 1)
# The demo program's contact on its decision aids; 555-0100 to 555-0199 are the
# North American numbers set aside for fiction.
CARE_TEAM_NAME = "Demo AYA Leukemia Team"
CARE_TEAM_PHONE = "+1 555 0100"

NAMES = [
    ("Maya", "Okafor", "en"),
    ("Lucía", "Hernández", "es"),
    ("Jordan", "Whitfield", "en"),
    ("Diego", "Castañeda", "es"),
    ("Priya", "Raman", "en"),
    ("Tomás", "Ibáñez", "es"),
    ("Amara", "Lindqvist", "en"),
    ("Sofía", "Morales", "es"),
    ("Ethan", "Brightwater", "en"),
    ("Valentina", "Rojas", "es"),
    ("Noah", "Kowalczyk", "en"),
    ("Camila", "Fuentes", "es"),
    ("Zoe", "Achterberg", "en"),
    ("Mateo", "Salazar", "es"),
    ("Leah", "Thornbury", "en"),
    ("Andrés", "Peña", "es"),
    ("Imani", "Castellane", "en"),
    ("Gabriela", "Ortiz", "es"),
    ("Owen", "Marchetti", "en"),
    ("Ximena", "Quiroga", "es"),
    ("Riley", "Nakamura", "en"),
    ("Julián", "Barrios", "es"),
    ("Hannah", "Osei", "en"),
    ("Renata", "Villalobos", "es"),
    ("Caleb", "Sørensen", "en"),
    ("Paula", "Echeverría", "es"),
    ("Aiden", "Farrow", "en"),
    ("Elena", "Navarro", "es"),
    ("Marcus", "Delacroix", "en"),
    ("Inés", "Cárdenas", "es"),
    ("Tyler", "Abernathy", "en"),
    ("Daniela", "Guzmán", "es"),
    ("Samuel", "Whitlock", "en"),
    ("Lorena", "Ibarra", "es"),
    ("Felix", "Adeyemi", "en"),
    ("Carmen", "Sepúlveda", "es"),
    ("Isaac", "Montrose", "en"),
    ("Adriana", "Beltrán", "es"),
]


def _date(offset_days: int) -> str:
    return (EVALUATION - dt.timedelta(days=offset_days)).isoformat()


def _years_ago(years: int, days: int = 0) -> str:
    return (
        EVALUATION.replace(year=EVALUATION.year - years) - dt.timedelta(days=days)
    ).isoformat()


def _workup(test: str, days_ago: int, result: str) -> dict:
    """A relapse work-up item done ``days_ago`` days before the evaluation date."""
    return {"type": "workup", "date": _date(days_ago), "test": test, "result": result}


def _case(
    *,
    age: int,
    sex: str = "female",
    lineage: str = "B",
    ph: str = "negative",
    state: str = "relapse",
    relapse_count: int | None = 1,
    relapse_days_ago: int | None = 12,
    diagnosis_months_ago: int = 34,
    sites: list[str] | None = None,
    blasts: float | None = 30,
    cd19: str = "positive",
    cd22: str = "positive",
    cd20: str = "negative",
    kmt2a: str = "no",
    tested_days_ago: int | None = None,
    fitness: str = "fit",
    ecog: int = 1,
    eligible: str = "yes",
    events: list[dict] | None = None,
    referrals: list[dict] | None = None,
    **extra: Any,
) -> dict:
    document: dict[str, Any] = {
        "birth_date": _years_ago(age, days=40),
        "evaluation_date": EVALUATION.isoformat(),
        "sex": sex,
        "can_become_pregnant": sex == "female",
        "weight_kg": 58 if sex == "female" else 71,
        "diagnosis": {
            "date": _date(diagnosis_months_ago * 30),
            "lineage": lineage,
            "ph_status": ph,
            "initial_regimen": "Pediatric-inspired, asparaginase-based (CALGB 10403)",
        },
        "disease": {"state": state, "sites": ["marrow"] if sites is None else sites},
        "markers": {
            "cd19": cd19,
            "cd22": cd22,
            "cd20": cd20,
            "kmt2a_rearranged": kmt2a,
        },
        "fitness": {"ecog": ecog, "category": fitness, "transplant_eligible": eligible},
        "events": events or [],
        "referrals": referrals or [],
    }
    if relapse_count is not None:
        document["disease"]["relapse_count"] = relapse_count
    if relapse_days_ago is not None:
        document["disease"]["latest_relapse_date"] = _date(relapse_days_ago)
    if blasts is not None:
        document["disease"]["marrow_blast_percent"] = blasts
    if tested_days_ago is not None:
        document["markers"]["tested_on"] = _date(tested_days_ago)
    for key, value in extra.items():
        document[key] = value
    return document


def _scenarios() -> list[dict]:
    """The generated scenarios; each comment says what it shows."""
    return [
        # Late first relapse (over 36 months) with CD20 expression; the whole relapse
        # work-up is recorded, so no item is left open.
        _case(
            age=27,
            diagnosis_months_ago=50,
            cd20="positive",
            relapse_days_ago=20,
            tested_days_ago=18,
            events=[
                _workup(
                    "marrow_immunophenotype", 18, "CD19+, CD22+, CD20+ (flow cytometry)"
                ),
                _workup("bcr_abl1", 17, "BCR::ABL1 not detected"),
                _workup("kmt2a_fish", 17, "No KMT2A rearrangement"),
                _workup("lumbar_puncture", 15, "CSF: no blasts"),
                _workup("pregnancy_test", 15, "Negative"),
                _workup("hla_typing", 14, "Sent; sibling typing requested"),
            ],
        ),
        # CD19-, CD22-, not KMT2A: salvage chemotherapy by fitness, with rituximab.
        _case(
            age=31,
            sex="male",
            cd19="negative",
            cd22="negative",
            cd20="positive",
            fitness="less_fit",
            ecog=2,
            tested_days_ago=10,
            # Work-up begun: KMT2A, lumbar puncture, testicular exam and HLA open.
            events=[
                _workup(
                    "marrow_immunophenotype", 10, "CD19−, CD22−, CD20+ (flow cytometry)"
                ),
                _workup("bcr_abl1", 9, "BCR::ABL1 not detected"),
            ],
        ),
        # Primary refractory disease after two induction courses.
        _case(
            age=19,
            sex="male",
            state="primary_refractory",
            relapse_count=0,
            relapse_days_ago=None,
            diagnosis_months_ago=3,
            blasts=45,
            events=[
                {
                    "type": "chemotherapy",
                    "date": _date(85),
                    "end_date": _date(50),
                    "agent": "Induction (CALGB 10403)",
                    "cycles": 1,
                },
                {
                    "type": "response",
                    "date": _date(48),
                    "response": "refractory",
                    "mrd": "positive",
                    "mrd_level": 0.12,
                },
                {
                    "type": "chemotherapy",
                    "date": _date(40),
                    "end_date": _date(10),
                    "agent": "Second induction",
                    "cycles": 1,
                },
                {
                    "type": "response",
                    "date": _date(6),
                    "response": "refractory",
                    "mrd": "positive",
                },
            ],
        ),
        # Second relapse after transplant and blinatumomab; CD19 now negative.
        _case(
            age=29,
            relapse_count=2,
            cd19="negative",
            cd22="positive",
            diagnosis_months_ago=40,
            events=[
                {
                    "type": "blinatumomab",
                    "date": _date(700),
                    "end_date": _date(672),
                    "cycles": 2,
                },
                {
                    "type": "response",
                    "date": _date(640),
                    "response": "CR",
                    "mrd": "negative",
                },
                {"type": "allo_hsct", "date": _date(560), "donor": "matched_unrelated"},
                {
                    "type": "toxicity",
                    "date": _date(520),
                    "toxicity": "gvhd",
                    "grade": 2,
                },
                {"type": "relapse", "date": _date(12)},
                _workup("marrow_immunophenotype", 11, "CD19−, CD22+ (flow cytometry)"),
                _workup("lumbar_puncture", 10, "CSF: no blasts"),
            ],
            tested_days_ago=11,
            referrals=[
                {"kind": "social_work", "status": "completed", "date": _date(690)},
                {"kind": "palliative_care", "status": "needed"},
            ],
        ),
        # Remission after CAR-T (tisagenlecleucel at 22).
        _case(
            age=22,
            sex="male",
            state="remission_after_relapse",
            relapse_days_ago=150,
            blasts=1,
            sites=[],
            events=[
                {"type": "car_t", "date": _date(100), "agent": "tisagenlecleucel"},
                {"type": "toxicity", "date": _date(95), "toxicity": "crs", "grade": 2},
                {
                    "type": "response",
                    "date": _date(72),
                    "response": "CR",
                    "mrd": "negative",
                },
            ],
            referrals=[
                {"kind": "fertility", "status": "completed", "date": _date(140)},
                {
                    "kind": "social_work",
                    "status": "scheduled",
                    "date": _date(3),
                    "appointment_date": _date(-5),
                },
            ],
        ),
        # Remission after blinatumomab, transplant declined: maintenance question.
        _case(
            age=34,
            state="remission_after_relapse",
            relapse_days_ago=120,
            blasts=2,
            sites=[],
            eligible="no",
            plans={"hsct_planned": False},
            events=[
                {
                    "type": "blinatumomab",
                    "date": _date(110),
                    "end_date": _date(82),
                    "cycles": 1,
                },
                {
                    "type": "response",
                    "date": _date(78),
                    "response": "CR",
                    "mrd": "negative",
                },
            ],
            referrals=[
                {
                    "kind": "fertility",
                    "status": "declined",
                    "date": _date(115),
                    "note": "Declined after counselling; family complete.",
                }
            ],
        ),
        # Remission but MRD still positive before a planned transplant.
        _case(
            age=25,
            sex="male",
            state="remission_after_relapse",
            relapse_days_ago=90,
            blasts=3,
            sites=[],
            plans={"hsct_planned": True},
            events=[
                {
                    "type": "inotuzumab",
                    "date": _date(80),
                    "end_date": _date(30),
                    "cycles": 2,
                },
                {
                    "type": "response",
                    "date": _date(20),
                    "response": "CRi",
                    "mrd": "positive",
                    "mrd_level": 0.001,
                },
            ],
            referrals=[
                {
                    "kind": "mental_health",
                    "status": "scheduled",
                    "date": _date(4),
                    "appointment_date": _date(-10),
                }
            ],
        ),
        # T-ALL with CNS involvement treated with intrathecal chemotherapy.
        _case(
            age=21,
            sex="male",
            lineage="T",
            cd19="negative",
            cd22="negative",
            sites=["marrow", "cns"],
            events=[
                {"type": "cns_event", "date": _date(12), "cns_kind": "cns_involvement"},
                {
                    "type": "it_chemotherapy",
                    "date": _date(8),
                    "agent": "Methotrexate IT",
                },
            ],
        ),
        # Frail young adult in third relapse.
        _case(
            age=38,
            relapse_count=3,
            fitness="frail",
            ecog=3,
            eligible="no",
            diagnosis_months_ago=60,
        ),
        # Outside the AYA band on the young side (14).
        _case(age=14, sex="male"),
        # Outside the AYA band on the older side (41).
        _case(age=41, ph="positive", cd22="unknown"),
        # Exactly 15 and exactly 39: inside the band.
        _case(age=15, cd22="negative"),
        _case(age=39, sex="male", cd19="negative", cd22="positive"),
        # Testicular disease persisting after induction.
        _case(
            age=18,
            sex="male",
            sites=["marrow", "testis"],
            disease_extra={"testicular_disease_after_induction": True},
            events=[
                _workup("testicular_exam", 10, "Firm, enlarged left testis"),
                _workup("lumbar_puncture", 9, "CSF: no blasts"),
            ],
        ),
        # Isolated CNS relapse treated with cranial radiation alone.
        _case(
            age=24,
            sites=["cns"],
            blasts=0,
            events=[
                {
                    "type": "cns_event",
                    "date": _date(12),
                    "cns_kind": "isolated_cns_relapse",
                },
                {"type": "cranial_rt", "date": _date(5)},
            ],
        ),
        # High marrow burden, CD19+, age 30: cytoreduction before blinatumomab.
        _case(age=30, blasts=85),
        # Progression after salvage therapy.
        _case(
            age=26,
            state="progression_after_salvage",
            relapse_count=1,
            events=[
                {
                    "type": "inotuzumab",
                    "date": _date(60),
                    "end_date": _date(20),
                    "cycles": 2,
                },
                {"type": "response", "date": _date(15), "response": "progression"},
            ],
        ),
        # Ph-like disease with school disrupted.
        _case(age=17, ph="ph_like", psychosocial={"school_or_work_disrupted": True}),
        # Ph-positive relapse on a TKI, without T315I.
        _case(
            age=33,
            sex="male",
            ph="positive",
            abl1=["E255K"],
            events=[
                {"type": "tki", "date": _date(600), "agent": "dasatinib"},
                _workup("bcr_abl1", 10, "BCR::ABL1 detected"),
                _workup("ngs_mutations", 6, "ABL1 kinase domain: E255K"),
            ],
        ),
        # Spanish-speaking patient with many referrals at different stages.
        _case(
            age=20,
            referrals=[
                {"kind": "fertility", "status": "referred", "date": _date(8)},
                {"kind": "social_work", "status": "completed", "date": _date(9)},
                {"kind": "mental_health", "status": "completed", "date": _date(120)},
                {"kind": "education_work", "status": "needed"},
            ],
            psychosocial={"school_or_work_disrupted": True},
            plans={"next_treatment_start": _date(-7)},
        ),
        # CD22 negative, CD19 positive, 28 years old.
        _case(age=28, cd22="negative"),
        # KMT2A-rearranged second relapse, under 40 kg (revumenib dose by area).
        _case(
            age=16,
            relapse_count=2,
            kmt2a="yes",
            weight=38,
            events=[_workup("kmt2a_fish", 9, "KMT2A rearrangement detected")],
        ),
        # Second relapse, CD19 unknown.
        _case(age=35, relapse_count=2, cd19="unknown", diagnosis_months_ago=48),
    ]


def _long_timeline() -> dict:
    """A case with more than thirty events, to show the timeline stays readable."""
    events: list[dict] = [
        {
            "type": "chemotherapy",
            "date": _date(1500),
            "end_date": _date(1380),
            "agent": "Pediatric-inspired induction and consolidation",
            "cycles": 4,
        },
        {"type": "response", "date": _date(1450), "response": "CR", "mrd": "negative"},
    ]
    for cycle in range(12):
        start = 1360 - cycle * 60
        events.append(
            {
                "type": "chemotherapy",
                "date": _date(start),
                "end_date": _date(start - 28),
                "agent": "Maintenance",
                "cycles": 1,
            }
        )
        events.append(
            {
                "type": "it_chemotherapy",
                "date": _date(start - 1),
                "agent": "Methotrexate IT",
            }
        )
    events += [
        {"type": "relapse", "date": _date(600)},
        {
            "type": "blinatumomab",
            "date": _date(590),
            "end_date": _date(562),
            "cycles": 1,
        },
        {"type": "toxicity", "date": _date(588), "toxicity": "crs", "grade": 1},
        {
            "type": "response",
            "date": _date(555),
            "response": "CR",
            "mrd": "positive",
            "mrd_level": 0.0004,
        },
        {"type": "inotuzumab", "date": _date(540), "end_date": _date(500), "cycles": 2},
        {"type": "response", "date": _date(495), "response": "CR", "mrd": "negative"},
        {"type": "allo_hsct", "date": _date(450), "donor": "matched_sibling"},
        {"type": "toxicity", "date": _date(430), "toxicity": "vod_sos", "grade": 3},
        {"type": "toxicity", "date": _date(400), "toxicity": "gvhd", "grade": 2},
        {"type": "relapse", "date": _date(14)},
    ]
    return _case(
        age=32,
        relapse_count=2,
        diagnosis_months_ago=52,
        cd20="positive",
        events=events,
        referrals=[
            {"kind": "social_work", "status": "completed", "date": _date(1490)},
            {
                "kind": "neurocognitive",
                "status": "scheduled",
                "date": _date(10),
                "appointment_date": _date(-20),
            },
            {"kind": "mental_health", "status": "completed", "date": _date(30)},
        ],
    )


def _normalise(document: dict) -> dict:
    """Fold the builder's shorthand keys into their schema places."""
    if "disease_extra" in document:
        document["disease"].update(document.pop("disease_extra"))
    if "abl1" in document:
        document["markers"]["abl1_mutations"] = document.pop("abl1")
    if "weight" in document:
        document["weight_kg"] = document.pop("weight")
    return document


def vignette_cases() -> list[dict]:
    cases = []
    for path in sorted(VIGNETTE_DIR.glob("*.json")):
        cases.append(
            copy.deepcopy(json.loads(path.read_text(encoding="utf-8"))["case"])
        )
    return cases


def demo_documents() -> list[dict]:
    """Every demo case document, named and numbered, in a stable order."""
    documents = (
        vignette_cases() + [_normalise(d) for d in _scenarios()] + [_long_timeline()]
    )
    for number, (document, (given, family, language)) in enumerate(
        zip(documents, NAMES, strict=False), start=1
    ):
        document["case_id"] = f"DEMO-{number:03d}"
        document["given_name"] = given
        document["family_name"] = family
        document["preferred_language"] = language
    return documents
