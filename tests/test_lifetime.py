"""Long-lived data is kept out of the cycle collector's way, and still freed when dropped."""

import gc
import weakref

from viewer.load.lifetime import long_lived


class Thing:
    pass


def test_the_collector_pauses_inside_and_is_restored_after():
    assert gc.isenabled()
    with long_lived():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with long_lived():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_what_was_built_is_frozen_and_still_freed_when_dropped():
    with long_lived():
        things = [Thing() for _ in range(1000)]
        probe = weakref.ref(things[0])
    assert gc.get_freeze_count() >= 1000
    del things
    assert probe() is None  # reference counting frees frozen objects as usual


def test_a_later_block_hands_the_earlier_objects_back():
    with long_lived():
        first = [Thing() for _ in range(500)]
    frozen_after_first = gc.get_freeze_count()
    del first
    with long_lived():
        assert gc.get_freeze_count() == 0  # unfrozen while the new data is built
    assert 0 < gc.get_freeze_count() <= frozen_after_first + 1000
