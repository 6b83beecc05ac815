"""API token endpoints: sign in for a token, list and revoke; program admins revoke."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from config.api import tokens
from config.api.authentication import TokenAuthentication
from config.api.fields import StrictCharField, StrictIntegerField
from config.api.pagination import TokenPagination, paginate
from config.api.schema import PAGE_PARAMETERS
from config.api.serializers import StrictInputSerializer, page_of
from config.api.throttling import TokenCreateThrottle
from config.api.views import ApiView
from patients.selectors import program_list_for_user

TAG = "API tokens"


@contextlib.contextmanager
def token_errors_as_http() -> Iterator[None]:
    """The token service's refusals as the HTTP errors the schema documents."""
    try:
        yield
    except tokens.InvalidCredentials as error:
        raise exceptions.AuthenticationFailed(error.message) from error
    except tokens.NotAllowed as error:
        raise exceptions.PermissionDenied(error.message) from error
    except tokens.NoSuchToken as error:
        raise Http404(error.message) from error


class TokenOutputSerializer(serializers.Serializer):
    token_key = serializers.CharField(
        help_text="The token's first characters: enough to name it, never to use it."
    )
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField(allow_null=True)


class TokenOwnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField(source="get_username")


class MemberTokenOutputSerializer(TokenOutputSerializer):
    user = TokenOwnerSerializer()


class TokenCreateApi(ApiView):
    """Sign in with a username and password and receive an API token."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [TokenCreateThrottle]

    class InputSerializer(StrictInputSerializer):
        username = StrictCharField(max_length=150)
        password = StrictCharField(max_length=4096)
        expires_in_hours = StrictIntegerField(
            required=False,
            min_value=1,
            max_value=24 * 366,
            help_text="Ask for a shorter life than the server's maximum (which "
            "always applies).",
        )

    class OutputSerializer(TokenOutputSerializer):
        token = serializers.CharField(
            help_text="Send as `Authorization: Bearer <token>`. Shown only now."
        )

    @extend_schema(
        operation_id="auth_token_create",
        tags=[TAG],
        auth=[],
        request=InputSerializer,
        responses={201: OutputSerializer},
        summary="Create an API token",
    )
    def post(self, request):  # noqa: ANN001, ANN201
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        hours = data.get("expires_in_hours")
        with token_errors_as_http():
            token, secret = tokens.api_token_create(
                request=request._request,
                username=data["username"],
                password=data["password"],
                ttl=dt.timedelta(hours=hours) if hours else None,
            )
        body = self.OutputSerializer(
            {
                "token": secret,
                "token_key": token.token_key,
                "created": token.created,
                "expiry": token.expiry,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED)


class TokenMineApi(ApiView):
    """``/auth/tokens/mine/``: my active tokens (GET), revoke them all (DELETE)."""

    pagination_class = TokenPagination

    @extend_schema(
        operation_id="auth_token_list",
        tags=[TAG],
        parameters=PAGE_PARAMETERS,
        responses=page_of(TokenOutputSerializer, "TokenPage"),
        summary="List my API tokens (never their secrets)",
    )
    def get(self, request):  # noqa: ANN001, ANN201
        return paginate(
            self,
            request,
            tokens.api_token_list_for_user(user=request.user),
            TokenOutputSerializer,
        )

    @extend_schema(
        operation_id="auth_token_revoke_all",
        tags=[TAG],
        responses={
            204: OpenApiResponse(description="Every token of yours is revoked.")
        },
        summary="Revoke all my API tokens",
    )
    def delete(self, request):  # noqa: ANN001, ANN201
        tokens.api_token_revoke_all(actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenRevokeApi(ApiView):
    @extend_schema(
        operation_id="auth_token_revoke",
        tags=[TAG],
        responses={204: OpenApiResponse(description="The token is revoked.")},
        summary="Revoke one of my API tokens",
    )
    def delete(self, request, token_key: str):  # noqa: ANN001, ANN201
        with token_errors_as_http():
            tokens.api_token_revoke(actor=request.user, token_key=token_key)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _program_or_404(request, slug: str):  # noqa: ANN001, ANN202
    program = program_list_for_user(user=request.user).filter(slug=slug).first()
    if program is None:
        raise Http404("No such program among yours.")
    return program


class ProgramTokenListApi(ApiView):
    """Program admins: the active API tokens of the program's members."""

    pagination_class = TokenPagination

    @extend_schema(
        operation_id="program_token_list",
        tags=[TAG],
        parameters=PAGE_PARAMETERS,
        responses=page_of(MemberTokenOutputSerializer, "MemberTokenPage"),
        summary="List the API tokens of a program's members (program admins)",
    )
    def get(self, request, slug: str):  # noqa: ANN001, ANN201
        program = _program_or_404(request, slug)
        with token_errors_as_http():
            tokens.require_program_admin(request.user, program)
        return paginate(
            self,
            request,
            tokens.api_token_list_for_program(program=program),
            MemberTokenOutputSerializer,
        )


class ProgramTokenRevokeApi(ApiView):
    @extend_schema(
        operation_id="program_token_revoke",
        tags=[TAG],
        responses={204: OpenApiResponse(description="The token is revoked.")},
        summary="Revoke a member's API token (program admins)",
    )
    def delete(self, request, slug: str, token_key: str):  # noqa: ANN001, ANN201
        program = _program_or_404(request, slug)
        with token_errors_as_http():
            tokens.api_token_revoke_for_program(
                actor=request.user, program=program, token_key=token_key
            )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProgramMemberTokenRevokeApi(ApiView):
    @extend_schema(
        operation_id="program_member_tokens_revoke",
        tags=[TAG],
        responses={
            204: OpenApiResponse(description="Every token of the member is revoked.")
        },
        summary="Revoke every API token of a member (program admins)",
    )
    def delete(self, request, slug: str, user_id: int):  # noqa: ANN001, ANN201
        program = _program_or_404(request, slug)
        with token_errors_as_http():
            tokens.api_token_revoke_for_member(
                actor=request.user, program=program, user_id=user_id
            )
        return Response(status=status.HTTP_204_NO_CONTENT)
