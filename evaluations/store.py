"""Bulk writes of stored evaluations: one upsert per case, its items replaced.

The ORM's ``bulk_create`` costs more than the engine at this volume (PostgreSQL:
one statement with thousands of parameters, each array element escaped in
Python). Here PostgreSQL gets ``COPY`` (into a staging table for the upsert, then
straight into the items table) and every other backend one ``executemany``.

Order matters under concurrency: the evaluation rows are upserted first, which
locks them until commit, and only then are the items deleted and inserted. A
second transaction refreshing the same case waits on that lock, and its delete,
run after the first commits, sees the first one's items and replaces them.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone

from evaluations import generations
from evaluations.models import (
    CaseEvaluation,
    CaseSearchRow,
    EvaluationItem,
    EvaluationResult,
)

EVALUATION_FIELDS = list(CaseEvaluation._meta.concrete_fields)
ITEM_FIELDS = [f for f in EvaluationItem._meta.concrete_fields if not f.primary_key]
_STAGE = "evaluations_stage"
_RESULT_STAGE = "evaluations_result_stage"
# From this many rows, PostgreSQL upserts through COPY and a staging table.
COPY_FROM = 20
RESULT_FIELDS = list(EvaluationResult._meta.concrete_fields)
# In the order ``services`` gives a search row's values: key, program, lineage,
# sort name, search text.
SEARCH_FIELDS = [
    CaseSearchRow._meta.get_field(name)
    for name in ("evaluation", "program", "lineage", "sort_name", "search_text")
]
_SEARCH_STAGE = "evaluations_search_stage"


def _quoted(fields: Sequence) -> str:
    return ", ".join(connection.ops.quote_name(f.column) for f in fields)


def _adapter(field):  # noqa: ANN001, ANN202
    """How one column's Python value becomes a database parameter, decided once.

    The same as ``field.get_db_prep_save`` for these field types, at a fraction of
    its cost per value: JSON as text, dates and datetimes through the backend.
    """
    if isinstance(field, models.JSONField):
        return json.dumps
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


def _evaluation_values(rows: Sequence[CaseEvaluation]) -> list[tuple]:
    now = timezone.now()
    values = operator.attrgetter(*(f.attname for f in EVALUATION_FIELDS))
    adapters = [
        (position, adapt)
        for position, adapt in enumerate(map(_adapter, EVALUATION_FIELDS))
        if adapt is not None
    ]
    prepared = []
    for row in rows:
        row.evaluated_at = now
        line = list(values(row))
        for position, adapt in adapters:
            line[position] = adapt(line[position])
        prepared.append(tuple(line))
    return prepared


def _item_values(items: Sequence) -> list[tuple]:
    """Items are plain dataclasses (``services.Item``) with the fields' attnames."""
    values = operator.attrgetter(*(f.attname for f in ITEM_FIELDS))
    return [values(item) for item in items]


def relax_durability() -> None:
    """Let this transaction's commit return before its WAL is flushed (PostgreSQL).

    A crash may then lose the last fraction of a second of such commits, never
    part of one: stored evaluations are derived, and a re-evaluation job records
    its progress in the same transaction, so it redoes what was lost. Elsewhere
    (SQLite) commits are left as they are.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _upsert(  # noqa: PLR0913
    cursor,  # noqa: ANN001
    model,  # noqa: ANN001
    fields: Sequence,
    values: list[tuple],
    stage: str,
    *,
    when_changed: bool = False,
) -> None:
    """Insert ``values`` into ``model``'s table, replacing the rows with their keys.

    Many rows (a chunk) go through ``COPY`` into a staging table; a few (an edit in
    the clinic) are one ``executemany``, without the staging table's statements.
    ``when_changed``: a row whose values are all the same (none may be null) is
    left as it is, not rewritten.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    columns = _quoted(fields)
    names = [
        name
        for name in (connection.ops.quote_name(f.column) for f in fields)
        if name != key
    ]
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in names)
    upsert = f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
    if when_changed:
        changed = " OR ".join(f"{table}.{name} <> EXCLUDED.{name}" for name in names)
        upsert = f"{upsert} WHERE {changed}"
    if connection.vendor == "postgresql" and len(values) >= COPY_FROM:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {stage} "  # noqa: S608
            f"(LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP"
        )
        with cursor.copy(f"COPY {stage} ({columns}) FROM STDIN") as copy:
            for line in values:
                copy.write_row(line)
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {stage} "  # noqa: S608
            f"ORDER BY {key} {upsert}"
        )
        cursor.execute(f"DELETE FROM {stage}")  # noqa: S608
    else:
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks}) {upsert}",  # noqa: S608
            values,
        )


def write(
    *,
    case_pks: Sequence[int],
    rows: Sequence[CaseEvaluation],
    searches: Sequence[tuple],
    results: Sequence[tuple[int, dict, dict]],
    items: Sequence,
) -> None:
    """Upsert ``rows``, their ``searches`` (``SEARCH_FIELDS``' values, rewritten
    only where one differs) and their ``results`` ((case pk, the engine's result for
    display, the worklist's items for display: ``stored_rows.encode``)), and
    replace the items of ``case_pks`` with ``items``.

    Call inside a transaction (the refresh holds one per chunk).
    """
    generations.advance_on_commit(row.program_id for row in rows)
    item_table = connection.ops.quote_name(EvaluationItem._meta.db_table)
    item_columns = _quoted(ITEM_FIELDS)
    evaluation_values = _evaluation_values(rows)
    result_values = [
        (pk, json.dumps(result), json.dumps(worklist))
        for pk, result, worklist in results
    ]
    item_values = _item_values(items)
    with connection.cursor() as cursor:
        _upsert(cursor, CaseEvaluation, EVALUATION_FIELDS, evaluation_values, _STAGE)
        _upsert(
            cursor,
            CaseSearchRow,
            SEARCH_FIELDS,
            list(searches),
            _SEARCH_STAGE,
            when_changed=True,
        )
        _upsert(cursor, EvaluationResult, RESULT_FIELDS, result_values, _RESULT_STAGE)
        key = connection.ops.quote_name(
            EvaluationItem._meta.get_field("evaluation").column
        )
        pks = list(case_pks)
        cursor.execute(
            f"DELETE FROM {item_table} WHERE {key} IN ({', '.join(['%s'] * len(pks))})",  # noqa: S608
            pks,
        )
        if not item_values:
            return
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {item_table} ({item_columns}) FROM STDIN") as copy:
                for values in item_values:
                    copy.write_row(values)
        else:
            marks = ", ".join(["%s"] * len(ITEM_FIELDS))
            cursor.executemany(
                f"INSERT INTO {item_table} ({item_columns}) VALUES ({marks})",  # noqa: S608
                item_values,
            )
