"""A guard around kombu's Redis ``QoS.restore_unacked`` so a broker drop ends no worker.

When Redis drops while a task runs (``acks_late``), Celery 5.7 first collects the
broken connection, which detaches its transport (``transport.client = None``), then
closes it again; the second close restores the unacknowledged messages a second
time, and kombu 5.7's ``Channel._connparams`` reads ``None.hostname``:
``AttributeError: 'NoneType' object has no attribute 'hostname'``. That is neither a
connection nor a channel error, so it escapes ``ignore_errors`` and the worker stops
with "Unrecoverable error" (3 of 3 tries; tests/faults/). Upstream: the same
AttributeError on closing a Redis channel whose connection is gone,
https://github.com/celery/kombu/issues/582, and restore_unacked failing on close,
https://github.com/celery/kombu/issues/970; not fixed in kombu 5.7.0.

The guard: with no client given and the channel's transport already detached,
nothing can be restored over that connection; say so and return. The messages stay
in Redis's unacknowledged set and come back after the visibility timeout; if Redis
lost them, the job rows and the sweeper cover it (docs/adr/0010-decision-aid-jobs.md).
"""

from __future__ import annotations

import logging

from kombu.transport import redis as kombu_redis

logger = logging.getLogger(__name__)

MSG_NOT_RESTORED = (
    "The broker connection is already closed: %s unacknowledged message(s) are "
    "left for Redis to deliver again after the visibility timeout."
)


def _detached(qos: kombu_redis.QoS) -> bool:
    transport = getattr(qos.channel, "connection", None)
    return transport is None or getattr(transport, "client", None) is None


def install() -> None:
    """Wrap ``kombu.transport.redis.QoS.restore_unacked`` once."""
    original = kombu_redis.QoS.restore_unacked
    if getattr(original, "aya_guard", False):
        return

    def restore_unacked(self, client=None):  # noqa: ANN001, ANN202
        if client is None and _detached(self):
            logger.warning(MSG_NOT_RESTORED, len(self._delivered))
            return None
        return original(self, client)

    restore_unacked.aya_guard = True
    restore_unacked.aya_original = original
    kombu_redis.QoS.restore_unacked = restore_unacked
