"""Case facts: what the engine reads from one case document, every derivation done once.

``facts_from_document`` takes an already schema-valid case document (a mapping whose
dates are ISO strings) and returns a frozen ``CaseFacts``. Optional members that are
absent take the schema's default ("unknown" for markers and categories); absent
booleans stay ``None``, meaning unknown. Nothing here guesses a clinical value.

Reading the timeline "as of" a date: an event, relapse date or referral dated after
``as_of`` has not happened yet and is ignored. Undated state members (disease state,
sites, markers, fitness) are read as given.

Definitions follow the catalogue (patients/domain/README.md, "Definitions the rules
rely on", 2026.2):

- current episode: from the latest relapse date (primary refractory: from diagnosis)
  to ``as_of``; an event is "in the current episode" when dated inside it. Progression
  after salvage with a recorded relapse count of 0 is refractory disease, so its
  episode also starts at diagnosis; with no relapse date otherwise, the start is
  unknown and "in the current episode" questions are unknown too.
- relapse count: ``disease.relapse_count`` when given, otherwise the number of distinct
  relapse dates (``relapse`` events plus ``latest_relapse_date``). When neither is
  recorded but the state itself says the disease relapsed (``relapse``,
  ``remission_after_relapse``), zero would contradict the state, so the count is
  unknown instead.
- months to relapse: whole months from diagnosis to the latest relapse date (shown to
  clinicians; "late relapse" is about the remission, below).
- remission before the latest relapse: from its start to the latest relapse date, in
  whole months. The start is the latest CR/CRh/CRi response dated before the latest
  relapse and after the relapse before it (if any). With no such response: the
  diagnosis date for a first relapse (relapse count 1), otherwise unknown; an earlier
  relapse the count implies but no date records makes "after the relapse before it"
  unknown too. No relapse (primary refractory, relapse count 0): there is no such
  remission. Late relapse: that remission lasted 36 months or more.
- prior X: an event of type X dated on or before ``as_of``. For each agent the facts
  also keep whether it was given in the current episode (an event dated inside it) and
  the latest date it was given before the episode ("given before").
- CNS involved: disease site ``cns``, or an ``isolated_cns_relapse`` or
  ``cns_involvement`` CNS event in the current episode. Isolated CNS relapse: CNS
  involved with no other site (marrow, testis, other extramedullary). With no sites
  recorded, an ``isolated_cns_relapse`` event in the episode says so itself.
- latest MRD: the ``mrd`` of the most recent ``response`` event in the current episode;
  a result from an earlier remission says nothing about this one.
- work-up done: a ``workup`` event of that test dated inside the current episode.
- a referral counts when its status is referred, scheduled, completed or declined.

Remission reached with a therapy (RR-CART-THEN-HSCT, RR-BLINA-MAINTENANCE): take the
latest CR, CRh or CRi response in the current episode. The therapies credited with it
are the disease-directed therapies started in the current episode before that response
and still running after the response assessment that preceded it (if any): when a
partial response came first, only what was given after it (or continued past it) is
credited with the remission. With no CR-class response in the episode, or no therapy
in that window, which therapy reached remission is unknown. The regimen that brought
the remission a late relapse ended is credited the same way, inside the window from
the relapse before it (or diagnosis) to that remission's first response.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from recommendations.engine.vocabulary import DECISION_POINT_BY_STATE, DecisionPoint

_new_tuple = tuple.__new__

# ASH-RR-2026 population: adolescents and young adults aged 15-39.
AYA_MIN_AGE = 15
AYA_MAX_AGE = 39
# REF-ADULT-RR: relapse after a prolonged remission (about 3 years, >= 36 months).
LATE_RELAPSE_MONTHS = 36

COUNTING_REFERRAL_STATUSES = frozenset(
    {"referred", "scheduled", "completed", "declined"}
)
# PSY-FERTILITY: only a completed or declined fertility referral clears the item.
FERTILITY_CLEARING_STATUSES = frozenset({"completed", "declined"})
CR_RESPONSES = frozenset({"CR", "CRh", "CRi"})
# Disease sites other than the CNS: any of them makes a CNS relapse not isolated.
NON_CNS_SITES = frozenset({"marrow", "testis", "other_extramedullary"})

# Why the remission before the latest relapse is unknown: the missing fact, in words.
REMISSION_UNKNOWN_RELAPSE_DATE = "latest relapse date not recorded"
REMISSION_UNKNOWN_EARLIER_RELAPSE = "date of the earlier relapse not recorded"
REMISSION_UNKNOWN_COUNT = "relapse count not recorded"
REMISSION_UNKNOWN_START = (
    "start of the remission before the latest relapse not recorded"
)

# Event types that are therapies (a "prior X" flag each).
THERAPY_EVENT_TYPES = frozenset(
    {
        "blinatumomab",
        "inotuzumab",
        "car_t",
        "revumenib",
        "nelarabine",
        "tki",
        "chemotherapy",
        "rituximab",
        "allo_hsct",
        "dli",
        "it_chemotherapy",
        "cranial_rt",
        "testicular_rt",
    }
)
# Systemic, disease-directed therapies that can be credited with reaching remission;
# CNS- and testis-directed local treatment is left out.
REMISSION_THERAPY_TYPES = frozenset(
    {
        "blinatumomab",
        "inotuzumab",
        "car_t",
        "revumenib",
        "nelarabine",
        "tki",
        "chemotherapy",
        "rituximab",
        "allo_hsct",
        "dli",
    }
)
# Agents whose "given in the current episode" and "given before" the rules read.
TRACKED_AGENTS = (
    "blinatumomab",
    "inotuzumab",
    "car_t",
    "revumenib",
    "nelarabine",
    "tki",
)
# PSY-FERTILITY (ASH-FL-2026): counselling comes before chemotherapy, HSCT or CAR-T
# lymphodepletion. Nelarabine-based salvage is chemotherapy (REF-ADULT-RR).
GONADOTOXIC_THERAPY_TYPES = frozenset(
    {"chemotherapy", "nelarabine", "allo_hsct", "car_t"}
)


# --- Gate key -------------------------------------------------------------------
# The decision point, the lineage and whether the patient is frail decide many rules
# before any other fact is read (the "gates" of ``logic.gate``). The facts carry the
# three as one small integer, so the engine can settle what they decide ahead of
# time, once for each of the twelve combinations, instead of once per case.
LINEAGES = ("B", "T")
GATE_KEYS: tuple[tuple[DecisionPoint, str, bool], ...] = tuple(
    (point, lineage, frail)
    for point in DecisionPoint
    for lineage in LINEAGES
    for frail in (False, True)
)
_GATE_KEY_INDEX = {key: index for index, key in enumerate(GATE_KEYS)}


def gate_key(point: DecisionPoint, lineage: str, fitness_category: str) -> int:
    """The index in ``GATE_KEYS`` of a case's decision point, lineage and frailty."""
    return _GATE_KEY_INDEX[point, lineage, fitness_category == "frail"]


def whole_years(start: date, end: date) -> int:
    """Completed years from ``start`` to ``end`` (an age)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def whole_months(start: date, end: date) -> int:
    """Completed calendar months from ``start`` to ``end``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def _optional_date(value: object) -> date | None:
    return None if value is None else date.fromisoformat(value)  # type: ignore[arg-type]


class AgentHistory(NamedTuple):
    """When one agent was given, read against the current episode.

    ``in_episode`` is True when an event of the agent is dated inside the current
    episode, False when none is, and None when the agent was given but the episode's
    start is unknown (so it cannot be placed).
    """

    in_episode: bool | None
    last_in_episode: date | None
    last_before: date | None

    def as_dict(self) -> dict[str, object]:
        return {
            "given_in_episode": self.in_episode,
            "last_given_in_episode": _iso(self.last_in_episode),
            "last_given_before": _iso(self.last_before),
        }


NEVER_GIVEN = AgentHistory(False, None, None)


@dataclass(frozen=True, slots=True)
class WorkupRecord:
    """The latest work-up test of one kind recorded in the current episode."""

    done_on: date
    result: str | None


class CaseFacts(NamedTuple):
    """One case as the rules see it, as of one date.

    An immutable named tuple rather than a frozen dataclass: built once per case
    and read by every rule, it must be cheap to build, and a frozen dataclass sets
    each of its hundred-odd fields through ``object.__setattr__`` (docs/adr/0006).
    """

    case_id: str
    as_of: date
    evaluation_date: date
    # Patient
    birth_date: date
    age_years: int
    sex: str
    can_become_pregnant: bool | None
    weight_kg: float | None
    # Disease
    diagnosis_date: date
    lineage: str
    ph_status: str
    initial_regimen: str | None
    state: str
    decision_point: DecisionPoint
    refractory: bool
    sites: frozenset[str] | None
    marrow_blast_percent: float | None
    testicular_disease_after_induction: bool | None
    # Markers
    cd19: str
    cd22: str
    cd20: str
    kmt2a_rearranged: str
    abl1_mutations: frozenset[str] | None
    markers_tested_on: date | None
    # Fitness, medications, plans, psychosocial
    fitness_category: str
    ecog: int | None
    hct_ci: int | None
    transplant_eligible: str
    prior_neuropathy: bool | None
    strong_cyp3a4_inhibitor: bool | None
    hsct_planned: bool | None
    next_treatment_start: date | None
    school_or_work_disrupted: bool | None
    clinical_trial_screened: bool | None
    # Relapse history
    relapse_count: int | None
    relapse_count_basis: str
    latest_relapse_date: date | None
    months_to_relapse: int | None
    has_relapsed: bool | None
    remission_start: date | None
    remission_start_basis: str
    remission_months: int | None
    late_relapse: bool | None
    remission_regimen: tuple[str, ...] | None
    episode_start: date | None
    # Prior therapy ("prior X": an event of type X on or before as_of)
    prior_therapies: frozenset[str]
    prior_blinatumomab: bool
    prior_inotuzumab: bool
    prior_cart: bool
    prior_hsct: bool
    prior_revumenib: bool
    prior_nelarabine: bool
    prior_it_chemotherapy: bool
    prior_cranial_rt: bool
    prior_tki: bool
    prior_chemotherapy: bool
    agents: Mapping[str, AgentHistory]
    tkis: tuple[tuple[str, date, bool | None], ...]
    car_t_products: tuple[str, ...]
    first_hsct_date: date | None
    hsct_before_relapse: date | None
    hsct_before_relapse_donor: str | None
    vod_recorded: bool
    latest_cd19_directed: date | None
    # CNS
    cns_involvement: bool | None
    isolated_cns_relapse: bool | None
    episode_it_chemotherapy: bool | None
    episode_cranial_rt: bool | None
    # Response
    latest_response: str | None
    latest_response_date: date | None
    latest_mrd: str | None
    latest_mrd_date: date | None
    remission_therapies: frozenset[str] | None
    remission_with_cart: bool | None
    remission_with_blinatumomab: bool | None
    gonadotoxic_therapy_started: date | None
    # Relapse work-up: tests recorded in the current episode
    workup_done: Mapping[str, WorkupRecord]
    workup_unplaced: frozenset[str]
    # Referrals
    referral_kinds_counted: frozenset[str]
    fertility_referral_in_episode: bool | None
    fertility_referral_date: date | None
    last_mental_health_completed: date | None
    mental_health_completed_undated: bool
    # Decision point, lineage and frailty as one index into ``GATE_KEYS``.
    gate_key: int
    # Conditions several rules read are computed once per case and kept here
    # (``logic.memoized``); ``replaced`` starts a new one.
    memo: dict

    @property
    def outside_aya(self) -> bool:
        return self.age_years < AYA_MIN_AGE or self.age_years > AYA_MAX_AGE

    @property
    def t315i(self) -> bool | None:
        """ABL1 T315I: unknown when no mutation result is recorded."""
        if self.abl1_mutations is None:
            return None
        return "T315I" in self.abl1_mutations

    def replaced(self, **changes: object) -> CaseFacts:
        """A copy with some facts changed (and nothing remembered from this one)."""
        changed = self._replace(memo={}, **changes)
        return changed._replace(
            gate_key=gate_key(
                changed.decision_point, changed.lineage, changed.fitness_category
            )
        )

    def agent(self, name: str) -> AgentHistory:
        return self.agents.get(name, NEVER_GIVEN)

    def in_episode(self, when: date) -> bool | None:
        """Whether a date lies in the current episode; unknown without its start."""
        if self.episode_start is None:
            return None
        return self.episode_start <= when <= self.as_of

    def referral_counts(self, kind: str) -> bool:
        """Whether a referral of this kind counts (any status but ``needed``)."""
        return kind in self.referral_kinds_counted

    def derived_summary(self) -> dict[str, object]:
        """The engine's reading of the case for a clinician to check (JSON-ready)."""
        return {
            "as_of": self.as_of.isoformat(),
            "age_years": self.age_years,
            "outside_aya": self.outside_aya,
            "lineage": self.lineage,
            "disease_state": self.state,
            "decision_point": str(self.decision_point),
            "refractory": self.refractory,
            "relapse_count": self.relapse_count,
            "relapse_count_basis": self.relapse_count_basis,
            "latest_relapse_date": _iso(self.latest_relapse_date),
            "months_to_relapse": self.months_to_relapse,
            "remission_before_relapse_start": _iso(self.remission_start),
            "remission_before_relapse_basis": self.remission_start_basis,
            "remission_before_relapse_months": self.remission_months,
            "late_relapse": self.late_relapse,
            "current_episode_start": _iso(self.episode_start),
            "prior_blinatumomab": self.prior_blinatumomab,
            "prior_inotuzumab": self.prior_inotuzumab,
            "prior_cart": self.prior_cart,
            "prior_hsct": self.prior_hsct,
            "prior_revumenib": self.prior_revumenib,
            "prior_nelarabine": self.prior_nelarabine,
            "prior_it_chemotherapy": self.prior_it_chemotherapy,
            "prior_cranial_rt": self.prior_cranial_rt,
            "prior_therapies": sorted(self.prior_therapies),
            "agents": {name: self.agent(name).as_dict() for name in TRACKED_AGENTS},
            "car_t_products": list(self.car_t_products),
            "hsct_before_relapse": _iso(self.hsct_before_relapse),
            "hsct_before_relapse_donor": self.hsct_before_relapse_donor,
            "vod_sos_recorded": self.vod_recorded,
            "markers_tested_on": _iso(self.markers_tested_on),
            "cns_involved": self.cns_involvement,
            "isolated_cns_relapse": self.isolated_cns_relapse,
            "it_chemotherapy_in_episode": self.episode_it_chemotherapy,
            "cranial_rt_in_episode": self.episode_cranial_rt,
            "latest_response": self.latest_response,
            "latest_response_date": _iso(self.latest_response_date),
            "latest_mrd": self.latest_mrd,
            "latest_mrd_date": _iso(self.latest_mrd_date),
            "remission_reached_with": (
                None
                if self.remission_therapies is None
                else sorted(self.remission_therapies)
            ),
            "remission_with_cart": self.remission_with_cart,
            "remission_with_blinatumomab": self.remission_with_blinatumomab,
            "gonadotoxic_therapy_started": _iso(self.gonadotoxic_therapy_started),
            "workup_done": sorted(self.workup_done),
            "referrals_counted": sorted(self.referral_kinds_counted),
            "fertility_referral_in_episode": self.fertility_referral_in_episode,
            "last_mental_health_completed": _iso(self.last_mental_health_completed),
        }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def facts_from_document(
    document: Mapping[str, object], *, as_of: date | None = None
) -> CaseFacts:
    """Build ``CaseFacts`` from a schema-valid case document, as of ``as_of``.

    ``as_of`` defaults to the document's ``evaluation_date``.
    """
    diagnosis: Mapping = document["diagnosis"]  # type: ignore[assignment]
    disease: Mapping = document["disease"]  # type: ignore[assignment]
    markers: Mapping = document.get("markers") or {}  # type: ignore[assignment]
    fitness: Mapping = document.get("fitness") or {}  # type: ignore[assignment]
    medications: Mapping = document.get("medications") or {}  # type: ignore[assignment]
    plans: Mapping = document.get("plans") or {}  # type: ignore[assignment]
    psychosocial: Mapping = document.get("psychosocial") or {}  # type: ignore[assignment]

    evaluation_date = date.fromisoformat(document["evaluation_date"])  # type: ignore[arg-type]
    if as_of is None:
        as_of = evaluation_date
    birth_date = date.fromisoformat(document["birth_date"])  # type: ignore[arg-type]
    diagnosis_date = date.fromisoformat(diagnosis["date"])
    state: str = disease["state"]

    # --- Timeline -------------------------------------------------------------
    seen_types: set[str] = set()
    relapse_dates: set[date] = set()
    cart_products: list[str] = []
    # (date, donor)
    hsct_events: list[tuple[date, str | None]] = []
    it_dates: list[date] = []
    cranial_dates: list[date] = []
    cns_positive_dates: list[date] = []
    isolated_cns_dates: list[date] = []
    cns_negative_dates: list[date] = []
    # (date, position, response, mrd); position breaks ties in document order.
    responses: list[tuple[date, int, str | None, str | None]] = []
    # (type, start, end)
    therapies: list[tuple[str, date, date]] = []
    agent_dates: dict[str, list[date]] = {}
    tki_events: list[tuple[str, date]] = []
    # (date, position, test, result)
    workups: list[tuple[date, int, str, str | None]] = []
    vod_recorded = False

    events = document.get("events") or ()
    for position, event in enumerate(events):  # type: ignore[arg-type]
        when = date.fromisoformat(event["date"])
        if when > as_of:
            continue
        kind = event["type"]
        seen_types.add(kind)
        if kind == "relapse":
            relapse_dates.add(when)
        elif kind == "response":
            responses.append((when, position, event.get("response"), event.get("mrd")))
        elif kind == "cns_event":
            cns_kind = event.get("cns_kind")
            if cns_kind == "isolated_cns_relapse":
                isolated_cns_dates.append(when)
                cns_positive_dates.append(when)
            elif cns_kind == "cns_involvement":
                cns_positive_dates.append(when)
            elif cns_kind == "cns_negative_lp":
                cns_negative_dates.append(when)
        elif kind == "it_chemotherapy":
            it_dates.append(when)
        elif kind == "cranial_rt":
            cranial_dates.append(when)
        elif kind == "workup":
            workups.append((when, position, event["test"], event.get("result")))
        elif kind == "toxicity" and event.get("toxicity") == "vod_sos":
            vod_recorded = True
        if kind in REMISSION_THERAPY_TYPES:
            end = event.get("end_date")
            therapies.append(
                (kind, when, when if end is None else date.fromisoformat(end))
            )
            if kind in agent_dates:
                agent_dates[kind].append(when)
            else:
                agent_dates[kind] = [when]
            if kind == "car_t":
                agent = event.get("agent")
                if agent:
                    cart_products.append(agent)
            elif kind == "allo_hsct":
                hsct_events.append((when, event.get("donor")))
            elif kind == "tki":
                tki_events.append((event.get("agent") or "TKI", when))

    recorded_relapse = _optional_date(disease.get("latest_relapse_date"))
    if recorded_relapse is not None and recorded_relapse <= as_of:
        relapse_dates.add(recorded_relapse)
    latest_relapse = max(relapse_dates) if relapse_dates else None

    if "relapse_count" in disease:
        relapse_count: int | None = disease["relapse_count"]
        relapse_count_basis = "recorded"
    elif relapse_dates:
        relapse_count = len(relapse_dates)
        relapse_count_basis = "relapse dates"
    elif state in ("relapse", "remission_after_relapse"):
        relapse_count = None
        relapse_count_basis = "unknown"
    else:
        relapse_count = 0
        relapse_count_basis = "relapse dates"

    months_to_relapse = (
        None if latest_relapse is None else whole_months(diagnosis_date, latest_relapse)
    )

    if state == "primary_refractory":
        episode_start: date | None = diagnosis_date
    elif latest_relapse is not None:
        episode_start = latest_relapse
    elif state == "progression_after_salvage" and relapse_count == 0:
        # Progression after salvage, no relapse ever: refractory since diagnosis.
        episode_start = diagnosis_date if relapse_count_basis == "recorded" else None
    else:
        episode_start = None

    # --- The remission the latest relapse ended --------------------------------
    has_relapsed: bool | None
    if state == "primary_refractory" or relapse_count == 0:
        has_relapsed = False
    elif latest_relapse is not None or relapse_count is not None:
        has_relapsed = True
    else:
        has_relapsed = None
    remission_start, remission_basis = _remission_before_relapse(
        has_relapsed, relapse_count, relapse_dates, latest_relapse, responses
    )
    if remission_basis == "diagnosis":
        remission_start = diagnosis_date
    remission_months = (
        None
        if remission_start is None or latest_relapse is None
        else whole_months(remission_start, latest_relapse)
    )
    late_relapse = (
        None if remission_months is None else remission_months >= LATE_RELAPSE_MONTHS
    )
    # Only RR-LATE-RELAPSE-RETREAT reads what brought that remission.
    remission_regimen = (
        _remission_regimen(
            remission_basis,
            diagnosis.get("initial_regimen"),
            relapse_dates,
            latest_relapse,  # type: ignore[arg-type]
            diagnosis_date,
            responses,
            therapies,
        )
        if late_relapse
        else None
    )

    # --- Agents against the current episode ------------------------------------
    agents = (
        {
            name: _agent_history(agent_dates[name], episode_start)
            for name in TRACKED_AGENTS
            if name in agent_dates
        }
        if agent_dates
        else _NO_AGENTS
    )
    tkis: tuple[tuple[str, date, bool | None], ...] = ()
    if tki_events:
        tkis = tuple(
            (name, when, None if episode_start is None else when >= episode_start)
            for name, when in sorted(tki_events, key=_second)
        )
    cd19_directed = (
        agent_dates.get("blinatumomab", []) + agent_dates.get("car_t", [])
        if agent_dates
        else ()
    )

    hsct_before: tuple[date, str | None] | None = None
    if hsct_events and latest_relapse is not None:
        earlier = [item for item in hsct_events if item[0] < latest_relapse]
        hsct_before = max(earlier, key=_first) if earlier else None

    # --- CNS ------------------------------------------------------------------
    raw_sites = disease.get("sites")
    sites = None if raw_sites is None else frozenset(raw_sites)
    cns_involvement = _cns_involvement(
        sites, cns_positive_dates, cns_negative_dates, episode_start
    )
    isolated_cns = _isolated_cns_relapse(
        sites, cns_involvement, isolated_cns_dates, episode_start
    )

    # --- Response (the current episode's) -------------------------------------
    latest_response: str | None = None
    latest_response_date: date | None = None
    if responses:
        latest_response_date, _, latest_response, _ = max(responses)
    latest_mrd: str | None = None
    latest_mrd_date: date | None = None
    if responses and episode_start is not None:
        episode_responses = [r for r in responses if r[0] >= episode_start]
        if episode_responses:
            latest_mrd_date, _, _, latest_mrd = max(episode_responses)
    remission_therapies = _remission_therapies(responses, therapies, episode_start)

    gonadotoxic_started: date | None = None
    if episode_start is not None:
        starts = [
            start
            for kind, start, _ in therapies
            if kind in GONADOTOXIC_THERAPY_TYPES and start >= episode_start
        ]
        gonadotoxic_started = min(starts) if starts else None

    # --- Work-up in the current episode -----------------------------------------
    workup_done: Mapping[str, WorkupRecord] = _NO_WORKUP
    workup_unplaced: frozenset[str] = frozenset()
    if workups:
        done: dict[str, WorkupRecord] = {}
        unplaced: set[str] = set()
        for when, _, test, result in sorted(workups):
            if episode_start is None:
                unplaced.add(test)
            elif when >= episode_start:
                done[test] = WorkupRecord(when, result)
        workup_done, workup_unplaced = MappingProxyType(done), frozenset(unplaced)

    # --- Referrals ------------------------------------------------------------
    counted: set[str] = set()
    fertility_dates: list[date] = []
    fertility_undated = False
    mental_health_dates: list[date] = []
    mental_health_undated = False
    for referral in document.get("referrals") or ():  # type: ignore[attr-defined]
        status = referral["status"]
        kind = referral["kind"]
        when = _optional_date(referral.get("date"))
        if when is not None and when > as_of:
            continue  # the status was reached after as_of: not yet
        if status in COUNTING_REFERRAL_STATUSES:
            counted.add(kind)
        if kind == "fertility" and status in FERTILITY_CLEARING_STATUSES:
            if when is None:
                fertility_undated = True
            else:
                fertility_dates.append(when)
        elif kind == "mental_health" and status == "completed":
            if when is None:
                mental_health_undated = True
            else:
                mental_health_dates.append(when)

    fertility_in_episode: bool | None
    fertility_date: date | None = None
    in_episode_dates = (
        []
        if episode_start is None
        else [d for d in fertility_dates if d >= episode_start]
    )
    if in_episode_dates:
        fertility_in_episode = True
        fertility_date = max(in_episode_dates)
    elif fertility_undated or (fertility_dates and episode_start is None):
        fertility_in_episode = None
    else:
        fertility_in_episode = False

    # --- Every fact under its field's name, then the tuple in field order ----------
    # ``CaseFacts`` is built positionally: with a hundred-odd fields, matching keyword
    # arguments costs more than deriving the facts. Each element below is a local of
    # the field's own name, so the order is checked by reading it (and by
    # tests/recommendations/test_facts_build.py, which holds it to ``_fields``).
    case_id = document["case_id"]
    age_years = whole_years(birth_date, as_of)
    sex = document.get("sex", "unknown")
    can_become_pregnant = document.get("can_become_pregnant")
    weight = document.get("weight_kg")
    weight_kg = None if weight is None else float(weight)  # type: ignore[arg-type]
    lineage = diagnosis["lineage"]
    ph_status = diagnosis.get("ph_status", "unknown")
    initial_regimen = diagnosis.get("initial_regimen")
    decision_point = DECISION_POINT_BY_STATE.get(state, DecisionPoint.NONE)
    refractory = state in ("primary_refractory", "progression_after_salvage")
    blasts = disease.get("marrow_blast_percent")
    marrow_blast_percent = None if blasts is None else float(blasts)
    testicular_disease_after_induction = disease.get(
        "testicular_disease_after_induction"
    )
    cd19 = markers.get("cd19", "unknown")
    cd22 = markers.get("cd22", "unknown")
    cd20 = markers.get("cd20", "unknown")
    kmt2a_rearranged = markers.get("kmt2a_rearranged", "unknown")
    abl1 = markers.get("abl1_mutations")
    abl1_mutations = None if abl1 is None else frozenset(abl1)
    markers_tested_on = _optional_date(markers.get("tested_on"))
    fitness_category = fitness.get("category", "unknown")
    ecog = fitness.get("ecog")
    hct_ci = fitness.get("hct_ci")
    transplant_eligible = fitness.get("transplant_eligible", "unknown")
    prior_neuropathy = fitness.get("prior_neuropathy")
    strong_cyp3a4_inhibitor = medications.get("strong_cyp3a4_inhibitor")
    hsct_planned = plans.get("hsct_planned")
    next_treatment_start = _optional_date(plans.get("next_treatment_start"))
    school_or_work_disrupted = psychosocial.get("school_or_work_disrupted")
    clinical_trial_screened = psychosocial.get("clinical_trial_screened")
    latest_relapse_date = latest_relapse
    remission_start_basis = remission_basis
    prior_therapies = frozenset(seen_types & THERAPY_EVENT_TYPES)
    prior_blinatumomab = "blinatumomab" in prior_therapies
    prior_inotuzumab = "inotuzumab" in prior_therapies
    prior_cart = "car_t" in prior_therapies
    prior_hsct = "allo_hsct" in prior_therapies
    prior_revumenib = "revumenib" in prior_therapies
    prior_nelarabine = "nelarabine" in prior_therapies
    prior_it_chemotherapy = "it_chemotherapy" in prior_therapies
    prior_cranial_rt = "cranial_rt" in prior_therapies
    prior_tki = "tki" in prior_therapies
    prior_chemotherapy = "chemotherapy" in prior_therapies
    if agents is not _NO_AGENTS:
        agents = MappingProxyType(agents)
    car_t_products = tuple(cart_products)
    first_hsct_date = min(item[0] for item in hsct_events) if hsct_events else None
    hsct_before_relapse = None if hsct_before is None else hsct_before[0]
    hsct_before_relapse_donor = None if hsct_before is None else hsct_before[1]
    latest_cd19_directed = max(cd19_directed) if cd19_directed else None
    isolated_cns_relapse = isolated_cns
    episode_it_chemotherapy = _recorded_in_episode(it_dates, episode_start)
    episode_cranial_rt = _recorded_in_episode(cranial_dates, episode_start)
    remission_with_cart = (
        None if remission_therapies is None else "car_t" in remission_therapies
    )
    remission_with_blinatumomab = (
        None if remission_therapies is None else "blinatumomab" in remission_therapies
    )
    gonadotoxic_therapy_started = gonadotoxic_started
    referral_kinds_counted = frozenset(counted)
    fertility_referral_in_episode = fertility_in_episode
    fertility_referral_date = fertility_date
    last_mental_health_completed = (
        max(mental_health_dates) if mental_health_dates else None
    )
    mental_health_completed_undated = mental_health_undated
    gate_key = _GATE_KEY_INDEX[decision_point, lineage, fitness_category == "frail"]
    memo: dict = {}
    return _new_tuple(
        CaseFacts,
        (
            case_id,
            as_of,
            evaluation_date,
            birth_date,
            age_years,
            sex,
            can_become_pregnant,
            weight_kg,
            diagnosis_date,
            lineage,
            ph_status,
            initial_regimen,
            state,
            decision_point,
            refractory,
            sites,
            marrow_blast_percent,
            testicular_disease_after_induction,
            cd19,
            cd22,
            cd20,
            kmt2a_rearranged,
            abl1_mutations,
            markers_tested_on,
            fitness_category,
            ecog,
            hct_ci,
            transplant_eligible,
            prior_neuropathy,
            strong_cyp3a4_inhibitor,
            hsct_planned,
            next_treatment_start,
            school_or_work_disrupted,
            clinical_trial_screened,
            relapse_count,
            relapse_count_basis,
            latest_relapse_date,
            months_to_relapse,
            has_relapsed,
            remission_start,
            remission_start_basis,
            remission_months,
            late_relapse,
            remission_regimen,
            episode_start,
            prior_therapies,
            prior_blinatumomab,
            prior_inotuzumab,
            prior_cart,
            prior_hsct,
            prior_revumenib,
            prior_nelarabine,
            prior_it_chemotherapy,
            prior_cranial_rt,
            prior_tki,
            prior_chemotherapy,
            agents,
            tkis,
            car_t_products,
            first_hsct_date,
            hsct_before_relapse,
            hsct_before_relapse_donor,
            vod_recorded,
            latest_cd19_directed,
            cns_involvement,
            isolated_cns_relapse,
            episode_it_chemotherapy,
            episode_cranial_rt,
            latest_response,
            latest_response_date,
            latest_mrd,
            latest_mrd_date,
            remission_therapies,
            remission_with_cart,
            remission_with_blinatumomab,
            gonadotoxic_therapy_started,
            workup_done,
            workup_unplaced,
            referral_kinds_counted,
            fertility_referral_in_episode,
            fertility_referral_date,
            last_mental_health_completed,
            mental_health_completed_undated,
            gate_key,
            memo,
        ),
    )


_NO_AGENTS: Mapping[str, AgentHistory] = MappingProxyType({})
_NO_WORKUP: Mapping[str, WorkupRecord] = MappingProxyType({})


def _first(item: tuple) -> object:
    return item[0]


def _second(item: tuple) -> object:
    return item[1]


_UNPLACED = AgentHistory(None, None, None)


def _agent_history(dates: list[date], episode_start: date | None) -> AgentHistory:
    """Place every date an agent was given against the current episode."""
    if episode_start is None:
        return _UNPLACED
    last_inside: date | None = None
    last_before: date | None = None
    for when in dates:
        if when >= episode_start:
            if last_inside is None or when > last_inside:
                last_inside = when
        elif last_before is None or when > last_before:
            last_before = when
    return AgentHistory(last_inside is not None, last_inside, last_before)


def _remission_before_relapse(
    has_relapsed: bool | None,
    relapse_count: int | None,
    relapse_dates: set[date],
    latest_relapse: date | None,
    responses: list[tuple[date, int, str | None, str | None]],
) -> tuple[date | None, str]:
    """The start of the remission the latest relapse ended, and how it was found.

    The basis is ``response`` (a recorded CR-class response), ``diagnosis`` (a first
    relapse with no remission recorded), ``no relapse``, or the missing fact that
    leaves the start unknown.
    """
    if has_relapsed is False:
        return None, "no relapse"
    if latest_relapse is None:
        return None, REMISSION_UNKNOWN_RELAPSE_DATE
    previous = None
    if len(relapse_dates) > 1:
        previous = max(when for when in relapse_dates if when < latest_relapse)
    if previous is None and relapse_count is not None and relapse_count >= 2:
        # An earlier relapse is counted but not dated: a recorded response cannot be
        # placed after it, so the remission it started is not known.
        return None, REMISSION_UNKNOWN_EARLIER_RELAPSE
    starts = [
        when
        for when, _, response, _ in responses
        if response in CR_RESPONSES
        and when < latest_relapse
        and (previous is None or when > previous)
    ]
    if starts:
        return max(starts), "response"
    if relapse_count == 1:
        return None, "diagnosis"  # the caller fills in the diagnosis date
    if relapse_count is None:
        return None, REMISSION_UNKNOWN_COUNT
    return None, REMISSION_UNKNOWN_START


def _remission_regimen(
    basis: str,
    initial_regimen: str | None,
    relapse_dates: set[date],
    latest_relapse: date,
    diagnosis_date: date,
    responses: list[tuple[date, int, str | None, str | None]],
    therapies: list[tuple[str, date, date]],
) -> tuple[str, ...] | None:
    """What brought the remission the latest relapse ended (RR-LATE-RELAPSE-RETREAT).

    For a first relapse with no remission recorded, the initial regimen; otherwise the
    therapies credited with the first CR-class response of that remission.
    """
    if basis == "diagnosis":
        return (initial_regimen,) if initial_regimen else None
    if basis != "response":
        return None
    earlier = [when for when in relapse_dates if when < latest_relapse]
    window_start = max(earlier) if earlier else diagnosis_date
    first_cr = min(
        (
            when
            for when, _, response, _ in responses
            if response in CR_RESPONSES and window_start < when < latest_relapse
        ),
        default=None,
    )
    if window_start == diagnosis_date and initial_regimen:
        return (initial_regimen,)  # the first remission: what the initial regimen did
    if first_cr is None:
        # The remission's only CR is dated on or before the diagnosis: no therapy
        # recorded after the diagnosis can be credited with it.
        return None
    credited = _credited(responses, therapies, window_start, first_cr)
    return tuple(sorted(credited)) if credited else None


def _recorded_in_episode(dates: list[date], episode_start: date | None) -> bool | None:
    """Whether any of these (already <= as_of) dates falls in the current episode."""
    if not dates:
        return False
    if episode_start is None:
        return None
    return any(when >= episode_start for when in dates)


def _cns_involvement(
    sites: frozenset[str] | None,
    positive_dates: list[date],
    negative_dates: list[date],
    episode_start: date | None,
) -> bool | None:
    """CNS disease now: a ``cns`` site or a positive CNS event in the episode."""
    if sites is not None and "cns" in sites:
        return True
    if positive_dates:
        if episode_start is None:
            return None
        if any(when >= episode_start for when in positive_dates):
            return True
    if sites is not None:
        return False
    if episode_start is not None and any(
        when >= episode_start for when in negative_dates
    ):
        return False
    return None


def _isolated_cns_relapse(
    sites: frozenset[str] | None,
    cns_involved: bool | None,
    isolated_dates: list[date],
    episode_start: date | None,
) -> bool | None:
    """CNS involved with no other site (marrow, testis, other extramedullary)."""
    if cns_involved is False:
        return False
    if sites is not None:
        if sites & NON_CNS_SITES:
            return False
        return cns_involved
    # No sites recorded: only an isolated-CNS-relapse event in the episode says so.
    if episode_start is not None and any(
        when >= episode_start for when in isolated_dates
    ):
        return True
    return None


def _credited(
    responses: list[tuple[date, int, str | None, str | None]],
    therapies: list[tuple[str, date, date]],
    window_start: date,
    remission_date: date,
) -> frozenset[str]:
    """Therapies credited with a remission first seen on ``remission_date``."""
    earlier = [r[0] for r in responses if window_start <= r[0] < remission_date]
    previous = max(earlier) if earlier else None
    return frozenset(
        kind
        for kind, start, end in therapies
        if window_start <= start < remission_date
        and (previous is None or end > previous)
    )


def _remission_therapies(
    responses: list[tuple[date, int, str | None, str | None]],
    therapies: list[tuple[str, date, date]],
    episode_start: date | None,
) -> frozenset[str] | None:
    """The therapies credited with the latest CR-class response (module docstring)."""
    if episode_start is None:
        return None
    remissions = [
        r for r in responses if r[2] in CR_RESPONSES and r[0] >= episode_start
    ]
    if not remissions:
        return None
    credited = _credited(responses, therapies, episode_start, max(remissions)[0])
    return credited or None
