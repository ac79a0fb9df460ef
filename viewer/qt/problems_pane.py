"""The Problems pane: the file's diagnostics exactly as ``--check`` words them, each one a
way into the editor at its line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from viewer.model.diagnostics import Diagnostic, Severity

_LOCATION_ROLE = Qt.ItemDataRole.UserRole + 1  # (line, column) of an item


class ProblemsPane(QWidget):
    """Lists one file's problems; a double-click, Enter or the button opens the editor.

    Signals:
        open_requested(str, int, int): ``(path, line, column)`` to open in the editor.
    """

    open_requested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Problems")
        self._path = ""
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget()
        self.list.setAccessibleName("Problems list")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.currentItemChanged.connect(self._on_list_current_changed)
        self.open_button = QPushButton("&Open in editor")
        self.open_button.setToolTip("Open the file in your editor at this problem's line "
                                    "(Enter, or double-click the problem)")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)

    @property
    def path(self) -> str:
        """The file the problems are in."""
        return self._path

    def show_problems(self, path: str, diagnostics: Sequence[Diagnostic],
                      note: str = "") -> None:
        """List ``diagnostics`` of ``path`` (worded with its file name, as ``--check FILE``
        words them), under a summary that ends with ``note``."""
        self._path = path
        name = Path(path).name
        self.list.clear()
        style = self.style()
        icons = {Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 Severity.WARNING: style.standardIcon(
                     QStyle.StandardPixmap.SP_MessageBoxWarning)}
        for d in diagnostics:
            item = QListWidgetItem(icons[d.severity], d.format(name))
            item.setData(_LOCATION_ROLE, (d.line, d.column))
            item.setToolTip(f"Line {d.line}, column {d.column}: double-click to open it "
                            "in your editor")
            self.list.addItem(item)
        self._set_summary(_counts(diagnostics), note)
        if self.list.count():
            self.list.setCurrentRow(0)

    def show_message(self, path: str, message: str, note: str = "") -> None:
        """One problem that has no place in the file (it cannot be read, say)."""
        self._path = path
        self.list.clear()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        self.list.addItem(QListWidgetItem(icon, message))
        self._set_summary("The file cannot be read.", note)
        self.open_button.setEnabled(False)

    def lines(self) -> list[str]:
        """The problems as listed (for tests and copying)."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def text(self) -> str:
        return "\n".join([self.summary.text(), *self.lines()])

    def _set_summary(self, counts: str, note: str) -> None:
        self.summary.setText(f"{counts} {note}".strip())

    def _location(self, item: QListWidgetItem | None) -> tuple[int, int] | None:
        if item is None:
            return None
        value = item.data(_LOCATION_ROLE)
        return (int(value[0]), int(value[1])) if isinstance(value, (tuple, list)) else None

    def _on_list_current_changed(self, item: QListWidgetItem | None, _old: object) -> None:
        self.open_button.setEnabled(self._location(item) is not None)

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        where = self._location(item)
        if where is not None:
            self.open_requested.emit(self._path, *where)

    def _on_open_button_clicked(self, _checked: bool = False) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._on_list_item_activated(item)


def _counts(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    parts = [f"{n} {word}{'' if n == 1 else 's'}"
             for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return (" and ".join(parts) + ".") if parts else "No problems."
