"""The worker-side guard in kombu's Redis transport (config/kombu_guard.py).

tests/faults/ shows the whole story with a real worker and a Redis that drops; this
checks the guard itself on a real Redis channel detached the way Celery 5.7 detaches
it after a connection loss.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from kombu import Connection
from kombu.transport import redis as kombu_redis

from config import kombu_guard


@pytest.fixture
def detached_channel():  # noqa: ANN201
    connection = Connection(settings.CELERY_BROKER_URL)
    channel = connection.channel()
    channel.qos._delivered["tag-1"] = object()  # delivered, not acknowledged
    channel._disconnect_pools()
    channel.connection.client = None  # what Connection.collect() leaves behind
    yield channel
    channel.qos._delivered.clear()


def test_the_guard_is_installed_with_the_celery_app():
    import config.celery_app  # noqa: F401

    assert kombu_redis.Channel._connparams.aya_guard is True


def test_unguarded_kombu_fails_with_an_attribute_error(detached_channel):
    """The upstream failure the guard exists for (kombu issues 582 and 970)."""
    original = kombu_redis.Channel._connparams.aya_original

    with pytest.raises(AttributeError, match="hostname"):
        original(detached_channel)


@pytest.mark.parametrize("call", ["restore_unacked", "ack"])
def test_a_detached_channel_raises_a_connection_error_its_callers_handle(
    detached_channel, call
):
    kombu_guard.install()  # twice is once
    qos = detached_channel.qos
    handled = detached_channel.connection.connection_errors

    with pytest.raises(handled, match="already closed"):
        qos.restore_unacked() if call == "restore_unacked" else qos.ack("tag-1")
