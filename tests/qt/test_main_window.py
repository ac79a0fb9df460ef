"""The main window as a user works in it: search, facets, selection in sync, details,
remembered settings, empty and error states."""

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from viewer.qt.main_window import MainWindow
from viewer.query.filtering import Filter
from viewer.view.lanes import LaneMode

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = str(ROOT / "events.yaml")


@pytest.fixture
def settings_file(tmp_path):
    return str(tmp_path / "settings.ini")


def make_window(qtbot, settings_file, opened=None):
    window = MainWindow(settings=QSettings(settings_file, QSettings.Format.IniFormat),
                        open_url=(opened.append if opened is not None else lambda url: None))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, settings_file):
    w = make_window(qtbot, settings_file)
    assert w.open_file(BUNDLED)
    return w


def shown_in_list(window) -> int:
    model = window.event_list.event_model
    return model.rowCount()


def test_typing_a_search_filters_canvas_list_and_counts(window, qtbot):
    window.set_hide_filtered(True)
    total = len(window.timeline.events)
    assert window.count_label.text() == f"{total} of {total} events"
    window.focus_search()
    with qtbot.waitSignal(window.filter_pane.filter_changed, timeout=2000):
        qtbot.keyClicks(window.filter_pane._search, "canola")
    canola = [e for e in window.timeline.events
              if "canola" in (e.title + e.summary + e.description + " ".join(e.tags)).lower()]
    assert window.count_label.text() == f"{len(canola)} of {total} events"
    assert shown_in_list(window) == len(canola)
    drawn = {i for box in window.canvas._cache.scene(1.0).lanes for i in box.lane.members}
    assert {window.timeline.events[i].id for i in drawn} == {e.id for e in canola}


def test_the_search_text_is_built_while_the_window_is_idle_once_the_file_is_shown(window,
                                                                                  qtbot):
    index = window.index
    assert index._haystacks is None  # the file is shown without it
    qtbot.waitUntil(lambda: index._haystacks is not None, timeout=5000)
    assert len(index._haystacks) == len(window.timeline.events)
    assert not window.idle.busy


def test_dimming_keeps_every_event_drawn(window):
    window.set_hide_filtered(False)
    window.filter_pane.set_filter(Filter(text="canola"))
    assert shown_in_list(window) == len(window.timeline.events)
    out = window.canvas.filtered_out
    kept = [i for i in range(len(window.timeline.events)) if i not in out]
    assert 0 < len(kept) < len(window.timeline.events)


def test_facet_counts_follow_the_other_filters(window):
    window.filter_pane.set_filter(Filter(text="canola"))
    facets = dict(window.filtered.facets["category"])
    assert facets["security"] == 0 and facets["trade"] > 0
    window.filter_pane.set_filter(Filter(text="canola", categories=frozenset({"trade"})))
    assert window.count_label.text().startswith(f"{facets['trade']} of")


def test_no_match_shows_clear_filters(window, qtbot):
    window.filter_pane.set_filter(Filter(text="zzzz-nothing"))
    assert window.notice.isVisible()
    qtbot.mouseClick(window.notice.findChild(type(window.filter_pane._clear)),
                     Qt.MouseButton.LeftButton)
    assert not window.notice.isVisible()
    assert not window.flt.is_active


def test_selection_is_in_sync_everywhere(window, qtbot):
    window.state.select("meng-arrest")
    rows = window.event_list.selectionModel().selectedRows()
    assert [window.event_list.event_model.event_at(r.row()).id for r in rows] == ["meng-arrest"]
    assert any("Canada arrests Huawei CFO Meng Wanzhou" in label.text()
               for label in window.detail_pane.findChildren(type(window.count_label)))
    # selecting in the list selects on the canvas
    model = window.event_list.event_model
    row = model.row_of("releases-2021")
    window.event_list.selectRow(row)
    assert window.state.selected == "releases-2021"
    release = window.timeline.event("releases-2021")
    assert window.state.window.start <= release.t0 <= window.state.window.end


def test_a_tag_chip_adds_a_filter(window):
    window.state.select("meng-arrest")
    window.detail_pane.facet_requested.emit("tag", "Huawei")
    assert window.flt.tags == frozenset({"Huawei"})
    assert "Huawei" in window.filter_pane._active.text()


def test_related_link_selects_the_event(window):
    window.state.select("meng-arrest")
    window.detail_pane.event_requested.emit("releases-2021")
    assert window.state.selected == "releases-2021"


def test_open_in_editor_uses_the_system_opener(qtbot, settings_file):
    opened = []
    w = make_window(qtbot, settings_file, opened)
    w.editor.environ = {}  # no $VISUAL, no $EDITOR, nothing chosen in Preferences
    w.open_file(BUNDLED)
    w.detail_pane.open_in_editor_requested.emit(12)
    assert [u.toLocalFile() for u in opened] == [str(Path(BUNDLED).resolve())]


def test_settings_are_restored_in_a_second_window(qtbot, settings_file):
    first = make_window(qtbot, settings_file)
    first.open_file(BUNDLED)
    first.set_theme("dark")
    first.set_lane_mode(LaneMode.TAG)
    first.set_hide_filtered(True)
    first.docks["details"].hide()
    first.resize(1111, 777)
    first.close()
    second = make_window(qtbot, settings_file)
    assert second.remembered.theme == "dark" and second.menus.themes["dark"].isChecked()
    assert second.state.lane_mode is LaneMode.TAG
    assert second.hide_filtered and second.filter_pane.hide_filtered
    assert not second.docks["details"].isVisible()
    assert second.remembered.recent[0] == BUNDLED
    assert second.remembered.last_file == BUNDLED
    second.set_theme("system")


def test_a_missing_file_shows_the_problem_not_a_crash(qtbot, settings_file, tmp_path):
    w = make_window(qtbot, settings_file)
    assert not w.open_file(str(tmp_path / "missing.yaml"))
    assert w.stack.currentWidget() is w.welcome
    assert "cannot read the file" in w.welcome.message.text()


def test_a_pipe_is_refused_in_problems_not_waited_on(qtbot, settings_file, tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    # were it waited on, a writer arriving after 10 s ends the wait (and the test fails)
    guard = threading.Timer(10, lambda: os.close(os.open(fifo, os.O_WRONLY)))
    guard.start()
    w = make_window(qtbot, settings_file)
    try:
        assert not w.open_file(str(fifo))
    finally:
        guard.cancel()
    message = f"{fifo}: error: cannot read the file: it is a pipe, not a regular file"
    assert w.problems.lines() == [message] and message in w.welcome.message.text()


def test_a_broken_file_shows_its_diagnostics_and_keeps_the_last_timeline(window, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("events:\n  - title: A: B\n")
    assert not window.open_file(str(bad))
    assert "bad.yaml:2:" in window.problems.text()
    assert window.docks["problems"].isVisible()
    assert len(window.timeline.events) > 20  # the last good timeline is still shown


def test_welcome_page_until_a_file_is_open(qtbot, settings_file):
    w = make_window(qtbot, settings_file)
    assert w.stack.currentWidget() is w.welcome
    w.welcome.example_requested.emit()
    assert w.stack.currentIndex() == 1 and len(w.timeline.events) > 20


def test_every_menu_action_has_a_name_and_keyboard_access(window):
    actions = [a for menu in (window.menus.file_menu, window.menus.view_menu,
                              window.menus.help_menu) for a in menu.actions()
               if not a.isSeparator()]
    assert all("&" in a.text() for a in actions if a.menu() is None and a.text())
    shortcuts = {a.shortcut().toString() for a in actions}
    for key in ("Ctrl+O", "F5", "Ctrl+E", "Ctrl+Q", "Ctrl+F"):
        assert key in shortcuts


def test_export_events_writes_only_the_events_shown(window, tmp_path, monkeypatch):
    import csv

    from PySide6.QtWidgets import QFileDialog

    window.filter_pane.set_filter(Filter(text="canola"))
    out = tmp_path / "shown.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(out), "")))
    window.menus.export_events()
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    shown = [window.timeline.events[i].id for i in window.filtered.visible]
    assert [r["id"] for r in rows] == shown and 0 < len(shown) < 29
    assert "exported" in window.statusBar().currentMessage()


def test_the_welcome_text_is_shown_whole(qtbot, settings_file):
    w = make_window(qtbot, settings_file)
    intro = w.welcome.intro
    qtbot.waitUntil(lambda: intro.height() > 0)
    # a wrapped label cut short is given less height than its text needs at its width
    assert intro.height() >= intro.heightForWidth(intro.width())
    assert intro.width() <= w.welcome.COLUMN


def test_a_first_file_read_in_the_background_is_named_while_it_loads(qtbot, settings_file):
    w = make_window(qtbot, settings_file)
    w.live.sync_limit = 0  # treat every file as large
    assert w.open_file(BUNDLED)
    size = Path(BUNDLED).stat().st_size
    assert w.stack.currentWidget() is w.welcome
    assert w.welcome.message.text() == f"Opening events.yaml ({size // 1000:,} KB)…"
    assert w.welcome.message.isVisibleTo(w) and not w.welcome.buttons.isVisibleTo(w)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is not w.welcome, timeout=10_000)
    assert len(w.timeline.events) > 20


def test_export_events_never_proposes_or_writes_the_csv_shown(qtbot, settings_file, tmp_path,
                                                              monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes((ROOT / "tests" / "data" / "timelinejs" / "template.csv").read_bytes())
    before = sheet.read_bytes()
    window = make_window(qtbot, settings_file)
    assert window.open_file(str(sheet))
    proposed, warnings = [], []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, caption, start, *rest: proposed.append(start) or (start, "")))
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: warnings.append(text)))
    window.menus.export_events()
    assert proposed == [str(tmp_path / "sheet-export.csv")] and warnings == []
    assert (tmp_path / "sheet-export.csv").read_text(encoding="utf-8").startswith('"id","title"')
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args: (str(sheet), "")))  # chosen all the same
    window.menus.export_events()
    assert warnings == [f"'{sheet}' is the file being shown or read; it is never written "
                        "over: choose another name"]
    assert sheet.read_bytes() == before


def test_clicking_a_related_link_shows_that_event_without_error(window, qtbot):
    from viewer.qt.detail_widgets import LinkLabel

    window.state.select("meng-arrest")
    [target] = [w for w in window.detail_pane.findChildren(LinkLabel)
                if w.text() == "Meng Wanzhou released on bail in Vancouver"]
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert window.state.selected == "meng-bail"
    assert "Canada arrests Huawei CFO Meng Wanzhou at a U.S. request" in [
        w.text() for w in window.detail_pane.findChildren(LinkLabel)]


def test_markup_in_a_file_name_or_its_problems_shows_literally(qtbot, settings_file, tmp_path):
    w = make_window(qtbot, settings_file)
    bad = tmp_path / "<i>bad.yaml"
    bad.write_text("events:\n  - title: A: B\n")
    assert not w.open_file(str(bad))
    assert w.welcome.message.textFormat() == Qt.TextFormat.PlainText
    assert "<i>bad.yaml" in w.welcome.message.text()
    good = tmp_path / "<i>good.yaml"
    good.write_text("events:\n  - title: A\n    date: 2018\n    <b>x</b>: y\n")
    assert w.open_file(str(good))
    assert w.file_label.textFormat() == Qt.TextFormat.PlainText
    assert w.file_label.text().startswith("<i>good.yaml: 1 event")
    assert w.problems.summary.textFormat() == Qt.TextFormat.PlainText


def test_a_link_never_opened_is_warned_about_in_problems(window, tmp_path):
    f = tmp_path / "links.yaml"
    f.write_text("events:\n  - title: A\n    date: 2018\n"
                 "    description: Read [this](javascript:alert(1)).\n")
    assert window.open_file(str(f))
    assert window.problems.lines() == [
        "links.yaml:4:30: warning: link 'javascript:alert(1)' is not http, https or mailto "
        "(it is shown as text and never made clickable)"]


def test_a_large_file_is_read_while_the_window_keeps_running(qtbot, settings_file, monkeypatch):
    from viewer.qt import file_watcher

    from .slow_disk import SlowDisk

    w = make_window(qtbot, settings_file)
    w.live.sync_limit = 0  # treat every file as large
    disk = SlowDisk(file_watcher.read_file, w)
    shown_meanwhile: list[str] = []
    disk.timer.timeout.connect(lambda: shown_meanwhile.append(w.welcome.message.text()))
    monkeypatch.setattr(file_watcher, "read_file", disk.read)
    assert w.open_file(BUNDLED)
    qtbot.waitUntil(lambda: w.path == BUNDLED, timeout=30_000)
    assert disk.gui_kept_running
    size = Path(BUNDLED).stat().st_size
    assert shown_meanwhile[0] == f"Opening events.yaml ({size // 1000:,} KB)…"
    assert w.stack.currentIndex() == 1 and len(w.timeline.events) > 20


def test_a_large_file_that_cannot_be_read_keeps_the_file_shown_and_followed(
        qtbot, settings_file, tmp_path, monkeypatch):
    from viewer.qt import file_watcher

    shown = tmp_path / "shown.yaml"
    shown.write_text("events:\n  - {title: Shown, date: 2001}\n")
    big = tmp_path / "big.yaml"
    big.write_text("events: []\n")
    real_read = file_watcher.read_file

    def read_file(path: str) -> bytes:
        if path.endswith("big.yaml"):
            raise PermissionError(13, "Permission denied", path)
        return real_read(path)

    w = make_window(qtbot, settings_file)
    assert w.open_file(str(shown))
    monkeypatch.setattr(file_watcher, "read_file", read_file)
    w.live.sync_limit = 0  # treat every file as large
    with qtbot.waitSignal(w.file_unreadable, timeout=10_000):
        assert w.open_file(str(big))
    assert w.problems.lines() == [f"{big}: error: cannot read the file: Permission denied"]
    assert [e.title for e in w.timeline.events] == ["Shown"] and w.path == str(shown)
    assert not w.live.busy
    with qtbot.waitSignal(w.file_loaded, timeout=10_000):  # its saves are still followed
        shown.write_text("events:\n  - {title: Saved, date: 2001}\n")
    assert [e.title for e in w.timeline.events] == ["Saved"]
    w.live.close()


def test_a_small_file_opened_while_a_large_one_is_read_is_the_one_shown(qtbot, settings_file,
                                                                        tmp_path, monkeypatch):
    from viewer.qt import file_watcher

    big = tmp_path / "big.yaml"
    big.write_text("events:\n  - {title: Big, date: 2001}\n" + "# padding\n" * 20)
    small = tmp_path / "small.yaml"
    small.write_text("events:\n  - {title: Small, date: 2001}\n")
    release = threading.Event()
    real_read = file_watcher.read_file

    def read_file(path: str) -> bytes:
        if path.endswith("big.yaml"):  # a slow disk
            release.wait(10)
        return real_read(path)

    w = make_window(qtbot, settings_file)
    w.live.sync_limit = 100  # big.yaml is large, small.yaml small
    finished = []
    w.live.loading_finished.connect(lambda: finished.append(True))
    monkeypatch.setattr(file_watcher, "read_file", read_file)
    assert w.open_file(str(big)) and w.live.busy
    assert w.open_file(str(small))
    assert not w.live.busy and finished == [True]  # no busy indicator is left behind
    release.set()
    assert w.live.wait_for_done(10_000)
    qtbot.wait(200)  # let the read of big.yaml come back, were it to be shown
    assert [e.title for e in w.timeline.events] == ["Small"] and w.path == str(small)
    w.live.close()
