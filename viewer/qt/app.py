"""Starting the GUI: the QApplication, its identity and the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from viewer import __version__
from viewer.files.resources import resource


def application() -> QApplication:
    """The one QApplication, created on first use with the app's identity."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):  # made by someone else (a test runner): add icon
        if existing.windowIcon().isNull():
            _set_icon(existing)
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Timeline Viewer")
    app.setOrganizationName("TimelineViewer")
    app.setApplicationVersion(__version__)
    _set_icon(app)
    return app


def _set_icon(app: QApplication) -> None:
    """The app's icon for every window and dialog, and its .desktop entry's name (so that
    desktops match the window to resources/timeline-viewer.desktop)."""
    app.setDesktopFileName("timeline-viewer")
    app.setWindowIcon(QIcon(str(resource("timeline-viewer.svg"))))


def run(path: str, *, theme: str | None = None, lanes: str | None = None) -> int:
    """Show the main window on ``path`` and run until it closes; ``theme`` and ``lanes``
    override what was remembered from last time."""
    from viewer.qt.main_window import MainWindow
    from viewer.view.lanes import LaneMode

    app = application()
    window = MainWindow()
    if theme:
        window.set_theme(theme)
    if lanes:
        window.set_lane_mode(LaneMode(lanes))
    window.open_file(path)
    window.show()
    return app.exec()
