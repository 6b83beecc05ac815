"""Django's PostgreSQL backend with server-side prepared statements (``base``).

With ``server_side_binding`` (config.settings.base) psycopg sends the values apart
from the SQL and prepares a statement it has run ``prepare_threshold`` times on the
connection. PostgreSQL then plans it once for any values (a generic plan) and reuses
the plan: on the worklist that planning had cost more than running the queries.

A generic plan is the wrong one where the values decide the best plan. A name
search that matches a few rows wants the trigram index; one that matches most of
the registry wants a scan, and its generic plan took half as long again. Code that
runs such a query inside ``planned_for_values()`` has its statements sent
unprepared and planned for their values each time. Importable on any database: on
SQLite it changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_FOR_VALUES: ContextVar[bool] = ContextVar("planned_for_values", default=False)


@contextmanager
def planned_for_values() -> Iterator[None]:
    """Statements run inside are planned for their values every time."""
    token = _FOR_VALUES.set(True)
    try:
        yield
    finally:
        _FOR_VALUES.reset(token)


def planning_for_values() -> bool:
    return _FOR_VALUES.get()
