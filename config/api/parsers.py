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
MSG_TOO_DEEP = "The body nests arrays and objects more than {limit} levels deep."

# The deepest documents the API takes (a case document nests 3 levels). Python
# code that walks a parsed body recurses, so depth is bounded before any of it runs.
MAX_DEPTH = 32


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


def _check_values(data: object) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` and lone surrogates (``"\\ud800"``:
    they cannot be stored as UTF-8), walking the tree without recursion."""
    pending: list[tuple[object, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ParseError(MSG_NOT_UNICODE) from exc
            continue
        if isinstance(value, dict):
            children = [*value.keys(), *value.values()]
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            raise ParseError(MSG_TOO_DEEP.format(limit=MAX_DEPTH))
        pending.extend((child, depth + 1) for child in children)


class StrictJSONParser(JSONParser):
    """JSON without duplicate members, NaN/Infinity, lone surrogates or deep nesting.

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
        except RecursionError as exc:
            raise ParseError(MSG_TOO_DEEP.format(limit=MAX_DEPTH)) from exc
        except (ValueError, LookupError) as exc:
            raise ParseError(f"The body is not valid JSON: {exc}") from exc
        _check_values(data)
        return data
