"""Every table's rows, for tests that assert nothing changed or that a copy is whole."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.apps import apps
from django.db import models

# Audit actions that record a change; reads (and sign-in records) are not changes.
CHANGE_ACTIONS = ("created", "updated", "deleted", "imported")


def all_models() -> list[type[models.Model]]:
    """Every concrete model, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    ]


def table_rows(
    *,
    using: str = "default",
    skip: Iterable[str] = (),
    narrow: Callable[[type[models.Model], models.QuerySet], models.QuerySet]
    | None = None,
) -> dict[str, list[tuple]]:
    """``{table: [row, …]}`` in primary-key order, every column of every row."""
    skipped = set(skip)
    state = {}
    for model in all_models():
        table = model._meta.db_table
        if table in skipped:
            continue
        rows = model._base_manager.using(using).order_by("pk")
        if narrow is not None:
            rows = narrow(model, rows)
        state[table] = list(rows.values_list())
    return state


def _changes_only(model: type[models.Model], rows: models.QuerySet) -> models.QuerySet:
    from patients.models import AuditEntry

    if model is AuditEntry:
        return rows.filter(action__in=CHANGE_ACTIONS)
    return rows


# Not registry data: sessions; django-axes' count of failed sign-ins (a refused
# sign-in is counted, which is its purpose); the stored evaluations, a derived
# copy of the engine's answer that a read may write when it finds it missing.
NOT_REGISTRY = (
    "django_session",
    "axes_accessattempt",
    "axes_accessattemptexpiration",
    "axes_accessfailurelog",
    "axes_accesslog",
    "evaluations_caseevaluation",
    "evaluations_evaluationitem",
)


def registry_state() -> dict[str, list[tuple]]:
    """What a rejected request must leave as it was: every row but ``NOT_REGISTRY``
    and the audit trail's reads (a rejected form may still have shown patient
    data)."""
    return table_rows(skip=NOT_REGISTRY, narrow=_changes_only)
