"""What the figures say, like for like: one outcome row per outcome and time frame.

Each measure an option shows belongs to one row (``OUTCOME_ROWS``); a row names the
options that have a figure for it, each figure with its study design, the options
with figures but none for this row ("no figure in our sources"), and its notes
(a population unlike the patient, a figure its source calls uncertain). Pictures go
to the rows first in ``PICTURE_PRIORITY``, within a budget, each row whole or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from decisionaids import figures as drawing
from decisionaids.content import text_for
from decisionaids.content.aids import (
    ALSO_APART,
    COMPARISON_ARMS,
    MEASURE_CELL_NOTES,
    OPTIONS,
    OUTCOME_ROWS,
    PICTURE_PRIORITY,
    UNCERTAIN_MEASURES,
)
from decisionaids.formatting import (
    capitalise,
    format_number,
    join,
    of_100_phrase,
    whole_of_100,
)
from decisionaids.inputs import Evidence, evidence_row
from decisionaids.plan import AidPlan, OptionPlan


def option_measures(option: OptionPlan) -> list[tuple[str, str, str]]:
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


@dataclass
class _Owner:
    option: OptionPlan
    label_key: str  # option key, or CAR-T product


def measure_owners(plan: AidPlan) -> dict[tuple[str, str], _Owner]:
    owners = {}
    for option in plan.options:
        for ev_id, key, label in option_measures(option):
            if (ev_id, key) not in plan.hidden_measures:
                owners[(ev_id, key)] = _Owner(option, label)
    return owners


def _label(text: dict, arm: str) -> str:
    return text["arms"].get(arm) or capitalise(text["treatments"].get(arm, arm))


def outcome_rows(
    plan: AidPlan, evidence: Mapping[str, Evidence], language: str, *, budget: int
) -> tuple[list[dict], list[str], set[str]]:
    """The printed outcome rows, the EV IDs they use, and the options they show."""
    text = text_for(language)
    owners = measure_owners(plan)
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
            row = evidence_row(evidence, ev_id)
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
