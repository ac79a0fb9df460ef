"""File → Export image…: what to export (the view or the whole timeline), at what size, to
which PNG, SVG or PDF file.

The dialog only gathers an :class:`ExportChoice`; :func:`export_choice` turns one into a
file, so both are tested without showing anything modal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from viewer.files.atomic import SameFileError, same_file
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.export import FORMATS, export_canvas
from viewer.qt.plain_text import message
from viewer.qt.settings import Remembered

MIN_SIZE, MAX_SIZE = 16, 20000
FORMAT_TITLES = {"png": "PNG image", "svg": "SVG drawing", "pdf": "PDF document"}


@dataclass(frozen=True)
class ExportChoice:
    """What File → Export image… was asked for."""

    path: Path
    whole: bool = False  # the whole timeline, fitted as Fit all fits it; else the view
    size: tuple[int, int] | None = None  # width × height; None: as on screen


def screen_size(canvas: TimelineCanvas) -> tuple[int, int, float]:
    """The canvas's width and height on screen, and the screen's pixel ratio."""
    return canvas.width(), canvas.height(), canvas.devicePixelRatioF()


def export_choice(canvas: TimelineCanvas, choice: ExportChoice, *,
                  keep: Iterable[str | Path]) -> Path:
    """Write the picture ``choice`` asks for, never over a file in ``keep`` (the events file
    shown); returns its path.

    As on screen, a PNG has the screen's pixels (twice the size at pixel ratio 2); at a
    chosen size it has exactly that many. Raises :class:`viewer.qt.export.ExportError`.
    """
    if choice.size is None:
        width, height, ratio = screen_size(canvas)
    else:
        (width, height), ratio = choice.size, 1.0
    export_canvas(canvas, choice.path, width, height, ratio, whole=choice.whole, keep=keep)
    return choice.path


def with_format(path: Path, fmt: str) -> Path:
    """``path``, ending in ``.fmt`` unless it already ends in a picture format."""
    if path.suffix.lower().lstrip(".") in FORMATS:
        return path
    return path.with_name(path.name + "." + fmt)


class ExportDialog(QDialog):
    """Asks for an :class:`ExportChoice`, starting from what was chosen last time."""

    def __init__(self, canvas: TimelineCanvas, remembered: Remembered, events_path: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export image")
        self.remembered = remembered
        self._confirmed = ""  # a file the save dialog already asked to replace
        self.events_path = events_path  # never written over
        folder = remembered.export_folder
        if not folder or not Path(folder).is_dir():
            folder = str(Path(events_path).parent) if events_path else str(Path.home())
        self._folder = Path(folder)
        stem = Path(events_path).stem if events_path else "timeline"

        self.view = QRadioButton("The &current view")
        self.view.setToolTip("The time span and the lanes as they are on screen now")
        self.whole = QRadioButton("The &whole timeline")
        self.whole.setToolTip("Every event, fitted as View → Fit all fits them, lanes from "
                              "the top; the view on screen stays as it is")
        (self.whole if remembered.export_whole else self.view).setChecked(True)
        what = self._group("What", self.view, self.whole)

        width, height, ratio = screen_size(canvas)
        ratio_text = f"{ratio:g}"
        self.on_screen = QRadioButton(f"As on &screen: {width} × {height} at pixel ratio "
                                      f"{ratio_text}")
        self.on_screen.setToolTip(f"The canvas's size now; a PNG gets the screen's pixels: "
                                  f"{round(width * ratio)} × {round(height * ratio)}")
        self.custom = QRadioButton("C&ustom:")
        self.custom.setToolTip("Lay the timeline out afresh at this width and height")
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        custom_width, custom_height = remembered.export_size
        for box, value, name in ((self.width_box, custom_width, "Width"),
                                 (self.height_box, custom_height, "Height")):
            box.setRange(MIN_SIZE, MAX_SIZE)
            box.setValue(min(max(value, MIN_SIZE), MAX_SIZE))
            box.setSuffix(" px")
            box.setAccessibleName(name)
            box.setToolTip(f"{name} in pixels (SVG and PDF: in 1/96 inch), "
                           f"{MIN_SIZE} to {MAX_SIZE}")
        (self.custom if remembered.export_custom_size else self.on_screen).setChecked(True)
        custom_row = QHBoxLayout()
        custom_row.addWidget(self.custom)
        custom_row.addWidget(self.width_box)
        custom_row.addWidget(QLabel("×"))
        custom_row.addWidget(self.height_box)
        custom_row.addStretch(1)
        size = self._group("Size", self.on_screen, custom_row)

        self.format_box = QComboBox()
        for fmt, title in FORMAT_TITLES.items():
            self.format_box.addItem(f"{title} (.{fmt})", fmt)
        self.format_box.setCurrentIndex(max(self.format_box.findData(remembered.export_format),
                                            0))
        self.format_box.setToolTip("PNG is pixels; SVG and PDF are vector, with the text kept "
                                   "as text (selectable in a PDF)")
        proposed = self._folder / f"{stem}.{self.format()}"
        if same_file(proposed, events_path):
            proposed = proposed.with_name(f"{stem}-export.{self.format()}")
        self.file_edit = QLineEdit(str(proposed))
        self.file_edit.setAccessibleName("File")
        self.file_edit.setToolTip("Where to save it; the suffix chooses the format")
        self.file_edit.setMinimumWidth(380)
        self.browse = QPushButton("&Browse…")
        self.browse.setToolTip("Choose the file in a save dialog")
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("F&ormat:", self.format_box)
        form.addRow("&File:", file_row)
        form_label = form.labelForField(file_row)
        if isinstance(form_label, QLabel):
            form_label.setBuddy(self.file_edit)
        note = QLabel("The filters apply as on screen: filtered-out events are dimmed or "
                      "hidden, as View → Hide filtered-out events says.")
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip("Close without exporting")
        self.export_button = self.buttons.addButton("&Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setToolTip("Write the file")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(size)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

        self.custom.toggled.connect(self._on_custom_toggled)
        self.format_box.activated.connect(self._on_format_box_activated)
        self.file_edit.textChanged.connect(self._on_file_edit_text_changed)
        self.browse.clicked.connect(self.choose_file)
        self._on_custom_toggled(self.custom.isChecked())
        self.setMinimumWidth(560)

    @staticmethod
    def _group(title: str, *rows: QWidget | QHBoxLayout) -> QGroupBox:
        """A titled box of rows; radio buttons in one box exclude each other."""
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        for row in rows:
            if isinstance(row, QHBoxLayout):
                layout.addLayout(row)
            else:
                layout.addWidget(row)
        return box

    # -- what was chosen -------------------------------------------------------------------

    def format(self) -> str:
        data = self.format_box.currentData()
        return data if isinstance(data, str) else "png"

    def path(self) -> Path:
        """The file to write: relative names are in the starting folder, and a name without
        a picture suffix gets the chosen format's."""
        text = self.file_edit.text().strip()
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._folder / path
        return with_format(path, self.format())

    def choice(self) -> ExportChoice:
        size = (self.width_box.value(), self.height_box.value()) if self.custom.isChecked() \
            else None
        return ExportChoice(self.path(), whole=self.whole.isChecked(), size=size)

    def remember(self) -> None:
        r = self.remembered
        r.export_whole = self.whole.isChecked()
        r.export_custom_size = self.custom.isChecked()
        r.export_size = (self.width_box.value(), self.height_box.value())
        r.export_format = self.format()
        r.export_folder = str(self.path().parent)

    def accept(self) -> None:
        path = self.path()
        if same_file(path, self.events_path):
            QMessageBox.warning(self, "Cannot export there", message(str(SameFileError(path))))
            return
        if path.exists() and str(path) != self._confirmed:
            answer = QMessageBox.question(
                self, "Replace the file?", message(f"“{path.name}” already exists in "
                                                   f"{path.parent}. Replace it?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.remember()
        super().accept()

    # -- reactions -------------------------------------------------------------------------

    def choose_file(self) -> None:
        filters = [f"{title} (*.{fmt})" for fmt, title in FORMAT_TITLES.items()]
        chosen = filters[self.format_box.currentIndex()]
        path, picked = QFileDialog.getSaveFileName(self, "Export image to", str(self.path()),
                                                   ";;".join(filters), chosen)
        if not path:
            return
        fmt = list(FORMAT_TITLES)[filters.index(picked)] if picked in filters else self.format()
        final = with_format(Path(path), fmt)
        self._confirmed = path if final == Path(path) else ""
        self.file_edit.setText(str(final))

    def _on_custom_toggled(self, on: bool) -> None:
        self.width_box.setEnabled(on)
        self.height_box.setEnabled(on)

    def _on_format_box_activated(self, index: int) -> None:
        path = Path(self.file_edit.text().strip() or "timeline")
        if path.suffix.lower().lstrip(".") in FORMATS:
            path = path.with_suffix("")
        self.file_edit.setText(str(with_format(path, self.format())))

    def _on_file_edit_text_changed(self, text: str) -> None:
        fmt = Path(text.strip()).suffix.lower().lstrip(".")
        if fmt in FORMATS:
            self.format_box.setCurrentIndex(self.format_box.findData(fmt))
        self.export_button.setEnabled(bool(text.strip()))
