"""The main window: shows the loaded file's events and its problems."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.check import summary
from viewer.loader import LoadResult, load_path


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Timeline Viewer")
        self.resize(1100, 700)
        self.result: LoadResult | None = None
        self.path = ""
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Date", "Title", "Category"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.problems)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(splitter)
        self.setCentralWidget(body)

    def open_file(self, path: str) -> None:
        self.path = path
        try:
            result = load_path(path)
        except OSError as err:
            self.problems.setPlainText(f"{path}: error: cannot read the file: {err.strerror}")
            return
        self.result = result
        name = Path(path).name
        self.setWindowTitle(f"{name} — Timeline Viewer")
        self.problems.setPlainText("\n".join(d.format(name) for d in result.diagnostics))
        self.problems.setVisible(bool(result.diagnostics))
        self.statusBar().showMessage(summary(name, result))
        timeline = result.timeline
        if timeline is None:
            return
        self.heading.setText(timeline.title)
        self.table.setRowCount(len(timeline.events))
        for row, event in enumerate(timeline.events):
            for col, text in enumerate((event.date_text(), event.title, event.category or "")):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
