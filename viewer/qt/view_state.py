"""The shared state of what is shown: the time window, the selection and the lane mode.

Widgets call its methods; it clamps, stores and tells everyone who listens. It holds no
widgets and does no painting.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.view.lanes import LaneMode
from viewer.view.timewindow import Limits, TimeWindow

SETTLE_MS = 250


class ViewState(QObject):
    """What the canvas, overview and panes agree on.

    Signals:
        span_changing(): the window moves (continuously, during a gesture).
        span_changed(): the window settled (once, after a gesture).
        selection_changed(str): the selected event id ("" for none).
        lane_mode_changed(): the lanes are grouped differently.
    """

    span_changing = Signal()
    span_changed = Signal()
    selection_changed = Signal(str)
    lane_mode_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = TimeWindow(0.0, 86400.0 * 365)
        self._limits = Limits()
        self._selected = ""
        self._lane_mode = LaneMode.CATEGORY
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.span_changed.emit)

    @property
    def window(self) -> TimeWindow:
        return self._window

    @property
    def limits(self) -> Limits:
        return self._limits

    @property
    def selected(self) -> str:
        return self._selected

    @property
    def settling(self) -> bool:
        """Whether a gesture is moving the window (``span_changed`` has not come yet)."""
        return self._settle.isActive()

    @property
    def lane_mode(self) -> LaneMode:
        return self._lane_mode

    def set_limits(self, limits: Limits) -> None:
        self._limits = limits
        self.set_window(self._window, settle_now=True)

    def set_window(self, window: TimeWindow, *, settle_now: bool = False) -> None:
        """Move to ``window`` (clamped). ``settle_now`` skips the gesture debounce."""
        clamped = window.clamped(self._limits)
        if clamped != self._window:
            self._window = clamped
            self.span_changing.emit()
        if settle_now:
            self._settle.stop()
            self.span_changed.emit()
        else:
            self._settle.start()

    def zoom(self, factor: float, anchor: float) -> None:
        self.set_window(self._window.zoom(factor, anchor))

    def pan(self, delta: float) -> None:
        self.set_window(self._window.pan(delta))

    def select(self, event_id: str) -> None:
        if event_id != self._selected:
            self._selected = event_id
            self.selection_changed.emit(event_id)

    def set_lane_mode(self, mode: LaneMode) -> None:
        if mode != self._lane_mode:
            self._lane_mode = mode
            self.lane_mode_changed.emit()
