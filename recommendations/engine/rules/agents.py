"""The one derivation of the antigen-directed agents left for re-induction (2026.2).

Blinatumomab suits CD19-positive disease and inotuzumab ozogamicin CD22-positive
disease. A suited agent given in the current episode has not brought remission (the
patient is refractory to it or progressing on it) and is left out with that reason; one
given only in an earlier episode is listed with the date it was last given, since the
sources allow it to be tried again with care. RR-B-IMMUNO-REINDUCTION,
RR-B-CHEMO-BY-FITNESS, RR-KMT2A-REVUMENIB, RR-MULTIPLY-RELAPSED and the alerts about
blinatumomab and inotuzumab all read this one answer, so they can never disagree.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import MappingProxyType

from recommendations.engine.facts import NEVER_GIVEN, AgentHistory, CaseFacts
from recommendations.engine.logic import (
    APPLIES,
    DOES_NOT_APPLY,
    INSUFFICIENT_DATA,
    Finding,
    memoized,
)

BLINATUMOMAB = "blinatumomab"
INOTUZUMAB = "inotuzumab"
# Display names of the agent keys, for reasons and statements.
AGENT_NAMES = MappingProxyType(
    {
        BLINATUMOMAB: "blinatumomab",
        INOTUZUMAB: "inotuzumab ozogamicin",
        "car_t": "CD19 CAR-T",
        "revumenib": "revumenib",
        "nelarabine": "nelarabine",
        "tki": "a BCR::ABL1 TKI",
    }
)
# Which antigen each agent needs, in the order agents are listed.
_ANTIGEN_AGENTS = ((BLINATUMOMAB, "CD19"), (INOTUZUMAB, "CD22"))
_ANTIGEN = dict(_ANTIGEN_AGENTS)
EPISODE_START_UNKNOWN = "latest relapse date not recorded"


@dataclass(frozen=True, slots=True)
class AntigenAgents:
    """The suited CD19/CD22 agents and where each stands in the current episode.

    ``left`` holds the agents still open (suited, not given in this episode) in
    catalogue order; ``given_before`` the dates of those given in an earlier episode;
    ``left_out`` the suited agents given in this episode, with the reason; ``missing``
    the facts that would settle the rest. The findings every rule reads are built
    once, with the derivation: ``any_left`` ("is a suited agent left?"),
    ``none_left`` (its negation, for the fallbacks) and ``status`` (one agent).
    """

    left: tuple[str, ...]
    given_before: MappingProxyType
    left_out: MappingProxyType
    missing: MappingProxyType
    any_left: Finding
    none_left: Finding
    status: MappingProxyType
    detail: MappingProxyType


@memoized
def antigen_agents(facts: CaseFacts) -> AntigenAgents:
    """The agents suited to this case and left open (cached on the facts they read)."""
    return _derive(
        facts.lineage,
        facts.cd19,
        facts.cd22,
        facts.agents.get(BLINATUMOMAB, NEVER_GIVEN),
        facts.agents.get(INOTUZUMAB, NEVER_GIVEN),
    )


_T_LINEAGE = ("T-lineage: no CD19- or CD22-directed agent",)
_NONE = MappingProxyType({})


@functools.lru_cache(maxsize=4096)
def _derive(
    lineage: str,
    cd19: str,
    cd22: str,
    blinatumomab: AgentHistory,
    inotuzumab: AgentHistory,
) -> AntigenAgents:
    left: list[str] = []
    given_before: dict[str, str] = {}
    left_out: dict[str, str] = {}
    missing: dict[str, str] = {}
    refusals: list[str] = []
    status: dict[str, Finding] = {}
    if lineage != "B":
        refusals += _T_LINEAGE
        for agent, _ in _ANTIGEN_AGENTS:
            status[agent] = Finding(DOES_NOT_APPLY, _T_LINEAGE)
    markers = {"CD19": cd19, "CD22": cd22}
    histories = {BLINATUMOMAB: blinatumomab, INOTUZUMAB: inotuzumab}
    for agent, antigen in _ANTIGEN_AGENTS if lineage == "B" else ():
        name = AGENT_NAMES[agent]
        marker = markers[antigen]
        if marker == "negative":
            reason = f"{antigen} negative: {name} does not suit"
            refusals.append(reason)
            status[agent] = Finding(DOES_NOT_APPLY, (reason,))
            continue
        if marker != "positive":
            missing[agent] = f"{antigen} unknown"
            status[agent] = Finding(INSUFFICIENT_DATA, (missing[agent],))
            continue
        history = histories[agent]
        if history.in_episode is None:
            missing[agent] = (
                f"{EPISODE_START_UNKNOWN}: cannot tell whether {name} was given in "
                "this episode"
            )
            status[agent] = Finding(INSUFFICIENT_DATA, (missing[agent],))
        elif history.in_episode:
            reason = (
                f"{name} given in the current episode "
                f"({history.last_in_episode.isoformat()}): not re-offered"  # type: ignore[union-attr]
            )
            left_out[agent] = reason
            refusals.append(reason)
            status[agent] = Finding(DOES_NOT_APPLY, (reason,))
        else:
            left.append(agent)
            given = ""
            if history.last_before is not None:
                given_before[agent] = history.last_before.isoformat()
                given = f" (given before, {given_before[agent]})"
            status[agent] = Finding(APPLIES, (f"{name} is a suited agent now{given}",))
    if left:
        listed = tuple(
            f"{_ANTIGEN[agent]} positive: {AGENT_NAMES[agent]} suited"
            + (
                f" (given before, {given_before[agent]})"
                if agent in given_before
                else ""
            )
            for agent in left
        )
        any_left = Finding(APPLIES, (*listed, *left_out.values()))
        none_left = Finding(DOES_NOT_APPLY, any_left.reasons)
    elif missing:
        any_left = none_left = Finding(INSUFFICIENT_DATA, tuple(missing.values()))
    else:
        any_left = Finding(DOES_NOT_APPLY, tuple(refusals))
        none_left = Finding(APPLIES, ("no suited CD19/CD22 agent left", *refusals))
    return AntigenAgents(
        left=tuple(left),
        given_before=MappingProxyType(given_before) if given_before else _NONE,
        left_out=MappingProxyType(left_out) if left_out else _NONE,
        missing=MappingProxyType(missing) if missing else _NONE,
        any_left=any_left,
        none_left=none_left,
        status=MappingProxyType(status),
        detail=MappingProxyType(
            {
                "agents": tuple(left),
                "given_before": MappingProxyType(given_before),
                "left_out": MappingProxyType(left_out),
            }
        ),
    )


def agent_status(facts: CaseFacts, agent: str) -> Finding:
    """Whether this one agent is left: suited and not given in the current episode."""
    return antigen_agents(facts).status[agent]


def agent_left(facts: CaseFacts) -> Finding:
    """A suited CD19/CD22 agent is left for re-induction."""
    return antigen_agents(facts).any_left


def no_agent_left(facts: CaseFacts) -> Finding:
    """No suited CD19/CD22 agent is left (antigen-negative, or given this episode)."""
    return antigen_agents(facts).none_left
