"""Reads of the registry, always scoped to the programs a user belongs to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch, QuerySet

from patients.models import Case, Program, Referral
from patients.search import search_terms


def program_list_for_user(
    *, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[Program]:
    if not user.is_authenticated or not user.is_active:
        return Program.objects.none()
    return Program.objects.filter(members=user)


def case_list_for_user(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Case]:
    """Cases of the user's programs; another program's case simply is not there."""
    return Case.objects.filter(
        program__in=program_list_for_user(user=user)
    ).select_related("program")


def case_get_for_user(
    *, user: AbstractBaseUser | AnonymousUser, pk: int
) -> Case | None:
    return case_list_for_user(user=user).filter(pk=pk).first()


def case_with_timeline(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Cases with events and referrals (with their owners) in three queries,
    whatever the count."""
    return queryset.select_related("program").prefetch_related(
        "events", Prefetch("referrals", Referral.objects.select_related("owner"))
    )


def case_search(queryset: QuerySet[Case], q: str) -> QuerySet[Case]:
    """Cases whose identifier (MRN or registry number) or name holds every word of
    ``q``, ignoring accents and case both ways ("ines" finds "Inés", "INÉS" too).

    The query is normalised like the stored ``search_text`` column, so the
    comparison is plain and the same on SQLite and PostgreSQL.
    """
    for term in search_terms(q or ""):
        queryset = queryset.filter(search_text__contains=term)
    return queryset
