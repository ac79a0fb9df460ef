"""The empty states: the welcome page when no file is open, and the "nothing matches"
notice over the canvas when the filters leave no event."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """Shown until a file is open.

    Signals:
        open_requested(): the user wants to pick a file.
        example_requested(): the user wants the bundled example.
    """

    open_requested = Signal()
    example_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        title = QLabel("Timeline Viewer")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        text = QLabel("Keep your chronology in a YAML file, edit it in your own editor, and "
                      "explore it here as a zoomable timeline.")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(460)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMaximumWidth(560)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        open_button = QPushButton("Open a file…")
        open_button.setDefault(True)
        open_button.setToolTip("Open an events file (Ctrl+O)")
        open_button.clicked.connect(self.open_requested.emit)
        example = QPushButton("Open the bundled example")
        example.setToolTip("Canada–China relations, 1970–2026")
        example.clicked.connect(self.example_requested.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(example)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (title, text, self.message):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(3)

    def show_message(self, text: str) -> None:
        """A problem opening a file, e.g. the diagnostics of a file that is not YAML."""
        self.message.setText(text)
        self.message.setVisible(bool(text))


class NoMatchNotice(QWidget):
    """Floats over the canvas when the filters leave no event.

    Signals:
        clear_requested(): the user pressed "Clear filters".
    """

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("No matching events")
        self.setAutoFillBackground(True)
        label = QLabel("No events match the filters.")
        button = QPushButton("Clear filters")
        button.setToolTip("Show every event again (Ctrl+Shift+L)")
        button.clicked.connect(self.clear_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(label)
        layout.addWidget(button)
        self.hide()

    def place(self) -> None:
        """Centre over the parent."""
        parent = self.parentWidget()
        if parent is not None:
            self.adjustSize()
            self.move((parent.width() - self.width()) // 2, (parent.height() - self.height()) // 2)
