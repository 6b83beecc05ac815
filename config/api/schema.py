"""The OpenAPI 3 schema: error responses everywhere, the case document, strict bodies.

- Every operation documents the errors it can answer (``ErrorSerializer``): 400 when it
  takes parameters or a body, 413/415/422 when it takes a body or changes something,
  401, 403, 404, 406 and 429 always.
- The case document component is ``case.schema.json`` itself, translated to
  OpenAPI 3.0, so the API and the import validate against one contract.
- Request bodies refuse unknown members (``additionalProperties: false``) and free
  text refuses NUL characters (a ``pattern``), as the server does.
"""

from __future__ import annotations

import copy
import functools
import json

from drf_spectacular import openapi
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerExtension,
)
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from config.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from config.api.serializers import ErrorSerializer, StrictInputSerializer

# Free text may hold anything but NUL, which no case field can store.
NO_NUL_PATTERN = r"^[^\u0000]*$"

ERROR_DESCRIPTIONS = {
    "400": "The request does not match this schema (see `errors` for each field).",
    "401": "No credentials, or an invalid or expired token.",
    "403": "Signed in, but not allowed (or the CSRF check failed for a session).",
    "404": "Nothing here for you: it does not exist or belongs to another program.",
    "406": "The Accept header asks for something other than JSON.",
    "409": "Conflicts with the current state (see `detail`).",
    "413": "The request body is too large.",
    "415": "The body is not JSON (send `Content-Type: application/json`).",
    "422": "Matches the schema but breaks a registry rule; nothing was changed.",
    "429": "Too many requests; try again after `Retry-After` seconds.",
}
RESPONSE_HEADERS = {
    "401": {
        "WWW-Authenticate": {
            "description": "The authentication scheme to use (`Bearer`).",
            "schema": {"type": "string"},
        }
    },
    "429": {
        "Retry-After": {
            "description": "Seconds to wait before the next request.",
            "schema": {"type": "integer"},
        }
    },
}

PAGE_PARAMETERS = [
    OpenApiParameter(
        "cursor",
        str,
        description="The page to return: the opaque value from a `next` or "
        "`previous` link. An unknown cursor is a 404.",
    ),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        description=f"Items per page (default {DEFAULT_PAGE_SIZE}).",
    ),
]


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema, with the API's conventions applied."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):  # noqa: ANN001, ANN201
        operation = super().get_operation(
            path, path_regex, path_prefix, method, registry
        )
        if operation is None:
            return None
        responses = operation["responses"]
        for code in self._error_codes(operation):
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    ErrorSerializer, code, ["application/json"], direction="response"
                )
                responses[code]["description"] = ERROR_DESCRIPTIONS[code]
            if code in RESPONSE_HEADERS:
                responses[code].setdefault("headers", {}).update(RESPONSE_HEADERS[code])
        for code, response in responses.items():
            # Errors are JSON whatever else the operation serves (a PDF…).
            content = response.get("content", {})
            if code >= "400" and "application/json" in content:
                response["content"] = {"application/json": content["application/json"]}
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_codes(self, operation: dict) -> list[str]:
        codes = ["401", "403", "404", "406", "429"]
        has_body = "requestBody" in operation
        has_parameters = any(
            parameter.get("in") in {"query", "header"}
            for parameter in operation.get("parameters", [])
        )
        if has_body or has_parameters:
            codes.append("400")
        if has_body:
            codes += ["413", "415"]
        if self.method != "GET":
            codes.append("422")
        return codes

    def get_serializer_name(self, serializer, direction) -> str:  # noqa: ANN001
        """A nested ``InputSerializer`` is named after its view: ``CaseSearchInput``."""
        qualname = type(serializer).__qualname__
        if "." in qualname:
            outer, inner = qualname.split(".")[-2:]
            return outer.removesuffix("Api") + inner.removesuffix("Serializer")
        return super().get_serializer_name(serializer, direction)

    def _map_basic_serializer(self, serializer, direction):  # noqa: ANN001, ANN202
        schema = super()._map_basic_serializer(serializer, direction)
        if direction != "request":
            return schema
        if isinstance(serializer, StrictInputSerializer):
            schema["additionalProperties"] = False
        for name, field in serializer.fields.items():
            prop = schema.get("properties", {}).get(name)
            if (
                isinstance(field, serializers.CharField)
                and prop is not None
                and prop.get("type") == "string"
                and not {"enum", "format", "pattern", "oneOf"} & set(prop)
            ):
                prop["pattern"] = NO_NUL_PATTERN
        return schema


# ---------------------------------------------------------------------------
# The case document
# ---------------------------------------------------------------------------


def _to_openapi_30(node: object) -> object:
    """A JSON Schema 2020-12 node of case.schema.json, as an OpenAPI 3.0 schema.

    OpenAPI 3.0 has no ``if``/``then`` and no ``const``: "if A then B" is written
    ``anyOf: [{not: A}, B]`` (the same logic) and ``const: x`` is ``enum: [x]``.
    """
    if isinstance(node, list):
        return [_to_openapi_30(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict = {}
    for key, value in node.items():
        if key in {"$schema", "$id", "if", "then"}:
            continue
        if key == "properties":
            out[key] = {name: _to_openapi_30(sub) for name, sub in value.items()}
        elif key in {"items", "not", "allOf", "anyOf", "oneOf"}:
            out[key] = _to_openapi_30(value)
        elif key == "const":
            out["enum"] = [copy.deepcopy(value)]
        else:
            out[key] = copy.deepcopy(value)
    if "if" in node and "then" in node:
        out["anyOf"] = [
            {"not": _to_openapi_30(node["if"])},
            _to_openapi_30(node["then"]),
        ]
    for bound, inclusive in (
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ):
        value = out.get(bound)
        if value is not None and not isinstance(value, bool):
            out[inclusive] = value
            out[bound] = True
    enum = out.get("enum")
    if enum is not None and "type" not in out and all(isinstance(v, str) for v in enum):
        out["type"] = "string"
    if out.get("type") == "string" and not {"enum", "format", "pattern"} & set(out):
        out["pattern"] = NO_NUL_PATTERN
    return out


@functools.cache
def case_document_schema() -> dict:
    """The case document component, with a worked example (a fictional vignette)."""
    from patients import documents

    schema = _to_openapi_30(documents.case_schema())
    vignette = (
        documents.SCHEMA_PATH.parent / "vignettes" / "b_first_relapse_cd19_cd22.json"
    )
    schema["example"] = json.loads(vignette.read_text(encoding="utf-8"))["case"]
    return schema


class CaseDocumentExtension(OpenApiSerializerExtension):
    """``CaseDocumentSerializer`` is described by case.schema.json itself."""

    target_class = "patients.apis.CaseDocumentSerializer"

    def get_name(self, auto_schema, direction) -> str:  # noqa: ANN001
        return "CaseDocument"

    def map_serializer(self, auto_schema, direction) -> dict:  # noqa: ANN001
        return copy.deepcopy(case_document_schema())


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "config.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema) -> dict:  # noqa: ANN001
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token from `POST /api/v1/auth/tokens/`, sent as "
            "`Authorization: Bearer <token>`. Tokens expire; their owner and the "
            "program's administrators can revoke them.",
        }


# ---------------------------------------------------------------------------
# Links: how a read feeds a conditional update (the ETag goes back in If-Match)
# ---------------------------------------------------------------------------

_REPLACE_CASE_LINK = {
    "operationId": "case_replace",
    "parameters": {
        "path.id": "$response.body#/id",
        "header.If-Match": "$response.header.ETag",
    },
    "requestBody": "$response.body#/document",
    "description": "Replace this case, unless someone changed it since this response.",
}
_READ_FIRST_CASE_LINK = {
    "operationId": "case_retrieve",
    "parameters": {"path.id": "$response.body#/results/0/id"},
    "description": "Read the first case of this page.",
}
_CASE_LINKS = {
    ("case_list", "200"): {"GetFirstCase": _READ_FIRST_CASE_LINK},
    ("case_search", "200"): {"GetFirstCase": _READ_FIRST_CASE_LINK},
    ("case_retrieve", "200"): {"ReplaceCase": _REPLACE_CASE_LINK},
    ("case_replace", "200"): {"ReplaceCase": _REPLACE_CASE_LINK},
    ("case_create", "201"): {
        "ReplaceCase": _REPLACE_CASE_LINK,
        "GetCase": {
            "operationId": "case_retrieve",
            "parameters": {"path.id": "$response.body#/id"},
        },
    },
}


def add_links(result: dict, generator, request, public) -> dict:  # noqa: ANN001
    """Postprocessing hook: declare the case links (drf-spectacular makes none)."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for status_code, response in operation.get("responses", {}).items():
                links = _CASE_LINKS.get((operation.get("operationId"), status_code))
                if links:
                    response["links"] = copy.deepcopy(links)
    return result
