"""What an aid says: the template context, in the patient's language, from the plan.

Everything here is a function of its inputs (the plan, the case document, the engine
result, the evidence rows as plain data, language, paper, print date and care team).
The figures, like for like, come from ``outcomes``; icon arrays are drawn by
``figures``; the PDF is made by ``pdf``. Internal IDs (EV-…, DA-…) appear only in the
sources section.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from decisionaids.content import TEXT_REVIEWED_AT, text_for
from decisionaids.content.aids import (
    AID_SOURCES,
    GLOSSARY_ORDER,
    GRID_ROWS,
    LANGUAGES,
    MAX_ICON_ARRAYS,
    MAX_ICON_ARRAYS_COMPACT,
    PAPERS,
)
from decisionaids.formatting import (
    capitalise,
    css_string,
    format_date,
    format_month,
    join,
    of_100_phrase,
    ordinal,
)
from decisionaids.inputs import CareTeam, Evidence, evidence_row
from decisionaids.outcomes import measure_owners, outcome_rows
from decisionaids.plan import AidPlan, Note, OptionPlan, Removed

__all__ = ["build_context", "fact_text", "glossary"]

PAGE_SIZES = {"letter": "letter", "a4": "A4"}


# --- Options ------------------------------------------------------------------


def option_words(text: dict, aid_id: str, option: OptionPlan) -> dict[str, str]:
    """The option's wording: general, then its case variant, then the aid's own."""
    words = dict(text["options"][option.key])
    variant = option.variant or option.name_variant
    if variant:
        words.update(text["option_variants"].get(option.key, {}).get(variant, {}))
    words.update(text["option_overrides"].get(aid_id, {}).get(option.key, {}))
    return words


def _personal_lines(option: OptionPlan, language: str) -> list[str]:
    text = text_for(language)
    common = text["common"]
    lines = [common[f"needs_test_{marker}"] for marker in option.needs_test]
    if option.given_before is not None:
        lines.append(
            common["given_before"].format(
                date=format_month(option.given_before, language)
            )
        )
    elif option.had_before:
        lines.append(common["had_before"])
    if option.products:
        names = [text["products_short"][p] for p in option.products]
        lines.append(common["products_fit"].format(products=join(names, language)))
    if option.products_unclear:
        names = [text["products_short"][p] for p in option.products_unclear]
        lines.append(common["products_check"].format(products=join(names, language)))
    return lines


# --- Notes --------------------------------------------------------------------


def _params(
    note: Note | Removed, evidence: Mapping[str, Evidence], language: str
) -> dict:
    text = text_for(language)
    params = dict(note.params)
    if "measure" in params:
        ev_id, key = params.pop("measure")
        measure = evidence_row(evidence, ev_id).measure(key)
        params["figure"] = of_100_phrase(measure, measure["arms"][0], language)
    if "date" in params:
        params["date"] = format_month(params["date"], language)
    if "n" in params:
        params["nth"] = ordinal(params["n"], language)
    if "treatment" in params:
        params["treatment"] = text["treatments"][params["treatment"]]
    if "donor" in params:
        params["donor"] = text["donors"][params["donor"]]
    if "sites" in params:
        params["sites"] = join([text["sites"][s] for s in params["sites"]], language)
    if "option" in params:
        params["option"] = capitalise(text["options"][params["option"]]["name"])
    if "agents" in params:
        params["agents"] = join(
            [text["treatments"][agent] for agent in params["agents"]],
            language,
            "or_plain",
        )
    if "product" in params:
        params["product"] = capitalise(text["products"][params["product"]])
    return params


def fact_text(note: Note, evidence: Mapping[str, Evidence], language: str) -> str:
    text = text_for(language)
    facts = text["facts"]
    if note.key == "markers":
        names = text["markers"]
        has = [names[m] for m in note.params["has"]]
        lacks = [names[m] for m in note.params["lacks"]]
        untested = [names[m] for m in note.params["untested"]]
        parts = []
        if has:
            parts.append(facts["markers_has"].format(markers=join(has, language)))
            if lacks:
                parts.append(
                    facts["markers_lacks"].format(markers=join(lacks, language, "or"))
                )
        elif lacks:
            parts.append(
                facts["markers_lacks_only"].format(markers=join(lacks, language, "or"))
            )
        if untested:
            parts.append(
                facts["markers_untested"].format(markers=join(untested, language))
            )
        return " ".join(parts)
    params = _params(note, evidence, language)
    key = note.key
    if key == "remission_length" and note.params["months"] == 1:
        key = "remission_length_1"
    if note.params.get("severe") and f"{key}_severe" in facts:
        key = f"{key}_severe"
    if "product" in note.params and key.startswith("treatment_"):
        params["treatment"] = (
            f"{params['treatment']} ({text['products_short'][note.params['product']]})"
        )
    return facts[key].format(**params)


def _note_text(
    note: Note,
    evidence: Mapping[str, Evidence],
    language: str,
    tree: str,
    **extra: str,
) -> str:
    text = text_for(language)
    params = {**extra, **_params(note, evidence, language)}
    return text[tree][note.key].format(**params)


def _removed_text(removed: Removed, evidence: Mapping, language: str) -> str:
    text = text_for(language)["removed"]
    key = removed.key
    if key == "given_in_episode" and "date" not in removed.params:
        key = "given_in_episode_undated"
    return text[key].format(**_params(removed, evidence, language))


# --- Glossary -----------------------------------------------------------------


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


def glossary(context: Mapping, language: str) -> list[tuple[str, str]]:
    """The words this aid prints that need explaining, with their meaning."""
    text = text_for(language)
    printed = " ".join(
        _strings({k: v for k, v in context.items() if k not in ("c", "sources")})
    ).lower()
    return [
        text["glossary"][term]
        for term in GLOSSARY_ORDER
        if any(
            re.search(rf"\b{re.escape(word)}\b", printed)
            for word in text["glossary_triggers"][term]
        )
    ]


# --- The whole context --------------------------------------------------------


def _care_team(care_team: CareTeam, language: str) -> dict[str, str]:
    common = text_for(language)["common"]
    name, phone = care_team.name.strip(), care_team.phone.strip()
    if name and phone:
        line = common["care_team"].format(name=name, phone=phone)
        footer = common["footer_team"].format(name=name, phone=phone)
    elif name:
        line = common["care_team_name_only"].format(name=name)
        footer = common["footer_team_not_set"]
    else:
        line = common["care_team_not_set"]
        footer = common["footer_team_not_set"]
    return {"line": line, "footer": footer, "set": bool(name and phone)}


def _grid(plan: AidPlan, language: str) -> dict:
    """The options at a glance: one table row per option, one column per question.

    A row per option reflows for any number of options (no narrow columns to
    hyphenate), and a row is never split across pages.
    """
    text = text_for(language)
    options = []
    for option in plan.options:
        words = option_words(text, plan.aid_id, option)
        cells = []
        for row, parts in GRID_ROWS.items():
            cell = [words[part] for part in parts]
            if row == "what":
                cell += _personal_lines(option, language)
            cells.append(cell)
        options.append(
            {
                "key": option.key,
                "name": words["name"],
                "cells": cells,
                "fullest": _fullest(cells),
            }
        )
    return {"questions": [text["rows"][row] for row in GRID_ROWS], "options": options}


# The grid's question columns, relative widths (see the style sheet).
_GRID_WIDTHS = (1.9, 2.4, 1.9)


def _fullest(cells: list[list[str]]) -> tuple[int, ...]:
    """The two cells likely to run longest: where a split row would end."""
    fill = [
        sum(len(line) for line in cell) / width
        for cell, width in zip(cells, _GRID_WIDTHS, strict=True)
    ]
    return tuple(sorted(range(len(cells)), key=lambda i: -fill[i])[:2])


def build_context(
    *,
    plan: AidPlan,
    document: Mapping,
    result: Mapping,
    evidence: Mapping[str, Evidence],
    language: str,
    paper: str,
    as_of: dt.date,
    version: str,
    printed_on: dt.date | None = None,
    care_team: CareTeam | None = None,
    compact: bool = False,
) -> dict[str, object]:
    """Everything the template prints, already in ``language``.

    ``compact`` is the tighter form of an aid that would not fit 4 pages otherwise.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}")
    printed_on = printed_on or as_of
    care_team = care_team or CareTeam()
    text = text_for(language)
    common = text["common"]
    aid_text = text["aids"][plan.aid_id]
    cells_word = text["cells"].get(plan.params.get("cells", "default"))
    name = (document.get("given_name") or "").strip()
    rows, used, figured = outcome_rows(
        plan,
        evidence,
        language,
        budget=MAX_ICON_ARRAYS_COMPACT if compact else MAX_ICON_ARRAYS,
    )
    grid = _grid(plan, language)
    without = [
        option["name"] for option in grid["options"] if option["key"] not in figured
    ]
    without_line = ""
    if rows and without:
        key = "no_numbers_many" if len(without) > 1 else "no_numbers"
        without_line = common[key].format(options="; ".join(without))
    for note in (*plan.safety, *plan.notes):
        if "measure" in note.params and note.params["measure"][0] not in used:
            used.append(note.params["measure"][0])
    reviewed = max([TEXT_REVIEWED_AT, *(evidence[ev_id].reviewed_at for ev_id in used)])
    by_population: dict[tuple[str, str], list[str]] = {}
    for ev_id in used:
        row = evidence[ev_id]
        by_population.setdefault(
            (row.population_plain[language], row.source), []
        ).append(ev_id)
    sources = [
        text["figures"]["from"].format(
            ev_id=", ".join(ev_ids), population=population, source=source
        )
        for (population, source), ev_ids in by_population.items()
    ]
    team = _care_team(care_team, language)
    decision = aid_text["decision"]
    goal = aid_text["goal"]
    owners_with_figures = len({o.label_key for o in measure_owners(plan).values()})
    context = {
        "lang": language,
        "page_size": PAGE_SIZES[paper],
        "aid_id": plan.aid_id,
        "title": aid_text["title"],
        "made_for": (
            common["made_for"].format(name=name) if name else common["made_for_you"]
        ),
        "printed": common["printed"].format(date=format_date(printed_on, language)),
        "based_on": common["based_on"].format(date=format_date(as_of, language)),
        "care_team": team,
        "c": common,
        "decision": decision.get(plan.decision_key, next(iter(decision.values()))),
        "goal": goal.get(plan.decision_key, next(iter(goal.values())))
        if isinstance(goal, Mapping)
        else goal,
        "why_now": aid_text["why_now"],
        "facts": [fact_text(note, evidence, language) for note in plan.facts],
        "safety": [_note_text(n, evidence, language, "safety") for n in plan.safety],
        "notes": [
            _note_text(n, evidence, language, "notes", cells=cells_word)
            for n in plan.notes
        ],
        "grid": grid,
        "option_names": [option["name"] for option in grid["options"]],
        "removed": [_removed_text(item, evidence, language) for item in plan.removed],
        "outcome_rows": rows,
        "words_rows": any(not row["pictures"] for row in rows),
        "compact": compact,
        "not_compared": owners_with_figures > 1,
        "without_numbers": without_line,
        "values": aid_text["values"],
        "questions": [q.replace("{cells}", cells_word) for q in aid_text["questions"]],
        "sources": sources,
        "guidelines": [text["sources"][key] for key in AID_SOURCES[plan.aid_id]],
        "reviewed": common["reviewed"].format(date=format_date(reviewed, language)),
        "versions": common["versions"].format(
            aid_id=plan.aid_id,
            version=version,
            rules=result.get("ruleset_version", "?"),
        ),
        "footer_left": css_string(
            common["footer_name"].format(
                name=name or common["made_for_you"],
                date=format_date(printed_on, language),
            )
            + "\n"
            + team["footer"]
        ),
        "page_word": css_string(common["page"] + " "),
        "of_word": css_string(" " + common["of"] + " "),
    }
    context["glossary"] = glossary(context, language)
    # Two columns as two halves of a table row: CSS multi-column layout costs a
    # WeasyPrint render a fifth of its time.
    context["glossary_columns"] = halves(context["glossary"])
    context["facts_columns"] = halves(context["facts"])
    return context


def halves(items: list) -> list[list]:
    """The items in two columns, read down the first, then the second."""
    middle = (len(items) + 1) // 2
    return [items[:middle], items[middle:]]
