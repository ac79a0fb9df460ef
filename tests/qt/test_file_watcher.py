"""The file watcher follows a file through the ways editors really save it.

Waits are generous and nothing here asserts how fast a signal comes: only that the right
signals come, once, with the right content. The watcher waits briefly here (``FAST``); the
production delays are exercised through the window in test_live_reload.py.
"""

import os
from dataclasses import replace
from pathlib import Path

import pytest

from viewer.qt import file_watcher as file_watcher_module
from viewer.qt.file_watcher import FileWatcher, WatchTimings

FAST = WatchTimings(debounce_ms=20, grace_ms=200, poll_ms=100)
WAIT = 10_000  # ms: long enough for a loaded machine; a passing test never waits this long
SETTLE = 500  # ms to keep listening after a signal, to see that no other one follows

FIRST = b"events:\n  - {title: First, date: 2001}\n"
SECOND = b"events:\n  - {title: Second, date: 2002}\n"
THIRD = b"events:\n  - {title: Third, date: 2003}\n"


class Recorder:
    """Every signal the watcher emits, in order."""

    def __init__(self, watcher: FileWatcher) -> None:
        self.changed: list[bytes] = []
        self.missing = 0
        watcher.file_changed.connect(self.changed.append)
        watcher.file_missing.connect(self._on_missing)

    def _on_missing(self, error: OSError) -> None:
        assert isinstance(error, OSError)  # what the caller words for its user
        self.missing += 1


@pytest.fixture
def events_file(tmp_path) -> Path:
    path = tmp_path / "events.yaml"
    path.write_bytes(FIRST)
    return path


@pytest.fixture
def make_watcher(qtbot, events_file):
    watchers = []

    def make(**timings: int) -> tuple[FileWatcher, Recorder]:
        watcher = FileWatcher(timings=replace(FAST, **timings))
        watcher.watch(str(events_file))
        qtbot.waitUntil(lambda: not watcher.busy, timeout=WAIT)  # it has the content now
        watchers.append(watcher)
        return watcher, Recorder(watcher)

    yield make
    for watcher in watchers:
        watcher.stop()


def changed_to(watcher: FileWatcher, qtbot, content: bytes):
    return qtbot.waitSignal(watcher.file_changed, timeout=WAIT,
                            check_params_cb=lambda data: data == content)


def replace_atomically(path: Path, content: bytes) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(content)
    os.replace(temp, path)


def test_an_unchanged_file_emits_nothing(qtbot, make_watcher):
    _, seen = make_watcher()
    qtbot.wait(SETTLE)
    assert seen.changed == [] and seen.missing == 0


def test_an_in_place_write(qtbot, make_watcher, events_file):
    watcher, seen = make_watcher()
    with changed_to(watcher, qtbot, SECOND):
        events_file.write_bytes(SECOND)
    with changed_to(watcher, qtbot, THIRD):
        events_file.write_bytes(THIRD)
    assert seen.changed == [SECOND, THIRD] and seen.missing == 0


def test_write_temp_then_rename_keeps_being_followed(qtbot, make_watcher, events_file):
    watcher, seen = make_watcher()
    with changed_to(watcher, qtbot, SECOND):
        replace_atomically(events_file, SECOND)
    with changed_to(watcher, qtbot, THIRD):  # the watch survived the first rename
        replace_atomically(events_file, THIRD)
    with changed_to(watcher, qtbot, FIRST):  # and an in-place write after a rename
        events_file.write_bytes(FIRST)
    assert seen.changed == [SECOND, THIRD, FIRST] and seen.missing == 0


def test_delete_and_recreate(qtbot, make_watcher, events_file):
    watcher, seen = make_watcher(grace_ms=5_000)  # longer than any pause of a slow machine
    with changed_to(watcher, qtbot, SECOND):
        events_file.unlink()
        qtbot.wait(50)
        events_file.write_bytes(SECOND)
    with changed_to(watcher, qtbot, THIRD):
        events_file.write_bytes(THIRD)
    qtbot.wait(SETTLE)
    assert seen.changed == [SECOND, THIRD] and seen.missing == 0


def test_a_burst_of_writes_gives_one_signal_with_the_last_content(qtbot, make_watcher,
                                                                  events_file):
    watcher, seen = make_watcher()
    contents = [b"events: []  # %d\n" % i for i in range(10)]
    with changed_to(watcher, qtbot, contents[-1]):
        for content in contents:
            events_file.write_bytes(content)
    qtbot.wait(SETTLE)
    assert seen.changed == [contents[-1]]


def test_a_file_emptied_then_refilled_never_emits_empty(qtbot, make_watcher, events_file):
    watcher, seen = make_watcher(grace_ms=5_000)  # wide, so a slow machine cannot exceed it
    events_file.write_bytes(b"")
    qtbot.wait(200)  # the watcher has read the empty file by now and is waiting
    with changed_to(watcher, qtbot, SECOND):
        events_file.write_bytes(SECOND)
    qtbot.wait(SETTLE)
    assert seen.changed == [SECOND]


def test_a_file_that_stays_empty_is_reported_after_the_grace(qtbot, make_watcher,
                                                             events_file):
    watcher, seen = make_watcher()
    with changed_to(watcher, qtbot, b""):
        events_file.write_bytes(b"")
    assert seen.changed == [b""] and seen.missing == 0


def test_permissions_lost_and_restored(qtbot, make_watcher, events_file):
    watcher, seen = make_watcher(grace_ms=5_000)
    os.chmod(events_file, 0)
    qtbot.wait(200)
    os.chmod(events_file, 0o644)
    with changed_to(watcher, qtbot, SECOND):
        events_file.write_bytes(SECOND)
    qtbot.wait(SETTLE)
    assert seen.changed == [SECOND] and seen.missing == 0


def test_a_briefly_unreadable_file_is_not_reported(qtbot, make_watcher, events_file,
                                                   monkeypatch):
    # chmod 000 does not stop root from reading, so unreadability is also simulated
    real_read = file_watcher_module.read_file
    unreadable = True

    def read_file(path: str) -> bytes:
        if unreadable:
            raise PermissionError(13, "Permission denied", path)
        return real_read(path)

    watcher, seen = make_watcher(grace_ms=5_000)
    monkeypatch.setattr(file_watcher_module, "read_file", read_file)
    events_file.write_bytes(SECOND)
    qtbot.wait(200)
    assert seen.changed == []
    unreadable = False
    with changed_to(watcher, qtbot, THIRD):
        events_file.write_bytes(THIRD)
    assert seen.missing == 0


def test_a_deleted_file_is_reported_missing_then_back(qtbot, make_watcher, events_file):
    watcher, seen = make_watcher()
    with qtbot.waitSignal(watcher.file_missing, timeout=WAIT):
        events_file.unlink()
    assert seen.changed == []
    # its return is always told, even with the same content, to clear the notice
    with changed_to(watcher, qtbot, FIRST):
        events_file.write_bytes(FIRST)
    assert seen.missing == 1


def test_the_poll_notices_changes_the_file_system_does_not_report(qtbot, make_watcher,
                                                                  events_file):
    watcher, _ = make_watcher()
    watcher._fs.fileChanged.disconnect()  # as on a network share without notifications
    watcher._fs.directoryChanged.disconnect()
    with changed_to(watcher, qtbot, SECOND):
        events_file.write_bytes(SECOND)


def test_reread_emits_even_when_unchanged(qtbot, make_watcher):
    watcher, seen = make_watcher()
    with changed_to(watcher, qtbot, FIRST):
        watcher.reread()
    assert seen.changed == [FIRST]


def test_content_the_caller_already_has_is_not_emitted_again(qtbot, events_file):
    watcher = FileWatcher(timings=FAST)
    seen = Recorder(watcher)
    watcher.watch(str(events_file), current=FIRST)
    qtbot.wait(SETTLE)
    assert seen.changed == []
    # a save that raced with the caller's own read is caught up with
    with changed_to(watcher, qtbot, FIRST):
        watcher.watch(str(events_file), current=SECOND)
    watcher.stop()


def test_stop_ends_the_signals(qtbot, make_watcher, events_file):
    watcher, seen = make_watcher()
    watcher.stop()
    assert watcher.path is None
    events_file.write_bytes(SECOND)
    qtbot.wait(SETTLE)
    assert seen.changed == [] and seen.missing == 0


def test_a_large_file_saved_unchanged_is_not_read_whole_and_a_change_still_shows(
        qtbot, make_watcher, events_file, monkeypatch):
    from viewer.load.file_state import PIECE

    big = FIRST + b"# padding\n" * (PIECE // 10 + 1)
    changed = big.replace(b"First", b"Other")
    events_file.write_bytes(big)
    watcher, seen = make_watcher()
    whole_reads: list[str] = []
    real_read = file_watcher_module.read_file

    def read_file(path: str) -> bytes:
        whole_reads.append(path)
        return real_read(path)

    monkeypatch.setattr(file_watcher_module, "read_file", read_file)
    events_file.write_bytes(big)  # saved again, as it was
    qtbot.wait(SETTLE)
    assert seen.changed == [] and whole_reads == []  # only digested, a piece at a time
    with changed_to(watcher, qtbot, changed):
        events_file.write_bytes(changed)
    assert seen.changed == [changed] and len(whole_reads) >= 1


def test_a_read_overtaken_by_a_later_save_is_dropped(qtbot, make_watcher, events_file,
                                                     monkeypatch):
    import threading

    real_read = file_watcher_module.read_file
    holding, release = threading.Event(), threading.Event()

    def read_file(path: str) -> bytes:
        data = real_read(path)
        if data == SECOND:  # a slow read, still under way when the next save comes
            holding.set()
            release.wait(WAIT / 1000)
        return data

    watcher, seen = make_watcher()
    monkeypatch.setattr(file_watcher_module, "read_file", read_file)
    events_file.write_bytes(SECOND)
    qtbot.waitUntil(holding.is_set, timeout=WAIT)
    asked = watcher._latest.value
    with changed_to(watcher, qtbot, THIRD):
        events_file.write_bytes(THIRD)
        qtbot.waitUntil(lambda: watcher._latest.value > asked, timeout=WAIT)  # read again
        release.set()
    qtbot.wait(SETTLE)
    assert seen.changed == [THIRD]


def test_a_slow_read_keeps_the_gui_thread_running(qtbot, make_watcher, events_file,
                                                  monkeypatch):
    from .slow_disk import SlowDisk

    watcher, seen = make_watcher()
    disk = SlowDisk(file_watcher_module.read_file, watcher)
    monkeypatch.setattr(file_watcher_module, "read_file", disk.read)
    with qtbot.waitSignal(watcher.file_changed, timeout=30_000):
        events_file.write_bytes(SECOND)
    assert disk.gui_kept_running and seen.changed == [SECOND]


def test_a_save_as_watching_begins_is_not_missed(qtbot, events_file):
    watcher = FileWatcher(timings=FAST)
    seen = Recorder(watcher)
    with changed_to(watcher, qtbot, SECOND):
        watcher.watch(str(events_file))  # takes what is on disk as current, read in a worker
        events_file.write_bytes(SECOND)  # before, while or after it is read
    qtbot.wait(SETTLE)
    assert seen.changed == [SECOND] and seen.missing == 0
    watcher.stop()
