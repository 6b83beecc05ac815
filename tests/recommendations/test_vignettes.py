"""The shared worked vignettes: each one's whole ``expect`` block holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from recommendations.engine import evaluate, facts_from_document
from tests.recommendations.support import VIGNETTE_DIR, load_vignette, schema_problems

VIGNETTES = sorted(VIGNETTE_DIR.glob("*.json"))
EXPECT_KEYS = {
    "decision_point",
    "includes",
    "excludes",
    "alerts_include",
    "alerts_exclude",
    "referrals_due",
    "referrals_not_due",
}


def test_every_vignette_is_found():
    """An empty folder would parametrize nothing and pass silently."""
    assert len(VIGNETTES) == 10, VIGNETTE_DIR


@pytest.mark.parametrize("path", VIGNETTES, ids=[path.stem for path in VIGNETTES])
def test_vignette_meets_its_whole_expect_block(path: Path):
    # Given a worked vignette whose case is a valid case document
    vignette = load_vignette(path)
    expect = vignette["expect"]
    assert schema_problems(vignette["case"]) == []
    assert set(expect) <= EXPECT_KEYS, "an expectation this test does not check"

    # When the engine evaluates it at its evaluation date
    result = evaluate(facts_from_document(vignette["case"])).to_dict()

    # Then every expectation holds
    recommendations = {item["id"] for item in result["recommendations"]}
    alerts = {item["id"] for item in result["alerts"]}
    referrals = {item["id"] for item in result["referrals_due"]}
    assert result["decision_point"] == expect["decision_point"]
    assert set(expect.get("includes", [])) <= recommendations
    assert not set(expect.get("excludes", [])) & recommendations
    assert set(expect.get("alerts_include", [])) <= alerts
    assert not set(expect.get("alerts_exclude", [])) & alerts
    assert set(expect.get("referrals_due", [])) <= referrals
    assert not set(expect.get("referrals_not_due", [])) & referrals
