"""A guard in kombu's Redis transport so a broker drop ends no worker.

When Redis drops while a task runs (``acks_late``), Celery 5.7's consumer collects
the broken connection, which detaches its transport (``transport.client = None``)
and, later, the channel's ``connection`` too. Two calls then still reach that
channel: closing it again restores the unacknowledged messages
(``QoS.restore_unacked``), and the running task, once finished, acknowledges its
message on it (``QoS.ack``). Both build a Redis client from the detached transport,
and kombu 5.7.0's ``Channel._connparams`` reads ``None.hostname`` or ``None.client``:
``AttributeError: 'NoneType' object has no attribute 'hostname'``. That is neither a
connection nor a channel error, so it escapes kombu's ``ignore_errors`` and Celery's
``ack_log_error``, and the worker stops with "Unrecoverable error" (3 of 3 tries;
tests/faults/). Upstream: the same AttributeError on closing a Redis channel whose
connection is gone, https://github.com/celery/kombu/issues/582, and restore_unacked
failing on close, https://github.com/celery/kombu/issues/970; not fixed in kombu 5.7.0.

The guard: a channel whose transport is detached raises Redis's ``ConnectionError``,
which every caller on those paths already handles as "the connection is gone". The
messages stay in Redis's unacknowledged set and come back after the visibility
timeout (a finished job then does nothing); if Redis lost them, the job rows and the
sweeper cover it (docs/adr/0010-decision-aid-jobs.md).
"""

from __future__ import annotations

from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError

MSG_DETACHED = "The broker connection of this channel is already closed."


def install() -> None:
    """Wrap ``kombu.transport.redis.Channel._connparams`` once."""
    original = kombu_redis.Channel._connparams
    if getattr(original, "aya_guard", False):
        return

    def _connparams(self, asynchronous=False):  # noqa: ANN001, ANN202, FBT002
        transport = getattr(self, "connection", None)
        if transport is None or getattr(transport, "client", None) is None:
            raise RedisConnectionError(MSG_DETACHED)
        return original(self, asynchronous=asynchronous)

    _connparams.aya_guard = True
    _connparams.aya_original = original
    kombu_redis.Channel._connparams = _connparams
