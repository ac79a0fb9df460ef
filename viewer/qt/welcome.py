"""The empty states: the welcome page when no file is open, and the "nothing matches"
notice over the canvas when the filters leave no event."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class WelcomePage(QWidget):
    """Shown until a file is open.

    Signals:
        open_requested(): the user wants to pick a file.
        example_requested(): the user wants the bundled example.
    """

    open_requested = Signal()
    example_requested = Signal()

    COLUMN = 480  # px, the widest the text runs

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        title = QLabel("Timeline Viewer")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = QLabel("Keep your chronology in a YAML file, edit it in your own editor, "
                            "and explore it here as a zoomable timeline.")
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # file names, the file's own text
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        for label in (self.intro, self.message):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        open_button = QPushButton("Open a file…")
        open_button.setDefault(True)
        open_button.setToolTip("Open an events file (Ctrl+O)")
        open_button.clicked.connect(self.open_requested.emit)
        example = QPushButton("Open the bundled example")
        example.setToolTip("Canada–China relations, 1970–2026")
        example.clicked.connect(self.example_requested.emit)
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 12, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(example)
        buttons.addStretch(1)
        # one column as wide as there is room for, up to COLUMN: its wrapped labels are laid
        # out at the width they get (centred by alignment flags, they were given a height
        # for another width, and were cut)
        column = QWidget()
        column.setMaximumWidth(self.COLUMN)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        lines = QVBoxLayout(column)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(8)
        for widget in (title, self.intro, self.message, self.buttons):
            lines.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)

    def show_message(self, text: str) -> None:
        """A problem opening a file, e.g. the diagnostics of a file that is not YAML."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.intro.show()
        self.buttons.show()

    def show_loading(self, name: str, size: int) -> None:
        """While a first file is read in the background: its name, not an invitation to
        open one."""
        self.message.setText(f"Opening {name} ({_size_text(size)})…")
        self.message.show()
        self.intro.hide()
        self.buttons.hide()


def _size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(size, 1000) // 1000:,} KB"


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
