"""Words and numbers as printed: dates, ordinals, lists, the "of 100" frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe

from decisionaids.content import text_for


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
