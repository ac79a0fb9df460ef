"""Parsing off the GUI thread: results arrive in order of asking, stale ones never."""

import threading

import pytest

from viewer.loader import LoadResult
from viewer.qt import background_loader as background_loader_module
from viewer.qt.background_loader import BackgroundLoader

WAIT = 10_000

GOOD = b"events:\n  - {title: A, date: 2001}\n  - {title: B, date: 2002}\n"
BROKEN = b"events:\n  - title: \"open\n"


@pytest.fixture
def loader():
    loader = BackgroundLoader()
    yield loader
    loader.cancel()
    assert loader.wait_for_done(WAIT)


def test_a_result_arrives_in_the_gui_thread(qtbot, loader):
    threads = []
    loader.loaded.connect(lambda *_: threads.append(threading.current_thread()))
    with qtbot.waitSignal(loader.loaded, timeout=WAIT) as blocker:
        generation = loader.load(GOOD)
    got_generation, result = blocker.args
    assert got_generation == generation == 1
    assert isinstance(result, LoadResult)
    assert result.timeline is not None and len(result.timeline.events) == 2
    assert threads == [threading.main_thread()]


def test_a_broken_file_arrives_as_diagnostics(qtbot, loader):
    with qtbot.waitSignal(loader.loaded, timeout=WAIT) as blocker:
        loader.load(BROKEN)
    result = blocker.args[1]
    assert result.timeline is None and result.errors


def test_an_older_generation_is_dropped(qtbot, loader, monkeypatch):
    release = threading.Event()
    real_load = background_loader_module.load_bytes

    def slow_load(data: bytes) -> LoadResult:
        if data == BROKEN:  # the first request: hold it until a newer one was made
            release.wait(WAIT / 1000)
        return real_load(data)

    monkeypatch.setattr(background_loader_module, "load_bytes", slow_load)
    delivered = []
    loader.loaded.connect(lambda generation, result: delivered.append(generation))
    first = loader.load(BROKEN)
    second = loader.load(b"events: []\n")
    with qtbot.waitSignal(loader.loaded, timeout=WAIT) as blocker:
        third = loader.load(GOOD)
        release.set()
    assert (first, second, third) == (1, 2, 3)
    assert blocker.args[0] == third
    assert loader.wait_for_done(WAIT)
    qtbot.wait(200)  # let any stale delivery through the event loop, if one was made
    assert delivered == [third]


def test_busy_signals_bracket_a_run_of_loads(qtbot, loader):
    events = []
    loader.started_loading.connect(lambda: events.append("started"))
    loader.finished_loading.connect(lambda: events.append("finished"))
    loader.loaded.connect(lambda generation, _: events.append(generation))
    with qtbot.waitSignal(loader.finished_loading, timeout=WAIT):
        loader.load(GOOD)
        loader.load(GOOD)
        assert loader.busy
    assert events == ["started", 2, "finished"]
    assert not loader.busy


def test_an_exception_in_the_worker_becomes_a_diagnostic(qtbot, loader, monkeypatch):
    def explode(data: bytes, name: str = "") -> LoadResult:
        raise RecursionError("too deep")

    monkeypatch.setattr(background_loader_module, "load_bytes", explode)
    with qtbot.waitSignal(loader.loaded, timeout=WAIT) as blocker:
        loader.load(GOOD)
    result = blocker.args[1]
    assert result.timeline is None
    assert len(result.errors) == 1 and "RecursionError: too deep" in result.errors[0].message


def test_cancel_drops_the_pending_result(qtbot, loader):
    delivered = []
    loader.loaded.connect(lambda *args: delivered.append(args))
    with qtbot.waitSignal(loader.finished_loading, timeout=WAIT):
        loader.load(GOOD)
        loader.cancel()
    assert loader.wait_for_done(WAIT)
    qtbot.wait(200)
    assert delivered == []


def test_the_worker_prepares_the_search_index_for_the_window(qtbot, loader):
    from viewer.filtering import index_for

    with qtbot.waitSignal(loader.loaded, timeout=WAIT) as blocker:
        loader.load(GOOD)
    timeline = blocker.args[1].timeline
    index = index_for(timeline)
    assert index.size == len(timeline.events)  # built on the worker: facets, dates
    assert index._haystacks is None  # its search text is built once the view is up
    assert index_for(timeline) is not index  # handed over once; later asks build anew
