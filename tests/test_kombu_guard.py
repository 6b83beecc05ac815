"""The worker-side guard around kombu's Redis restore_unacked (config/kombu_guard.py).

tests/faults/ shows the whole story with a real worker and a Redis that drops; this
checks the guard itself on a real Redis channel whose transport was detached the way
Celery 5.7 detaches it after a connection loss.
"""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from kombu import Connection
from kombu.transport import redis as kombu_redis

from config import kombu_guard


@pytest.fixture
def detached_qos():  # noqa: ANN201
    connection = Connection(settings.CELERY_BROKER_URL)
    channel = connection.channel()
    qos = channel.qos
    qos._delivered["tag-1"] = object()  # one message delivered, not acknowledged
    channel.connection.client = None  # what Connection.collect() leaves behind
    yield qos
    qos._delivered.clear()


def test_the_guard_is_installed_with_the_celery_app():
    import config.celery_app  # noqa: F401

    assert kombu_redis.QoS.restore_unacked.aya_guard is True


def test_unguarded_kombu_fails_on_a_detached_channel(detached_qos):
    """The upstream failure the guard exists for (kombu issues 582 and 970)."""
    original = kombu_redis.QoS.restore_unacked.aya_original

    with pytest.raises(AttributeError, match="hostname"):
        original(detached_qos)


def test_the_guard_leaves_the_messages_to_redis_and_says_so(detached_qos, caplog):
    kombu_guard.install()  # twice is once

    with caplog.at_level(logging.WARNING, logger="config.kombu_guard"):
        assert detached_qos.restore_unacked() is None

    assert "1 unacknowledged message(s)" in caplog.text
    assert "tag-1" in detached_qos._delivered
