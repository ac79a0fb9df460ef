"""Idle work runs in short slices, after the events that were waiting, and can be replaced."""

import time

from viewer.qt.idle_work import IdleWork


def test_the_steps_run_in_slices_of_the_budget_until_they_end(qtbot):
    work = IdleWork(budget_ms=5.0)
    done: list[int] = []
    slices: list[float] = []

    def steps():
        for i in range(40):
            began = time.perf_counter()
            while time.perf_counter() - began < 0.001:  # 1 ms of work a step
                pass
            done.append(i)
            yield

    def slice_lengths():
        began = time.perf_counter()
        count = len(done)
        qtbot.wait(1)
        if len(done) != count:
            slices.append(time.perf_counter() - began)

    work.start(steps())
    assert done == []  # nothing before the event loop is idle
    qtbot.waitUntil(lambda: not work.busy, timeout=5000)
    assert done == list(range(40))
    work.start(steps())
    while work.busy:
        slice_lengths()
    assert len(done) == 80 and max(slices) < 0.05  # it gave the loop back between slices


def test_starting_other_work_drops_the_work_in_progress(qtbot):
    work = IdleWork(budget_ms=1.0)
    first: list[int] = []
    second: list[int] = []

    def steps(into, n):
        for i in range(n):
            time.sleep(0.0005)
            into.append(i)
            yield

    work.start(steps(first, 10_000))
    qtbot.wait(20)
    work.start(steps(second, 5))
    qtbot.waitUntil(lambda: not work.busy, timeout=5000)
    assert second == list(range(5)) and 0 < len(first) < 10_000


def test_work_for_the_same_key_goes_on_and_then_is_called_once_done(qtbot):
    work = IdleWork(budget_ms=1.0)
    done: list[str] = []

    def steps(name, n):
        for _ in range(n):
            time.sleep(0.0005)
            yield
        done.append(name)

    work.start(steps("first", 200), key="a", then=lambda: done.append("then"))
    qtbot.wait(5)
    work.start(steps("second", 1), key="a")  # the same key: the first goes on
    qtbot.waitUntil(lambda: not work.busy, timeout=5000)
    assert done == ["first", "then"]
