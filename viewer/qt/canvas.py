"""The timeline canvas: turns wheel, drag, keys and clicks into calls on the view state,
and paints the frame the core computed for the current window."""

from __future__ import annotations

import copy
import html
import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPointF,
    QRectF,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QToolTip, QWidget

from viewer.document import Document
from viewer.model.dates import seconds_of
from viewer.model.model import Event, Timeline
from viewer.qt.idle_work import IdleWork
from viewer.qt.painter import Frame, HitMap, paint_frame
from viewer.qt.theme import Theme, theme_for
from viewer.qt.view_state import ViewState
from viewer.view.folds import FoldedTime
from viewer.view.framing import author_window, extent, framed
from viewer.view.lanes import Lane, LaneMode
from viewer.view.rows import RowMemory
from viewer.view.scale import Scale
from viewer.view.scene import Metrics, Scene, SceneCache, fitted_to_window
from viewer.view.ticks import compute_ticks
from viewer.view.timewindow import Limits, TimeWindow
from viewer.view.transition import FoldTransition
from viewer.view.visibility import FilteredOut, visible_lanes

KEY_ZOOM = 1.5
PAN_FRACTION = 0.15  # of the window, per arrow key

WHEEL_STEP = 1.25  # zoom factor per wheel notch
MIN_WIDTH = 60.0  # the narrowest window: one minute
MIN_SPAN_YEARS = 50_000  # the widest window is at least this many years...
SPAN_FACTOR = 3.0  # ...or this many times the data's span
YEAR = 365.2425 * 86400
FLASH_MS = 3000  # how long the events a save added or changed stay marked
BUILD_BUDGET = 600  # events a layout may pack in the middle of a zoom or pan gesture
FOLDED_CACHES = 3  # layouts of the events at folded times, for the last few sets of folds
UNFOLD_MS = 200  # how long a fold takes to open or close on screen


def now_seconds() -> float:
    t = time.gmtime()
    return seconds_of(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, float(t.tm_sec))


def folded_events(events: list[Event] | tuple[Event, ...],
                  folds: FoldedTime) -> list[Event]:
    """The events at their folded times, for layout (copies: the timeline is not touched)."""
    out = []
    for event in events:
        moved = copy.copy(event)
        object.__setattr__(moved, "t0", folds.fold(event.t0))
        object.__setattr__(moved, "t1", folds.fold(event.t1))
        out.append(moved)
    return out


def limits_for(span: tuple[float, float] | None) -> Limits:
    """Zoom from a minute to the larger of 50,000 years or three times the data."""
    if span is None:
        return Limits(MIN_WIDTH, MIN_SPAN_YEARS * YEAR)
    width = max(span[1] - span[0], MIN_WIDTH)
    max_width = max(MIN_SPAN_YEARS * YEAR, width * SPAN_FACTOR)
    return Limits(MIN_WIDTH, max_width, span[0] - max_width, span[1] + max_width)


class TimelineCanvas(QWidget):
    """The custom-painted timeline.

    Signals:
        event_activated(str): an event was double-clicked or Enter was pressed on it.
    """

    event_activated = Signal(str)

    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.metrics = Metrics()
        self.timeline = Timeline()
        self.theme_choice = "system"
        self.theme: Theme = theme_for(self.theme_choice)
        self.filtered_out = FilteredOut()
        self.hide_filtered = False
        self.hits = HitMap()
        self.hovered = -1
        self.lane_scroll = 0.0
        self.document = Document.of(self.timeline)
        self._columns = self.document.columns
        self._index: Mapping[str, int] = self._columns.positions
        self._drag_origin: QPointF | None = None
        self._drag_window: TimeWindow | None = None
        self._drag_scale: Scale | None = None
        self._drag_scroll = 0.0
        self._dragged = False
        self._fitted: TimeWindow | None = None
        # the rows the events were laid out in, kept across saves and shared by the layouts
        # of every lane (not those without the hidden events: those close up over them)
        self._rows = RowMemory()
        self._cache = SceneCache(self._measure_fn(), self.metrics, rows=self._rows)
        self.folding_enabled = True  # View → Fold empty years
        self._folding = FoldedTime()  # every fold of the file; the scale applies those in view
        self._folded: dict[FoldedTime, SceneCache] = {}  # layouts at folded times
        self._laid_lanes: tuple[Lane, ...] = ()  # the lanes the caches lay out
        self._flashed: dict[int, str] = {}
        self._flash = QVariantAnimation(self, startValue=1.0, endValue=0.0, duration=FLASH_MS)
        self._flash.setEasingCurve(QEasingCurve.Type.InQuad)
        self._flash.valueChanged.connect(self.update)
        self._flash.finished.connect(self._on_flash_finished)
        # a fold opening or closing on screen after a zoom: the state has the window already
        self._transition: FoldTransition | None = None
        self._unfold = QVariantAnimation(self, startValue=0.0, endValue=1.0,
                                         duration=UNFOLD_MS)
        self._unfold.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._unfold.valueChanged.connect(self.update)
        self._unfold.finished.connect(self.finish_unfolding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 160)
        self.setAccessibleName("Timeline")
        self.setToolTip("")
        state.span_changing.connect(self.update)
        state.span_changed.connect(self._on_state_span_changed)
        self.approximate = False  # the last frame drew a stand-in layout (mid-gesture)
        self.wait_for_layout = False  # paint builds a costly settled layout at once (pictures)
        self._builder = IdleWork(self)
        self._compactor = IdleWork(self)  # hidden events: the layout closed up over them
        state.selection_changed.connect(self._on_state_selection_changed)
        state.lane_mode_changed.connect(self._on_state_lane_mode_changed)
        # shown when the lanes are taller than the room for them; scrolls them up and down
        self.lane_bar = QScrollBar(Qt.Orientation.Vertical, self)
        self.lane_bar.setAccessibleName("Scroll lanes")
        self.lane_bar.setCursor(Qt.CursorShape.ArrowCursor)
        self.lane_bar.hide()
        self.lane_bar.valueChanged.connect(self._on_lane_bar_value_changed)

    # -- data ------------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline, *, keep_window: bool = False) -> None:
        """Show ``timeline`` (see :meth:`set_document`)."""
        self.set_document(Document.of(timeline), keep_window=keep_window)

    def set_document(self, document: Document, *, keep_window: bool = False) -> None:
        """Show the document's timeline; ``keep_window`` keeps the time window and the
        lanes' scroll (a reload of the same file), else all of it is fitted into view."""
        self.document = document
        self.timeline = timeline = document.timeline
        self.filtered_out = FilteredOut()  # the old mask has the old events' length
        self._columns = document.columns
        self._index = self._columns.positions
        self._folding = document.folding
        self._flash.stop()
        self._flashed = {}
        self._relayout(keep_scroll=keep_window, remeasure=not keep_window)
        self.state.set_limits(limits_for(timeline.span))
        if not keep_window:
            self.fit_all()
            self.show_author_view()
        self.update()

    def flash(self, added: Iterable[str], changed: Iterable[str]) -> None:
        """Mark these events (by id) for a few seconds: what the last save added or changed."""
        marks = {self._index[i]: "changed" for i in changed if i in self._index}
        marks.update((self._index[i], "added") for i in added if i in self._index)
        self._flash.stop()
        self._flashed = marks
        if marks:
            self._flash.start()
        self.update()

    @property
    def flashed(self) -> dict[str, str]:
        """The events marked now, id → "added" or "changed" (empty once the mark faded)."""
        events = self.timeline.events
        return {events[i].id: kind for i, kind in self._flashed.items()}

    def _on_state_span_changed(self) -> None:
        if self.approximate:  # the gesture is over: draw the exact layout now
            self.update()

    def _on_flash_finished(self) -> None:
        self._flashed = {}
        self.update()

    def set_filtered_out(self, out: FilteredOut, *, hide: bool) -> None:
        """Events in ``out`` are drawn faint, or not at all when ``hide``. Hidden from a
        large file, they are first left out of the layout on screen, and the layout closed
        up over them is built while the window is idle (:attr:`compacting`), so that typing
        a search does not wait for it."""
        relayout = hide or self.hide_filtered
        self.filtered_out, self.hide_filtered = out, hide
        if relayout and hide and self._cache.by_extent and not self.wait_for_layout:
            self._compactor.start(self._compacting(), then=self.update)
        elif relayout:
            self._relayout(keep_scroll=True)
        self.update()

    @property
    def compacting(self) -> bool:
        """Whether the layout without the hidden events is being built while idle."""
        return self._compactor.busy

    def _compacting(self) -> Iterator[None]:
        yield  # the keystroke's own frame first
        lanes = visible_lanes(self._lanes(), self.filtered_out)
        cache = SceneCache(self._cache.measure, self.metrics, rows=self._layout_rows())
        cache.reset(self.timeline.events, lanes, columns=self._columns)
        yield
        window = self.state.window
        for _ in cache.scene_steps(self.scale().px_per_second, window.start, window.end):
            yield
        self._builder.stop()  # building for the old layout
        self._cache, self._laid_lanes = cache, lanes
        self._folded.clear()

    def set_folding(self, enabled: bool) -> None:
        """Fold long empty stretches of time (or not), and fit everything into view."""
        if enabled != self.folding_enabled:
            self.folding_enabled = enabled
            self.fit_all()
            self.update()

    @property
    def folding(self) -> FoldedTime:
        """The folds the scale may apply (none when folding is off)."""
        return self._folding if self.folding_enabled else FoldedTime()

    def _scene_cache(self, folds: FoldedTime, *, keep: bool = True) -> SceneCache:
        """The layouts of the events at times folded by ``folds``; not ``keep``: for one
        frame only (a step of a fold opening), the layouts kept for others left alone."""
        if not folds:
            return self._cache
        cache = self._folded.pop(folds, None) if keep else None
        if cache is None:
            cache = SceneCache(self._cache.measure, self.metrics, rows=self._cache.rows)
            cache.reset(folded_events(self.timeline.events, folds), self._laid_lanes,
                        columns=None)
        if not keep:
            return cache
        self._folded[folds] = cache  # the most recent last
        while len(self._folded) > FOLDED_CACHES:
            del self._folded[next(iter(self._folded))]
        return cache

    def set_theme(self, choice: str) -> None:
        self.theme_choice = choice
        self.theme = theme_for(choice)
        self.update()

    def _relayout(self, *, keep_scroll: bool = False, remeasure: bool = False) -> None:
        """Lanes and scenes anew; the text widths measured so far are kept (they depend
        on the font only) unless ``remeasure`` (another font, or another file's titles)."""
        lanes = self._lanes()
        if self.hide_filtered:
            lanes = visible_lanes(lanes, self.filtered_out)
        self._builder.stop()
        self._compactor.stop()
        rows = self._layout_rows()
        if self._cache.rows is not rows:
            self._cache = SceneCache(self._cache.measure, self.metrics, rows=rows)
        self._cache.reset(self.timeline.events, lanes,
                          self._measure_fn() if remeasure else None, self._columns)
        self._folded.clear()
        self._laid_lanes = lanes
        if not keep_scroll:
            self.lane_scroll = 0.0

    def _layout_rows(self) -> RowMemory | None:
        """The rows to keep events in: none while events are hidden, so that the layout
        closes up over them (and the rows of them all stay as they were for later)."""
        return None if self.hide_filtered and self.filtered_out else self._rows

    def _lanes(self) -> tuple[Lane, ...]:
        return self.document.lanes(self.state.lane_mode)

    def _measure_fn(self) -> Callable[[str], float]:
        return QFontMetricsF(self.font()).horizontalAdvance

    # -- geometry --------------------------------------------------------------------------

    def scale(self) -> Scale:
        left = self.metrics.header_width
        return Scale(self.state.window, left, max(self.width() - left, 1.0), self.folding)

    def shown_scale(self) -> Scale:
        """The scale on screen: a step of a fold opening or closing while one plays
        (:attr:`unfolding`), else :meth:`scale`."""
        transition, scale = self._transition, self.scale()
        if transition is None or transition.end != scale:  # moved by something else meanwhile
            self.finish_unfolding()
            return scale
        value = self._unfold.currentValue()
        return transition.at(float(value) if isinstance(value, float) else 1.0)

    @property
    def unfolding(self) -> bool:
        """Whether a fold is opening or closing on screen (after a zoom that cut it)."""
        return self._transition is not None

    def finish_unfolding(self) -> None:
        """Show the window as it is now, any fold opening or closing on screen done."""
        if self._transition is not None:
            self._transition = None
            self._unfold.stop()
            self.update()

    def _move(self, window: TimeWindow, x: float) -> None:
        """Zoom or step to ``window`` around pixel ``x``; a fold it opens or closes does so
        over :data:`UNFOLD_MS` for a file laid out whole (a larger one changes at once)."""
        self.finish_unfolding()
        before = self.scale()
        self.state.set_window(window)
        transition = FoldTransition(before, self.scale(), x)
        if transition.moves_folds and not self._cache.by_extent and self.isVisible():
            self._transition = transition
            self._unfold.start()

    def zoom_about_centre(self, factor: float) -> None:
        """Zoom ``factor`` times in (out, below 1) around the window's middle (View → Zoom
        in/out), opening or closing folds as a wheel zoom does."""
        self.finish_unfolding()
        window = self.state.window
        self._move(window.zoom(factor, window.centre), self.scale().x(window.centre))

    def fit_all(self) -> None:
        """Show every event with a small margin, the lanes scrolled back to the top."""
        span = self.fit_extent()
        if span is None:
            now = now_seconds()
            span = (now - 5 * YEAR, now + YEAR)
        self._show(self.fitted(span, self.width()))
        self._fitted = self.state.window  # refit on resize until the user moves away

    def fit_extent(self) -> tuple[float, float] | None:
        """What Fit all frames: every event (the periods of a file without events)."""
        return extent(self.timeline.events, self.timeline.periods)

    def fit_matches(self) -> bool:
        """Show the events the filter keeps (all of them unfiltered), the lanes from the
        top; False, and nothing moves, when it keeps none."""
        span = extent(self.timeline.events, left_out=self.filtered_out)
        if span is None:
            return False
        self._show(self.fitted(span, self.width()))
        return True

    def show_author_view(self) -> bool:
        """Show the file's own ``view:`` (its stretch of time and its lanes), the lanes from
        the top; False, and nothing changes, when the file has none."""
        view = self.timeline.view
        if view is None:
            return False
        if view.lanes in {m.value for m in LaneMode}:
            self.state.set_lane_mode(LaneMode(view.lanes))
        window = author_window(view, self.fit_extent(),
                               self._fit_width(self.width()))
        if window is not None:
            self._show(window)
        self.lane_scroll = 0.0
        return True

    def _show(self, window: TimeWindow) -> None:
        """Frame ``window`` and scroll the lanes back to the top (all of them if they fit)."""
        self._fitted = None
        self.state.set_window(window, settle_now=True)
        self.lane_scroll = 0.0
        self.update()

    def fitted(self, span: tuple[float, float], width: float) -> TimeWindow:
        """The window that frames ``span`` on a canvas ``width`` pixels wide: the span with a
        small margin each side, no room kept for labels; the folds inside it drawn narrow."""
        return framed(span, self._fit_width(width), folding=self.folding)

    def _fit_width(self, width: float) -> float:
        return max(width - self.metrics.header_width, 100.0)

    def frame(self, width: float, height: float, *, exact: bool = True,
              wait: bool = True, step: Scale | None = None) -> Frame:
        """What to paint at this size. Not ``exact``: while a gesture goes on, a layout that
        would pack more than :data:`BUILD_BUDGET` events is not built; a cached coarser one
        stands in. Not ``wait``: once settled, such a layout is built lane by lane while the
        window is idle (:attr:`building`), the stand-in drawn until it is done. ``step``:
        the scale of a step of a fold opening or closing (see :meth:`shown_scale`) rather
        than the window's own, laid out for this frame only."""
        left = self.metrics.header_width
        scale = step or Scale(self.state.window, left, max(width - left, 1.0), self.folding)
        pps = max(scale.px_per_second, 1e-300)
        u0, u1 = scale.folded_window()  # layout works in folded seconds
        cache = self._scene_cache(scale.folds, keep=step is None)
        scene = None
        if not exact:
            self._builder.stop()  # a new gesture: the window it was for is gone
        if (not exact or not wait) and cache.cost(pps, u0, u1) > BUILD_BUDGET:
            scene = cache.nearest(pps, u0, u1)
            if scene is not None and exact:  # the same window's build goes on if started
                self._builder.start(cache.scene_steps(pps, u0, u1),
                                    key=(pps, u0, u1, scale.folds), then=self.update)
        self.approximate = scene is not None
        if scene is None:
            scene = cache.scene(pps, u0, u1)
        scene = fitted_to_window(scene, *scale.world(scene.level), self.metrics)
        fm = QFontMetricsF(self.font())
        ticks = compute_ticks(scale, fm.horizontalAdvance, min_gap=14.0)
        return Frame(self.timeline, scene, scale, ticks, self.metrics, self.theme, self.font(),
                     width, height, self._clamped_scroll(scene.height, height),
                     self._index.get(self.state.selected, -1), self.hovered, self.filtered_out,
                     now_seconds(), self._flashed, self._flash_strength(), self.hide_filtered)

    def roomy_scene(self, width: float, max_rows: int) -> Scene:
        """The settled scene of the current window at ``width`` with up to ``max_rows`` rows
        a lane, fitted to the window: for a picture of the whole timeline, which grows to
        show every row rather than gather events that fit into a pill."""
        lanes = self._lanes()
        if self.hide_filtered:
            lanes = visible_lanes(lanes, self.filtered_out)
        left = self.metrics.header_width
        scale = Scale(self.state.window, left, max(width - left, 1.0), self.folding)
        cache = SceneCache(self._cache.measure, replace(self.metrics, max_rows=max_rows))
        if scale.folds:  # laid out at folded times, as the frame is
            cache.reset(folded_events(self.timeline.events, scale.folds), lanes, columns=None)
        else:
            cache.reset(self.timeline.events, lanes, columns=self._columns)
        scene = cache.scene(max(scale.px_per_second, 1e-300), *scale.folded_window())
        return fitted_to_window(scene, *scale.world(scene.level), self.metrics)

    @property
    def building(self) -> bool:
        """Whether the exact layout of the settled window is being built while idle."""
        return self._builder.busy

    def _flash_strength(self) -> float:
        if not self._flashed:
            return 0.0
        value = self._flash.currentValue()
        return float(value) if isinstance(value, float) else 1.0

    def _clamped_scroll(self, content: float, height: float) -> float:
        room = height - self.metrics.lanes_top
        self.lane_scroll = min(max(self.lane_scroll, 0.0), max(content - room + 8, 0.0))
        return self.lane_scroll

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            step = self.shown_scale() if self._transition is not None else None
            frame = self.frame(self.width(), self.height(), exact=not self.state.settling,
                               wait=self.wait_for_layout, step=step)
            self.hits = paint_frame(painter, frame)
            self._sync_lane_bar(frame.scene.height)
            if self.hasFocus():
                painter.setPen(self.theme.highlight)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(0.5, 0.5, self.width() - 1, self.height() - 1))
        finally:
            painter.end()

    def _sync_lane_bar(self, content: float) -> None:
        """Show the lanes' scroll bar when they overflow, its range and place theirs."""
        room = self.height() - self.metrics.lanes_top
        overflow = max(content - room + 8, 0.0)
        bar = self.lane_bar
        if overflow <= 0:
            bar.hide()
            return
        width = bar.sizeHint().width()
        bar.setGeometry(self.width() - width - 1, round(self.metrics.lanes_top), width,
                        max(round(room) - 1, 1))
        bar.blockSignals(True)
        bar.setRange(0, math.ceil(overflow))
        bar.setPageStep(max(round(room), 1))
        bar.setSingleStep(round(self.metrics.row_height))
        bar.setValue(round(self.lane_scroll))
        bar.blockSignals(False)
        bar.show()

    def _on_lane_bar_value_changed(self, value: int) -> None:
        self.lane_scroll = float(value)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.finish_unfolding()
        if self._fitted is not None and self._fitted == self.state.window:
            self.fit_all()
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.ThemeChange):
            self.theme = theme_for(self.theme_choice)
        elif event.type() == QEvent.Type.FontChange:
            self._relayout(remeasure=True)
        super().changeEvent(event)

    # -- input -----------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        pixels = event.pixelDelta()
        horizontal = pixels.x() if not pixels.isNull() else delta.x() / 2
        vertical = delta.y()
        self.finish_unfolding()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and not horizontal:
            self.lane_scroll -= vertical / 2  # Shift+wheel scrolls the lanes up and down
            self.update()
        elif horizontal:
            self.state.set_window(self.scale().panned(horizontal))
        elif vertical:
            x = event.position().x()
            self._move(self.scale().zoomed(WHEEL_STEP ** (vertical / 120), x), x)
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._tooltip(event)
            return True
        if (isinstance(event, QNativeGestureEvent)
                and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture):
            self.finish_unfolding()  # a pinch goes on: its folds open at once
            self.state.set_window(self.scale().zoomed(1.0 + event.value(),
                                                      event.position().x()))
            return True
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            self.step(-1 if event.key() == Qt.Key.Key_Backtab else 1)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.finish_unfolding()
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_origin = event.position()
            self._drag_window = self.state.window
            self._drag_scale = self.scale()
            self._drag_scroll = self.lane_scroll
            self._dragged = False
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_origin is not None and self._drag_scale is not None:
            d = event.position() - self._drag_origin
            if abs(d.x()) + abs(d.y()) > 3:
                self._dragged = True
            if self._dragged:
                self.state.set_window(self._drag_scale.panned(d.x()))
                self.lane_scroll = self._drag_scroll - d.y()
                self.update()
            return
        hovered = self.hits.event_at(event.position())
        if hovered != self.hovered:
            self.hovered = hovered
            self.setCursor(Qt.CursorShape.PointingHandCursor if hovered >= 0 or
                           self.hits.cluster_at(event.position()) else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._drag_origin is None:
            return
        self._drag_origin = None
        self.unsetCursor()
        if self._dragged:
            self.state.set_window(self.state.window, settle_now=True)
            return
        pos = event.position()
        index = self.hits.event_at(pos)
        if index >= 0:
            self.state.select(self.timeline.events[index].id)
            return
        cluster = self.hits.cluster_at(pos)
        if cluster is not None:  # a cluster zooms to its members (laid out folded)
            folds = self.scale().folds
            t0, t1 = (folds.unfold(cluster.t0), folds.unfold(cluster.t1)) if folds else \
                (cluster.t0, cluster.t1)
            self.state.set_window(TimeWindow.fit(t0, t1, 0.1), settle_now=True)
            return
        self.state.select("")

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.hits.event_at(event.position())
        if index >= 0:
            self.event_activated.emit(self.timeline.events[index].id)
            return
        x = event.position().x()
        self._move(self.scale().zoomed(2.0, x), x)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.finish_unfolding()
        if self._framing_key(event) or self._key(event.key()):
            event.accept()
        else:
            super().keyPressEvent(event)

    def _key(self, key: int) -> bool:
        """Do what ``key`` does on the canvas (zoom, pan, scroll the lanes, fit, step
        through events); False when it does nothing here."""
        state, window = self.state, self.state.window
        centre = self.scale().x(window.centre)
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._move(window.zoom(KEY_ZOOM, window.centre), centre)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self._move(window.zoom(1 / KEY_ZOOM, window.centre), centre)
        elif key == Qt.Key.Key_Left:
            self._move(window.pan(-window.width * PAN_FRACTION), centre)
        elif key == Qt.Key.Key_Right:
            self._move(window.pan(window.width * PAN_FRACTION), centre)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            rows = -2 if key == Qt.Key.Key_Up else 2
            self.lane_scroll += self.metrics.row_height * rows
            self.update()
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_0):
            self.fit_all()
        elif key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
            self.step(-1 if key == Qt.Key.Key_BracketLeft else 1)
        elif key == Qt.Key.Key_Escape:
            state.select("")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and state.selected:
            self.event_activated.emit(state.selected)
        else:
            return False
        return True

    def _framing_key(self, event: QKeyEvent) -> bool:
        """Shift+Home: the author's view; F: fit the matches."""
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if event.key() == Qt.Key.Key_Home and shift:
            self.show_author_view()
        elif event.key() == Qt.Key.Key_F and not event.modifiers():
            self.fit_matches()
        else:
            return False
        return True

    def step(self, direction: int) -> None:
        """Select the previous (-1) or next (+1) event the filter keeps, and show it."""
        events = self.timeline.events
        if not events:
            return
        current = self._index.get(self.state.selected, -1)
        i = current
        for _ in range(len(events)):
            i = (i + direction) % len(events) if current >= 0 or direction > 0 else len(events) - 1
            if i not in self.filtered_out:
                break
        self.state.select(events[i].id)
        self.reveal(i)

    def reveal(self, index: int) -> None:
        """Pan (never zoom out) so that event ``index`` is inside the window."""
        event = self.timeline.events[index]
        window = self.state.window
        if window.overlaps(event.t0, event.t1) and event.t0 <= window.end - window.width * 0.1:
            return
        shift = event.t0 - window.centre
        self.state.set_window(window.pan(shift), settle_now=True)

    def _tooltip(self, event: QHelpEvent) -> None:
        pos = QPointF(event.pos())
        index = self.hits.event_at(pos)
        if index >= 0:
            e = self.timeline.events[index]
            text = f"<b>{html.escape(e.title)}</b><br>{html.escape(e.date_text())}"
            if e.summary:
                text += f"<br><br>{html.escape(e.summary)}"
            QToolTip.showText(event.globalPos(), f"<div style='max-width:360px'>{text}</div>",
                              self)
            return
        cluster = self.hits.cluster_at(pos)
        if cluster is not None:
            QToolTip.showText(event.globalPos(),
                              f"{len(cluster.members):,} events here — click to zoom in", self)
            return
        QToolTip.hideText()
        event.ignore()

    # -- slots -----------------------------------------------------------------------------

    def _on_state_selection_changed(self, event_id: str) -> None:
        index = self._index.get(event_id, -1)
        if index >= 0:
            self.reveal(index)
        self.update()

    def _on_state_lane_mode_changed(self) -> None:
        self._relayout()
        self.update()

