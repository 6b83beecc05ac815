"""The admin site: Django's, with change lists that refuse out-of-range filters.

Django's change list turns ``?evaluation_date__year=99999999999999999999`` (or year
9999, whose year-end is past ``datetime.max``) and ``?pk__in=1,99999999999999999999``
into an ``OverflowError`` or ``ValueError`` while it builds or counts its query: a
500. Here they are ``IncorrectLookupParameters``, which the admin already answers by
dropping the filters (a redirect to ``?e=1``), exactly as for an unknown field.
The site wraps every registered ``ModelAdmin``, Django's own (users, groups) too.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import DataError

# What a filter value the database or ``datetime`` cannot hold raises: Python's own
# overflow (SQLite binds 64-bit integers), datetime's range, PostgreSQL's range.
OUT_OF_RANGE = (OverflowError, ValueError, DataError)


class BoundedChangeList(ChangeList):
    """A change list whose filters, when out of range, are incorrect lookups."""

    def __init__(self, *args, **kwargs) -> None:
        try:
            super().__init__(*args, **kwargs)
        except OUT_OF_RANGE as exc:
            raise IncorrectLookupParameters(exc) from exc


class BoundedChangeListAdmin(admin.ModelAdmin):
    def get_changelist(self, request, **kwargs):  # noqa: ANN001, ANN201
        return BoundedChangeList


class AdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options) -> None:  # noqa: ANN001
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, BoundedChangeListAdmin):
            admin_class = type(
                admin_class.__name__,
                (BoundedChangeListAdmin, admin_class),
                {"__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)


class BoundedAdminConfig(AdminConfig):
    """``django.contrib.admin`` with this module's site as ``admin.site``."""

    default_site = "config.admin_site.AdminSite"
