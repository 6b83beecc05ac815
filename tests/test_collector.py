"""``config.collector.cyclic_gc_paused``: off inside; whoever paused it resumes it."""

from __future__ import annotations

import gc

import pytest

from config.collector import cyclic_gc_paused


@pytest.fixture(autouse=True)
def _collector_on_after():
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_again_after_even_on_error():
    gc.enable()
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), cyclic_gc_paused():
        raise RuntimeError("the step failed")
    assert gc.isenabled()


def test_a_nested_pause_leaves_resuming_to_the_outer_one():
    gc.enable()
    with cyclic_gc_paused():
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    with cyclic_gc_paused():
        pass
    assert not gc.isenabled()
