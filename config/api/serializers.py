"""Shared serializers of the API: strict request bodies, the error body, pages."""

from __future__ import annotations

from collections.abc import Mapping

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

MSG_UNKNOWN_FIELD = "Unknown field."


class StrictInputSerializer(serializers.Serializer):
    """A request body that refuses members it does not know (a typo is an error).

    The schema says so too (``additionalProperties: false``; see ``config.api.schema``).
    """

    def to_internal_value(self, data):  # noqa: ANN001, ANN201
        if isinstance(data, Mapping):
            unknown = sorted(str(key) for key in data if key not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {key: [MSG_UNKNOWN_FIELD] for key in unknown}
                )
        return super().to_internal_value(data)


class ErrorItemSerializer(serializers.Serializer):
    path = serializers.CharField(
        help_text="Where the problem is: a JSON path into the request body "
        "(`$.diagnosis.date`, `$.events[0].date`, `$` for the whole body), "
        "`query.<name>` for a query parameter or `header.<Name>` for a header."
    )
    message = serializers.CharField()
    code = serializers.CharField(help_text="A stable machine-readable code.")


class ErrorSerializer(serializers.Serializer):
    """Every error response of the API has this shape."""

    detail = serializers.CharField(help_text="What went wrong, in plain words.")
    code = serializers.CharField(
        help_text="A stable machine-readable code (`not_found`, `invalid`, …)."
    )
    errors = ErrorItemSerializer(
        many=True, help_text="Each problem with its place; empty when none applies."
    )


class VersionErrorSerializer(ErrorSerializer):
    """A conditional update that was refused: the case's current version is given."""

    current_version = serializers.IntegerField(
        help_text='The case\'s version now; its ETag is `"<version>"`.'
    )


def page_of(item: type[serializers.Serializer], name: str) -> serializers.Serializer:
    """The schema of one page of a cursor-paginated list of ``item``."""
    return inline_serializer(
        name=name,
        fields={
            "next": serializers.URLField(
                allow_null=True, help_text="The next page, or null on the last one."
            ),
            "previous": serializers.URLField(
                allow_null=True,
                help_text="The previous page, or null on the first one.",
            ),
            "results": item(many=True),
        },
    )
