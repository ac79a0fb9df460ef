"""Parsing off the GUI thread: results arrive in order of asking, stale ones never."""

import threading

import pytest

from viewer.document import Document
from viewer.load.loader import LoadResult
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
    got_generation, document = blocker.args
    assert got_generation == generation == 1
    assert isinstance(document, Document) and document.loaded
    assert len(document.timeline.events) == 2
    assert threads == [threading.main_thread()]


def test_a_broken_file_arrives_as_diagnostics(qtbot, loader):
    with qtbot.waitSignal(loader.loaded, timeout=WAIT) as blocker:
        loader.load(BROKEN)
    document = blocker.args[1]
    assert not document.loaded and document.result.timeline is None and document.errors


def test_an_older_generation_is_dropped(qtbot, loader, monkeypatch):
    release = threading.Event()
    real_load = background_loader_module.load_bytes

    def slow_load(data: bytes, **_: object) -> LoadResult:
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
    def explode(data: bytes, **_: object) -> LoadResult:
        raise RecursionError("too deep")

    monkeypatch.setattr(background_loader_module, "load_bytes", explode)
    with qtbot.waitSignal(loader.loaded, timeout=WAIT) as blocker:
        loader.load(GOOD)
    result = blocker.args[1].result
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


def test_the_worker_builds_the_search_index_and_it_arrives_with_the_document(
        qtbot, loader, monkeypatch):
    from viewer import document as document_module

    built = []

    class Recording(document_module.SearchIndex):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            built.append((self, threading.current_thread()))

    monkeypatch.setattr(document_module, "SearchIndex", Recording)
    with qtbot.waitSignal(loader.loaded, timeout=WAIT) as blocker:
        loader.load(GOOD)
    document = blocker.args[1]
    assert [index for index, _ in built] == [document.index]  # the one built, handed over
    assert built[0][1] is not threading.main_thread()  # on the worker
    assert document.index.size == len(document.timeline.events) == 2  # facets, dates
    assert document.index._haystacks is None  # its search text is built once the view is up
    assert document.lanes(document_module.LaneMode.CATEGORY)  # the lanes the views start with
