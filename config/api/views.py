"""The base of every API view, and the helpers most views share."""

from __future__ import annotations

from django.http import Http404
from rest_framework.request import Request
from rest_framework.views import APIView

from config.api.errors import ParameterInvalid
from patients.models import Program
from patients.selectors import program_list_for_user

MSG_PROGRAM_REQUIRED = "You belong to several programs: name one with ?program=<slug>."
MSG_NO_PROGRAM = "You belong to no program."
MSG_NO_SUCH_PROGRAM = "No such program among yours."


class ApiView(APIView):
    """The base of the API's views: token or session, JSON in and out.

    DRF marks its views exempt from ``LoginRequiredMiddleware`` (which only knows the
    session), so an API request without credentials gets a JSON 401, not a redirect.
    """


def program_for_request(request: Request) -> Program:
    """The program a request acts in: ``?program=<slug>``, or the user's only one.

    A program the user does not belong to is a 404, like one that does not exist.
    """
    programs = program_list_for_user(user=request.user)
    slug = request.query_params.get("program")
    if slug is not None:
        program = programs.filter(slug=slug).first()
        if program is None:
            raise Http404(MSG_NO_SUCH_PROGRAM)
        return program
    mine = list(programs[:2])
    if len(mine) == 1:
        return mine[0]
    if not mine:
        raise Http404(MSG_NO_PROGRAM)
    raise ParameterInvalid("query", {"program": [MSG_PROGRAM_REQUIRED]})


def etag(version: int) -> str:
    return f'"{version}"'


def if_match_versions(header: str) -> list[int] | None:
    """The versions an ``If-Match`` header names; None for ``*`` (any version).

    Weak tags are accepted as well as strong ones, since a proxy that compresses a
    response may weaken its ETag. A tag that is not a version matches nothing.
    """
    versions = []
    for raw in header.split(","):
        tag = raw.strip()
        if tag == "*":
            return None
        tag = tag.removeprefix("W/")
        if len(tag) >= 2 and tag[0] == tag[-1] == '"':
            inner = tag[1:-1]
            if inner.isascii() and inner.isdigit() and len(inner) < 12:
                versions.append(int(inner))
    return versions
