"""What an aid says: the template context, in the patient's language, from the plan.

Everything here is a function of its inputs (the case document, the engine result, the
evidence rows as plain data, the plan, language and paper); the figures are drawn by
``figures`` and the PDF is made by ``pdf``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from decisionaids import figures as drawing
from decisionaids.content import TEXT_REVIEWED_AT, text_for
from decisionaids.content.aids import AID_SOURCES, GRID_ROWS, LANGUAGES, OPTIONS, PAPERS
from decisionaids.personalise import AidPlan, OptionPlan

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
            "source": self.source,
            "reviewed_at": self.reviewed_at.isoformat(),
        }


# --- Formatting ---------------------------------------------------------------


def format_number(value: float | int, language: str) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}".replace(".", text_for(language)["decimal"])
    return str(int(value))


def format_date(value: dt.date, language: str) -> str:
    text = text_for(language)
    return text["date"].format(
        day=value.day, month=text["months"][value.month - 1], year=value.year
    )


def _join(items: Sequence[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = text_for(language)["common"]["and"]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def css_string(value: str) -> SafeString:
    """A CSS string literal for @page margin boxes (our own text, escaped anyway)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return mark_safe(f'"{escaped}"')  # noqa: S308 - escaped above


# --- Context --------------------------------------------------------------------


def _option_text(text: dict, aid_id: str, key: str, row: str) -> str:
    override = text["option_overrides"].get(aid_id, {}).get(key, {})
    return override.get(row) or text["options"][key][row]


def _option_name(text: dict, option: OptionPlan) -> str:
    words = text["options"][option.key]
    if option.name_variant:
        return words.get(f"name_{option.name_variant}", words["name"])
    return words["name"]


def _shown_arms(plan: AidPlan) -> set[str]:
    arms: set[str] = set()
    for option in plan.options:
        arms.update(OPTIONS[option.key]["arms"])
        arms.update(option.products)
        arms.update(option.products_unclear)
    return arms


def _option_measures(option: OptionPlan) -> list[tuple[str, str]]:
    spec = OPTIONS[option.key]
    if option.key == "car_t":
        measures = []
        for product in (*option.products, *option.products_unclear):
            measures.extend(spec["products"][product])
        return measures
    return list(spec["measures"])


def _option_arms(option: OptionPlan) -> set[str]:
    return (
        set(OPTIONS[option.key]["arms"])
        | set(option.products)
        | set(option.products_unclear)
    )


def _figure_sentence(
    measure: dict, arm: dict, language: str, *, alone: bool = False
) -> str:
    """The sentence under an icon array; ``alone`` when the heading names the arm."""
    text = text_for(language)
    figures = text["figures"]
    arm_name = text["arms"][arm["arm"]]
    outcome = measure["outcome"][language]
    value = arm["value"]
    unit = measure["unit"]
    if unit == "median_months":
        return figures["median_months"].format(
            arm=arm_name, n=format_number(value, language)
        )
    if unit == "of_n":
        return figures["of_n"].format(
            n=format_number(value, language),
            of=arm["of"],
            arm=arm_name,
            outcome=outcome,
        )
    if isinstance(value, list):
        return figures["of_100_range"].format(
            low=format_number(value[0], language),
            high=format_number(value[1], language),
            arm=arm_name,
            outcome=outcome,
        )
    key = "of_100_about" if measure.get("approx") else "of_100"
    if alone:
        key += "_alone"
    sentence = figures[key].format(
        n=format_number(value, language), arm=arm_name, outcome=outcome
    )
    if arm.get("also"):
        sentence += " " + figures["also"].format(
            n=format_number(arm["also"], language),
            outcome=measure["also_outcome"][language],
        )
    return sentence


def _pair_sentence(measure: dict, arms: list[dict], language: str) -> str | None:
    """One sentence for two arms told in words (median months, or one shared range)."""
    if len(arms) != 2:
        return None
    text = text_for(language)
    figures = text["figures"]
    first, second = arms
    names = {"arm": text["arms"][first["arm"]], "other": text["arms"][second["arm"]]}
    if measure["unit"] == "median_months":
        return figures["median_months_pair"].format(
            n=format_number(first["value"], language),
            m=format_number(second["value"], language),
            **names,
        )
    value = first["value"]
    if isinstance(value, list) and value == second["value"]:
        return figures["of_100_range_each"].format(
            low=format_number(value[0], language),
            high=format_number(value[1], language),
            outcome=measure["outcome"][language],
            **names,
        )
    return None


def _headline(measure: dict, arm: dict, language: str, *, with_arm: bool) -> str:
    figures = text_for(language)["figures"]
    title = measure["title"][language]
    value = arm["value"]
    unit = measure["unit"]
    if unit == "median_months":
        return figures["headline_months"].format(n=format_number(value, language))
    if unit == "of_n":
        return figures["headline_of_n"].format(
            n=format_number(value, language), of=arm["of"], title=title
        )
    if isinstance(value, list):
        return figures["headline_range"].format(
            low=format_number(value[0], language),
            high=format_number(value[1], language),
            title=title,
        )
    if with_arm:
        text = text_for(language)
        # In the narrow grid, CAR-T products go by their short names (brexu-cel).
        name = text["products_short"].get(arm["arm"]) or text["arms"][arm["arm"]]
        return figures["headline_arm"].format(
            n=format_number(value, language), arm=name, title=title
        )
    key = "headline_about" if measure.get("approx") else "headline"
    return figures[key].format(n=format_number(value, language), title=title)


def _evidence_row(evidence: Mapping[str, Evidence], ev_id: str) -> Evidence:
    try:
        return evidence[ev_id]
    except KeyError:
        raise LookupError(MSG_MISSING_EVIDENCE.format(ev_id=ev_id)) from None


def _works_cell(
    plan: AidPlan,
    option: OptionPlan,
    evidence: Mapping[str, Evidence],
    language: str,
) -> list[str]:
    """The grid's "what did studies find" cell: each headline figure for the option."""
    own_arms = _option_arms(option)
    measures = [m for m in _option_measures(option) if m not in plan.hidden_measures]
    if not measures and option.key in ("chemotherapy", "no_hsct"):
        # A comparison arm: the headline measures of the options it was compared with.
        for other in plan.options:
            spec = _option_measures(other)
            if other is not option and spec:
                measures.append(spec[0])
    lines = []
    seen_products: set[str] = set()
    for ev_id, key in measures:
        measure = _evidence_row(evidence, ev_id).measure(key)
        if measure["kind"] != "benefit":
            continue
        arms = [arm for arm in measure["arms"] if arm["arm"] in own_arms]
        if not arms:
            continue
        # One headline per product (CAR-T) or per option: its first benefit measure.
        product = arms[0]["arm"]
        if product in seen_products:
            continue
        seen_products.add(product)
        with_arm = len(arms) > 1 or option.key == "car_t"
        lines.extend(
            _headline(measure, arm, language, with_arm=with_arm) for arm in arms
        )
    if not lines:
        lines.append(text_for(language)["common"]["no_numbers_cell"])
    return lines


def _figure_blocks(
    plan: AidPlan,
    evidence: Mapping[str, Evidence],
    language: str,
) -> tuple[list[dict], list[str], list[str]]:
    """Groups of measure blocks per option; the options without numbers; EV IDs used."""
    text = text_for(language)
    shown_arms = _shown_arms(plan)
    groups = []
    without_numbers = []
    used: list[str] = []
    for option in plan.options:
        own_arms = _option_arms(option)
        measures = [
            m for m in _option_measures(option) if m not in plan.hidden_measures
        ]
        if not measures:
            if option.key not in ("chemotherapy", "no_hsct"):
                without_numbers.append(
                    text["common"]["no_numbers"].format(
                        option=_option_name(text, option)
                    )
                )
            continue
        by_product: dict[str, dict] = {}
        for ev_id, key in measures:
            row = _evidence_row(evidence, ev_id)
            measure = row.measure(key)
            arms = [arm for arm in measure["arms"] if arm["arm"] in shown_arms]
            mine = [arm for arm in arms if arm["arm"] in own_arms]
            if not mine:
                continue
            pair = _pair_sentence(measure, arms, language)
            if pair is not None:
                if ev_id not in used:
                    used.append(ev_id)
                group_key = mine[0]["arm"] if option.key == "car_t" else option.key
                group = by_product.setdefault(group_key, {"blocks": [], "sources": {}})
                group["blocks"].append(
                    {
                        "title": measure["title"][language],
                        "figures": [{"array": None, "sentence": pair}],
                        "words": True,
                    }
                )
                study = (row.study, row.population_plain[language], row.source)
                group["sources"].setdefault(study, [])
                if ev_id not in group["sources"][study]:
                    group["sources"][study].append(ev_id)
                continue
            figures = []
            for arm in arms:
                value = arm["value"]
                array = None
                if measure["unit"] == "of_100" and not isinstance(value, list):
                    array = drawing.icon_array_img(
                        value,
                        also=arm.get("also", 0),
                        label=text["figures"]["array_label"].format(
                            n=format_number(value, language)
                        ),
                    )
                figures.append(
                    {
                        "array": array,
                        "sentence": _figure_sentence(
                            measure, arm, language, alone=len(arms) == 1
                        ),
                    }
                )
            if ev_id not in used:
                used.append(ev_id)
            # CAR-T figures are grouped per product; other options form one group.
            group_key = mine[0]["arm"] if option.key == "car_t" else option.key
            group = by_product.setdefault(group_key, {"blocks": [], "sources": {}})
            group["blocks"].append(
                {
                    "title": measure["title"][language],
                    "figures": figures,
                    "words": all(f["array"] is None for f in figures),
                }
            )
            # One source line per study, naming every EV row it backs.
            study = (row.study, row.population_plain[language], row.source)
            group["sources"].setdefault(study, [])
            if ev_id not in group["sources"][study]:
                group["sources"][study].append(ev_id)
        name = _option_name(text, option)
        for product, group in by_product.items():
            heading = name
            if option.key == "car_t":
                heading = (
                    f"{name}: {text['products'][product]} "
                    f"({text['products_short'][product]})"
                )
            groups.append(
                {
                    "heading": heading,
                    "blocks": group["blocks"],
                    # The EV rows behind the group; study and source are listed
                    # in full at the end of the aid.
                    "ref": "("
                    + ", ".join(
                        ev_id
                        for ev_ids in group["sources"].values()
                        for ev_id in ev_ids
                    )
                    + ")",
                }
            )
    drawing.fit_to_pages(groups)
    for group in groups:
        group["rows"] = drawing.rows(group["blocks"])
    return groups, without_numbers, used


def _note_text(note, evidence: Mapping[str, Evidence], language: str) -> str:  # noqa: ANN001
    template = text_for(language)["notes"][note.key]
    params = dict(note.params)
    if "measure" in params:
        ev_id, key = params.pop("measure")
        arm = _evidence_row(evidence, ev_id).measure(key)["arms"][0]
        params.update(n=format_number(arm["value"], language), of=arm.get("of", 100))
    if "date" in params:
        params["date"] = format_date(params["date"], language)
    return template.format(**params)


def _removed_text(removed, language: str) -> str:  # noqa: ANN001
    text = text_for(language)
    params = dict(removed.params)
    if "product" in params:
        product = text["products"][params["product"]]
        params["product"] = product[:1].upper() + product[1:]
    return text["removed"][removed.key].format(**params)


def _column(plan: AidPlan, option: OptionPlan, language: str) -> dict[str, object]:
    text = text_for(language)
    common = text["common"]
    lines = [common[f"needs_test_{marker}"] for marker in option.needs_test]
    if option.products:
        names = [text["products_short"][p] for p in option.products]
        lines.append(common["products_fit"].format(products=_join(names, language)))
    if option.products_unclear:
        names = [text["products_short"][p] for p in option.products_unclear]
        lines.append(common["products_check"].format(products=_join(names, language)))
    return {"key": option.key, "name": _option_name(text, option), "lines": lines}


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
) -> dict[str, object]:
    """Everything the template prints, already in ``language``."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}")
    text = text_for(language)
    common = text["common"]
    aid_text = text["aids"][plan.aid_id]
    name = (document.get("given_name") or "").strip()
    columns = [_column(plan, option, language) for option in plan.options]
    rows = []
    for row, parts in GRID_ROWS.items():
        if row == "works":
            cells = [
                _works_cell(plan, option, evidence, language) for option in plan.options
            ]
        else:
            cells = [
                [_option_text(text, plan.aid_id, option.key, part) for part in parts]
                for option in plan.options
            ]
            if row == "what":
                # Product and "needs a test" lines belong with what the option is.
                cells = [
                    cell + column["lines"]
                    for cell, column in zip(cells, columns, strict=True)
                ]
        rows.append({"question": text["rows"][row], "cells": cells})
    groups, without_numbers, used = _figure_blocks(plan, evidence, language)
    for note in plan.notes:
        if "measure" in note.params and note.params["measure"][0] not in used:
            used.append(note.params["measure"][0])
    reviewed = max([TEXT_REVIEWED_AT, *(evidence[ev_id].reviewed_at for ev_id in used)])
    # One line per study population, naming every EV row used from it.
    by_population: dict[tuple[str, str], list[str]] = {}
    for ev_id in used:
        row = evidence[ev_id]
        key = (row.population_plain[language], row.source)
        by_population.setdefault(key, []).append(ev_id)
    sources = [
        text["figures"]["from"].format(
            ev_id=", ".join(ev_ids), population=population, source=source
        )
        for (population, source), ev_ids in by_population.items()
    ]
    return {
        "lang": language,
        "page_size": PAGE_SIZES[paper],
        "aid_id": plan.aid_id,
        "title": aid_text["title"],
        "made_for": (
            common["made_for"].format(name=name) if name else common["made_for_you"]
        ),
        "prepared": common["prepared"].format(date=format_date(as_of, language)),
        "c": common,
        "decision": aid_text["decision"].get(
            plan.decision_key, next(iter(aid_text["decision"].values()))
        ),
        "goal": aid_text["goal"],
        "why_now": aid_text["why_now"],
        "notes": [_note_text(note, evidence, language) for note in plan.notes],
        "columns": columns,
        "rows": rows,
        "removed": [_removed_text(item, language) for item in plan.removed],
        "groups": groups,
        "without_numbers": without_numbers,
        "values": aid_text["values"],
        "questions": aid_text["questions"],
        "sources": sources,
        "guidelines": [text["sources"][key] for key in AID_SOURCES[plan.aid_id]],
        "reviewed": common["reviewed"].format(date=format_date(reviewed, language)),
        "rules_version": common["rules_version"].format(
            version=result.get("ruleset_version", "?")
        ),
        "footer_left": css_string(
            common["footer"].format(aid_id=plan.aid_id, version=version)
        ),
        "page_word": css_string(common["page"] + " "),
        "of_word": css_string(" " + common["of"] + " "),
    }
