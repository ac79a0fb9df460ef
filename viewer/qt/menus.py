"""The menu bar: File, View and Help, with the standard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox

from viewer.qt import help_dialogs
from viewer.qt.plain_text import message, tooltip
from viewer.view.lanes import LaneMode

if TYPE_CHECKING:
    from viewer.qt.main_window import MainWindow
    from viewer.qt.printing import Printing

LANE_TITLES = (
    (LaneMode.CATEGORY, "&Category"),
    (LaneMode.TAG, "&Tag"),
    (LaneMode.PERSON, "&Person"),
    (LaneMode.PLACE, "P&lace"),
    (LaneMode.SINGLE, "&One lane"),
)


class Menus:
    """The actions the window updates after building them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.recent_menu = QMenu("Open &Recent", window)
        self.view_menu = bar.addMenu("&View")
        self.help_menu = bar.addMenu("&Help")
        self.themes: dict[str, QAction] = {}
        self.lanes: dict[LaneMode, QAction] = {}
        self.printing: Printing | None = None
        self._file()
        self._view()
        self._help()

    def _action(self, menu: QMenu, text: str, slot: Callable[..., object],
                shortcut: QKeySequence.StandardKey | str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _file(self) -> None:
        from viewer.qt import file_actions

        w, m = self.window, self.file_menu
        self._action(m, "&New…", partial(file_actions.new_file, w), QKeySequence.StandardKey.New,
                     "Create a commented events file and open it here and in your editor")
        self._action(m, "&Open…", w.choose_file, QKeySequence.StandardKey.Open,
                     "Open an events file")
        m.addMenu(self.recent_menu)
        self._action(m, "Open the bundled &example", w.open_example)
        m.addSeparator()
        self.reload = self._action(m, "&Reload", w.reload, "F5",
                                   "Read the file again now (it also reloads on every save)")
        self.export = self._action(m, "&Export image…", self.export_image, "Ctrl+E",
                                   "Save the view or the whole timeline as PNG, SVG or PDF")
        self._action(m, "Export e&vents…", self.export_events,
                     tip="Save the events shown as CSV (spreadsheets) or iCalendar (calendars)")
        self.print = self._action(m, "&Print…", self.print_timeline,
                                  QKeySequence.StandardKey.Print,
                                  "Print the view or the whole timeline, after a preview")
        m.addSeparator()
        self._action(m, "Open in e&ditor", lambda: w.open_in_editor(w.selected_line()),
                     "Ctrl+Shift+E", "Open the file in your editor at the selected event")
        m.addSeparator()
        prefs = self._action(m, "&Preferences…", partial(file_actions.edit_preferences, w),
                             "Ctrl+,", "Choose the editor that “Open in editor” starts")
        prefs.setMenuRole(QAction.MenuRole.PreferencesRole)
        m.addSeparator()
        self._action(m, "&Quit", w.close, "Ctrl+Q")
        self.refresh_recent()

    def _view(self) -> None:
        w, m = self.window, self.view_menu
        canvas = w.canvas
        self._action(m, "&Fit all", canvas.fit_all, "Home", "Show every event")
        self._framing_actions(m)
        self._action(m, "Zoom &in", lambda: canvas.zoom_about_centre(1.5),
                     QKeySequence.StandardKey.ZoomIn)
        self._action(m, "Zoom &out", lambda: canvas.zoom_about_centre(1 / 1.5),
                     QKeySequence.StandardKey.ZoomOut)
        m.addSeparator()
        lanes = m.addMenu("&Lanes by")
        group = QActionGroup(self.window)
        for n, (mode, title) in enumerate(LANE_TITLES, start=1):
            action = self._action(lanes, title, partial(w.set_lane_mode, mode), f"Ctrl+{n}")
            action.setCheckable(True)
            action.setChecked(mode == w.state.lane_mode)
            group.addAction(action)
            self.lanes[mode] = action
        w.state.lane_mode_changed.connect(
            lambda: self.lanes[w.state.lane_mode].setChecked(True))
        self.hide_filtered = self._action(m, "&Hide filtered-out events",
                                          lambda on: w.set_hide_filtered(bool(on)),
                                          tip="Hide events the filters leave out "
                                              "(otherwise they are dimmed)")
        self.hide_filtered.setCheckable(True)
        self.hide_filtered.setChecked(w.hide_filtered)
        self.fold_years = self._action(m, "F&old empty years", self.set_folding,
                                       tip="Draw long stretches without events narrow, "
                                           "marked with what they skip")
        self.fold_years.setCheckable(True)
        self.fold_years.setChecked(w.remembered.fold_years)
        canvas.folding_enabled = w.overview.folding_enabled = w.remembered.fold_years
        self._action(m, "&Clear filters", w.clear_filters, "Ctrl+Shift+L")
        self._action(m, "&Search", w.focus_search, QKeySequence.StandardKey.Find,
                     "Search titles, text, people and sources")
        theme = m.addMenu("&Theme")
        group = QActionGroup(self.window)
        for key, title in (("system", "Follow the &system"), ("light", "&Light"),
                           ("dark", "&Dark")):
            action = self._action(theme, title, partial(w.set_theme, key))
            action.setCheckable(True)
            group.addAction(action)
            self.themes[key] = action
        m.addSeparator()
        panes = m.addMenu("&Panes")
        for dock in w.docks.values():
            panes.addAction(dock.toggleViewAction())

    def _framing_actions(self, m: QMenu) -> None:
        w = self.window
        self._action(m, "Fit &matches", w.canvas.fit_matches, "F",
                     "Show the events the filters keep")
        self.author_view = self._action(m, "&Author's view", w.canvas.show_author_view,
                                        "Shift+Home", "Show the time and the lanes that "
                                        "the file's view: asks for")
        self.author_view.setEnabled(False)
        self.frame_matches = self._action(m, "Frame matches a&utomatically",
                                          lambda on: w.set_frame_matches(bool(on)),
                                          tip="Fit the matches after every change of the "
                                              "filters")
        self.frame_matches.setCheckable(True)
        self.frame_matches.setChecked(w.frame_matches)

    def _help(self) -> None:
        w, m = self.window, self.help_menu
        self._action(m, "The events.yaml &format", partial(help_dialogs.show_format_reference, w))
        self._action(m, "&Keyboard shortcuts", partial(help_dialogs.show_shortcuts, w),
                     QKeySequence.StandardKey.HelpContents)
        self._action(m, "&About Timeline Viewer", partial(help_dialogs.show_about, w))

    def set_folding(self, on: bool) -> None:
        """View → Fold empty years: fold (or unfold) in the canvas and overview, and fit all."""
        w = self.window
        w.remembered.fold_years = bool(on)
        w.overview.set_folding(bool(on))
        w.canvas.set_folding(bool(on))

    def check_theme(self, choice: str) -> None:
        if choice in self.themes:
            self.themes[choice].setChecked(True)

    def refresh_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.window.remembered.recent
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(tooltip(path))
            action.setStatusTip(path)
            action.triggered.connect(partial(self.window.open_file, path))
        self.recent_menu.setEnabled(bool(recent))

    def export_image(self) -> None:
        from viewer.qt.export import ExportError
        from viewer.qt.export_dialog import ExportDialog, export_choice

        w = self.window
        dialog = ExportDialog(w.canvas, w.remembered, w.path, w)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            choice = dialog.choice()
        finally:
            dialog.deleteLater()
        try:
            path = export_choice(w.canvas, choice, keep=(w.path,))
        except ExportError as err:
            QMessageBox.warning(w, "Export failed", message(str(err)))
            return
        w.statusBar().showMessage(f"Exported {path.name}", 5000)

    def print_timeline(self) -> None:
        from viewer.qt.printing import Printing

        w = self.window
        if self.printing is None:  # made on first use: finding the printers takes a moment
            self.printing = Printing(w.canvas)
        printed = self.printing.run(w, str(Path(w.path).with_suffix(".pdf")) if w.path else "",
                                    keep=[w.path] if w.path else [])
        if printed is None:
            return
        to_file, where = self.printing.destination()
        if self.printing.refused is not None:
            QMessageBox.warning(w, "Print refused", message(str(self.printing.refused)))
            return
        if not printed:
            QMessageBox.warning(w, "Print failed", message(f"Could not print to “{where}”."))
            return
        w.statusBar().showMessage(f"Printed to {where}" if to_file else f"Sent to {where}", 5000)

    def export_events(self) -> None:
        from viewer.files.atomic import name_beside
        from viewer.files.export_data import export_events

        w = self.window
        start = str(name_beside(w.path, ".csv")) if w.path else "events.csv"
        path, chosen = QFileDialog.getSaveFileName(
            w, "Export the events shown", start,
            "CSV for spreadsheets (*.csv);;iCalendar for calendars (*.ics)")
        if not path:
            return
        if Path(path).suffix.lower() not in (".csv", ".ics"):
            path += ".ics" if "ics" in chosen else ".csv"
        try:
            report = export_events(w.timeline, w.shown_events(), path, keep=(w.path,))
        except (ValueError, OSError) as err:
            QMessageBox.warning(w, "Export failed", message(str(err)))
            return
        w.statusBar().showMessage(f"{Path(path).name}: {report}", 8000)


def build_menus(window: MainWindow) -> Menus:
    return Menus(window)
