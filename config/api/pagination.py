"""Cursor pagination: stable pages while rows are added, and no PHI in the cursor.

A cursor encodes the position in an ordering; every list here is ordered by a
surrogate key (or a creation time), never by a name or identifier, so the
``cursor`` query parameter carries nothing about a patient.
"""

from __future__ import annotations

import base64
import binascii

from django.utils.dateparse import parse_datetime
from rest_framework import pagination
from rest_framework.exceptions import NotFound

from config.api.errors import ParameterInvalid
from patients.audit import audit_read

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MSG_PAGE_SIZE = f"A whole number from 1 to {MAX_PAGE_SIZE}."


class CursorPagination(pagination.CursorPagination):
    ordering = "id"
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    cursor_query_description = (
        "The page to return: the opaque value of the `next` or `previous` link. "
        "An unknown cursor is a 404."
    )

    def get_page_size(self, request) -> int:  # noqa: ANN001
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise ParameterInvalid(
                "query", {self.page_size_query_param: [MSG_PAGE_SIZE]}
            )
        return int(raw)

    def decode_cursor(self, request):  # noqa: ANN001, ANN201
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None:
            try:
                base64.b64decode(encoded.encode("ascii"), validate=True)
            except (ValueError, binascii.Error) as exc:
                raise NotFound(self.invalid_cursor_message) from exc
        cursor = super().decode_cursor(request)
        position = cursor.position if cursor is not None else None
        if position is not None and not self._position_valid(position):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def _position_valid(self, position: str) -> bool:
        """A forged cursor must not reach the database as a malformed value."""
        ordering = self.ordering if isinstance(self.ordering, str) else self.ordering[0]
        field = ordering.lstrip("-")
        if field == "id":
            return position.isascii() and position.isdigit() and len(position) < 19
        try:
            return parse_datetime(position) is not None
        except ValueError:
            return False

    def get_schema_operation_parameters(self, view) -> list[dict]:  # noqa: ANN001
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": self.cursor_query_description,
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page (default {DEFAULT_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


class NewestFirstPagination(CursorPagination):
    ordering = "-id"


class TokenPagination(CursorPagination):
    ordering = "-created"


def paginate(view, request, queryset, serializer_class, *, context=None, audit=None):  # noqa: ANN001
    """A page of ``queryset`` through the view's paginator, as its response.

    ``audit``: the arguments of ``patients.audit.audit_read`` (``what``, and ``case``
    for one case's rows) when the page shows patient data; the page's rows are the
    cases shown, recorded by one INSERT.
    """
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    if audit is not None:
        audit_read(request=request, cases=page, **audit)
    data = serializer_class(page, many=True, context=context or {}).data
    return paginator.get_paginated_response(data)
