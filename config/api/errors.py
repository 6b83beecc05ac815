"""Every API error is JSON of one shape: ``{detail, code, errors: [{path, message}]}``.

Status codes:
- 400 the request does not match the documented schema (types, lengths, enums, NUL
  characters, unreal dates, unknown members, malformed JSON);
- 401 no or bad credentials; 403 signed in but not allowed (or CSRF failure);
- 404 nothing there *for you*: another program's case is exactly like a missing one;
- 405, 406, 413, 415 as HTTP defines them;
- 409 the resource already exists (a case_id in the program) or is not ready yet;
- 410 a decision aid's PDF that is no longer stored;
- 412 / 428 conditional updates (``If-Match``), with the case's ``current_version``;
- 422 the request matches the schema but breaks a registry rule (a date after the
  evaluation date, a diagnosis before birth…), with the path of each problem;
- 429 too many requests (``Retry-After`` says when to try again).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from config.api.parsers import MSG_TOO_LARGE, RequestTooLarge
from patients.documents import DocumentError
from patients.errors import ApplicationError, DocumentInvalid

logger = logging.getLogger("config.api")

MSG_NOT_FOUND = "Not found."
MSG_NO_ENDPOINT = "There is no API endpoint at this address."
MSG_SERVER_ERROR = "Something went wrong on our side; nothing was changed. Try again."
MSG_INVALID = "The request is not valid; see errors."
MSG_RULES = "The request breaks the registry's rules; see errors."
MSG_BAD_REQUEST = "The request is malformed."


class PreconditionFailed(exceptions.APIException):
    """``If-Match`` names a version that is no longer current (412)."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self, detail: str, *, current_version: int) -> None:
        super().__init__(detail)
        self.current_version = current_version


class PreconditionRequired(PreconditionFailed):
    """An update sent without ``If-Match`` (428)."""

    status_code = 428
    default_code = "precondition_required"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, detail: str, *, errors: Sequence[dict] = ()) -> None:
        super().__init__(detail)
        self.errors = list(errors)


class Gone(exceptions.APIException):
    """The resource existed but its content is no longer stored (410)."""

    status_code = status.HTTP_410_GONE
    default_code = "gone"


class ParameterInvalid(exceptions.ValidationError):
    """A query parameter or header that does not match its schema (400)."""

    def __init__(self, location: str, problems: Mapping[str, Iterable[str]]) -> None:
        super().__init__(
            {
                f"{location}.{name}": list(messages)
                for name, messages in problems.items()
            }
        )
        self.location = location


class DocumentSchemaInvalid(exceptions.ValidationError):
    """A case document that does not match case.schema.json (400), problems by path."""

    def __init__(self, problems: Iterable[DocumentError]) -> None:
        detail: dict[str, list[str]] = {}
        for problem in problems:
            detail.setdefault(problem.path, []).append(problem.message)
        super().__init__(detail)


def error_body(
    detail: str, code: str, errors: Sequence[dict] = (), **extra: object
) -> dict:
    return {"detail": str(detail), "code": code, "errors": list(errors), **extra}


def _item(path: str, message: object, code: str) -> dict:
    return {"path": path, "message": str(message), "code": code}


def _join(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key in ("non_field_errors", "__all__"):
        return path
    return f"{path}.{key}"


def flatten_detail(detail: object, path: str = "$") -> list[dict]:
    """DRF's nested error detail as a flat list of (path, message, code)."""
    if isinstance(detail, Mapping):
        items = []
        for key, value in detail.items():
            key_path = str(key) if _is_parameter_key(key) else _join(path, key)
            items += flatten_detail(value, key_path)
        return items
    if isinstance(detail, list | tuple):
        items = []
        for index, value in enumerate(detail):
            if isinstance(value, Mapping | list | tuple):
                items += flatten_detail(value, _join(path, index))
            else:
                items += flatten_detail(value, path)
        return items
    code = getattr(detail, "code", None) or "invalid"
    return [_item(path, detail, code)]


def _is_parameter_key(key: object) -> bool:
    """Keys that already are paths: parameters, and JSON paths from case documents."""
    return isinstance(key, str) and key.startswith(("query.", "header.", "$"))


def document_errors(problems: Iterable[DocumentError], code: str) -> list[dict]:
    return [_item(problem.path, problem.message, code) for problem in problems]


def django_validation_errors(error: DjangoValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            _item(_join("$", field), message, "rule")
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [_item("$", message, "rule") for message in error.messages]


def _headers(response: Response | None) -> dict:
    if response is None:
        return {}
    return {
        name: response[name]
        for name in ("WWW-Authenticate", "Retry-After", "Allow")
        if response.has_header(name)
    }


def exception_handler(exc: Exception, context: dict) -> Response:
    """The API's exception handler: every error becomes the documented JSON body."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(MSG_NOT_FOUND)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    if isinstance(exc, DocumentInvalid):
        set_rollback()
        return Response(
            error_body(exc.message, "rule", document_errors(exc.errors, "rule")),
            status=422,
        )
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return Response(
            error_body(MSG_RULES, "rule", django_validation_errors(exc)), status=422
        )
    if isinstance(exc, RequestTooLarge):
        return Response(error_body(exc.message, "too_large"), status=413)
    if isinstance(exc, RequestDataTooBig):
        # Django refuses the body (by its Content-Length) before the parser sees it.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response(
            error_body(MSG_TOO_LARGE.format(limit=limit), "too_large"), status=413
        )
    if isinstance(exc, SuspiciousOperation):
        # Too many form fields and the like, met while reading a request.
        return Response(error_body(MSG_BAD_REQUEST, "bad_request"), status=400)
    if isinstance(exc, ApplicationError):
        set_rollback()
        current = exc.extra.get("current_version")
        if current is not None:
            return Response(
                error_body(exc.message, "precondition_failed", current_version=current),
                status=412,
                headers={"ETag": f'"{current}"'},
            )
        return Response(
            error_body(exc.message, "rule", [_item("$", exc.message, "rule")]),
            status=422,
        )
    if isinstance(exc, exceptions.APIException):
        return _api_exception(exc, context)

    set_rollback()
    logger.exception("Unhandled error in %s", context.get("view"), exc_info=exc)
    return Response(error_body(MSG_SERVER_ERROR, "server_error"), status=500)


def _api_exception(exc: exceptions.APIException, context: dict) -> Response:
    response = drf_exception_handler(exc, context)
    headers = _headers(response)
    status_code = response.status_code if response is not None else exc.status_code
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_detail(exc.detail)
        body = error_body(MSG_INVALID, "invalid", errors)
    else:
        detail = exc.detail
        code = exc.get_codes() if hasattr(exc, "get_codes") else exc.default_code
        if not isinstance(code, str):
            code = exc.default_code
        body = error_body(str(detail), code, getattr(exc, "errors", ()))
        if isinstance(exc, PreconditionFailed):
            body["current_version"] = exc.current_version
            headers["ETag"] = f'"{exc.current_version}"'
    return Response(body, status=status_code, headers=headers)


@csrf_exempt
def not_found(request, *args, **kwargs) -> JsonResponse:  # noqa: ANN001
    """Any address under /api/ that names no endpoint: a JSON 404, never a page."""
    return JsonResponse(error_body(MSG_NO_ENDPOINT, "not_found"), status=404)


not_found.login_required = False


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a JSON 500 under /api/, Django's page everywhere else.

    Errors inside API views are already JSON (``exception_handler``); this covers
    the rest of the request path (middleware, URL resolution).
    """
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(MSG_SERVER_ERROR, "server_error"), status=500)
    return defaults.server_error(request)
