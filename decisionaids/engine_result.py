"""The engine's result as the decision aids read it: one small adapter, nothing else.

The aids are built from the JSON shape of ``manage.py recommend`` (catalogue 2026.2,
rule-set ``ash-rr-aya-2026.2``). Every read of that shape goes through ``EngineView``,
so a change in the engine's output is a change here only.

Where an older result lacks a 2026.2 member, the view says "unknown" rather than
guessing, with two exceptions taken from the case document itself (facts, not rules):
an agent's dates (``agents``) and the drug names in ``RR-B-IMMUNO-REINDUCTION``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

# Agents whose history the 2026.2 engine reports in ``derived.agents``.
AGENTS = ("blinatumomab", "inotuzumab", "car_t", "revumenib", "nelarabine", "tki")
# Older results name inotuzumab in full; the aids use the catalogue's short key.
_AGENT_NAMES = {"inotuzumab ozogamicin": "inotuzumab", "CAR-T": "car_t"}


def _date(value: object) -> dt.date | None:
    return None if not value else dt.date.fromisoformat(str(value))


def agent_key(name: str) -> str:
    return _AGENT_NAMES.get(name, name)


@dataclass(frozen=True, slots=True)
class AgentHistory:
    """One agent in the case's history (contract: ``derived.agents[agent]``).

    ``given_in_episode`` is None when the agent was given but the current episode's
    start is unknown; False when it was never given in the episode (or never at all).
    """

    given_in_episode: bool | None = False
    last_given_in_episode: dt.date | None = None
    last_given_before: dt.date | None = None

    @property
    def ever_given(self) -> bool:
        return bool(
            self.given_in_episode
            or self.given_in_episode is None
            or self.last_given_before
        )


@dataclass(frozen=True, slots=True)
class EngineView:
    """What the aids need from one engine result."""

    ruleset_version: str
    decision_point: str
    recommendations: frozenset[str]
    alerts: frozenset[str]
    severity: Mapping[str, str]
    referrals_due: frozenset[str]
    referral_items: Mapping[str, Mapping]
    details: Mapping[str, Mapping]
    derived: Mapping[str, object]
    agents: Mapping[str, AgentHistory] = field(default_factory=dict)

    def applies(self, rule_id: str) -> bool:
        return rule_id in self.recommendations or rule_id in self.alerts

    def referral(self, item_id: str) -> Mapping | None:
        """A referral due (``PSY-…``) as the engine lists it, or None."""
        return self.referral_items.get(item_id)

    def detail(self, rule_id: str) -> Mapping:
        return self.details.get(rule_id) or {}

    # --- derived facts -------------------------------------------------------

    def _derived(self, *names: str) -> object:
        for name in names:
            if name in self.derived:
                return self.derived[name]
        return None

    @property
    def as_of(self) -> dt.date | None:
        return _date(self._derived("as_of"))

    @property
    def relapse_count(self) -> int | None:
        value = self._derived("relapse_count")
        return None if value is None else int(value)

    @property
    def latest_relapse_date(self) -> dt.date | None:
        return _date(self._derived("latest_relapse_date"))

    @property
    def episode_start(self) -> dt.date | None:
        return _date(self._derived("current_episode_start"))

    @property
    def remission_before_relapse_months(self) -> int | None:
        """The remission the latest relapse ended, whole months (2026.2), or None."""
        value = self._derived("remission_before_relapse_months")
        return None if value is None else int(value)

    @property
    def late_relapse(self) -> bool | None:
        return self._derived("late_relapse")  # type: ignore[return-value]

    @property
    def cns_involved(self) -> bool | None:
        return self._derived("cns_involved", "cns_involvement")  # type: ignore[return-value]

    @property
    def isolated_cns_relapse(self) -> bool | None:
        return self._derived("isolated_cns_relapse")  # type: ignore[return-value]

    @property
    def prior_hsct(self) -> bool:
        return bool(self._derived("prior_hsct"))

    @property
    def latest_mrd(self) -> str | None:
        """MRD of the current episode's latest response (2026.2), or None."""
        return self._derived("latest_mrd")  # type: ignore[return-value]

    @property
    def remission_with_blinatumomab(self) -> bool | None:
        return self._derived("remission_with_blinatumomab")  # type: ignore[return-value]

    @property
    def remission_with_cart(self) -> bool | None:
        return self._derived("remission_with_cart")  # type: ignore[return-value]

    def given_in_episode(self, agent: str) -> bool | None:
        return self.agents.get(agent, AgentHistory()).given_in_episode

    # --- rule details --------------------------------------------------------

    @property
    def immuno_agents(self) -> tuple[str, ...]:
        """RR-B-IMMUNO-REINDUCTION's suited agents not given in this episode."""
        if "RR-B-IMMUNO-REINDUCTION" not in self.recommendations:
            return ()
        detail = self.detail("RR-B-IMMUNO-REINDUCTION")
        agents = tuple(agent_key(a) for a in detail.get("agents", ()))
        if "left_out" not in detail:
            # A result without ``left_out`` did not filter by episode.
            agents = tuple(a for a in agents if self.given_in_episode(a) is not True)
        return agents

    @property
    def immuno_left_out(self) -> tuple[str, ...]:
        """Suited agents left out because they were given in this episode."""
        detail = self.detail("RR-B-IMMUNO-REINDUCTION")
        if "left_out" in detail:
            return tuple(agent_key(a) for a in detail["left_out"])
        return tuple(
            agent
            for agent in ("blinatumomab", "inotuzumab")
            if self.given_in_episode(agent) is True
        )

    @property
    def cart_products(self) -> tuple[Mapping, ...]:
        """RR-B-CART-OPTION's product rows (only when the rule applies)."""
        if "RR-B-CART-OPTION" not in self.recommendations:
            return ()
        return tuple(self.detail("RR-B-CART-OPTION").get("products", ()))

    @property
    def cart_cns_caveat(self) -> bool:
        return bool(self.detail("RR-B-CART-OPTION").get("cns_caveat"))

    @property
    def multiply_relapsed_agents(self) -> tuple[str, ...]:
        if "RR-MULTIPLY-RELAPSED" not in self.recommendations:
            return ()
        return tuple(
            agent_key(a) for a in self.detail("RR-MULTIPLY-RELAPSED").get("agents", ())
        )

    @property
    def revumenib_open(self) -> bool:
        return (
            "RR-KMT2A-REVUMENIB" in self.recommendations
            or "revumenib" in self.multiply_relapsed_agents
        )


def _agents_from_document(
    document: Mapping, *, as_of: dt.date | None, episode_start: dt.date | None
) -> dict[str, AgentHistory]:
    """Each agent's dates from the case's own events (an older result lacks them)."""
    starts: dict[str, list[dt.date]] = {agent: [] for agent in AGENTS}
    for event in document.get("events") or ():
        if event.get("type") in starts:
            when = dt.date.fromisoformat(event["date"])
            if as_of is None or when <= as_of:
                starts[event["type"]].append(when)
    history = {}
    for agent, dates in starts.items():
        if not dates:
            history[agent] = AgentHistory()
            continue
        if episode_start is None:
            history[agent] = AgentHistory(given_in_episode=None)
            continue
        inside = [d for d in dates if d >= episode_start]
        before = [d for d in dates if d < episode_start]
        history[agent] = AgentHistory(
            given_in_episode=bool(inside),
            last_given_in_episode=max(inside) if inside else None,
            last_given_before=max(before) if before else None,
        )
    return history


def _agents_from_result(derived: Mapping) -> dict[str, AgentHistory] | None:
    raw = derived.get("agents")
    if not isinstance(raw, Mapping):
        return None
    return {
        agent: AgentHistory(
            given_in_episode=row.get("given_in_episode"),
            last_given_in_episode=_date(row.get("last_given_in_episode")),
            last_given_before=_date(row.get("last_given_before")),
        )
        for agent, row in raw.items()
    }


def engine_view(result: Mapping, document: Mapping | None = None) -> EngineView:
    """Read one engine result (and, for older results, the case document)."""
    derived = result.get("derived") or {}
    recommendations = result.get("recommendations") or ()
    alerts = result.get("alerts") or ()
    details = {
        item["id"]: item.get("detail") or {}
        for item in (*recommendations, *alerts)
        if isinstance(item.get("detail"), Mapping)
    }
    agents = _agents_from_result(derived)
    if agents is None:
        agents = (
            {}
            if document is None
            else _agents_from_document(
                document,
                as_of=_date(derived.get("as_of")),
                episode_start=_date(derived.get("current_episode_start")),
            )
        )
    return EngineView(
        ruleset_version=str(result.get("ruleset_version", "")),
        decision_point=str(result.get("decision_point", "NONE")),
        recommendations=frozenset(item["id"] for item in recommendations),
        alerts=frozenset(item["id"] for item in alerts),
        severity={item["id"]: item.get("severity", "warning") for item in alerts},
        referrals_due=frozenset(
            item["id"] for item in result.get("referrals_due") or ()
        ),
        referral_items={item["id"]: item for item in result.get("referrals_due") or ()},
        details=details,
        derived=derived,
        agents=agents,
    )
