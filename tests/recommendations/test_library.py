"""The guideline library: search, filters by source, decision point and strength."""

from __future__ import annotations

import re

import pytest

from recommendations import engine
from recommendations.library import (
    LibraryFilters,
    library_filter,
    library_filters_from,
    library_page,
)
from tests.factories import UserFactory

ENTRIES = [rule.library_entry() for rule in engine.CATALOGUE]


def ids(entries) -> set[str]:  # noqa: ANN001
    return {entry["id"] for entry in entries}


def test_no_filter_keeps_every_entry_grouped_as_the_catalogue():
    page = library_page(ENTRIES, LibraryFilters())
    assert page.shown == page.total == len(engine.CATALOGUE)
    assert [key for key, _, _ in page.groups] == [
        "recommendations",
        "alerts",
        "referrals",
        "workup",
        "research",
    ]
    assert ids(page.groups[-1][2]) == {"RR-RESEARCH-PRIORITIES"}


def test_search_ignores_accents_and_case_and_needs_every_word():
    assert ids(library_filter(ENTRIES, LibraryFilters(q="NELARABINE"))) >= {
        "RR-T-NELARABINE",
        "ALERT-NELARABINE-NEURO",
    }
    assert ids(library_filter(ENTRIES, LibraryFilters(q="fértility counselling"))) == {
        "PSY-FERTILITY"
    }
    assert ids(library_filter(ENTRIES, LibraryFilters(q="rr-t-nelarabine"))) == {
        "RR-T-NELARABINE"
    }
    assert library_filter(ENTRIES, LibraryFilters(q="nelarabine zebra")) == []


def test_source_filter_keeps_entries_where_the_source_has_a_position():
    kept = ids(library_filter(ENTRIES, LibraryFilters(source="ASH-FL-2026")))
    assert "PSY-SOCIAL-WORK" in kept
    assert "RR-PH-TKI" not in kept
    # REF-ADULT-RR differs on RR-CNS-ISOLATED-IT: it has a position there
    adult = ids(library_filter(ENTRIES, LibraryFilters(source="REF-ADULT-RR")))
    assert "RR-CNS-ISOLATED-IT" in adult


def test_decision_point_and_strength_filters_combine():
    consolidation = library_filter(
        ENTRIES, LibraryFilters(decision_point="CONSOLIDATION")
    )
    assert "RR-HSCT-SHARED-DECISION" in ids(consolidation)
    assert "RR-T-NELARABINE" not in ids(consolidation)
    good_practice = library_filter(ENTRIES, LibraryFilters(strength="good_practice"))
    assert ids(good_practice) == {"RR-CLINICAL-TRIAL"}
    both = library_filter(
        ENTRIES, LibraryFilters(decision_point="CONSOLIDATION", strength="information")
    )
    assert both
    assert all(
        e["strength"] == "information" and "CONSOLIDATION" in e["decision_points"]
        for e in both
    )


def test_option_counts_are_what_choosing_the_option_would_show():
    filters = LibraryFilters(decision_point="REINDUCTION")
    page = library_page(ENTRIES, filters)
    for option in page.strengths:
        chosen = LibraryFilters(decision_point="REINDUCTION", strength=option.value)
        assert option.count == len(library_filter(ENTRIES, chosen))
    by_source = {o.value: o.count for o in page.sources}
    assert by_source["ASH-FL-2026"] == len(
        library_filter(
            ENTRIES, LibraryFilters(decision_point="REINDUCTION", source="ASH-FL-2026")
        )
    )


def test_unknown_parameters_are_ignored_and_the_query_is_trimmed():
    filters = library_filters_from(
        {
            "q": "  blina   ",
            "source": "WIKIPEDIA",
            "strength": "x",
            "decision_point": "1",
        }
    )
    assert filters == LibraryFilters(q="blina")
    assert len(library_filters_from({"q": "a" * 500}).q) == 100


@pytest.fixture
def signed_in(client, db):
    client.force_login(UserFactory())
    return client


def test_the_page_filters_by_get_parameters_kept_in_the_address(signed_in):
    response = signed_in.get(
        "/guideline/",
        {"source": "ASH-FL-2026", "strength": "conditional", "q": "social"},
    )
    page = response.content.decode()
    assert 'data-id="PSY-SOCIAL-WORK"' in page
    assert 'data-id="RR-PH-TKI"' not in page
    assert re.search(r'<option value="ASH-FL-2026" selected>', page)
    assert 'value="social"' in page
    assert f"1 of {len(engine.CATALOGUE)} entries match." in page
    assert 'href="/guideline/">Clear filters' in page


def test_every_entry_has_an_anchor_named_by_its_id(signed_in):
    page = signed_in.get("/guideline/").content.decode()
    for rule in engine.CATALOGUE:
        assert f'id="{rule.id}"' in page
        assert f'href="/guideline/#{rule.id}"' in page
    assert f"{len(engine.CATALOGUE)} entries." in page
    assert "Good practice statement" in page


def test_no_match_says_so_and_offers_every_entry(signed_in):
    page = signed_in.get("/guideline/", {"q": "zebra"}).content.decode()
    assert f"0 of {len(engine.CATALOGUE)} entries match." in page
    assert "No entry matches." in page
    assert 'class="rec"' not in page
