"""Build one decision aid: context from case and stored evidence, then HTML, then PDF.

Everything here is a function of its inputs (the case document, the engine result, the
evidence rows as plain data, the aid, language and paper), so the worker and the
``render_aid`` command produce the same document. The only Django use is the template
engine. WeasyPrint fetches nothing: ``SafeURLFetcher`` refuses file:// and network URLs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import io
import json
import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetchingError

from decisionaids.content import TEXT_REVIEWED_AT, TEXT_VERSION, text_for
from decisionaids.content.aids import (
    AID_IDS,
    AID_SOURCES,
    GRID_ROWS,
    LANGUAGES,
    OPTIONS,
    PAPERS,
)
from decisionaids.personalise import AidPlan, OptionPlan, plan_aid
from recommendations.engine import CaseFacts, facts_from_document

logger = logging.getLogger(__name__)

TEMPLATE = "decisionaids/aid.html"
PDF_VARIANT = "pdf/ua-1"
PAGE_SIZES = {"letter": "letter", "a4": "A4"}
MSG_URL_REFUSED = "Decision aids load no external resources ({scheme}: refused)."
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


@dataclass(frozen=True, slots=True)
class RenderedAid:
    pdf: bytes
    html: str
    page_count: int
    sha256: str
    content_version: str
    content_key: str


def _canonical_json(value: object) -> bytes:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")


def content_version(evidence: Mapping[str, Evidence]) -> str:
    """The wording version plus a digest of every stored evidence row."""
    rows = [evidence[key].canonical() for key in sorted(evidence)]
    digest = hashlib.sha256(_canonical_json(rows)).hexdigest()[:12]
    return f"{TEXT_VERSION}+ev.{digest}"


def content_key(
    *,
    document: Mapping,
    result: Mapping,
    aid_id: str,
    language: str,
    paper: str,
    version: str,
) -> str:
    """SHA-256 of the canonical inputs: same inputs and content version, same key."""
    inputs = {
        "aid_id": aid_id,
        "language": language,
        "paper": paper,
        "content_version": version,
        "document": document,
        "result": result,
    }
    return hashlib.sha256(_canonical_json(inputs)).hexdigest()


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


# --- Icon arrays ----------------------------------------------------------------

# An icon array is 10 rows of 10 squares. Each kind of square is one SVG path whose
# dashed stroke draws a whole row of squares per subpath, so an array is a few
# elements (fast to lay out and print) instead of 100, and a fraction of a person
# (2.4 of 100) is part of a square. Black and white print tells the kinds apart by
# shape: solid black (had the result), black outline with a bar (a second group),
# thin gray outline (did not).
_SQUARE = 8.0  # side of a square in a 10-unit cell
_OUTLINE = 1.0  # width of an outline


def _row_path(start: int, end: float, inset: float = 0.0) -> str:
    """Subpaths covering cells [start, end), 10 per row; ``end`` may be fractional."""
    size = _SQUARE - 2 * inset
    commands = []
    cell = start
    while cell < end:
        row, column = divmod(cell, 10)
        stop = min(end, (row + 1) * 10)
        whole = int(stop) - cell
        fraction = stop - int(stop)
        if whole and not fraction:
            length = (whole - 1) * 10 + size
        else:
            length = whole * 10 + fraction * size
        if length > 0:
            x = column * 10 + 1 + inset
            commands.append(f"M{x:g} {row * 10 + 5}h{length:g}")
        cell = (row + 1) * 10
    return "".join(commands)


def _dashes(
    start: int,
    end: float,
    *,
    colour: str,
    inset: float = 0.0,
    width: float | None = None,
) -> str:
    """One path drawing the squares of cells [start, end), shrunk by ``inset``."""
    d = _row_path(start, end, inset)
    if not d:
        return ""
    size = _SQUARE - 2 * inset
    return (
        f'<path d="{d}" fill="none" stroke="{colour}" '
        f'stroke-width="{width or size:g}" stroke-dasharray="{size:g} {10 - size:g}"/>'
    )


def icon_array_svg(value: float, *, also: int = 0, label: str = "") -> SafeString:
    """A 10x10 icon array: ``value`` solid, then ``also`` barred, the rest outlined.

    Affected people are grouped from the top left, so arrays side by side compare at a
    glance. ``also`` follows whole people only (the stored values guarantee it).
    """
    if not (value >= 0 and also >= 0 and value + also <= 100):
        raise ValueError("an icon array shows 0 to 100 people")
    if also and not float(value).is_integer():
        raise ValueError("a second group follows a whole number of people")
    first_empty = int(value)
    second = int(value) + also
    bar = _OUTLINE * 1.2
    parts = [
        # Every square outlined in gray, hollowed out where nobody is affected.
        _dashes(0, 100, colour="#6b6b6b"),
        _dashes(first_empty, 100, colour="#fff", inset=_OUTLINE),
        # The second group: black outline with a bar across.
        _dashes(int(value), second, colour="#000"),
        _dashes(int(value), second, colour="#fff", inset=bar),
        _dashes(int(value), second, colour="#000", inset=bar, width=2.2),
        # Had the result: solid black (a fraction fills part of a square).
        _dashes(0, value, colour="#000"),
    ]
    title = escape(label)
    return mark_safe(  # noqa: S308 - numbers and an escaped label only
        f'<svg class="ia" viewBox="0 0 100 100" role="img" aria-label="{title}">'
        f"<title>{title}</title>{''.join(parts)}</svg>"
    )


def icon_array_img(value: float, *, also: int = 0, label: str = "") -> SafeString:
    """``icon_array_svg`` as an ``<img>`` with a data: URL and the label as alt text.

    WeasyPrint draws the same picture, tagged as a Figure with the same alternate
    text, but the HTML parser and the style cascade see one element, not a dozen.
    """
    svg = str(icon_array_svg(value, also=also, label=label)).replace(
        "<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1
    )
    url = "data:image/svg+xml," + quote(svg, safe=" =:/;,.-")
    return mark_safe(  # noqa: S308 - escaped URL and label
        f'<img class="ia" src="{escape(url)}" alt="{escape(label)}">'
    )


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
                    array = icon_array_img(
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
    _fit_to_pages(groups)
    for group in groups:
        group["rows"] = _rows(group["blocks"])
    return groups, without_numbers, used


def _rows(blocks: list[dict]) -> list[dict]:
    """The printed lines of a group: a figure told in words, or the arrays side by side.

    Two single-array blocks share a line; a block of two or three arrays takes a line of
    its own. Giving each line its own box spares the layout engine from laying out the
    next block only to find it does not fit on the line (and lets a page break fall
    between any two lines).
    """
    rows: list[dict] = []
    for block in blocks:
        if block["words"]:
            rows.append({"words": True, "blocks": [block]})
            continue
        last = rows[-1] if rows else None
        if (
            len(block["figures"]) == 1
            and last is not None
            and not last["words"]
            and len(last["blocks"]) == 1
            and len(last["blocks"][0]["figures"]) == 1
        ):
            last["blocks"].append(block)
        else:
            rows.append({"words": False, "blocks": [block]})
    return rows


# More icon arrays than this do not fit the 4 pages an aid may take (e.g. three CAR-T
# products); past it, the later single-arm figures of each group are told in words
# only. Every number is still printed, and each group keeps its first two arrays.
MAX_ICON_ARRAYS = 20
ARRAYS_KEPT_PER_GROUP = 2


def _fit_to_pages(groups: list[dict]) -> None:
    arrays = sum(
        1
        for group in groups
        for block in group["blocks"]
        for figure in block["figures"]
        if figure["array"] is not None
    )
    if arrays <= MAX_ICON_ARRAYS:
        return
    for group in groups:
        kept = 0
        for block in group["blocks"]:
            figures = block["figures"]
            if block["words"]:
                continue
            if len(figures) == 1 and kept >= ARRAYS_KEPT_PER_GROUP:
                figures[0]["array"] = None
                block["words"] = True
            else:
                kept += 1


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


# --- HTML and PDF ---------------------------------------------------------------


class SafeURLFetcher(URLFetcher):
    """Fetches only inline ``data:`` URLs; file:// and network URLs are refused.

    The aid template references nothing external; a refused URL means content tried to
    reach the disk or the network, so it is dropped and logged (scheme only, as the URL
    itself could carry patient data).
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme != "data":
            logger.warning("decision aid render refused a %s URL", scheme or "relative")
            raise URLFetchingError(MSG_URL_REFUSED.format(scheme=scheme or "relative"))
        return super().fetch(url, headers)


def render_html(context: Mapping[str, object]) -> str:
    return render_to_string(TEMPLATE, context)


# The aid's style sheet, the same for every aid, language and paper. It is parsed and
# its selectors compiled once per thread (a tenth of a render otherwise) and given to
# WeasyPrint with the HTML; the template's own <style> holds only the @page rule, which
# carries the paper size and footer words. The sheet has no !important and no @page
# rule, so it wins over the user-agent sheet exactly as an inline <style> would.
AID_CSS = """\
html {
  font-family: "DejaVu Sans", sans-serif;
  font-size: 12pt;
  line-height: 1.17;
  color: #000;
}
body { margin: 0; }
h1 { font-size: 17pt; line-height: 1.15; margin: 0 0 3pt; }
h2 {
  font-size: 14.5pt;
  margin: 8pt 0 3pt;
  padding-bottom: 1pt;
  border-bottom: 1.5pt solid #000;
  break-after: avoid;
}
h3 { font-size: 12.5pt; margin: 7pt 0 3pt; break-after: avoid; }
p { margin: 0 0 3pt; }
ul { margin: 0 0 4pt; padding-left: 16pt; }
li { margin: 0 0 2pt; }
.meta { margin-bottom: 6pt; }
.supports {
  border: 1.5pt solid #000;
  padding: 4pt 7pt;
  font-weight: bold;
  margin: 6pt 0;
}
.notes li { margin-bottom: 3pt; }
table { border-collapse: collapse; width: 100%; }
.grid, figcaption, .block .bt, .sources {
  font-family: "DejaVu Sans Condensed", "DejaVu Sans", sans-serif;
  font-stretch: condensed;
}
.grid, .values, .cols, .sure { table-layout: fixed; }
.grid th, .grid td {
  border: 0.75pt solid #000;
  padding: 2pt 3pt;
  vertical-align: top;
  text-align: left;
  hyphens: auto;
  overflow-wrap: break-word;
}
.grid thead th { border-bottom: 2pt solid #000; }
.grid tr.q th { padding-top: 1pt; padding-bottom: 1pt; font-style: italic; }
.grid td p { margin: 0 0 2pt; }
.grid tr.q { break-after: avoid; }
.removed { border: 0.75pt dashed #000; padding: 2pt 7pt; margin-top: 5pt; }
.removed ul { margin-bottom: 0; }
.ref { font-weight: normal; }
.group { margin-bottom: 3pt; }
.block {
  display: inline-block;
  vertical-align: top;
  break-inside: avoid;
  margin: 0 0 4pt;
  width: 3.6in;
}
.block.n2, .block.n3 { width: 7.3in; }
.wb { margin: 0 0 5pt; }
.block .bt { font-weight: bold; margin: 0 6pt 2pt 0; }
figure { display: inline-block; vertical-align: top; width: 3.55in; margin: 0; }
.n3 figure { width: 2.4in; }
.ia {
  display: inline-block;
  vertical-align: top;
  width: 0.6in;
  height: 0.6in;
  margin: 1pt 5pt 0 0;
}
figcaption { display: inline-block; vertical-align: top; width: 2.75in; margin: 0; }
.n3 figcaption { width: 1.5in; }
.src { font-size: 9pt; margin: 1pt 0 0; }
.values td, .values th, .sure td, .sure th {
  border: 0.75pt solid #000;
  padding: 2pt 4pt;
  vertical-align: middle;
  text-align: left;
}
.values th.scale, .values td.scale { width: 16%; text-align: center; }
.sure td.yn { width: 1.35in; white-space: nowrap; }
.box {
  display: inline-block;
  width: 9pt;
  height: 9pt;
  border: 1pt solid #000;
  vertical-align: -1pt;
  margin-right: 3pt;
}
.lines { border-bottom: 0.75pt solid #000; height: 16pt; }
.keep, .values tr, .sure tr { break-inside: avoid; }
.values thead, h2 + p { break-after: avoid; }
.cols td { width: 50%; vertical-align: top; padding: 0 0.15in 0 0; }
.sources ul { margin-bottom: 2pt; }
.sources li { margin: 0; }
"""

_fonts = threading.local()


def _font_config() -> FontConfiguration:
    """One font configuration per thread, reused across renders (no @font-face here)."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def _aid_stylesheet() -> CSS:
    """The parsed ``AID_CSS``, one per thread like the font configuration."""
    sheet = getattr(_fonts, "sheet", None)
    if sheet is None:
        sheet = _fonts.sheet = CSS(string=AID_CSS, font_config=_font_config())
    return sheet


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while WeasyPrint builds a document.

    A render creates many short-lived objects; with Django and WeasyPrint loaded, the
    collections they trigger scan every long-lived object and cost about a fifth of a
    render. Reference counting still frees memory; cycles are collected afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """Tagged PDF/UA-1 bytes and the page count; fonts are embedded subsets."""
    with _collector_paused():
        document = HTML(
            string=html, url_fetcher=SafeURLFetcher(), base_url=None
        ).render(font_config=_font_config(), stylesheets=[_aid_stylesheet()])
        buffer = io.BytesIO()
        document.write_pdf(buffer, pdf_variant=PDF_VARIANT)
    return buffer.getvalue(), len(document.pages)


def render_aid(
    *,
    document: Mapping,
    result: Mapping,
    evidence: Mapping[str, Evidence],
    aid_id: str,
    language: str,
    paper: str = "letter",
    as_of: dt.date | None = None,
    facts: CaseFacts | None = None,
) -> RenderedAid:
    """Render one aid for one evaluated case; raises ``AidNotApplicable``."""
    if aid_id not in AID_IDS:
        raise ValueError(f"unknown decision aid {aid_id!r}")
    as_of = as_of or dt.date.fromisoformat(
        result.get("derived", {}).get("as_of") or document["evaluation_date"]
    )
    facts = facts or facts_from_document(document, as_of=as_of)
    plan = plan_aid(aid_id, facts=facts, result=dict(result))
    version = content_version(evidence)
    context = build_context(
        plan=plan,
        document=document,
        result=result,
        evidence=evidence,
        language=language,
        paper=paper,
        as_of=as_of,
        version=version,
    )
    html = render_html(context)
    pdf, pages = html_to_pdf(html)
    return RenderedAid(
        pdf=pdf,
        html=html,
        page_count=pages,
        sha256=hashlib.sha256(pdf).hexdigest(),
        content_version=version,
        content_key=content_key(
            document=document,
            result=result,
            aid_id=aid_id,
            language=language,
            paper=paper,
            version=version,
        ),
    )


# --- Plain text of an aid (readability, completeness checks) -------------------

_BLOCKS = {"p", "li", "h1", "h2", "h3", "td", "th", "figcaption", "caption", "div"}
_SKIPPED = {"style", "title", "svg", "head"}


class _TextBlocks(HTMLParser):
    def __init__(self, *, skip_classes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_classes = skip_classes
        self.stack: list[tuple[str, bool]] = []
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in _SKIPPED or bool(classes & self.skip_classes)
        if tag in _BLOCKS:
            self._flush()
        if tag not in {"br", "img", "meta", "link", "rect", "circle", "path"}:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self.current.append(data)

    def _flush(self) -> None:
        block = " ".join("".join(self.current).split())
        if block:
            self.blocks.append(block)
        self.current = []


def text_blocks(html: str, *, skip_classes: Sequence[str] = ("nt",)) -> list[str]:
    """The visible text of an aid, one string per block element, in order."""
    parser = _TextBlocks(skip_classes=frozenset(skip_classes))
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.blocks


def patient_text(html: str) -> str:
    """The patient-facing prose: every block ended as a sentence, citations left out.

    Source lines (class ``src``: study populations, EV IDs, source keys) and the page
    furniture (class ``nt``) are references, not prose, so readability leaves them out.
    """
    sentences = []
    for block in text_blocks(html, skip_classes=("nt", "src")):
        sentences.append(block if block[-1] in ".?!:" else block + ".")
    return " ".join(sentences)
