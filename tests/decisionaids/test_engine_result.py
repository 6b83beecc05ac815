"""The aids' one reading of the engine result (2026.2 contract), and its fallbacks."""

from __future__ import annotations

import datetime as dt

from decisionaids.engine_result import AgentHistory, engine_view
from tests.decisionaids import cases
from tests.decisionaids.contract import agents, cart_detail, result


def test_the_contract_members_are_read_as_the_contract_states_them():
    view = engine_view(
        result(
            recommendations={
                "RR-B-IMMUNO-REINDUCTION": {
                    "agents": ["blinatumomab", "inotuzumab"],
                    "given_before": {"blinatumomab": "2025-03-01"},
                    "left_out": {},
                },
                "RR-B-CART-OPTION": cart_detail("obecabtagene autoleucel"),
                "RR-MULTIPLY-RELAPSED": {"options": [], "agents": ["revumenib"]},
            },
            alerts={"ALERT-PRIOR-VOD": {"severity": "high"}},
            referrals=("PSY-FERTILITY",),
            derived={
                "remission_before_relapse_months": 7,
                "cns_involved": True,
                "agents": agents(
                    blinatumomab={"last_given_before": "2025-03-01"},
                    car_t={"given_in_episode": None},
                ),
            },
        )
    )

    assert view.ruleset_version == "ash-rr-aya-2026.2"
    assert view.immuno_agents == ("blinatumomab", "inotuzumab")
    assert view.immuno_left_out == ()
    assert view.cart_products[0]["product"] == "obecabtagene autoleucel"
    assert view.revumenib_open
    assert view.severity == {"ALERT-PRIOR-VOD": "high"}
    assert view.referral("PSY-FERTILITY") == {"id": "PSY-FERTILITY"}
    assert view.remission_before_relapse_months == 7
    assert view.cns_involved is True
    assert view.agents["blinatumomab"] == AgentHistory(
        given_in_episode=False, last_given_before=dt.date(2025, 3, 1)
    )
    assert view.agents["car_t"].given_in_episode is None
    assert view.agents["car_t"].ever_given


def test_left_out_agents_come_from_the_rule_detail():
    view = engine_view(
        result(
            recommendations={
                "RR-B-IMMUNO-REINDUCTION": {
                    "agents": ["inotuzumab"],
                    "given_before": {},
                    "left_out": {"blinatumomab": "given in the current episode"},
                }
            }
        )
    )

    assert view.immuno_agents == ("inotuzumab",)
    assert view.immuno_left_out == ("blinatumomab",)


def test_an_older_result_is_read_with_the_case_documents_own_dates():
    """A 2026.1 result: full drug names, no ``derived.agents``, no ``left_out``."""
    document = cases.ines()
    older = {
        "ruleset_version": "ash-rr-aya-2026.1",
        "decision_point": "REINDUCTION",
        "derived": {
            "as_of": "2026-11-01",
            "current_episode_start": "2026-10-18",
            "cns_involvement": False,
        },
        "recommendations": [
            {
                "id": "RR-B-IMMUNO-REINDUCTION",
                "detail": {"agents": ["blinatumomab", "inotuzumab ozogamicin"]},
            }
        ],
        "alerts": [],
        "referrals_due": [],
    }

    view = engine_view(older, document)

    assert view.immuno_agents == ("blinatumomab", "inotuzumab")
    assert view.agents["inotuzumab"] == AgentHistory(
        given_in_episode=False, last_given_before=dt.date(2025, 5, 2)
    )
    assert view.cns_involved is False
    assert view.remission_before_relapse_months is None  # unknown, not guessed
    assert view.severity == {}


def test_an_older_result_drops_an_agent_given_in_this_episode():
    document = cases.ines()
    document["events"].append({"type": "blinatumomab", "date": "2026-10-22"})
    older = {
        "derived": {"as_of": "2026-11-01", "current_episode_start": "2026-10-18"},
        "recommendations": [
            {
                "id": "RR-B-IMMUNO-REINDUCTION",
                "detail": {"agents": ["blinatumomab", "inotuzumab ozogamicin"]},
            }
        ],
    }

    view = engine_view(older, document)

    assert view.immuno_agents == ("inotuzumab",)
    assert view.immuno_left_out == ("blinatumomab",)
    assert view.agents["blinatumomab"].last_given_in_episode == dt.date(2026, 10, 22)


def test_without_an_episode_start_an_agent_given_is_of_unknown_episode():
    document = cases.ines()
    view = engine_view({"derived": {"as_of": "2026-11-01"}}, document)

    assert view.agents["blinatumomab"].given_in_episode is None
    assert view.agents["revumenib"].given_in_episode is False
