"""Which decision aids apply to a case, and which options, notes and figures each shows.

Pure functions of the engine's reading of the case (``CaseFacts``) and its result
(the JSON shape of ``recommend``); no database, no wording.

Applicability (ADR 0004):

- DA-REINDUCTION — B-lineage ALL at the REINDUCTION decision point (primary refractory,
  relapse, progression after salvage), unless the engine advises supportive care only
  (RR-FRAIL-SUPPORTIVE). T-lineage cases are left out: the aid's options are B-ALL
  treatments (catalogue "Decision aids").
- DA-TRANSPLANT — the CONSOLIDATION decision point (remission after relapse), where the
  engine puts RR-HSCT-SHARED-DECISION.
- DA-CNS-RELAPSE — REINDUCTION with an isolated CNS relapse or CNS involvement recorded
  in the current episode (the engine's derived facts).
- DA-FERTILITY — any case with treatment ahead (REINDUCTION or CONSOLIDATION): fertility
  counselling comes before the next chemotherapy, HSCT or CAR-T (PSY-FERTILITY). It is
  not refused when a fertility referral already counts; the aid says so instead.

Options follow the case: CD19-negative removes blinatumomab and CAR-T, CD22-negative
removes inotuzumab, each with a plain reason; a marker that is unknown keeps the option
with a "needs a test first" line (ALERT-ANTIGEN-UNKNOWN). CAR-T products follow the
engine's product table (RR-B-CART-OPTION detail): tisagenlecleucel is removed above 25
(or when the label's disease condition is not met), with the reason printed. Revumenib
is offered when the engine recommends it (RR-KMT2A-REVUMENIB).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from decisionaids.content.aids import (
    AID_IDS,
    CART_PRODUCT_KEYS,
    DA_CNS_RELAPSE,
    DA_FERTILITY,
    DA_REINDUCTION,
    DA_TRANSPLANT,
)
from recommendations.engine import CaseFacts
from recommendations.engine.rules.cart_products import (
    TISAGENLECLEUCEL_MAX_AGE,
    product_eligibility,
)

MSG_NOT_APPLICABLE = "{aid_id} does not apply to this case: {reason}."
REASON_NOT_REINDUCTION = (
    "it is for relapsed or refractory B-ALL that needs re-induction, and this case is "
    "at decision point {point}"
)
REASON_T_LINEAGE = "it is for B-lineage ALL, and this case is T-lineage"
REASON_SUPPORTIVE_ONLY = (
    "the engine advises supportive care without disease-directed treatment "
    "(RR-FRAIL-SUPPORTIVE)"
)
REASON_NOT_CONSOLIDATION = (
    "it is for a remission after relapse (decision point CONSOLIDATION), and this case "
    "is at decision point {point}"
)
REASON_NO_CNS = (
    "it is for leukemia in the brain or spinal fluid at re-induction, and no isolated "
    "CNS relapse or CNS involvement is recorded in the current episode"
)
REASON_NO_TREATMENT_AHEAD = (
    "it is for a case with treatment ahead (decision point REINDUCTION or "
    "CONSOLIDATION), and this case is at decision point NONE"
)


class AidNotApplicable(Exception):
    """The aid does not fit the case; ``message`` says why (no patient data)."""

    def __init__(self, aid_id: str, reason: str) -> None:
        self.aid_id = aid_id
        self.reason = reason
        self.message = MSG_NOT_APPLICABLE.format(aid_id=aid_id, reason=reason)
        super().__init__(self.message)


@dataclass(frozen=True, slots=True)
class Note:
    """A personal note: a key into the wording's ``notes`` and its parameters."""

    key: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OptionPlan:
    key: str
    products: tuple[str, ...] = ()  # CAR-T products that fit
    products_unclear: tuple[str, ...] = ()  # CAR-T products whose fit is unknown
    needs_test: tuple[str, ...] = ()  # markers still to be tested ("cd19", "cd22")
    name_variant: str | None = None  # e.g. "male" for fertility preservation


@dataclass(frozen=True, slots=True)
class Removed:
    """An option the case rules out, with the key of its plain reason."""

    key: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AidPlan:
    aid_id: str
    decision_key: str
    options: tuple[OptionPlan, ...]
    removed: tuple[Removed, ...] = ()
    notes: tuple[Note, ...] = ()
    hidden_measures: frozenset[tuple[str, str]] = frozenset()

    @property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)


def _ids(result: dict, member: str) -> set[str]:
    return {item["id"] for item in result.get(member, ())}


def _item(result: dict, member: str, rule_id: str) -> dict | None:
    for item in result.get(member, ()):
        if item["id"] == rule_id:
            return item
    return None


def applicability(aid_id: str, *, facts: CaseFacts, result: dict) -> str | None:
    """None when the aid applies to the case; otherwise the reason it does not."""
    point = result.get("decision_point", str(facts.decision_point))
    recommendations = _ids(result, "recommendations")
    if aid_id == DA_REINDUCTION:
        if point != "REINDUCTION":
            return REASON_NOT_REINDUCTION.format(point=point)
        if facts.lineage != "B":
            return REASON_T_LINEAGE
        if "RR-FRAIL-SUPPORTIVE" in recommendations:
            return REASON_SUPPORTIVE_ONLY
        return None
    if aid_id == DA_TRANSPLANT:
        if point != "CONSOLIDATION":
            return REASON_NOT_CONSOLIDATION.format(point=point)
        return None
    if aid_id == DA_CNS_RELAPSE:
        if point != "REINDUCTION":
            return REASON_NOT_REINDUCTION.format(point=point)
        if facts.isolated_cns_relapse is True or facts.cns_involvement is True:
            return None
        return REASON_NO_CNS
    if aid_id == DA_FERTILITY:
        if point in ("REINDUCTION", "CONSOLIDATION"):
            return None
        return REASON_NO_TREATMENT_AHEAD
    raise ValueError(f"unknown decision aid {aid_id!r}")


def applicable_aids(*, facts: CaseFacts, result: dict) -> tuple[str, ...]:
    return tuple(
        aid for aid in AID_IDS if applicability(aid, facts=facts, result=result) is None
    )


def plan_aid(aid_id: str, *, facts: CaseFacts, result: dict) -> AidPlan:
    """What the aid shows for this case; raises ``AidNotApplicable``."""
    reason = applicability(aid_id, facts=facts, result=result)
    if reason is not None:
        raise AidNotApplicable(aid_id, reason)
    planner = {
        DA_REINDUCTION: _plan_reinduction,
        DA_TRANSPLANT: _plan_transplant,
        DA_CNS_RELAPSE: _plan_cns,
        DA_FERTILITY: _plan_fertility,
    }[aid_id]
    return planner(facts, result)


# --- DA-REINDUCTION -----------------------------------------------------------


def _cart_products(facts: CaseFacts, result: dict) -> list[dict]:
    """The engine's product rows: as in the result, else from the same table."""
    item = _item(result, "recommendations", "RR-B-CART-OPTION")
    if item is not None and "products" in item.get("detail", {}):
        return list(item["detail"]["products"])
    return [dict(row) for row in product_eligibility(facts)]


def _product_removed(product: str, facts: CaseFacts) -> Removed:
    key = CART_PRODUCT_KEYS[product]
    if key == "tisagenlecleucel":
        if facts.age_years > TISAGENLECLEUCEL_MAX_AGE:
            return Removed("tisagenlecleucel_age")
        return Removed("tisagenlecleucel_label")
    return Removed("adult_only", {"product": key})


def _plan_reinduction(facts: CaseFacts, result: dict) -> AidPlan:
    recommendations = _ids(result, "recommendations")
    alerts = _ids(result, "alerts")
    options: list[OptionPlan] = []
    removed: list[Removed] = []
    notes: list[Note] = []

    cd19_test = ("cd19",) if facts.cd19 == "unknown" else ()
    cd22_test = ("cd22",) if facts.cd22 == "unknown" else ()
    if facts.cd19 == "negative":
        removed.append(Removed("blinatumomab_cd19"))
    else:
        options.append(OptionPlan("blinatumomab", needs_test=cd19_test))
    if facts.cd22 == "negative":
        removed.append(Removed("inotuzumab_cd22"))
    else:
        options.append(OptionPlan("inotuzumab", needs_test=cd22_test))

    if facts.cd19 == "negative":
        removed.append(Removed("car_t_cd19"))
    else:
        rows = _cart_products(facts, result)
        fits = tuple(
            CART_PRODUCT_KEYS[r["product"]] for r in rows if r["eligible"] is True
        )
        unclear = tuple(
            CART_PRODUCT_KEYS[r["product"]] for r in rows if r["eligible"] is None
        )
        ruled_out = [
            _product_removed(r["product"], facts)
            for r in rows
            if r["eligible"] is False
        ]
        if fits or unclear:
            options.append(
                OptionPlan(
                    "car_t",
                    products=fits,
                    products_unclear=unclear,
                    needs_test=cd19_test,
                )
            )
            removed.extend(ruled_out)
        else:
            removed.append(Removed("car_t_none"))
            removed.extend(ruled_out)

    if "RR-KMT2A-REVUMENIB" in recommendations:
        options.append(OptionPlan("revumenib"))
    options.append(OptionPlan("chemotherapy"))
    options.append(OptionPlan("trial"))

    if "RR-B-IMMUNO-REINDUCTION" in recommendations:
        notes.append(Note("guideline_immuno"))
    if "RR-PH-TKI" in recommendations:
        notes.append(Note("ph_tki"))
    if "ALERT-T315I" in alerts:
        notes.append(Note("t315i"))
    if "ALERT-ANTIGEN-UNKNOWN" in alerts:
        notes.append(Note("antigen_unknown"))
    if "ALERT-CD19-ESCAPE" in alerts and facts.cd19 != "negative":
        notes.append(Note("cd19_escape"))
    shown = {option.key for option in options}
    if "ALERT-BLINA-HIGH-BURDEN" in alerts and "blinatumomab" in shown:
        notes.append(Note("blina_high_burden"))
    return AidPlan(
        aid_id=DA_REINDUCTION,
        decision_key=facts.state,
        options=tuple(options),
        removed=tuple(removed),
        notes=tuple(notes),
    )


# --- DA-TRANSPLANT ------------------------------------------------------------


def _plan_transplant(facts: CaseFacts, result: dict) -> AidPlan:
    recommendations = _ids(result, "recommendations")
    options: list[OptionPlan] = []
    removed: list[Removed] = []
    notes: list[Note] = []
    hidden: set[tuple[str, str]] = set()
    if facts.transplant_eligible == "no":
        removed.append(Removed("hsct_not_eligible"))
    else:
        options.append(OptionPlan("hsct"))
    options.append(OptionPlan("no_hsct"))
    options.append(OptionPlan("trial"))

    if facts.prior_inotuzumab:
        # ALERT-INO-VOD in plain words; the figure is EV-INO-VOD's.
        notes.append(Note("vod"))
        notes.append(Note("vod_number", {"measure": ("EV-INO-VOD", "vod_after_hsct")}))
        notes.append(Note("vod_care"))
    if facts.latest_mrd == "positive":
        notes.append(Note("mrd_positive"))
        # EV-HSCT-MRDNEG describes MRD-negative transplants; not this case.
        hidden.add(("EV-HSCT-MRDNEG", "alive_3y"))
    elif facts.latest_mrd == "negative":
        notes.append(Note("mrd_negative"))
    if "RR-CART-THEN-HSCT" in recommendations:
        notes.append(Note("after_cart"))
    if "RR-BLINA-MAINTENANCE" in recommendations:
        notes.append(Note("blina_maintenance"))
    return AidPlan(
        aid_id=DA_TRANSPLANT,
        decision_key="default",
        options=tuple(options),
        removed=tuple(removed),
        notes=tuple(notes),
        hidden_measures=frozenset(hidden),
    )


# --- DA-CNS-RELAPSE -----------------------------------------------------------


def _plan_cns(facts: CaseFacts, result: dict) -> AidPlan:
    alerts = _ids(result, "alerts")
    notes = [Note("sources_differ")]
    if "ALERT-CNS-RT-ALONE" in alerts:
        notes.append(Note("cns_rt_alone"))
    return AidPlan(
        aid_id=DA_CNS_RELAPSE,
        decision_key="isolated" if facts.isolated_cns_relapse else "involved",
        options=(
            OptionPlan("it_systemic"),
            OptionPlan("cranial_rt"),
            OptionPlan("trial"),
        ),
        notes=tuple(notes),
    )


# --- DA-FERTILITY -------------------------------------------------------------


def _preservation_variant(facts: CaseFacts) -> str | None:
    if facts.can_become_pregnant is True:
        return "female"
    if facts.sex == "male":
        return "male"
    if facts.sex == "female" and facts.can_become_pregnant is None:
        return "female"
    return None


def _plan_fertility(facts: CaseFacts, result: dict) -> AidPlan:
    notes: list[Note] = []
    fertility = _item(result, "referrals_due", "PSY-FERTILITY")
    if facts.fertility_referral_in_episode is True:
        notes.append(Note("fertility_done"))
    elif fertility is not None and fertility.get("overdue"):
        notes.append(Note("fertility_overdue"))
    if facts.next_treatment_start is not None and facts.next_treatment_start >= (
        facts.as_of
    ):
        notes.append(Note("next_treatment", {"date": facts.next_treatment_start}))
    return AidPlan(
        aid_id=DA_FERTILITY,
        decision_key="default",
        options=(
            OptionPlan("fertility_counselling"),
            OptionPlan(
                "fertility_preservation", name_variant=_preservation_variant(facts)
            ),
            OptionPlan("fertility_not_now"),
        ),
        notes=tuple(notes),
    )
