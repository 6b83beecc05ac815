"""The backend (``ENGINE: config.postgresql``): Django's, whose cursors leave
unprepared what runs inside ``config.postgresql.planned_for_values()``."""

from __future__ import annotations

from django.db.backends.postgresql import base

from config.postgresql import planning_for_values


class ServerBindingCursor(base.ServerBindingCursor):
    def execute(self, query, params=None, *, prepare=None, binary=None):  # noqa: ANN001, ANN201
        if planning_for_values():
            prepare = False
        return super().execute(query, params, prepare=prepare, binary=binary)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        if params.get("cursor_factory") is base.ServerBindingCursor:
            params["cursor_factory"] = ServerBindingCursor
        return params
