"""Engine results in the 2026.2 contract's shape, for the aids' pure unit tests.

The aids read the engine's result (the JSON shape of ``manage.py recommend``); these
builders write that shape by hand, member by member, as the contract states it, so
the planner is tested against the contract whatever engine is installed. The PDF tests
use the real engine.
"""

from __future__ import annotations

RULESET = "ash-rr-aya-2026.2"
AGENTS = ("blinatumomab", "inotuzumab", "car_t", "revumenib", "nelarabine", "tki")


def agents(**given: dict) -> dict:
    """``derived.agents``: every agent never given, except those passed."""
    rows = {
        agent: {
            "given_in_episode": False,
            "last_given_in_episode": None,
            "last_given_before": None,
        }
        for agent in AGENTS
    }
    for agent, row in given.items():
        rows[agent].update(row)
    return rows


def result(
    *,
    point: str = "REINDUCTION",
    recommendations: dict | None = None,
    alerts: dict | None = None,
    referrals: tuple[str, ...] = (),
    derived: dict | None = None,
) -> dict:
    """A result; ``recommendations`` and ``alerts`` map an ID to its detail or None."""
    base = {
        "as_of": "2026-11-01",
        "age_years": 24,
        "decision_point": point,
        "relapse_count": 1,
        "latest_relapse_date": "2026-10-18",
        "current_episode_start": "2026-10-18",
        "remission_before_relapse_months": 20,
        "late_relapse": False,
        "cns_involved": False,
        "isolated_cns_relapse": False,
        "prior_hsct": False,
        "latest_mrd": None,
        "remission_with_blinatumomab": None,
        "remission_with_cart": None,
        "agents": agents(),
    }
    base.update(derived or {})
    return {
        "ruleset_version": RULESET,
        "decision_point": point,
        "derived": base,
        "recommendations": [
            {"id": rule_id, **({"detail": detail} if detail is not None else {})}
            for rule_id, detail in (recommendations or {}).items()
        ],
        "alerts": [
            {
                "id": alert_id,
                "severity": (detail or {}).pop("severity", "warning"),
                **({"detail": detail} if detail else {}),
            }
            for alert_id, detail in (alerts or {}).items()
        ],
        "referrals_due": [{"id": item} for item in referrals],
        "not_applicable": [],
        "insufficient_data": [],
    }


def cart_detail(*fits: str, unclear: tuple[str, ...] = (), out: tuple = ()) -> dict:
    """RR-B-CART-OPTION's detail: product rows as the engine lists them."""
    rows = [{"product": p, "eligible": True} for p in fits]
    rows += [{"product": p, "eligible": None} for p in unclear]
    rows += [{"product": p, "eligible": False} for p in out]
    return {
        "eligible_products": list(fits),
        "products": rows,
        "cns_caveat": False,
    }
