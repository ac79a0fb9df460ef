"""The editing loop as a user lives it: edit the file in another program, save, and the
window follows, keeping its place; mistakes keep the last good timeline on screen.

Waits are generous and nothing asserts how fast a reload comes, only what the user sees.
The window's watcher waits briefly here (``FAST``), but for one test on the production delays.
"""

import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from viewer.qt.file_watcher import DEFAULT_TIMINGS, WatchTimings
from viewer.qt.main_window import MainWindow
from viewer.query.filtering import Filter
from viewer.view.lanes import LaneMode
from viewer.view.timewindow import TimeWindow

FAST = WatchTimings(debounce_ms=20, grace_ms=200, poll_ms=100)
WAIT = 10_000  # ms; a passing test never waits this long
SETTLE = 500  # ms of listening after a reload, to see that no other one follows

HEAD = "title: Test file\ncategories:\n  a: {label: A}\n  b: {label: B}\nevents:\n"


def events_yaml(*titles: str, extra: str = "") -> str:
    body = "".join(f"  - id: e{i}\n    title: {t}\n    date: 20{10 + i:02d}-0{1 + i % 9}-15\n"
                   f"    category: {'ab'[i % 2]}\n" for i, t in enumerate(titles))
    return HEAD + body + extra


class Loads:
    """Every load result the window reports."""

    def __init__(self, window: MainWindow) -> None:
        self.results: list[object] = []
        window.file_loaded.connect(self.results.append)


@pytest.fixture
def events_file(tmp_path) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(events_yaml("Alpha", "Beta", "Gamma", "Delta"), encoding="utf-8")
    return path


@pytest.fixture
def started(tmp_path) -> list[list[str]]:
    return []


@pytest.fixture
def timings() -> WatchTimings:
    """The window's watcher delays (a test parametrizes this to wait otherwise)."""
    return FAST


@pytest.fixture
def window(qtbot, tmp_path, events_file, started, timings):
    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                   open_url=lambda url: True,
                   start_process=lambda argv: started.append(argv) or True, timings=timings)
    w.editor.environ = {}
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_file(str(events_file))
    yield w
    w.live.close()
    w.live.wait_for_done(5000)


def titles(window: MainWindow) -> list[str]:
    return [e.title for e in window.timeline.events]


def saved(window: MainWindow, qtbot):
    """Wait for the window to have loaded the file after a save."""
    return qtbot.waitSignal(window.file_loaded, timeout=WAIT)


def replace_atomically(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def test_an_in_place_save_is_shown_and_described(window, qtbot, events_file):
    with saved(window, qtbot):
        events_file.write_text(events_yaml("Alpha", "Beta (edited)", "Gamma", "Delta",
                                           "Epsilon"), encoding="utf-8")
    assert titles(window) == ["Alpha", "Beta (edited)", "Gamma", "Delta", "Epsilon"]
    assert "1 added, 1 changed" in window.statusBar().currentMessage()
    assert window.canvas.flashed == {"e1": "changed", "e4": "added"}


def test_a_save_builds_the_next_document_from_the_shown_one(window, qtbot, events_file):
    shown = window.document
    old_hays = shown.index.haystacks  # as the idle window builds it
    with saved(window, qtbot):
        events_file.write_text(events_yaml("Alpha", "Beta (edited)", "Gamma", "Delta"),
                               encoding="utf-8")
    document = window.document
    assert document is not shown and document.memo is shown.memo
    assert window.canvas.document is document  # handed to the views
    # the events the save left alone are the very objects, with the very search text
    assert document.timeline.events[0] is shown.timeline.events[0]
    assert document.index.haystacks[0] is old_hays[0]
    assert document.index.haystacks[1] != old_hays[1]


def test_a_save_by_rename_is_followed_again_and_again(window, qtbot, events_file):
    messages = []
    for n in range(3):  # the watch must survive each replacement of the file
        with saved(window, qtbot):
            replace_atomically(events_file, events_yaml("Alpha", f"Beta {n}"))
        assert titles(window) == ["Alpha", f"Beta {n}"]
        messages.append(window.statusBar().currentMessage())
    assert messages == ["Reloaded events.yaml: 2 removed, 1 changed",
                        "Reloaded events.yaml: 1 changed", "Reloaded events.yaml: 1 changed"]


@pytest.mark.parametrize("timings", [replace(FAST, grace_ms=5_000)], ids=["grace past the gap"])
def test_delete_and_recreate(window, qtbot, events_file):
    with saved(window, qtbot):
        events_file.unlink()
        qtbot.wait(50)
        events_file.write_text(events_yaml("Recreated"), encoding="utf-8")
    assert titles(window) == ["Recreated"]


@pytest.mark.parametrize("timings", [replace(FAST, debounce_ms=150)],
                         ids=["debounce past the gaps"])
def test_a_burst_of_writes_reloads_once_with_the_last_content(window, qtbot, events_file):
    loads = Loads(window)
    with saved(window, qtbot):
        for n in range(8):
            events_file.write_text(events_yaml("Alpha", f"Draft {n}"), encoding="utf-8")
            qtbot.wait(20)
    qtbot.wait(SETTLE)
    assert len(loads.results) == 1
    assert titles(window) == ["Alpha", "Draft 7"]


@pytest.mark.parametrize("timings", [DEFAULT_TIMINGS], ids=["production delays"])
def test_a_file_briefly_empty_mid_save_never_empties_the_timeline(window, qtbot, events_file):
    loads = Loads(window)
    with saved(window, qtbot):
        events_file.write_text("", encoding="utf-8")
        qtbot.wait(300)
        events_file.write_text(events_yaml("Alpha", "Filled again"), encoding="utf-8")
    qtbot.wait(1_200)  # past the production debounce and poll
    assert len(loads.results) == 1
    assert titles(window) == ["Alpha", "Filled again"]


def test_reload_keeps_window_filters_lanes_and_selection(window, qtbot, events_file):
    window.set_lane_mode(LaneMode.SINGLE)
    window.filter_pane.set_filter(Filter(categories=frozenset({"a"})))
    window.state.select("e2")
    zoomed = TimeWindow(window.state.window.start + 86400 * 200,
                        window.state.window.start + 86400 * 900)
    window.state.set_window(zoomed, settle_now=True)
    with saved(window, qtbot):
        events_file.write_text(events_yaml("Alpha", "Beta", "Gamma (edited)", "Delta"),
                               encoding="utf-8")
    assert window.state.window == zoomed
    assert window.flt.categories == frozenset({"a"})
    assert window.count_label.text() == "2 of 4 events"
    assert window.state.lane_mode is LaneMode.SINGLE
    assert window.state.selected == "e2"
    shown = [label.text() for label in window.detail_pane.findChildren(QLabel)]
    assert any("Gamma (edited)" in text for text in shown)


def test_a_syntax_error_keeps_the_last_good_timeline_until_fixed(window, qtbot, events_file):
    good = titles(window)
    with saved(window, qtbot):
        events_file.write_text(events_yaml("Alpha") + "  - title: [unclosed\n",
                               encoding="utf-8")
    assert titles(window) == good  # the last good timeline stays on screen
    assert window.docks["problems"].isVisible()
    lines = window.problems.lines()
    assert lines and lines[0].startswith("events.yaml:") and ": error: " in lines[0]
    assert "last good version" in window.problems.summary.text()
    assert window.stack.currentIndex() == 1
    with saved(window, qtbot):
        events_file.write_text(events_yaml("Alpha", "Fixed"), encoding="utf-8")
    assert titles(window) == ["Alpha", "Fixed"]
    assert not window.docks["problems"].isVisible()
    assert window.problems.lines() == []


def test_the_problems_are_worded_as_check_words_them(window, qtbot, events_file, capsys,
                                                     monkeypatch):
    from viewer.commands.check import check

    text = events_yaml("Alpha", "Beta") + "  - title: No date here\n    category: zzz\n"
    with saved(window, qtbot):
        events_file.write_text(text, encoding="utf-8")
    monkeypatch.chdir(events_file.parent)
    check("events.yaml", __import__("sys").stdout)
    expected = capsys.readouterr().out.splitlines()[:-1]  # the last line is the summary
    assert window.problems.lines() == expected


def test_broken_events_are_listed_and_the_others_shown(window, qtbot, events_file):
    text = events_yaml("Alpha", "Beta") + "  - title: No date here\n"
    with saved(window, qtbot):
        events_file.write_text(text, encoding="utf-8")
    assert titles(window) == ["Alpha", "Beta"]
    assert any(":14:5: error:" in line and "'date'" in line for line in window.problems.lines())
    assert "left out until they are fixed" in window.problems.summary.text()


def test_a_problem_opens_the_editor_at_its_line_and_column(window, qtbot, events_file,
                                                           started):
    window.remembered.editor_command = "code -g {file}:{line}:{column}"
    with saved(window, qtbot):
        events_file.write_text(events_yaml("Alpha") + "  - title: No date\n", encoding="utf-8")
    item = window.problems.list.item(0)
    window.problems.list.itemActivated.emit(item)
    line = window.problems.lines()[0].split(":")[1]
    column = window.problems.lines()[0].split(":")[2]
    assert started == [["code", "-g", f"{events_file.resolve()}:{line}:{column}"]]


def test_the_detail_pane_opens_the_editor_at_the_event(window, started, events_file):
    window.remembered.editor_command = "vim +{line} {file}"
    window.editor.environ = {"TERMINAL": "/usr/bin/xterm"}
    window.state.select("e1")
    window.detail_pane.open_in_editor_requested.emit(window.timeline.event("e1").line)
    assert started == [["/usr/bin/xterm", "-e", "vim", "+10", str(events_file.resolve())]]


def test_an_editor_that_cannot_start_is_reported(window, qtbot):
    window.editor.start = lambda argv: False
    window.remembered.editor_command = "no-such-editor {file}"
    window.open_in_editor(3)
    assert "Could not start 'no-such-editor'" in window.statusBar().currentMessage()


def test_a_missing_file_keeps_the_timeline_and_says_so(window, qtbot, events_file):
    good = titles(window)
    with qtbot.waitSignal(window.file_unreadable, timeout=WAIT):
        events_file.unlink()
    assert titles(window) == good
    assert "cannot read the file" in window.problems.lines()[0]
    assert window.docks["problems"].isVisible()
    with saved(window, qtbot):
        events_file.write_text(events_yaml("Back"), encoding="utf-8")
    assert titles(window) == ["Back"]
    assert not window.docks["problems"].isVisible()


def test_f5_rereads_even_an_unchanged_file(window, qtbot):
    with saved(window, qtbot):
        window.menus.reload.trigger()
    assert "no changes" in window.statusBar().currentMessage()


def test_a_large_file_loads_in_the_background_with_progress(window, qtbot, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text(events_yaml(*(f"Event {n}" for n in range(60))), encoding="utf-8")
    window.live.sync_limit = 0  # treat every file as large
    with saved(window, qtbot):
        assert window.open_file(str(big))
        assert window.live.busy  # the window returned before parsing
        assert titles(window)[0] == "Alpha"  # the old timeline stays until the new is ready
    assert len(window.timeline.events) == 60 and window.path == str(big)
    assert not window.progress.isVisible()


def test_the_viewer_never_writes_to_the_file(window, qtbot, events_file):
    before = (events_file.read_bytes(), events_file.stat().st_mtime_ns)
    with saved(window, qtbot):
        window.reload()
    window.close()
    assert (events_file.read_bytes(), events_file.stat().st_mtime_ns) == before


def test_a_file_broken_at_start_is_shown_once_fixed(qtbot, tmp_path):
    broken = tmp_path / "draft.yaml"
    broken.write_text("events:\n  - title: [unclosed\n", encoding="utf-8")
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   timings=FAST)
    qtbot.addWidget(w)
    assert not w.open_file(str(broken))
    assert w.stack.currentWidget() is w.welcome
    assert "draft.yaml:2:12: error: YAML syntax error" in w.welcome.message.text()
    with saved(w, qtbot):
        broken.write_text(events_yaml("Now fixed"), encoding="utf-8")
    assert titles(w) == ["Now fixed"] and w.stack.currentIndex() == 1
    w.live.close()


def test_a_timelinejs_file_opens_and_reloads_in_the_window(qtbot, tmp_path):
    source = Path(__file__).resolve().parents[1] / "data" / "timelinejs" / "timekeeping.json"
    path = tmp_path / "timeline.json"
    path.write_bytes(source.read_bytes())
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   timings=FAST)
    qtbot.addWidget(w)
    assert w.open_file(str(path)), w.problems.text()
    first = titles(w)
    assert first
    with saved(w, qtbot):
        path.write_text(path.read_text(encoding="utf-8").replace(first[0], "Renamed", 1),
                        encoding="utf-8")
    assert "Renamed" in titles(w)
    w.live.close()


def test_a_save_is_read_while_the_window_keeps_running(window, qtbot, events_file,
                                                       monkeypatch):
    from viewer.qt import file_watcher

    from .slow_disk import SlowDisk

    disk = SlowDisk(file_watcher.read_file, window)
    monkeypatch.setattr(file_watcher, "read_file", disk.read)
    with qtbot.waitSignal(window.file_loaded, timeout=30_000):
        events_file.write_text(events_yaml("Alpha", "Read slowly"), encoding="utf-8")
    assert disk.gui_kept_running
    assert titles(window) == ["Alpha", "Read slowly"]
    assert "1 changed" in window.statusBar().currentMessage()
