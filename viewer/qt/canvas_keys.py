"""The canvas's keys: zoom, pan, scroll the lanes, fit, step through events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from viewer.qt.canvas import TimelineCanvas

KEY_ZOOM = 1.5
PAN_FRACTION = 0.15  # of the window, per arrow key


def canvas_key(canvas: TimelineCanvas, key: int) -> bool:
    """Do what ``key`` does on the canvas; False when it does nothing there."""
    state, window = canvas.state, canvas.state.window
    if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
        state.zoom(KEY_ZOOM, window.centre)
    elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
        state.zoom(1 / KEY_ZOOM, window.centre)
    elif key == Qt.Key.Key_Left:
        state.pan(-window.width * PAN_FRACTION)
    elif key == Qt.Key.Key_Right:
        state.pan(window.width * PAN_FRACTION)
    elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
        rows = -2 if key == Qt.Key.Key_Up else 2
        canvas.lane_scroll += canvas.metrics.row_height * rows
        canvas.update()
    elif key in (Qt.Key.Key_Home, Qt.Key.Key_0):
        canvas.fit_all()
    elif key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
        canvas.step(-1 if key == Qt.Key.Key_BracketLeft else 1)
    elif key == Qt.Key.Key_Escape:
        state.select("")
    elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and state.selected:
        canvas.event_activated.emit(state.selected)
    else:
        return False
    return True
