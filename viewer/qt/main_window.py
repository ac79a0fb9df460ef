"""The main window: the canvas and its overview in the middle, panes in docks around it.

It owns the loaded file and the filter, and passes what they give to every view: data
flows file → loader → timeline → filter → canvas, overview, list and panes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from viewer.check import summary
from viewer.filtering import Filter, FilterResult, SearchIndex, apply
from viewer.lanes import LaneMode
from viewer.loader import LoadResult, load_path
from viewer.model import Timeline
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.detail_pane import DetailPane
from viewer.qt.event_list import EventList
from viewer.qt.filter_pane import FilterPane
from viewer.qt.menus import build_menus
from viewer.qt.overview import OverviewStrip
from viewer.qt.settings import Remembered
from viewer.qt.theme import apply_app_palette
from viewer.qt.view_state import ViewState
from viewer.qt.welcome import NoMatchNotice, WelcomePage
from viewer.visibility import FilteredOut


class _CanvasHost(QWidget):
    """Canvas above overview; keeps the no-match notice centred over the canvas."""

    def __init__(self, canvas: TimelineCanvas, overview: OverviewStrip,
                 notice: NoMatchNotice) -> None:
        super().__init__()
        self.notice = notice
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(canvas, 1)
        layout.addWidget(overview)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.notice.place()


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None,
                 open_url: Callable[[QUrl], object] = QDesktopServices.openUrl) -> None:
        super().__init__()
        self.setWindowTitle("Timeline Viewer")
        self.resize(1400, 860)
        self.remembered = Remembered(settings if settings is not None else QSettings())
        self.open_url = open_url
        self.path = ""
        self.result: LoadResult | None = None
        self.timeline = Timeline()
        self.index = SearchIndex(self.timeline)
        self.flt = Filter()
        self.filtered: FilterResult | None = None
        self.hide_filtered = self.remembered.hide_filtered

        self.state = ViewState(self)
        self.canvas = TimelineCanvas(self.state)
        self.overview = OverviewStrip(self.state)
        self.overview.left_margin = self.canvas.metrics.header_width
        self.notice = NoMatchNotice(self.canvas)
        self.welcome = WelcomePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(_CanvasHost(self.canvas, self.overview, self.notice))
        self.setCentralWidget(self.stack)

        self.filter_pane = FilterPane()
        self.event_list = EventList(self.state)
        self.detail_pane = DetailPane(open_url=open_url)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Problems")
        self.docks = {
            "filters": self._dock("Filters", self.filter_pane,
                                  Qt.DockWidgetArea.LeftDockWidgetArea),
            "details": self._dock("Details", self.detail_pane,
                                  Qt.DockWidgetArea.RightDockWidgetArea),
            "events": self._dock("Events", self.event_list, Qt.DockWidgetArea.BottomDockWidgetArea),
            "problems": self._dock("Problems", self.problems,
                                   Qt.DockWidgetArea.BottomDockWidgetArea),
        }
        self.tabifyDockWidget(self.docks["events"], self.docks["problems"])
        self.docks["events"].raise_()
        self.docks["problems"].hide()
        self.resizeDocks([self.docks["filters"], self.docks["details"]], [270, 380],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["events"]], [230], Qt.Orientation.Vertical)

        self.file_label, self.count_label, self.loaded_label = QLabel(), QLabel(), QLabel()
        for label in (self.file_label, self.count_label, self.loaded_label):
            self.statusBar().addPermanentWidget(label)
        self.file_label.setAccessibleName("File")
        self.count_label.setAccessibleName("Events shown")

        self.menus = build_menus(self)
        self._connect()
        self._restore()
        self.show_welcome()

    # -- construction ----------------------------------------------------------------------

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        dock.setAccessibleName(f"{title} pane")
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        self.welcome.open_requested.connect(self.choose_file)
        self.welcome.example_requested.connect(self.open_example)
        self.notice.clear_requested.connect(self.clear_filters)
        self.filter_pane.filter_changed.connect(self._on_filter_pane_filter_changed)
        self.filter_pane.hide_filtered_changed.connect(self.set_hide_filtered)
        self.overview.range_brushed.connect(self._on_overview_range_brushed)
        self.state.selection_changed.connect(self._on_state_selection_changed)
        self.canvas.event_activated.connect(self._on_event_activated)
        self.event_list.event_activated.connect(self._on_event_activated)
        self.detail_pane.facet_requested.connect(self._on_detail_facet_requested)
        self.detail_pane.event_requested.connect(self.state.select)
        self.detail_pane.open_in_editor_requested.connect(self.open_in_editor)

    def _restore(self) -> None:
        r = self.remembered
        if r.geometry is not None:
            self.restoreGeometry(r.geometry)
        if r.layout is not None:
            self.restoreState(r.layout)
        self.set_theme(r.theme)
        if r.lane_mode in {m.value for m in LaneMode}:
            self.state.set_lane_mode(LaneMode(r.lane_mode))
        self.filter_pane.hide_filtered = self.hide_filtered

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remembered.save_window(self.saveGeometry(), self.saveState())
        self.remembered.lane_mode = self.state.lane_mode.value
        self.remembered.sync()
        super().closeEvent(event)

    # -- files -----------------------------------------------------------------------------

    def show_welcome(self, message: str = "") -> None:
        if not self.path:
            self.stack.setCurrentWidget(self.welcome)
        self.welcome.show_message(message)

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(Path(self.path).parent) if self.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open an events file", start,
                                              "Events files (*.yaml *.yml);;All files (*)")
        if path:
            self.open_file(path)

    def open_example(self) -> None:
        from viewer.cli import BUNDLED_FILE

        self.open_file(str(BUNDLED_FILE))

    def open_file(self, path: str) -> bool:
        """Load ``path`` and show it; a file that cannot be shown leaves the last one."""
        name = Path(path).name
        try:
            result = load_path(path)
        except OSError as err:
            message = f"{path}: error: cannot read the file: {err.strerror or err}"
            self._show_problems([message])
            self.show_welcome(message)
            return False
        self._show_problems([d.format(name) for d in result.diagnostics])
        if result.timeline is None:
            self.show_welcome("\n".join(d.format(name) for d in result.diagnostics))
            return False
        same_file = path == self.path
        self.path, self.result = path, result
        self.remembered.add_recent(path)
        self.menus.refresh_recent()
        self.setWindowTitle(f"{name} — Timeline Viewer")
        self.file_label.setText(summary(name, result))
        self.loaded_label.setText(time.strftime("loaded %H:%M:%S"))
        self._set_timeline(result.timeline, keep_place=same_file)
        self.stack.setCurrentIndex(1)
        return True

    def reload(self) -> None:
        if self.path:
            self.open_file(self.path)

    def _set_timeline(self, timeline: Timeline, *, keep_place: bool) -> None:
        self.timeline = timeline
        self.index = SearchIndex(timeline)
        selected = self.state.selected if keep_place else ""
        self.canvas.set_timeline(timeline, keep_window=keep_place)
        self.overview.set_timeline(timeline)
        self.event_list.set_timeline(timeline)
        self.filter_pane.set_timeline(timeline)
        self.apply_filter(self.flt if keep_place else Filter())
        self.state.select(selected if timeline.event(selected) else "")
        self.detail_pane.show_event(timeline, self.state.selected)

    def _show_problems(self, lines: list[str]) -> None:
        self.problems.setPlainText("\n".join(lines))
        dock = self.docks["problems"]
        dock.setVisible(bool(lines))
        if lines:
            dock.raise_()

    def open_in_editor(self, line: int) -> None:
        """For now the system's default application; the editing work makes it precise."""
        if self.path:
            self.open_url(QUrl.fromLocalFile(str(Path(self.path).resolve())))

    # -- filtering -------------------------------------------------------------------------

    def apply_filter(self, flt: Filter) -> None:
        self.flt = flt
        result = apply(self.index, flt)
        self.filtered = result if flt.is_active else None
        out = FilteredOut(result.mask if flt.is_active else None)
        self.canvas.set_filtered_out(out, hide=self.hide_filtered)
        self.overview.set_filtered_out(out)
        self.event_list.set_filter(self.filtered, self.hide_filtered)
        self.filter_pane.set_result(result)
        self.event_list.set_highlight(flt.text)
        self.detail_pane.set_highlight(flt.text)
        self.count_label.setText(f"{result.shown:,} of {result.total:,} events")
        self.notice.setVisible(flt.is_active and result.shown == 0 and result.total > 0)
        self.notice.place()
        self.notice.raise_()

    def clear_filters(self) -> None:
        self.filter_pane.set_filter(Filter())

    def focus_search(self) -> None:
        self.docks["filters"].show()
        self.docks["filters"].raise_()
        self.filter_pane.focus_search()

    def set_hide_filtered(self, hide: bool) -> None:
        if hide != self.hide_filtered:
            self.hide_filtered = hide
            self.remembered.hide_filtered = hide
            self.filter_pane.hide_filtered = hide
            self.menus.hide_filtered.setChecked(hide)
            self.apply_filter(self.flt)

    def set_theme(self, choice: str) -> None:
        apply_app_palette(choice)
        self.remembered.theme = choice
        self.canvas.set_theme(choice)
        self.overview.set_theme(choice)
        self.menus.check_theme(choice)

    def set_lane_mode(self, mode: LaneMode) -> None:
        self.state.set_lane_mode(mode)
        self.remembered.lane_mode = mode.value

    # -- slots -----------------------------------------------------------------------------

    def _on_filter_pane_filter_changed(self, flt: Filter) -> None:
        self.apply_filter(flt)

    def _on_overview_range_brushed(self, start: float, end: float) -> None:
        self.filter_pane.set_filter(self.flt.with_(start=start, end=end))

    def _on_state_selection_changed(self, event_id: str) -> None:
        self.detail_pane.show_event(self.timeline, event_id)

    def _on_event_activated(self, event_id: str) -> None:
        dock = self.docks["details"]
        dock.show()
        dock.raise_()
        self.state.select(event_id)

    def _on_detail_facet_requested(self, facet: str, value: str) -> None:
        if value not in self.flt.selected(facet):
            self.filter_pane.set_filter(self.flt.toggled(facet, value))
