"""The main window: the canvas and its overview in the middle, panes in docks around it.

It owns the followed file and the filter, and passes what they give to every view: data
flows file → loader → timeline → filter → canvas, overview, list and panes. Every save of
the file is shown as it comes, keeping the user's place; a save with mistakes keeps the last
good timeline on screen and lists the mistakes in the Problems pane.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from viewer.document import Document
from viewer.load.lifetime import long_lived
from viewer.load.loader import LoadResult
from viewer.load.report import summary
from viewer.model.changes import Changes, diff
from viewer.model.diagnostics import unreadable
from viewer.model.model import Event, Timeline
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.detail_pane import DetailPane
from viewer.qt.editor_launcher import EditorLauncher, StartProcess, start_detached
from viewer.qt.event_list import EventList
from viewer.qt.file_watcher import DEFAULT_TIMINGS, WatchTimings
from viewer.qt.filter_pane import FilterPane
from viewer.qt.idle_work import IdleWork
from viewer.qt.live_file import LiveFile
from viewer.qt.menus import build_menus
from viewer.qt.overview import OverviewStrip
from viewer.qt.problems_pane import ProblemsPane
from viewer.qt.settings import Remembered
from viewer.qt.theme import apply_app_palette
from viewer.qt.view_state import ViewState
from viewer.qt.welcome import NoMatchNotice, WelcomePage
from viewer.query.filtering import Filter, FilterResult, SearchIndex, apply
from viewer.view.lanes import LaneMode
from viewer.view.visibility import FilteredOut


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


MIN_SIZE = (800, 560)  # the window stays usable down to here
SIDE_SHARE = 0.42  # of the window's width, the most the side panes keep when it shrinks
BOTTOM_SHARE = 0.3  # of its height, the most the bottom panes keep
PROGRESS_DELAY_MS = 300  # a load that takes longer than this shows a busy indicator
WARM_AFTER_MS = 250  # the search text is built this long after a file is shown


def _extent(dock: QDockWidget, horizontal: bool) -> int:
    return dock.width() if horizontal else dock.height()


def _needed(dock: QDockWidget, horizontal: bool) -> int:
    """The least width (height) ``dock`` can have without clipping what it shows: a pane
    that scrolls only up and down needs the width of its content."""
    hint = dock.minimumSizeHint()
    need = hint.width() if horizontal else hint.height()
    scroll = dock.widget().findChild(QScrollArea) if horizontal else None
    inner = scroll.widget() if scroll is not None else None
    if scroll is not None and inner is not None and \
            scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
        chrome = dock.width() - scroll.viewport().width()
        if not scroll.verticalScrollBar().isVisible():
            chrome += scroll.verticalScrollBar().sizeHint().width()
        need = max(need, inner.minimumSizeHint().width() + chrome)
    return need


class MainWindow(QMainWindow):
    """The app's window on one followed events file.

    Signals:
        file_loaded(object): a load of the followed file finished (the LoadResult), after
            the window showed it, or kept the last good timeline because of its errors.
        file_unreadable(str): the followed file went missing or unreadable (the message).
    """

    file_loaded = Signal(object)
    file_unreadable = Signal(str)

    def __init__(self, settings: QSettings | None = None,
                 open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
                 start_process: StartProcess = start_detached,
                 timings: WatchTimings = DEFAULT_TIMINGS) -> None:
        super().__init__()
        self.setWindowTitle("Timeline Viewer")
        self.setMinimumSize(*MIN_SIZE)
        self._yield = QTimer(self, singleShot=True, interval=0)
        self._yield.timeout.connect(self._yield_to_canvas)
        self._initial_size()
        self.remembered = Remembered(settings if settings is not None else QSettings())
        self.open_url = open_url
        self.editor = EditorLauncher(start_process, open_url)
        self.live = LiveFile(self, timings=timings)
        self.path = ""  # the file whose timeline is shown
        self.last_changes = Changes()
        self.result: LoadResult | None = None
        self.document = Document.of(Timeline())  # the version of the file shown
        self.idle = IdleWork(self)  # the search text, built while the window is idle
        self.flt = Filter()
        self.filtered: FilterResult | None = None
        self.hide_filtered = self.remembered.hide_filtered
        self.frame_matches = self.remembered.frame_matches

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
        self.problems = ProblemsPane()
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
        self.resizeDocks([self.docks["filters"], self.docks["details"]], [270, 310],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["events"]], [230], Qt.Orientation.Vertical)

        self.file_label, self.count_label, self.loaded_label = QLabel(), QLabel(), QLabel()
        for label in (self.file_label, self.count_label, self.loaded_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is no HTML
            self.statusBar().addPermanentWidget(label)
        self.file_label.setAccessibleName("File")
        self.count_label.setAccessibleName("Events shown")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy, with no end known
        self.progress.setMaximumWidth(140)
        self.progress.setAccessibleName("Loading")
        self.progress.hide()
        self.statusBar().addWidget(self.progress)
        self._progress_delay = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._progress_delay.timeout.connect(self._on_progress_delay_timeout)

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
        self.problems.open_requested.connect(self._on_problems_open_requested)
        self.live.loaded.connect(self._on_live_loaded)
        self.live.unreadable.connect(self._on_live_unreadable)
        self.live.loading_started.connect(self._progress_delay.start)
        self.live.loading_finished.connect(self._on_live_loading_finished)

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

    def _initial_size(self) -> None:
        """1400×860, or less on a smaller screen."""
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else None
        width, height = 1400, 860
        if room is not None and room.width() > 0 and room.height() > 0:
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(max(width, MIN_SIZE[0]), max(height, MIN_SIZE[1]))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._yield.start()  # once the docks have their new sizes

    def _yield_to_canvas(self) -> None:
        """Shrink the panes beside and below the canvas so that it keeps most of the window,
        taking from each what it can spare above what its content needs."""
        area = Qt.DockWidgetArea
        for horizontal, room, areas in (
                (True, self.width() * SIDE_SHARE,
                 (area.LeftDockWidgetArea, area.RightDockWidgetArea)),
                (False, self.height() * BOTTOM_SHARE, (area.BottomDockWidgetArea,))):
            groups = [g for g in ([d for d in self.docks.values()
                                   if d.isVisible() and not d.isFloating()
                                   and self.dockWidgetArea(d) == a] for a in areas) if g]
            # docks side by side in an area share its extent
            sizes = [max(_extent(d, horizontal) for d in g) for g in groups]
            if sum(sizes) <= room:
                continue
            floors = [min(max(_needed(d, horizontal) for d in g), s)
                      for g, s in zip(groups, sizes, strict=True)]
            slack = sum(sizes) - sum(floors)
            cut = min(sum(sizes) - room, slack)
            new = [s - (s - f) * cut / slack if slack else s
                   for s, f in zip(sizes, floors, strict=True)]
            self.resizeDocks([d for g in groups for d in g],
                             [int(n) for g, n in zip(groups, new, strict=True) for _ in g],
                             Qt.Orientation.Horizontal if horizontal else Qt.Orientation.Vertical)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remembered.save_window(self.saveGeometry(), self.saveState())
        self.remembered.lane_mode = self.state.lane_mode.value
        self.remembered.sync()
        self.live.close()
        self.live.wait_for_done(3000)
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
                                              "Events files (*.yaml *.yml);;TimelineJS "
                                              "(*.json *.csv);;All files (*)")
        if path:
            self.open_file(path)

    def open_example(self) -> None:
        from viewer.files.resources import bundled_example

        self.open_file(str(bundled_example()))

    def open_file(self, path: str) -> bool:
        """Show ``path`` and follow its saves from now on.

        False when it cannot be shown (unreadable, or a syntax error): the file shown
        before stays shown and followed; with none, the welcome page lists the problems
        and the broken file is followed, so that fixing it shows it. A large file is read
        and parsed in the background: True at once, and it appears when ready
        (``file_loaded``), or ``file_unreadable`` says why it could not be read.
        """
        try:
            document = self.live.open(path)
        except OSError as err:
            message = unreadable(path, err)
            self.problems.show_message(path, message)
            self._show_problems_dock(True)
            self.show_welcome(message)
            return False
        if document is None:
            self.statusBar().showMessage(f"Loading {Path(path).name}…")
            if self.stack.currentWidget() is self.welcome:  # nothing shown yet: say what comes
                self.welcome.show_loading(Path(path).name, self.live.size)
            return True
        return self._show_result(path, document)

    def reload(self) -> None:
        """Read the followed file again now (File → Reload, F5)."""
        if self.live.path:
            self.live.reload()

    def finish_loading(self, msecs: int = 60_000) -> bool:
        """Wait (processing events) until a background load has been shown; False if
        ``msecs`` ran out. For the command line's pictures and for tests."""
        deadline = QDeadlineTimer(msecs)
        while self.live.busy and not deadline.hasExpired():
            self.live.wait_for_done(50)
            QCoreApplication.processEvents()
        return not self.live.busy

    @property
    def timeline(self) -> Timeline:
        """The timeline shown (empty before any)."""
        return self.document.timeline

    @property
    def index(self) -> SearchIndex:
        """The search index of the timeline shown."""
        return self.document.index

    def _show_result(self, path: str, document: Document) -> bool:
        with long_lived():  # what it builds lives as long as the file is shown
            return self._show_loaded(path, document)

    def _show_loaded(self, path: str, document: Document) -> bool:
        name = Path(path).name
        same_file = bool(self.path) and path == self.path
        result = document.result
        timeline = result.timeline
        if timeline is None:
            if same_file:
                note = (f"Showing the last good version ({self.loaded_label.text()}) until "
                        "they are fixed.")
                self.file_label.setText(f"{name}: errors, showing the last good version")
                self.statusBar().showMessage(f"{name} has errors: see Problems", 10_000)
            else:
                note = "Nothing could be shown."
                if self.path:  # keep following the file that is on screen
                    self.live.follow(self.path)
                self.show_welcome("\n".join(d.format(name) for d in result.diagnostics))
            self._list_problems(path, result, note)
            self.file_loaded.emit(result)
            return False
        note = "The events with errors are left out until they are fixed." if result.errors \
            else ""
        self._list_problems(path, result, note)
        old = self.timeline
        self.path, self.result = path, result
        if not same_file:
            self.remembered.add_recent(path)
            self.menus.refresh_recent()
        self.setWindowTitle(f"{name} — Timeline Viewer")
        self.file_label.setText(summary(name, result))
        self.loaded_label.setText(time.strftime("loaded %H:%M:%S"))
        self._set_document(document, keep_place=same_file)
        self.stack.setCurrentIndex(1)
        self.last_changes = diff(old, timeline) if same_file else Changes()
        if same_file:
            self.canvas.flash(self.last_changes.added, self.last_changes.changed)
            self.statusBar().showMessage(
                f"Reloaded {name}: {self.last_changes.describe()}", 10_000)
        else:
            self.statusBar().clearMessage()
        self.file_loaded.emit(result)
        return True

    def _set_document(self, document: Document, *, keep_place: bool) -> None:
        self.document = document
        timeline, index = document.timeline, document.index  # built by the loader's worker
        self.idle.stop()  # the search text of the last file, if it was still being built
        QTimer.singleShot(WARM_AFTER_MS, self, lambda: self._warm(index))  # the view is up
        selected = self.state.selected if keep_place else ""
        self.canvas.set_document(document, keep_window=keep_place)
        self.overview.set_document(document)
        self.event_list.set_document(document)
        self.filter_pane.set_document(document)
        self.apply_filter(self.flt if keep_place else Filter())
        self.state.select(selected if timeline.event(selected) else "")
        self.detail_pane.show_event(timeline, self.state.selected)
        self.menus.author_view.setEnabled(timeline.view is not None)
        self._yield.start()  # the panes' content changed: the canvas keeps its share

    def _warm(self, index: SearchIndex) -> None:
        """The search text, in slices while idle (a search meanwhile builds the rest)."""
        if index is self.index:
            self.idle.start(index.warm_steps())

    def _list_problems(self, path: str, result: LoadResult, note: str) -> None:
        self.problems.show_problems(path, result.diagnostics, note)
        self._show_problems_dock(bool(result.diagnostics))

    def _show_problems_dock(self, show: bool) -> None:
        dock = self.docks["problems"]
        dock.setVisible(show)
        if show:
            dock.raise_()

    def shown_events(self) -> list[Event]:
        """The events the filters let through, in time order (all of them unfiltered)."""
        if self.filtered is None:
            return list(self.timeline.events)
        return [self.timeline.events[i] for i in self.filtered.visible]

    def selected_line(self) -> int:
        """The line of the selected event, or 1."""
        event = self.timeline.event(self.state.selected)
        return event.line if event is not None and event.line else 1

    def open_in_editor(self, line: int, column: int = 1, path: str = "") -> None:
        """Open ``path`` (the shown file by default) at ``line`` in the user's editor."""
        from viewer.qt.file_actions import open_in_editor

        open_in_editor(self, line, column, path or self.path or self.live.path)

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

    def set_frame_matches(self, on: bool) -> None:
        """Fit the matches after every change of the filters, or not (remembered)."""
        self.frame_matches = self.remembered.frame_matches = on
        self.menus.frame_matches.setChecked(on)

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
        if self.frame_matches:
            self.canvas.fit_matches()

    def _on_overview_range_brushed(self, start: float, end: float) -> None:
        self.filter_pane.set_filter(self.flt.with_(start=start, end=end))

    def _on_state_selection_changed(self, event_id: str) -> None:
        self.detail_pane.show_event(self.timeline, event_id)

    def _on_event_activated(self, event_id: str) -> None:
        dock = self.docks["details"]
        dock.show()
        dock.raise_()
        self.state.select(event_id)

    def _on_problems_open_requested(self, path: str, line: int, column: int) -> None:
        self.open_in_editor(line, column, path)

    def _on_live_loaded(self, path: str, document: Document) -> None:
        self._show_result(path, document)

    def _on_live_unreadable(self, path: str, message: str) -> None:
        name = Path(path).name
        shown = bool(self.path) and path == self.path
        note = "Showing the last version read until it is back." if shown else ""
        self.problems.show_message(path, message, note)
        self._show_problems_dock(True)
        if shown:
            self.file_label.setText(f"{name}: cannot be read, showing the last version")
        else:
            if self.path:  # a file opened in the background: keep following the one shown
                self.live.follow(self.path)
            self.show_welcome(message)
        self.file_unreadable.emit(message)

    def _on_progress_delay_timeout(self) -> None:
        if self.live.busy:
            self.progress.show()

    def _on_live_loading_finished(self) -> None:
        self._progress_delay.stop()
        self.progress.hide()

    def _on_detail_facet_requested(self, facet: str, value: str) -> None:
        if value not in self.flt.selected(facet):
            self.filter_pane.set_filter(self.flt.toggled(facet, value))
