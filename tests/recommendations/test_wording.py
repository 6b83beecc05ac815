"""Words for strength, certainty, severity and the reading of a case (pure)."""

from __future__ import annotations

from recommendations import wording
from recommendations.reading import engine_reading, value_words


def test_an_unstated_strength_is_said_to_be_unstated_not_conditional():
    words = wording.strength_words("conditional", stated=False)
    assert words == "Strength: not stated by the source"
    assert "conditional" not in words.lower()


def test_stated_strengths_read_as_words_without_codes():
    assert wording.strength_words("conditional", stated=True) == (
        "Conditional recommendation"
    )
    assert wording.strength_words("good_practice", stated=True) == (
        "Good practice statement"
    )
    assert "_" not in wording.strength_words("research_only", stated=True)


def test_certainty_is_always_said_even_when_the_source_gives_none():
    assert wording.certainty_words("low") == "Certainty of evidence: low"
    assert wording.certainty_words(None) == (
        "Certainty of evidence: not stated by the source"
    )


def test_severity_and_decision_point_in_words():
    assert wording.severity_words("high") == "High severity"
    assert wording.severity_words("warning") == "Warning"
    assert wording.decision_point_words("REINDUCTION") == "Re-induction"


def _rec(rule_id: str, source: str) -> dict:
    return {"id": rule_id, "source": source}


def test_groups_lead_with_the_decision_points_question_ash_rr_first():
    recs = [
        _rec("RR-CNS-PROPHYLAXIS", "REF-ADULT-RR"),
        _rec("RR-PH-TKI", "REF-ADULT-RR"),
        _rec("RR-B-IMMUNO-REINDUCTION", "ASH-RR-2026"),
        _rec("RR-CLINICAL-TRIAL", "ASH-RR-2026"),
    ]
    groups = wording.group_recommendations(recs, decision_point="REINDUCTION")
    assert [g.title for g in groups] == [
        wording.TOPIC_THERAPY,
        wording.TOPIC_CNS,
        wording.TOPIC_TRIAL,
    ]
    assert [item["id"] for item in groups[0].items] == [
        "RR-B-IMMUNO-REINDUCTION",
        "RR-PH-TKI",
    ]


def test_supportive_care_leads_when_it_applies():
    recs = [
        _rec("RR-CLINICAL-TRIAL", "ASH-RR-2026"),
        _rec("RR-FRAIL-SUPPORTIVE", "REF-ADULT-RR"),
    ]
    groups = wording.group_recommendations(recs, decision_point="REINDUCTION")
    assert groups[0].title == wording.TOPIC_SUPPORTIVE
    options = wording.options_at_hand(recs, decision_point="REINDUCTION")
    assert [o["id"] for o in options] == ["RR-FRAIL-SUPPORTIVE", "RR-CLINICAL-TRIAL"]


def test_an_unknown_rule_falls_under_other_rather_than_disappearing():
    groups = wording.group_recommendations(
        [_rec("RR-NEW-ONE", "ASH-RR-2026")], decision_point="NONE"
    )
    assert groups[0].title == wording.TOPIC_OTHER


def test_values_read_as_words_not_python():
    assert value_words(True) == "Yes"
    assert value_words(False) == "No"
    assert value_words(None) == "unknown"
    assert value_words([]) == "none"
    assert value_words(["blinatumomab", "car_t"]) == "blinatumomab, CAR-T"
    assert value_words("remission_after_relapse") == "remission after relapse"
    assert value_words("2026-10-20") == "2026-10-20"


def test_the_engine_reading_has_distinct_labels_and_no_raw_values():
    derived = {
        "as_of": "2026-11-01",
        "age_years": 23,
        "outside_aya": False,
        "prior_therapies": ["blinatumomab", "allo_hsct"],
        "latest_mrd": None,
        "relapse_count_basis": "recorded",
        "agents": {
            "blinatumomab": {
                "given_in_episode": False,
                "last_given_in_episode": None,
                "last_given_before": "2025-03-05",
            }
        },
        "a_new_fact": True,
    }
    rows = engine_reading(derived)
    labels = [row.label for row in rows]
    assert len(labels) == len(set(labels))
    text = " ".join(f"{row.label} {row.value}" for row in rows)
    for raw in ("True", "False", "None", "[", "_"):
        assert raw not in text, raw
    values = {row.label: row.value for row in rows}
    assert values["Therapies before"] == "blinatumomab, allogeneic HSCT"
    assert values["Latest MRD in this episode"] == "unknown"
    assert values["Blinatumomab history"] == "given before, last 2025-03-05"
    assert values["A new fact"] == "Yes"
