"""The main window: the timeline canvas with its overview, and the file's problems."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from viewer.check import summary
from viewer.loader import LoadResult, load_path
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.overview import OverviewStrip
from viewer.qt.view_state import ViewState


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Timeline Viewer")
        self.resize(1280, 800)
        self.result: LoadResult | None = None
        self.path = ""
        self.state = ViewState(self)
        self.canvas = TimelineCanvas(self.state)
        self.overview = OverviewStrip(self.state)
        self.overview.left_margin = self.canvas.metrics.header_width
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Problems")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.overview)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(body)
        splitter.addWidget(self.problems)
        splitter.setStretchFactor(0, 1)
        self.setCentralWidget(splitter)

    def open_file(self, path: str) -> None:
        self.path = path
        name = Path(path).name
        try:
            result = load_path(path)
        except OSError as err:
            self.problems.setPlainText(f"{path}: error: cannot read the file: {err.strerror}")
            self.problems.show()
            return
        self.result = result
        self.setWindowTitle(f"{name} — Timeline Viewer")
        self.problems.setPlainText("\n".join(d.format(name) for d in result.diagnostics))
        self.problems.setVisible(bool(result.diagnostics))
        self.statusBar().showMessage(summary(name, result))
        if result.timeline is not None:
            self.canvas.set_timeline(result.timeline)
            self.overview.set_timeline(result.timeline)
