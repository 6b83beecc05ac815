"""Serializer fields that accept exactly what the OpenAPI schema promises, nothing more.

DRF's defaults coerce generously (``"5"`` for an integer, ``1`` for a boolean, a
one-digit month in a date). The API documents JSON types, so these fields refuse
anything else: a request the schema calls invalid is a 400, never a silent guess.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from rest_framework import serializers

from config.api.serializers import StrictInputSerializer

__all__ = [
    "StrictBooleanField",
    "StrictCharField",
    "StrictChoiceField",
    "StrictDateField",
    "StrictFloatField",
    "StrictInputSerializer",
    "StrictIntegerField",
]

MSG_NOT_A_DATE = "Enter a real date in the form YYYY-MM-DD."
MSG_NOT_A_NUMBER = "A number is required."
MSG_NOT_AN_INTEGER = "A whole number is required."
MSG_NOT_A_BOOLEAN = "true or false is required."
MSG_NOT_A_STRING = "A string is required."

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class StrictCharField(serializers.CharField):
    """A JSON string, kept as sent (no trimming); NUL characters are refused."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):  # noqa: ANN001, ANN201
        if not isinstance(data, str):
            raise serializers.ValidationError(MSG_NOT_A_STRING, code="invalid")
        return super().to_internal_value(data)


class StrictChoiceField(serializers.ChoiceField):
    """One of the listed strings, exactly."""

    def to_internal_value(self, data):  # noqa: ANN001, ANN201
        if not isinstance(data, str):
            self.fail("invalid_choice", input=_short(data))
        if "\x00" in data:
            self.fail("invalid_choice", input=data.replace("\x00", "\\u0000")[:40])
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer (as JSON Schema counts them: 3 and 3.0, never "3" or true)."""

    def to_internal_value(self, data):  # noqa: ANN001, ANN201
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise serializers.ValidationError(MSG_NOT_AN_INTEGER, code="invalid")
        if isinstance(data, float):
            if not math.isfinite(data) or not data.is_integer():
                raise serializers.ValidationError(MSG_NOT_AN_INTEGER, code="invalid")
            data = int(data)
        return super().to_internal_value(data)


class StrictFloatField(serializers.FloatField):
    """A finite JSON number."""

    def to_internal_value(self, data):  # noqa: ANN001, ANN201
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise serializers.ValidationError(MSG_NOT_A_NUMBER, code="invalid")
        if isinstance(data, float) and not math.isfinite(data):
            raise serializers.ValidationError(MSG_NOT_A_NUMBER, code="invalid")
        return super().to_internal_value(float(data))


class StrictBooleanField(serializers.BooleanField):
    """``true`` or ``false``; no "yes", no 1."""

    def to_internal_value(self, data):  # noqa: ANN001, ANN201
        if not isinstance(data, bool):
            raise serializers.ValidationError(MSG_NOT_A_BOOLEAN, code="invalid")
        return data


class StrictDateField(serializers.DateField):
    """A calendar date written YYYY-MM-DD (2026-02-30 is refused)."""

    def to_internal_value(self, value):  # noqa: ANN001, ANN201
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise serializers.ValidationError(MSG_NOT_A_DATE, code="invalid")


def parse_iso_date(value: object) -> dt.date | None:
    """The date in ``value`` (YYYY-MM-DD), or None when it is not one."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
