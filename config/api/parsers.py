"""The one request body format: JSON, parsed strictly."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from patients.errors import ApplicationError

MSG_DUPLICATE_MEMBER = "the member {key!r} appears twice in one object"
MSG_NOT_A_NUMBER = "{name} is not a number JSON allows"
MSG_NOT_UNICODE = "The body holds text that is not valid Unicode."
MSG_TOO_LARGE = "The body is larger than {limit} bytes."


class RequestTooLarge(ApplicationError):
    """The request body is larger than the API accepts (413)."""


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(MSG_DUPLICATE_MEMBER.format(key=key))
        result[key] = value
    return result


def _reject_constant(name: str) -> None:
    raise ValueError(MSG_NOT_A_NUMBER.format(name=name))


def _encodable(value: object) -> bool:
    """No lone surrogates (``"\\ud800"``): they cannot be stored as UTF-8."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_encodable(k) and _encodable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_encodable(item) for item in value)
    return True


class StrictJSONParser(JSONParser):
    """JSON without duplicate members, NaN/Infinity or unpaired surrogates.

    The body is bounded by ``AYA_MAX_IMPORT_BYTES`` (the case import's limit).
    """

    def parse(self, stream, media_type=None, parser_context=None):  # noqa: ANN001, ANN201
        limit = settings.AYA_MAX_IMPORT_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(MSG_TOO_LARGE.format(limit=limit))
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
            data = json.loads(
                text,
                object_pairs_hook=_reject_duplicates,
                parse_constant=_reject_constant,
            )
        except (ValueError, RecursionError, LookupError) as exc:
            raise ParseError(f"The body is not valid JSON: {exc}") from exc
        if not _encodable(data):
            raise ParseError(MSG_NOT_UNICODE)
        return data
