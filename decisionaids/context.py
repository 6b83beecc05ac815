"""What an aid says: the template context, in the patient's language, from the plan.

Everything here is a function of its inputs (the plan, the case document, the engine
result, the evidence rows as plain data, language, paper, print date and care team);
the figures are drawn by ``figures`` and the PDF is made by ``pdf``.

Figures are printed like for like: one outcome row per outcome and time frame
(``OUTCOME_ROWS``), each figure with its study design in words, the options that have
figures but none for that row named as "no figure", and the options with no figures at
all said once. Internal IDs (EV-…, DA-…) appear only in the sources section.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from decisionaids import figures as drawing
from decisionaids.content import TEXT_REVIEWED_AT, text_for
from decisionaids.content.aids import (
    AID_SOURCES,
    ALSO_APART,
    COMPARISON_ARMS,
    GLOSSARY_ORDER,
    GRID_ROWS,
    LANGUAGES,
    MAX_ICON_ARRAYS,
    MAX_ICON_ARRAYS_COMPACT,
    MEASURE_CELL_NOTES,
    OPTIONS,
    OUTCOME_ROWS,
    PAPERS,
    PICTURE_PRIORITY,
    UNCERTAIN_MEASURES,
)
from decisionaids.plan import AidPlan, Note, OptionPlan, Removed

PAGE_SIZES = {"letter": "letter", "a4": "A4"}
MSG_MISSING_EVIDENCE = "Evidence row {ev_id} is missing; run migrate to restore it."


@dataclass(frozen=True, slots=True)
class Evidence:
    """One stored EV row as plain data (what the renderer and the content key read)."""

    ev_id: str
    statement: str
    measures: tuple[dict, ...]
    population_plain: Mapping[str, str]
    study: str
    source: str
    reviewed_at: dt.date
    design: str = ""

    def measure(self, key: str) -> dict:
        for measure in self.measures:
            if measure["key"] == key:
                return measure
        raise KeyError(f"{self.ev_id} has no measure {key!r}")

    def canonical(self) -> dict:
        return {
            "ev_id": self.ev_id,
            "statement": self.statement,
            "measures": list(self.measures),
            "population_plain": dict(self.population_plain),
            "study": self.study,
            "design": self.design,
            "source": self.source,
            "reviewed_at": self.reviewed_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class CareTeam:
    """The program's care team contact, printed on every page (may be unset)."""

    name: str = ""
    phone: str = ""


# --- Formatting ---------------------------------------------------------------


def format_number(value: float | int, language: str) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}".replace(".", text_for(language)["decimal"])
    return str(int(value))


def format_date(value: dt.date | str, language: str) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    text = text_for(language)
    return text["date"].format(
        day=value.day, month=text["months"][value.month - 1], year=value.year
    )


def format_month(value: dt.date | str, language: str) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    text = text_for(language)
    return text["month_year"].format(
        month=text["months"][value.month - 1], year=value.year
    )


def ordinal(n: int, language: str) -> str:
    text = text_for(language)
    if 1 <= n <= len(text["ordinals"]):
        return text["ordinals"][n - 1]
    return text["ordinal_more"].format(n=n)


def join(items: Sequence[str], language: str, word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    joiner = text_for(language)["common"][word]
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def capitalise(value: str) -> str:
    return value[:1].upper() + value[1:]


def css_string(value: str) -> SafeString:
    """A CSS string literal for @page margin boxes (our own text, escaped anyway)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return mark_safe(f'"{escaped}"')  # noqa: S308 - escaped above


def _evidence_row(evidence: Mapping[str, Evidence], ev_id: str) -> Evidence:
    try:
        return evidence[ev_id]
    except KeyError:
        raise LookupError(MSG_MISSING_EVIDENCE.format(ev_id=ev_id)) from None


def whole_of_100(value: float) -> tuple[int, bool]:
    """People of 100 as printed: whole people, and whether it was rounded ("about")."""
    rounded = int(value + 0.5)
    return rounded, rounded != value


def of_100_phrase(measure: dict, arm: dict, language: str) -> str:
    """The number of one arm, always in the "of 100" frame."""
    figures = text_for(language)["figures"]
    value = arm["value"]
    unit = measure["unit"]
    if unit == "median_months":
        return figures["median_months"].format(n=format_number(value, language))
    if unit == "of_n":
        n, _ = whole_of_100(value * 100 / arm["of"])
        return figures["of_n"].format(n=n, value=value, of=arm["of"])
    if isinstance(value, list):
        return figures["of_100_range"].format(
            low=format_number(value[0], language),
            high=format_number(value[1], language),
        )
    n, rounded = whole_of_100(value)
    key = "of_100_about" if rounded or measure.get("approx") else "of_100"
    phrase = figures[key].format(n=n)
    if arm.get("also"):
        phrase += " " + figures["also"].format(n=format_number(arm["also"], language))
    return phrase


# --- Options ------------------------------------------------------------------


def option_words(text: dict, aid_id: str, option: OptionPlan) -> dict[str, str]:
    """The option's wording: general, then its case variant, then the aid's own."""
    words = dict(text["options"][option.key])
    variant = option.variant or option.name_variant
    if variant:
        words.update(text["option_variants"].get(option.key, {}).get(variant, {}))
    words.update(text["option_overrides"].get(aid_id, {}).get(option.key, {}))
    return words


def _option_measures(option: OptionPlan) -> list[tuple[str, str, str]]:
    """(ev_id, measure key, owner label key) for each figure of the option."""
    spec = OPTIONS[option.key]
    if option.key == "car_t":
        return [
            (ev_id, key, product)
            for product in (*option.products, *option.products_unclear)
            for ev_id, key in spec["products"][product]
        ]
    return [(ev_id, key, option.key) for ev_id, key in spec["measures"]]


def _own_arms(option: OptionPlan) -> set[str]:
    return (
        set(OPTIONS[option.key]["arms"])
        | set(option.products)
        | set(option.products_unclear)
    )


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


# --- Outcome rows (like for like) -----------------------------------------------


@dataclass
class _Owner:
    option: OptionPlan
    label_key: str  # option key, or CAR-T product


def _measure_owners(plan: AidPlan) -> dict[tuple[str, str], _Owner]:
    owners = {}
    for option in plan.options:
        for ev_id, key, label in _option_measures(option):
            if (ev_id, key) not in plan.hidden_measures:
                owners[(ev_id, key)] = _Owner(option, label)
    return owners


def _label(text: dict, arm: str) -> str:
    return text["arms"].get(arm) or capitalise(text["treatments"].get(arm, arm))


def _outcome_rows(
    plan: AidPlan, evidence: Mapping[str, Evidence], language: str, *, budget: int
) -> tuple[list[dict], list[str], set[str]]:
    """The printed outcome rows, the EV IDs they use, and the options they show."""
    text = text_for(language)
    owners = _measure_owners(plan)
    shown = {option.key for option in plan.options}
    caveats = {note.key for note in plan.caveats}
    # Who has figures at all (option, or CAR-T product): their "no figure" cells.
    with_figures: dict[str, str] = {}
    for owner in owners.values():
        with_figures.setdefault(owner.label_key, _label(text, owner.label_key))
    rows, used = [], []
    figured: set[str] = set()
    for row_key, measures in OUTCOME_ROWS.items():
        cells, notes, present = [], [], set()
        legend = ""
        for ev_id, key in measures:
            owner = owners.get((ev_id, key))
            if owner is None:
                continue
            row = _evidence_row(evidence, ev_id)
            measure = row.measure(key)
            own = _own_arms(owner.option)
            own_here = sum(1 for arm in measure["arms"] if arm["arm"] in own)
            for arm in measure["arms"]:
                comparison = COMPARISON_ARMS.get(arm["arm"])
                if arm["arm"] not in own and not (
                    comparison is not None
                    and (comparison in shown or comparison == owner.option.key)
                ):
                    continue
                is_own = arm["arm"] in own
                by_owner = is_own and own_here == 1
                label = _label(text, owner.label_key if by_owner else arm["arm"])
                if (ev_id, key) in ALSO_APART and arm.get("also"):
                    notes.append(
                        text["also_apart"].format(
                            label=label,
                            n=format_number(arm["also"], language),
                            outcome=measure["also_outcome"][language],
                        )
                    )
                    arm = {**arm, "also": 0}
                cells.append(
                    {
                        "label": label,
                        "phrase": of_100_phrase(measure, arm, language),
                        "certainty": text["certainty"][row.design]
                        if row.design
                        else "",
                        "drawable": measure["unit"] == "of_100"
                        and not isinstance(arm["value"], list),
                        "value": arm["value"],
                        "also": arm.get("also", 0),
                        "array": None,
                    }
                )
                if is_own:
                    present.add(owner.label_key)
                    figured.add(owner.option.key)
                elif comparison in shown:
                    figured.add(comparison)
            if measure.get("also_outcome") and (ev_id, key) not in ALSO_APART:
                legend = text["also_legend"].format(
                    outcome=measure["also_outcome"][language]
                )
            if (ev_id, key) in MEASURE_CELL_NOTES:
                notes.append(text["cell_notes"][MEASURE_CELL_NOTES[(ev_id, key)]])
            if (ev_id, key) in UNCERTAIN_MEASURES:
                notes.append(text["uncertain"][UNCERTAIN_MEASURES[(ev_id, key)]])
            if ev_id == "EV-BLINA-EFS6" and "tower_ph_negative" in caveats:
                notes.append(text["caveats"]["tower_ph_negative"])
            if ev_id == "EV-NELARABINE" and key == "cr" and "nelarabine_age" in caveats:
                notes.append(text["caveats"]["nelarabine_age"])
            if ev_id not in used:
                used.append(ev_id)
        if not cells:
            continue
        if row_key in text["row_notes"]:
            notes.append(text["row_notes"][row_key])
        missing = [name for key, name in with_figures.items() if key not in present]
        rows.append(
            {
                "key": row_key,
                "title": text["outcome_rows"][row_key],
                "cells": cells,
                "pictures": False,
                "legend": legend if any(c["also"] for c in cells) else "",
                "notes": notes,
                "missing": text["common"]["no_figure"].format(
                    options=join(missing, language)
                )
                if missing
                else "",
            }
        )
    _draw(rows, language, budget)
    return rows, used, figured


def _draw(rows: list[dict], language: str, budget: int) -> None:
    """Icon arrays for the rows first in ``PICTURE_PRIORITY``, within the budget.

    A row gets pictures for all its figures or for none, so the pictures in one row
    compare like with like; the first row that does not fit ends the pictures, so no
    option gets a picture for a result whose row for the others was left out.
    """
    figures = text_for(language)["figures"]
    left = budget
    by_key = {row["key"]: row for row in rows}
    for key in PICTURE_PRIORITY:
        row = by_key.get(key)
        if row is None:
            continue
        drawable = row["cells"]
        if not all(cell["drawable"] for cell in drawable):
            continue  # a median or a range is told in words
        if len(drawable) > left:
            break  # later rows would favour the options with small rows
        left -= len(drawable)
        for cell in drawable:
            n, _ = whole_of_100(cell["value"])
            label = (
                figures["array_label_also"].format(n=n, m=cell["also"])
                if cell["also"]
                else figures["array_label"].format(n=n)
            )
            cell["array"] = drawing.icon_array_img(n, also=cell["also"], label=label)
        row["pictures"] = True


# --- Notes --------------------------------------------------------------------


def _params(
    note: Note | Removed, evidence: Mapping[str, Evidence], language: str
) -> dict:
    text = text_for(language)
    params = dict(note.params)
    if "measure" in params:
        ev_id, key = params.pop("measure")
        measure = _evidence_row(evidence, ev_id).measure(key)
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
    outcome_rows, used, figured = _outcome_rows(
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
    if outcome_rows and without:
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
    owners_with_figures = len({o.label_key for o in _measure_owners(plan).values()})
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
        "outcome_rows": outcome_rows,
        "words_rows": any(not row["pictures"] for row in outcome_rows),
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
