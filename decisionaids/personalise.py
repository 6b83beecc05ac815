"""What each decision aid shows for a case: its options, notes and facts.

Pure functions of the case document (the schema's exchange format) and the engine's
result (the JSON shape of ``recommend``, read through ``engine_result``); no database,
no wording. Which aid fits is ``fit``; catalogue 2026.2,
"Decision aids":

- Options are exactly those the engine leaves open: the suited agents of
  RR-B-IMMUNO-REINDUCTION (one given before is shown as such; one given in this
  episode is left out with its reason), CAR-T products from RR-B-CART-OPTION,
  revumenib when RR-KMT2A-REVUMENIB applies or RR-MULTIPLY-RELAPSED names it, donor
  lymphocytes when RR-POST-HSCT-DLI applies, nelarabine when RR-T-NELARABINE applies
  and it was not given in this episode; chemotherapy (the fallback when
  RR-B-CHEMO-BY-FITNESS applies, otherwise the option the guideline ranks below
  immunotherapy) and a clinical trial (first when multiply relapsed). DA-TRANSPLANT
  offers blinatumomab maintenance only when remission came with blinatumomab and CD19
  is not negative.
- Safety notes (``safety``) put the alerts in plain words: prior VOD with
  inotuzumab, VOD after inotuzumab then transplant, CD19 escape, and the others the
  patient can act on.
"""

from __future__ import annotations

from collections.abc import Mapping

from decisionaids.content.aids import (
    CART_PRODUCT_KEYS,
    DA_CNS_RELAPSE,
    DA_FERTILITY,
    DA_REINDUCTION,
    DA_REINDUCTION_T,
    DA_TRANSPLANT,
    TISAGENLECLEUCEL_MAX_AGE,
)
from decisionaids.engine_result import EngineView, engine_view
from decisionaids.fit import (
    AidNotApplicable,
    lineage,
    marker,
)
from decisionaids.fit import (
    reason as reason_for,
)
from decisionaids.history import patient_facts
from decisionaids.plan import AidPlan, Note, OptionPlan, Removed
from decisionaids.safety import safety_notes

__all__ = ["AidPlan", "Note", "OptionPlan", "Removed", "plan_aid"]

# DA-REINDUCTION: the CD19/CD22 agents and the marker each needs.
IMMUNO_MARKERS = {"blinatumomab": "cd19", "inotuzumab": "cd22"}


def plan_aid(aid_id: str, *, document: Mapping, result: Mapping) -> AidPlan:
    """What the aid shows for this case; raises ``AidNotApplicable``."""
    view = engine_view(result, document)
    reason = reason_for(aid_id, document, view)
    if reason is not None:
        raise AidNotApplicable(aid_id, reason)
    planner = {
        DA_REINDUCTION: _plan_reinduction,
        DA_REINDUCTION_T: _plan_reinduction_t,
        DA_TRANSPLANT: _plan_transplant,
        DA_CNS_RELAPSE: _plan_cns,
        DA_FERTILITY: _plan_fertility,
    }[aid_id]
    plan = planner(document, view)
    facts = patient_facts(aid_id=aid_id, view=view, document=document)
    return AidPlan(
        aid_id=plan.aid_id,
        decision_key=plan.decision_key,
        options=plan.options,
        removed=plan.removed,
        facts=facts,
        safety=plan.safety,
        notes=plan.notes,
        caveats=plan.caveats,
        hidden_measures=plan.hidden_measures,
        params=plan.params,
    )


# --- shared pieces ------------------------------------------------------------


def _age(document: Mapping, view: EngineView) -> int | None:
    value = view.derived.get("age_years")
    return None if value is None else int(value)


def _given_before(view: EngineView, agent: str) -> dict:
    history = view.agents.get(agent)
    if history is None:
        return {}
    if history.last_given_before is not None:
        return {"given_before": history.last_given_before}
    if history.given_in_episode is None:
        return {"had_before": True}
    return {}


def _episode_date(view: EngineView, agent: str) -> dict:
    history = view.agents.get(agent)
    when = None if history is None else history.last_given_in_episode
    return {} if when is None else {"date": when}


def _donor_is_cord(document: Mapping) -> bool:
    transplants = [
        e for e in document.get("events") or () if e.get("type") == "allo_hsct"
    ]
    return (
        bool(transplants)
        and max(transplants, key=lambda e: e["date"]).get("donor") == "cord"
    )


def _dli(document: Mapping, view: EngineView) -> tuple[list, list]:
    if view.applies("RR-POST-HSCT-DLI"):
        return [OptionPlan("dli")], []
    if view.prior_hsct and _donor_is_cord(document):
        return [], [Removed("dli_cord")]
    return [], []


def _trial_and_chemo(
    view: EngineView, *, disease_directed: bool
) -> tuple[OptionPlan, OptionPlan]:
    if view.applies("RR-B-CHEMO-BY-FITNESS"):
        chemo = OptionPlan("chemotherapy", variant="fallback")
    elif disease_directed:
        chemo = OptionPlan("chemotherapy", variant="second")
    else:
        chemo = OptionPlan("chemotherapy")
    first = view.applies("RR-MULTIPLY-RELAPSED")
    return chemo, OptionPlan("trial", variant="first" if first else None)


def _general_notes(document: Mapping, view: EngineView) -> list[Note]:
    notes = []
    if view.applies("RR-MULTIPLY-RELAPSED"):
        notes.append(Note("multiply_relapsed"))
        fitness = document.get("fitness") or {}
        if (
            fitness.get("category") == "fit"
            and fitness.get("transplant_eligible", "unknown") in ("yes", "unknown")
            and not view.prior_hsct
        ):
            notes.append(Note("transplant_later"))
    if view.applies("RR-LATE-RELAPSE-RETREAT"):
        notes.append(Note("late_relapse_retreat"))
    if view.applies("RR-PH-TKI"):
        notes.append(Note("ph_tki"))
        if view.given_in_episode("tki") is True:
            notes.append(Note("tki_this_episode", _episode_date(view, "tki")))
    if view.applies("ALERT-T315I"):
        notes.append(Note("t315i"))
    if view.applies("RR-CD20-RITUXIMAB"):
        notes.append(Note("rituximab"))
    if view.applies("RR-B-CHEMO-BY-FITNESS"):
        fitness = (document.get("fitness") or {}).get("category", "unknown")
        key = {"fit": "fit", "less_fit": "less_fit"}.get(fitness, "unknown")
        notes.append(Note(f"chemo_by_fitness_{key}"))
    if view.cns_involved and not view.isolated_cns_relapse:
        notes.append(Note("cns_second_sheet"))
    return notes


# --- DA-REINDUCTION -----------------------------------------------------------


def _product_removed(row: Mapping, age: int | None) -> Removed:
    key = CART_PRODUCT_KEYS[row["product"]]
    if key == "tisagenlecleucel":
        if age is not None and age > TISAGENLECLEUCEL_MAX_AGE:
            return Removed("tisagenlecleucel_age")
        return Removed("tisagenlecleucel_label")
    return Removed("adult_only", {"product": key})


def _cart(document: Mapping, view: EngineView) -> tuple[list, list]:
    rows = view.cart_products
    if rows:
        fits = tuple(CART_PRODUCT_KEYS[r["product"]] for r in rows if r["eligible"])
        unclear = tuple(
            CART_PRODUCT_KEYS[r["product"]] for r in rows if r["eligible"] is None
        )
        age = _age(document, view)
        ruled_out = [_product_removed(r, age) for r in rows if r["eligible"] is False]
        if fits or unclear:
            option = OptionPlan(
                "car_t",
                products=fits,
                products_unclear=unclear,
                **_given_before(view, "car_t"),
            )
            return [option], ruled_out
        return [], [Removed("car_t_none"), *ruled_out]
    cd19 = marker(document, "cd19")
    if cd19 == "negative":
        return [], [Removed("car_t_cd19")]
    if view.given_in_episode("car_t") is True:
        return [], [
            Removed(
                "given_in_episode", {"option": "car_t", **_episode_date(view, "car_t")}
            )
        ]
    if cd19 == "unknown":
        return [], [Removed("car_t_untested")]
    return [], [Removed("car_t_none")]


def _immuno(document: Mapping, view: EngineView) -> tuple[list, list]:
    options, removed = [], []
    suited = view.immuno_agents
    for agent, antigen in IMMUNO_MARKERS.items():
        value = marker(document, antigen)
        if agent in suited:
            options.append(OptionPlan(agent, **_given_before(view, agent)))
        elif value == "negative":
            removed.append(Removed(f"{agent}_{antigen}"))
        elif agent in view.immuno_left_out or view.given_in_episode(agent) is True:
            removed.append(
                Removed(
                    "given_in_episode", {"option": agent, **_episode_date(view, agent)}
                )
            )
        elif value == "unknown":
            removed.append(Removed(f"{agent}_untested"))
    return options, removed


def _revumenib(document: Mapping, view: EngineView) -> tuple[list, list]:
    if view.revumenib_open:
        return [OptionPlan("revumenib", **_given_before(view, "revumenib"))], []
    history = view.agents.get("revumenib")
    if marker(document, "kmt2a_rearranged") == "yes" and history and history.ever_given:
        return [], [Removed("revumenib_before")]
    return [], []


def _caveats(document: Mapping, view: EngineView, shown: set[str]) -> list[Note]:
    caveats = []
    if "blinatumomab" in shown and document["diagnosis"].get("ph_status") == "positive":
        caveats.append(Note("tower_ph_negative"))
    age = _age(document, view)
    if "nelarabine" in shown and age is not None and age < 25:  # noqa: PLR2004
        # EV-NELARABINE: 118 adults aged 25 or older.
        caveats.append(Note("nelarabine_age"))
    return caveats


def _plan_reinduction(document: Mapping, view: EngineView) -> AidPlan:
    immuno, removed = _immuno(document, view)
    cart, cart_removed = _cart(document, view)
    revumenib, revumenib_removed = _revumenib(document, view)
    dli, dli_removed = _dli(document, view)
    directed = immuno + cart + revumenib
    chemo, trial = _trial_and_chemo(view, disease_directed=bool(directed))
    options = [*directed, *dli, chemo]
    options = [trial, *options] if trial.variant == "first" else [*options, trial]
    shown = {option.key for option in options}
    notes = []
    if immuno:
        notes.append(Note("guideline_immuno", {"agents": tuple(o.key for o in immuno)}))
    notes += _general_notes(document, view)
    if cart and (view.cart_cns_caveat or view.cns_involved):
        notes.append(Note("cart_cns"))
    return AidPlan(
        aid_id=DA_REINDUCTION,
        decision_key=document["disease"]["state"],
        options=tuple(options),
        removed=tuple(removed + cart_removed + revumenib_removed + dli_removed),
        safety=tuple(safety_notes(document, view, shown)),
        notes=tuple(notes),
        caveats=tuple(_caveats(document, view, shown)),
    )


# --- DA-REINDUCTION-T ---------------------------------------------------------


def _plan_reinduction_t(document: Mapping, view: EngineView) -> AidPlan:
    options, removed = [], []
    if view.applies("RR-T-NELARABINE"):
        if view.given_in_episode("nelarabine") is True:
            removed.append(
                Removed(
                    "given_in_episode",
                    {"option": "nelarabine", **_episode_date(view, "nelarabine")},
                )
            )
        else:
            options.append(
                OptionPlan("nelarabine", **_given_before(view, "nelarabine"))
            )
    dli, dli_removed = _dli(document, view)
    chemo = OptionPlan("chemotherapy", variant="t_other")
    trial = OptionPlan(
        "trial", variant="first" if view.applies("RR-MULTIPLY-RELAPSED") else None
    )
    options = [*options, *dli, chemo]
    options = [trial, *options] if trial.variant == "first" else [*options, trial]
    shown = {option.key for option in options}
    notes = []
    if "nelarabine" in shown:
        notes.append(Note("guideline_nelarabine"))
    notes += _general_notes(document, view)
    return AidPlan(
        aid_id=DA_REINDUCTION_T,
        decision_key=document["disease"]["state"],
        options=tuple(options),
        removed=tuple(removed + dli_removed),
        safety=tuple(safety_notes(document, view, shown)),
        notes=tuple(notes),
        caveats=tuple(_caveats(document, view, shown)),
    )


# --- DA-TRANSPLANT ------------------------------------------------------------


def _plan_transplant(document: Mapping, view: EngineView) -> AidPlan:
    options: list[OptionPlan] = []
    removed: list[Removed] = []
    notes: list[Note] = []
    hidden: set[tuple[str, str]] = set()
    eligible = (document.get("fitness") or {}).get("transplant_eligible", "unknown")
    if eligible == "no":
        removed.append(Removed("hsct_not_eligible"))
    else:
        options.append(OptionPlan("hsct"))
    # RR-BLINA-MAINTENANCE could apply: remission reached with blinatumomab and CD19
    # not negative (it applies once a transplant is not planned).
    blina = (
        view.remission_with_blinatumomab is True
        and marker(document, "cd19") != "negative"
    )
    options.append(OptionPlan("no_hsct", variant="blina" if blina else "other"))
    options.append(OptionPlan("trial"))
    if view.remission_with_blinatumomab is True and not blina:
        notes.append(Note("no_blina_maintenance_cd19"))
    if view.prior_hsct:
        notes.append(Note("second_transplant"))
    if view.applies("RR-CART-THEN-HSCT"):
        notes.append(Note("after_cart"))
    if view.latest_mrd == "positive":
        notes.append(Note("mrd_positive"))
    if view.latest_mrd != "negative":
        # EV-HSCT-MRDNEG describes transplants in an MRD-negative remission only.
        hidden.add(("EV-HSCT-MRDNEG", "alive_3y"))
    return AidPlan(
        aid_id=DA_TRANSPLANT,
        decision_key="not_eligible" if eligible == "no" else "default",
        options=tuple(options),
        removed=tuple(removed),
        safety=tuple(safety_notes(document, view, set())),
        notes=tuple(notes),
        hidden_measures=frozenset(hidden),
    )


# --- DA-CNS-RELAPSE -----------------------------------------------------------


def _plan_cns(document: Mapping, view: EngineView) -> AidPlan:
    isolated = view.isolated_cns_relapse is True
    form = "isolated" if isolated else "involved"
    b_cd19 = lineage(document) == "B" and marker(document, "cd19") == "positive"
    notes = [Note(f"sources_{form}")]
    if isolated:
        notes.append(Note("whole_body_too"))
    if b_cd19:
        notes.append(Note("cart_cns_study"))
    if not isolated:
        notes.append(Note("main_treatment_sheet"))
    safety = safety_notes(document, view, set())
    if lineage(document) == "T" and not any(
        n.key == "nelarabine_neuro" for n in safety
    ):
        safety.append(Note("nelarabine_neuro"))
    return AidPlan(
        aid_id=DA_CNS_RELAPSE,
        decision_key=form,
        options=(
            OptionPlan("it_systemic", variant=form),
            OptionPlan("cranial_rt", variant=form),
            OptionPlan("trial", variant="cart" if b_cd19 else None),
        ),
        safety=tuple(safety),
        notes=tuple(notes),
    )


# --- DA-FERTILITY -------------------------------------------------------------


def _preservation_variant(document: Mapping) -> str | None:
    sex = document.get("sex", "unknown")
    pregnant = document.get("can_become_pregnant")
    if pregnant is True:
        return "female"
    if sex == "male":
        return "male"
    if sex == "female" and pregnant is None:
        return "female"
    return None


def _plan_fertility(document: Mapping, view: EngineView) -> AidPlan:
    notes: list[Note] = []
    due = view.referral("PSY-FERTILITY")
    if view.derived.get("fertility_referral_in_episode") is True:
        notes.append(Note("fertility_done"))
    elif due is not None and due.get("overdue"):
        notes.append(Note("fertility_overdue"))
    plans = document.get("plans") or {}
    start = plans.get("next_treatment_start")
    if start and view.as_of is not None and start >= view.as_of.isoformat():
        notes.append(Note("next_treatment", {"date": start}))
    variant = _preservation_variant(document)
    return AidPlan(
        aid_id=DA_FERTILITY,
        decision_key=variant or "default",
        options=(
            OptionPlan("fertility_counselling"),
            OptionPlan("fertility_preservation", name_variant=variant),
            OptionPlan("fertility_not_now"),
        ),
        notes=tuple(notes),
        params={"cells": variant or "default"},
    )
