"""The overview strip under the canvas: the whole span's event density, and the visible
window as a rectangle that can be dragged, resized, or brushed anew."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from viewer.document import Document
from viewer.model.model import Timeline
from viewer.qt.theme import Theme, theme_for
from viewer.qt.view_state import ViewState
from viewer.view.density import Density
from viewer.view.folds import FoldedTime
from viewer.view.scale import Scale
from viewer.view.timewindow import TimeWindow
from viewer.view.visibility import FilteredOut

HANDLE = 6  # px either side of a window edge that grab the edge


class _Grab(Enum):
    NONE = 0
    MOVE = 1
    LEFT = 2
    RIGHT = 3
    BRUSH = 4


class OverviewStrip(QWidget):
    """A minimap of the whole timeline.

    Signals:
        range_brushed(float, float): Shift-drag selected a date range (axis seconds).
    """

    range_brushed = Signal(float, float)

    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.timeline = Timeline()
        self._starts: Sequence[float] = []
        self.filtered_out = FilteredOut()
        self._density = Density(self._starts)
        self._bars: tuple[object, list[tuple[float, float, int]]] | None = None
        self._folding = FoldedTime()
        self.folding_enabled = True
        self._version = 0  # of the timeline, periods and counts the background shows
        self._drawn: tuple[tuple[object, ...], QPixmap] | None = None
        self.theme: Theme = theme_for("system")
        self.left_margin = 0.0  # lines the strip up with the canvas's time area
        self._grab = _Grab.NONE
        self._press_t = 0.0
        self._press_window = state.window
        self._brush: tuple[float, float] | None = None
        self.setMouseTracking(True)
        self.setMinimumHeight(44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Overview")
        self.setToolTip("The whole timeline. Drag the window to move it, drag its edges to "
                        "resize it, click elsewhere to jump there; Shift-drag to filter by date.")
        state.span_changing.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(600, 52)

    def set_timeline(self, timeline: Timeline) -> None:
        self.set_document(Document.of(timeline))

    def set_document(self, document: Document) -> None:
        self.timeline = document.timeline
        self._starts = document.columns.t0
        self._folding = document.folding
        self.filtered_out = FilteredOut()
        self._set_density()

    def set_filtered_out(self, out: FilteredOut) -> None:
        """The density shows only the events the filter keeps."""
        self.filtered_out = out
        self._set_density()

    def _set_density(self) -> None:
        self._density = Density(self._starts, self.filtered_out.mask)
        self._bars = None
        self._version += 1  # the drawn background is stale
        self.update()

    def _counts(self, sc: Scale) -> list[tuple[float, float, int]]:
        """The bars, ``(x0, x1, count)``, about 2 px each over the stretches of the scale
        that are not folded; kept while the overview's own window and width stay."""
        window, folds = sc.window, sc.folds.folds
        key = (window.start, window.end, sc.left, sc.width, folds)
        if self._bars is None or self._bars[0] != key:
            cuts = [window.start, *(t for f in folds for t in (f.t0, f.t1)), window.end]
            bars: list[tuple[float, float, int]] = []
            for t0, t1 in zip(cuts[::2], cuts[1::2], strict=True):
                x0, x1 = sc.x(t0), sc.x(t1)
                bins = max(int((x1 - x0) // 2), 1)
                step = (x1 - x0) / bins
                bars += [(x0 + i * step, x0 + (i + 1) * step, n)
                         for i, n in enumerate(self._density.counts(t0, t1, bins))]
            self._bars = (key, bars)
        return self._bars[1]

    def set_folding(self, enabled: bool) -> None:
        """Fold the long empty stretches, as the canvas does."""
        self.folding_enabled = enabled
        self._bars = None
        self._version += 1
        self.update()

    def set_theme(self, choice: str) -> None:
        self.theme = theme_for(choice)
        self.update()

    def full_window(self) -> TimeWindow:
        span = self.timeline.span
        window = self.state.window
        if span is None:
            return window
        full = TimeWindow.fit(*span, margin=0.02)
        return TimeWindow(min(full.start, window.start), max(full.end, window.end))

    def scale(self) -> Scale:
        return Scale(self.full_window(), self.left_margin,
                     max(self.width() - self.left_margin - 4, 1.0),
                     self._folding if self.folding_enabled else FoldedTime())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        th, sc = self.theme, self.scale()
        h = float(self.height())
        p.drawPixmap(0, 0, self._background(sc))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        window = self.state.window
        x0, x1 = sc.x(window.start), sc.x(window.end)
        rect = QRectF(x0, 2, max(x1 - x0, 3.0), h - 4)
        fill = QColor(th.highlight)
        fill.setAlpha(40)
        p.setBrush(fill)
        p.setPen(QPen(th.highlight, 1.5))
        p.drawRoundedRect(rect, 3, 3)
        if self._brush is not None:
            b0, b1 = sorted(self._brush)
            brush = QColor(th.today)
            brush.setAlpha(50)
            p.fillRect(QRectF(sc.x(b0), 2, sc.x(b1) - sc.x(b0), h - 4), brush)
        p.end()

    def _background(self, sc: Scale) -> QPixmap:
        """The strip but its window and brush: drawn again only when the whole span, the
        size, the theme or the counts change, not on every pan."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self.theme, sc.window.start,
               sc.window.end, self._version)
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        p = QPainter(pixmap)
        th, h = self.theme, float(self.height())
        p.fillRect(QRectF(0, 0, self.width(), h), th.header)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        track = QRectF(sc.left, 4, sc.width, h - 8)
        p.fillRect(track, th.background)
        for period in self.timeline.periods:
            x0, x1 = sc.x(period.t0), sc.x(period.t1)
            band = QColor(period.colour or "#8899aa")
            band.setAlpha(th.period_alpha)
            p.fillRect(QRectF(x0, track.top(), max(x1 - x0, 1), track.height()), band)
        for fold in sc.folds.folds:  # a folded stretch: a gap in the track
            x0, x1 = sc.x(fold.t0), sc.x(fold.t1)
            p.fillRect(QRectF(x0, track.top(), x1 - x0, track.height()), th.header)
        counts = self._counts(sc)
        peak = max((n for _, _, n in counts), default=0)
        if peak:
            colour = QColor(th.muted)
            colour.setAlpha(200)
            for x0, x1, n in counts:
                if n:
                    bar = (track.height() - 4) * (n / peak) ** 0.5
                    p.fillRect(QRectF(x0, track.bottom() - bar, max(x1 - x0 - 0.5, 0.5), bar),
                               colour)
        p.end()
        self._drawn = (key, pixmap)
        return pixmap

    def _grab_at(self, x: float) -> _Grab:
        sc = self.scale()
        x0, x1 = sc.x(self.state.window.start), sc.x(self.state.window.end)
        if abs(x - x0) <= HANDLE and x < x1 - 2:
            return _Grab.LEFT
        if abs(x - x1) <= HANDLE:
            return _Grab.RIGHT
        if x0 < x < x1:
            return _Grab.MOVE
        return _Grab.NONE

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        x = event.position().x()
        sc = self.scale()
        self._press_t = sc.t(x)
        self._press_window = self.state.window
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._grab = _Grab.BRUSH
            self._brush = (self._press_t, self._press_t)
            return
        self._grab = self._grab_at(x)
        if self._grab is _Grab.NONE:  # a click outside the window centres it there
            window = self.state.window
            self.state.set_window(window.pan(self._press_t - window.centre), settle_now=True)
            self._press_window = self.state.window
            self._grab = _Grab.MOVE

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if self._grab is _Grab.NONE:
            cursor = {_Grab.LEFT: Qt.CursorShape.SizeHorCursor,
                      _Grab.RIGHT: Qt.CursorShape.SizeHorCursor,
                      _Grab.MOVE: Qt.CursorShape.OpenHandCursor}.get(self._grab_at(x))
            if cursor is None:
                self.unsetCursor()
            else:
                self.setCursor(cursor)
            return
        t = self.scale().t(x)
        w = self._press_window
        if self._grab is _Grab.MOVE:
            self.state.set_window(w.pan(t - self._press_t))
        elif self._grab is _Grab.LEFT:
            self.state.set_window(TimeWindow(min(t, w.end - 60.0), w.end))
        elif self._grab is _Grab.RIGHT:
            self.state.set_window(TimeWindow(w.start, max(t, w.start + 60.0)))
        elif self._grab is _Grab.BRUSH:
            self._brush = (self._press_t, t)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._grab is _Grab.BRUSH and self._brush is not None:
            b0, b1 = sorted(self._brush)
            self._brush = None
            if self.scale().x(b1) - self.scale().x(b0) >= 3:
                self.range_brushed.emit(b0, b1)
            self.update()
        elif self._grab is not _Grab.NONE:
            self.state.set_window(self.state.window, settle_now=True)
        self._grab = _Grab.NONE

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.state.zoom(1.25 ** steps, self.state.window.centre)
        event.accept()

    def window_rect(self) -> QRectF:
        """Where the visible window is drawn (for tests and accessibility)."""
        sc = self.scale()
        x0, x1 = sc.x(self.state.window.start), sc.x(self.state.window.end)
        return QRectF(QPointF(x0, 2), QPointF(x1, self.height() - 2))
